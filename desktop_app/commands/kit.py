"""Command line of the "Kit d'inclusion" tab and its self-test checks.

- ``cnum-biblio pdf inventaire --db PATH --out FILE``: "État du kit";
- ``cnum-biblio pdf etiquettes --db PATH --out FILE``: labels of every item still in the kit;
- ``cnum-biblio export-inventory --db PATH --out FILE``: the inventory as CSV.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
)
from desktop_app.db import Database


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    inventory = pdf_sub.add_parser("inventaire", help="« État du kit » d'inclusion numérique")
    add_db_argument(inventory)
    add_out_argument(inventory)
    inventory.set_defaults(func=_cmd_pdf_inventory)

    labels = pdf_sub.add_parser("etiquettes", help="étiquettes des articles du kit (code-barres)")
    add_db_argument(labels)
    add_out_argument(labels)
    labels.set_defaults(func=_cmd_pdf_labels)

    export = sub.add_parser("export-inventory", help="exporter l'inventaire du kit en CSV")
    add_db_argument(export)
    add_out_argument(export)
    export.set_defaults(func=_cmd_export_inventory)


def _open(path: Path) -> Database:
    from desktop_app.db import open_database

    return open_database(path)


def _check_out(out: Path, suffix: str) -> None:
    if out.suffix.lower() != suffix:
        raise CommandError(f"le fichier de sortie doit se terminer par « {suffix} » : {out}")
    if not out.parent.exists():
        raise CommandError(f"le dossier « {out.parent} » n'existe pas")


def write_kit_status(db: Database, out: Path, today: date | None = None) -> None:
    from desktop_app.documents.kit.kit_status import build_kit_status
    from desktop_app.services.kit.queries import kit_report
    from desktop_app.services.structure import get_structure

    with db.session() as session:
        report = kit_report(session)
        structure = get_structure(session)
    build_kit_status(out, report, structure, today or date.today())


def labels_for(db: Database, item_ids: list[int] | None = None):  # noqa: ANN201
    """(labels, structure): the given items, or every item still in the kit."""
    from desktop_app.documents.kit.labels import Label
    from desktop_app.services.kit.queries import item_rows
    from desktop_app.services.structure import get_structure

    with db.session() as session:
        rows = item_rows(session)
        structure = get_structure(session)
    wanted = set(item_ids) if item_ids is not None else None
    labels = [
        Label(r.inventory_number, r.description or r.category)
        for r in rows
        if (wanted is None and not r.retired) or (wanted is not None and r.id in wanted)
    ]
    return labels, structure


def write_labels(db: Database, out: Path, item_ids: list[int] | None = None) -> int:
    """Labels of the given items, or of every item still in the kit; returns how many."""
    from desktop_app.documents.kit.labels import build_labels

    labels, structure = labels_for(db, item_ids)
    build_labels(out, labels, structure)
    return len(labels)


def write_inventory_csv(db: Database, out: Path) -> int:
    from desktop_app.services.kit.export import export_inventory

    with db.session() as session:
        return export_inventory(session, out)


def _cmd_pdf_inventory(args: argparse.Namespace) -> int:
    _check_out(args.out, ".pdf")
    db = _open(args.db)
    try:
        write_kit_status(db, args.out)
    finally:
        db.close()
    print(f"État du kit enregistré : {args.out}")
    return 0


def _cmd_pdf_labels(args: argparse.Namespace) -> int:
    _check_out(args.out, ".pdf")
    db = _open(args.db)
    try:
        count = write_labels(db, args.out)
    finally:
        db.close()
    print(
        f"{count} étiquette{'s' if count > 1 else ''} enregistrée{'s' if count > 1 else ''} : "
        f"{args.out}"
    )
    return 0


def _cmd_export_inventory(args: argparse.Namespace) -> int:
    _check_out(args.out, ".csv")
    db = _open(args.db)
    try:
        count = write_inventory_csv(db, args.out)
    finally:
        db.close()
    print(f"Inventaire exporté ({count} article{'s' if count > 1 else ''}) : {args.out}")
    return 0


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise RuntimeError(f"{path.name} n'est pas un PDF")
    return max(data.count(b"/Type /Page\n"), data.count(b"/Type /Page ")) or 1


def _check_status(ctx: SelfTestContext) -> str:
    out = ctx.workdir / "etat-du-kit.pdf"
    write_kit_status(ctx.db, out)
    return f"{out.name}, {out.stat().st_size // 1024} Ko"


def _check_labels(ctx: SelfTestContext) -> str:
    out = ctx.workdir / "etiquettes-kit.pdf"
    count = write_labels(ctx.db, out)
    if count == 0:
        raise RuntimeError("aucune étiquette produite")
    return f"{count} étiquettes, {out.stat().st_size // 1024} Ko"


def _check_loan_sheet(ctx: SelfTestContext) -> str:
    from desktop_app.documents.kit.loan_sheet import build_loan_sheet
    from desktop_app.services.kit.loans import get_loan, loan_rows
    from desktop_app.services.structure import get_structure

    with ctx.db.session() as session:
        rows = loan_rows(session, now=datetime.now(), open_only=True)
        if not rows:
            raise RuntimeError("aucun prêt en cours dans les données de démonstration")
        loan = get_loan(session, rows[0].id)
        structure = get_structure(session)
    out = ctx.workdir / "fiche-de-pret.pdf"
    build_loan_sheet(out, loan, structure, date.today())
    return f"prêt n° {loan.id}, {out.stat().st_size // 1024} Ko"


def _check_export(ctx: SelfTestContext) -> str:
    out = ctx.workdir / "inventaire-kit.csv"
    count = write_inventory_csv(ctx.db, out)
    if not out.read_bytes().startswith(b"\xef\xbb\xbf"):
        raise RuntimeError("le fichier CSV n'a pas de BOM UTF-8")
    return f"{count} articles"


def self_checks() -> list[SelfCheck]:
    return [
        SelfCheck("Kit : « État du kit » (PDF)", _check_status),
        SelfCheck("Kit : « Étiquettes » (PDF)", _check_labels),
        SelfCheck("Kit : « Fiche de prêt » (PDF)", _check_loan_sheet),
        SelfCheck("Kit : export de l'inventaire (CSV)", _check_export),
    ]
