"""The ``cnum-biblio`` command: starts the application, or runs the same services headless.

Errors on the command line are one French line on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from desktop_app import APP_NAME, __version__
from desktop_app.cli_parser import FrenchArgumentParser
from desktop_app.commands import CommandError, add_db_argument, add_out_argument

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {value} » n'est pas un nombre entier") from None
    if number < 1:
        raise argparse.ArgumentTypeError("le nombre doit être au moins 1")
    return number


def _add_top_level_options(parser: FrenchArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, metavar="CHEMIN", help="ouvrir ce fichier de base")
    where.add_argument("--demo", action="store_true", help="ouvrir la base de démonstration")
    parser.add_argument("--version", action="store_true", help="afficher la version")
    parser.add_argument(
        "--self-test", action="store_true", help="vérifier l'installation sans écran, puis quitter"
    )


def _plain_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the application (no command, no help), read without
    building every command's parser — which imports every area and ReportLab, a noticeable
    part of the start-up on an old PC. None when the full parser is needed."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    light = FrenchArgumentParser(prog="cnum-biblio", add_help=False)
    _add_top_level_options(light)
    args, rest = light.parse_known_args(list(argv))
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> FrenchArgumentParser:
    from desktop_app.commands import area_modules

    parser = FrenchArgumentParser(
        prog="cnum-biblio",
        description=f"{APP_NAME} — le dispositif Conseiller numérique pour les bibliothèques.",
    )
    _add_top_level_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)

    demo = sub.add_parser("demo", help="remplir une base avec des données d'exemple")
    demo.add_argument("--db", type=Path, required=True, metavar="CHEMIN", default=argparse.SUPPRESS)
    demo.add_argument("--scale", type=_positive_int, default=1, metavar="N")
    demo.set_defaults(func=_cmd_demo)

    check = sub.add_parser("check", help="vérifier l'intégrité d'une base et compter ses données")
    add_db_argument(check)
    check.set_defaults(func=_cmd_check)

    backup = sub.add_parser("backup", help="faire une copie de sauvegarde vérifiée")
    add_db_argument(backup)
    backup.add_argument("--to", type=Path, metavar="DOSSIER", help="dossier de destination")
    backup.set_defaults(func=_cmd_backup)

    venue = sub.add_parser(
        "export-lieu",
        help="fiche du lieu au standard national des lieux de médiation numérique (CSV)",
    )
    add_db_argument(venue)
    add_out_argument(venue)
    venue.set_defaults(func=_cmd_export_venue)

    pdf = sub.add_parser("pdf", help="produire un document PDF")
    pdf_sub = pdf.add_subparsers(
        dest="document", metavar="DOCUMENT", required=True, parser_class=FrenchArgumentParser
    )
    for module in area_modules():
        module.register(sub, pdf_sub)
    return parser


def _open(path: Path):  # noqa: ANN202 - returns desktop_app.db.Database
    from desktop_app.db import open_database

    return open_database(path)


def _cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import DemoExistsError, create_demo_database

    path: Path = args.db
    try:
        create_demo_database(path, scale=args.scale)
    except DemoExistsError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Base de démonstration créée : {path}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from desktop_app.services.integrity import check_database

    db = _open(args.db)
    try:
        report = check_database(db)
    finally:
        db.close()
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_FAIL


def _cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.backups import make_backup

    db = _open(args.db)
    db.close()
    print(make_backup(args.db, args.to))
    return EXIT_OK


def _cmd_export_venue(args: argparse.Namespace) -> int:
    from desktop_app.services.mednum import write_venue_csv
    from desktop_app.services.structure import get_structure

    db = _open(args.db)
    try:
        with db.session() as session:
            info = get_structure(session)
    finally:
        db.close()
    print(write_venue_csv(info, args.out))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _plain_start(argv) or build_parser().parse_args(argv)
    if args.version:
        print(f"{APP_NAME} {__version__}")
        return EXIT_OK
    if args.self_test:
        from desktop_app.selftest import run_self_test

        return _guarded(lambda: run_self_test())
    if args.command:
        return run_command(args)
    from desktop_app import startup_gc

    startup_gc.pause()  # until the splash is dismissed (see startup_gc)
    from desktop_app.system_check import require_gui_libraries

    require_gui_libraries()  # before Qt loads: a missing libGL is named, not a traceback
    from desktop_app.app import run_gui

    return run_gui(db_path=args.db, demo=args.demo)


def run_command(args: argparse.Namespace) -> int:
    return _guarded(lambda: int(args.func(args)))


def _guarded(action: Callable[[], int]) -> int:
    """Run one command; every failure becomes one French line on stderr and exit code 1.

    This is the one place where the command line turns errors into messages: the commands
    raise, they never print errors themselves. Details go to the command line's log file.
    """
    _setup_logging()
    try:
        code = action()
        sys.stdout.flush()  # a pipe closed early (``| head``) is met here, not at exit
        return code
    except BrokenPipeError:
        # the reader stopped reading (``cnum-biblio check | head -1``): nothing to say, and
        # what is left in the buffer goes nowhere instead of a message at exit
        with suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("cnum-biblio : interrompu", file=sys.stderr)
    except BaseException as exc:  # noqa: BLE001 - the whole point: no traceback on the console
        if isinstance(exc, SystemExit):
            raise
        print(f"cnum-biblio : {error_line(exc)}", file=sys.stderr)
    return EXIT_FAIL


def error_line(exc: BaseException) -> str:
    """The French line for any failure of a command (unexpected ones are logged in full)."""
    from desktop_app.errors import describe_user_error

    if isinstance(exc, CommandError | ValueError):
        return _one_line(str(exc))
    message = describe_user_error(exc)
    if message is not None:
        return _one_line(message)
    logging.getLogger(__name__).error("Erreur inattendue", exc_info=exc)
    detail = f" ; détails dans {_log_file}" if _log_file else ""
    return _one_line(f"erreur inattendue ({type(exc).__name__} : {exc}){detail}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_log_file: Path | None = None


def _setup_logging() -> None:
    """Warnings and errors to a log file in the data folder, never to the console (where they
    would print a traceback); nowhere when the data folder cannot be written."""
    global _log_file
    root = logging.getLogger()
    if any(getattr(h, "_cnum_cli", False) for h in root.handlers):
        return
    handler: logging.Handler
    try:
        from desktop_app.paths import PrivateLogFormatter, logs_dir, make_private, purge_old_logs

        purge_old_logs(logs_dir())
        path = logs_dir() / "cnum-biblio-ligne-de-commande.log"
        path.touch(mode=0o600)
        make_private(path)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(PrivateLogFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        _log_file = path
    except OSError:
        handler = logging.NullHandler()
    handler.setLevel(logging.WARNING)
    handler._cnum_cli = True  # type: ignore[attr-defined]
    root.addHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
