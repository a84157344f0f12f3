"""Command line of the "Kit d'inclusion" tab and its self-test checks. The documents come from
``services.kit.printing`` (the tab calls the same functions); each is written to a temporary
file renamed once complete.

- ``cnum-biblio pdf inventaire --db PATH --out FILE``: "État du kit";
- ``cnum-biblio pdf etiquettes --db PATH --out FILE [--planche 3x8] [--depart N]
  [--articles CODE,…] [--categorie NOM]``: labels of every item still in the kit, or of the
  items and categories named (``printing.LabelChoice``, the tab's choice too), on the sheet
  chosen, from position N of the first sheet (a sheet already partly used); an unknown number
  or category is named and nothing is written;
- ``cnum-biblio export-inventory --db PATH --out FILE``: the inventory as CSV.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
)
from desktop_app.db import Database
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.kit import printing


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    inventory = pdf_sub.add_parser("inventaire", help="« État du kit » d'inclusion numérique")
    add_db_argument(inventory)
    add_out_argument(inventory)
    inventory.set_defaults(func=_cmd_pdf_inventory)

    labels = pdf_sub.add_parser("etiquettes", help="étiquettes des articles du kit (code-barres)")
    add_db_argument(labels)
    add_out_argument(labels)
    from desktop_app.documents.kit.label_sheets import DEFAULT_SHEET, SHEETS

    labels.add_argument(
        "--planche", choices=sorted(SHEETS), default=DEFAULT_SHEET,
        help="format de la planche : " + " ; ".join(
            f"{key} = {sheet.name}" for key, sheet in sorted(SHEETS.items()))
        + f" (par défaut {DEFAULT_SHEET})")
    labels.add_argument(
        "--depart", type=int, default=1, metavar="N",
        help="position de la première étiquette sur la première planche, de 1 (en haut à "
             "gauche, ligne par ligne) au nombre d'étiquettes de la planche ; pour finir une "
             "planche déjà entamée")
    labels.add_argument(
        "--articles", action="append", default=[], metavar="CODE[,CODE…]",
        help="seulement ces articles, par leur numéro d'inventaire (KIT-0001,KIT-0004 ou "
             "1,4 ; l'option peut être répétée) ; un numéro inconnu est signalé et rien "
             "n'est écrit")
    labels.add_argument(
        "--categorie", action="append", default=[], metavar="NOM",
        help="seulement les articles en service de cette catégorie (« Tablettes », "
             "« tablette » ; l'option peut être répétée, et se combine avec --articles)")
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


def write_kit_status(db: Database, out: Path, now: datetime | None = None) -> None:
    with atomic_path(out) as tmp:
        printing.write_kit_status(db, tmp, now)


def write_labels(db: Database, out: Path, item_ids: list[int] | None = None, *,
                 choice: printing.LabelChoice | None = None,
                 sheet: str | None = None, start: int = 1) -> int:
    """Labels of the given items (or ``choice``), or of every item still in the kit; returns
    how many. A choice naming an unknown number or category is refused before ``out`` is
    touched (an existing file keeps its content)."""
    if choice is not None:
        printing.count_labels(db, choice)
    with atomic_path(out) as tmp:
        return printing.write_labels(db, tmp, item_ids, choice=choice, sheet=sheet, start=start)


def write_inventory_csv(db: Database, out: Path) -> int:
    with atomic_path(out) as tmp:
        return printing.write_inventory_csv(db, tmp)


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
    from desktop_app.documents.kit.label_sheets import SHEETS, check_start

    _check_out(args.out, ".pdf")
    problem = check_start(SHEETS[args.planche], args.depart)
    if problem is not None:
        raise CommandError(f"--depart {args.depart} : {problem}")
    choice = printing.LabelChoice(
        numbers=",".join(args.articles), categories=tuple(args.categorie)
    )
    if args.articles and not printing.split_numbers(choice.numbers):
        raise CommandError("--articles : indiquez au moins un numéro d'inventaire (KIT-0001)")
    db = _open(args.db)
    try:
        count = write_labels(db, args.out, choice=choice, sheet=args.planche, start=args.depart)
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
    from desktop_app.services.kit.loans import loan_rows

    with ctx.db.session() as session:
        rows = loan_rows(session, now=datetime.now(), open_only=True)
    if not rows:
        raise RuntimeError("aucun prêt en cours dans les données de démonstration")
    out = ctx.workdir / "fiche-de-pret.pdf"
    with atomic_path(out) as tmp:
        printing.write_loan_sheet(ctx.db, tmp, rows[0].id)
    return f"prêt n° {rows[0].id}, {out.stat().st_size // 1024} Ko"


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
