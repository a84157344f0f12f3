"""The ``cnum-biblio`` command: starts the application, or runs the same services headless.

Errors on the command line are one French line on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import APP_NAME, __version__
from desktop_app.cli_parser import FrenchArgumentParser
from desktop_app.commands import (
    CommandError,
    add_db_argument,
    add_out_argument,
    area_modules,
)

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {value} » n'est pas un nombre entier") from None
    if number < 1:
        raise argparse.ArgumentTypeError("le nombre doit être au moins 1")
    return number


def build_parser() -> FrenchArgumentParser:
    parser = FrenchArgumentParser(
        prog="cnum-biblio",
        description=f"{APP_NAME} — le dispositif Conseiller numérique pour les bibliothèques.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, metavar="CHEMIN", help="ouvrir ce fichier de base")
    where.add_argument("--demo", action="store_true", help="ouvrir la base de démonstration")
    parser.add_argument("--version", action="store_true", help="afficher la version")
    parser.add_argument(
        "--self-test", action="store_true", help="vérifier l'installation sans écran, puis quitter"
    )
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
    from desktop_app.services.demo import seed_demo

    path: Path = args.db
    if path.exists() and path.stat().st_size > 0:
        raise CommandError(
            f"le fichier « {path} » existe déjà ; choisissez un nouveau fichier pour la démonstration"
        )
    db = _open(path)
    try:
        seed_demo(db, scale=args.scale)
    finally:
        db.close()
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"{APP_NAME} {__version__}")
        return EXIT_OK
    if args.self_test:
        from desktop_app.selftest import run_self_test

        return run_self_test()
    if args.command:
        return run_command(args)
    from desktop_app.app import run_gui

    return run_gui(db_path=args.db, demo=args.demo)


def run_command(args: argparse.Namespace) -> int:
    from desktop_app.backups import BackupError
    from desktop_app.db import DatabaseOpenError

    try:
        return int(args.func(args))
    except (CommandError, DatabaseOpenError, BackupError, ValueError) as exc:
        print(f"cnum-biblio : {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"cnum-biblio : {_os_error_message(exc)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("cnum-biblio : interrompu", file=sys.stderr)
    return EXIT_FAIL


def _os_error_message(exc: OSError) -> str:
    from desktop_app.errors import describe_os_error

    return describe_os_error(exc)


if __name__ == "__main__":
    sys.exit(main())
