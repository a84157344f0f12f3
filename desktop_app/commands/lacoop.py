"""Command line of La Coop de la médiation numérique: ``export-lacoop`` (the beneficiaries'
file for La Coop's import) and ``import-lacoop`` (its "Activités" or "Bénéficiaires" export)."""

from __future__ import annotations

import argparse
from datetime import date

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
    existing_file,
)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"« {value} » n'est pas une date AAAA-MM-JJ (ex. 2026-09-01)"
        ) from exc


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export-lacoop",
        help="fichier des bénéficiaires pour l'import de La Coop (.xlsx)",
        description="Écrit les personnes accompagnées (notées « Présent » à une séance déjà "
        "passée) dans le modèle d'import des bénéficiaires de La Coop de la médiation numérique "
        "(feuille « Bénéficiaires »).",
    )
    add_db_argument(parser)
    add_out_argument(parser)
    parser.add_argument(
        "--depuis", type=_day, metavar="AAAA-MM-JJ",
        help="seulement les personnes notées « Présent » à une séance passée depuis cette "
        "date (incluse)",
    )
    parser.set_defaults(func=_cmd_export)
    parser = sub.add_parser(
        "import-lacoop",
        help="importer un export « Activités » ou « Bénéficiaires » de La Coop (.xlsx)",
        description="Ajoute à l'historique les activités et les personnes d'un export de La "
        "Coop, sans doublon, et dit pour chaque ligne ce qui en a été fait.",
    )
    parser.add_argument("file", type=existing_file, metavar="FICHIER", help="export .xlsx")
    add_db_argument(parser)
    parser.set_defaults(func=_cmd_import)


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.db import open_database
    from desktop_app.services.lacoop.export import export_beneficiaries

    if args.out.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.out.name} : le fichier doit finir par .xlsx.")
    db = open_database(args.db)
    try:
        with db.session() as session:
            try:
                rows = export_beneficiaries(session, args.out, since=args.depuis)
            except OSError as exc:
                raise CommandError(f"{args.out} : écriture impossible ({exc.strerror}).") from exc
    finally:
        db.close()
    without = sum(1 for r in rows if r.commune and not r.insee)
    since = f" accompagnée(s) depuis le {args.depuis:%d/%m/%Y}" if args.depuis else ""
    print(f"{len(rows)} personne(s){since} écrite(s) dans {args.out}.")
    if without:
        print(f"{without} personne(s) sans code INSEE : la commune est écrite seule.")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.db import open_database
    from desktop_app.services.lacoop.importer import LacoopFileError, import_file

    db = open_database(args.db)
    try:
        try:
            with db.session() as session:
                rep = import_file(session, args.file)
        except LacoopFileError as exc:
            raise CommandError(f"{args.file.name} : {exc} Rien n'a été importé.") from exc
    finally:
        db.close()
    for verdict in rep.lines:
        print(verdict)
    print(rep.summary)
    return 0


def _check_export(ctx: SelfTestContext) -> str:
    from openpyxl import load_workbook

    from desktop_app.services.lacoop.export import export_beneficiaries

    out = ctx.workdir / "lacoop-beneficiaires.xlsx"
    with ctx.db.session() as session:
        rows = export_beneficiaries(session, out)
    ws = load_workbook(out)["Bénéficiaires"]
    if rows and ws.cell(4, 1).value != rows[0].last_name:
        raise RuntimeError("la première personne n'est pas en ligne 4")
    return f"{len(rows)} bénéficiaire(s) dans le modèle d'import de La Coop"


def self_checks() -> list[SelfCheck]:
    return [SelfCheck("Export des bénéficiaires pour La Coop (.xlsx)", _check_export)]
