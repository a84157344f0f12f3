"""The kit's documents and export: read what each one shows, then hand plain data to
``documents/kit``.

Why one module: the tab (through the operation runner, on a worker thread) and the command line
print the same documents. Both call these functions, each of which opens its own unit of work on
the database it is given, so no ORM object or session crosses a thread and the drawing code
receives plain data classes only.

The functions write to the path they are given; the callers make that path a temporary file
renamed once complete (``views.common.files`` in the GUI, ``atomic_path`` on the command line),
so a cancelled or failed document never leaves half a file under its final name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from desktop_app.services.kit.catalog import KitError, list_categories, normalise_number
from desktop_app.services.kit.export import export_inventory
from desktop_app.services.kit.loans import get_loan
from desktop_app.services.kit.queries import ItemRow, item_rows, kit_report
from desktop_app.services.progress import Progress
from desktop_app.services.structure import get_structure
from desktop_app.services.text import fold

# ReportLab loads when a document is printed, not with the tab that offers to print it
if TYPE_CHECKING:
    from desktop_app.documents.kit.labels import Label


class _Database(Protocol):
    def session(self):  # noqa: ANN201 - a context manager yielding a Session
        ...


@dataclass(frozen=True)
class LabelChoice:
    """Which items get a label. Nothing chosen: every item still in the kit. Otherwise the
    items chosen in the list (``item_ids``), the inventory numbers typed or scanned
    (``numbers``: « KIT-0001, KIT-0004 », « 1 4 », one a line…) and the items in service of
    the ``categories`` named (a name in any case, with or without its accents, or an id),
    together, each once, in inventory order. The tab and the command line choose the same
    way: ``label_rows`` is the one reading of the choice."""

    item_ids: tuple[int, ...] = ()
    numbers: str = ""
    categories: tuple[str | int, ...] = ()

    @property
    def whole_kit(self) -> bool:
        return not (self.item_ids or self.numbers.strip() or self.categories)


def split_numbers(text: str) -> list[str]:
    """The inventory numbers of a text as a person or a scanner types them: separated by
    commas, semicolons, spaces or lines, each once, in the order typed."""
    seen: list[str] = []
    for part in re.split(r"[\s,;]+", text):
        if part and part not in seen:
            seen.append(part)
    return seen


def _quoted(values: list[str]) -> str:
    return ", ".join(f"« {v} »" for v in values)


def label_rows(session: Session, choice: LabelChoice | None = None) -> list[ItemRow]:
    """The items ``choice`` names, as ``item_rows`` reads them; ``KitError`` (under the field
    ``numbers`` or ``categories``) naming every number or category not found, or a choice
    that leaves nothing to print."""
    choice = choice or LabelChoice()
    rows = item_rows(session)
    if choice.whole_kit:
        return [r for r in rows if not r.retired]
    errors: dict[str, str] = {}
    wanted: set[int] = set(choice.item_ids)
    typed = split_numbers(choice.numbers)
    if choice.numbers and not typed:
        errors["numbers"] = "Indiquez au moins un numéro d'inventaire (par exemple KIT-0001)."
    by_number = {r.inventory_number: r.id for r in rows}
    unknown = []
    for text in typed:
        item_id = by_number.get(normalise_number(text))
        if item_id is None:
            unknown.append(text)
        else:
            wanted.add(item_id)
    if unknown:
        errors["numbers"] = (
            f"Numéro{'s' if len(unknown) > 1 else ''} d'inventaire inconnu"
            f"{'s' if len(unknown) > 1 else ''} : {_quoted(unknown)}. Aucune étiquette n'est "
            "imprimée : corrigez ou retirez "
            f"{'ces numéros' if len(unknown) > 1 else 'ce numéro'}."
        )
    categories = list_categories(session)
    by_name = {fold(c.name): c for c in categories} | {fold(c.singular): c for c in categories}
    by_id = {c.id: c for c in categories}
    chosen_categories: set[int] = set()
    missing: list[str] = []
    for name in choice.categories:
        category = by_id.get(name) if isinstance(name, int) else by_name.get(fold(name.strip()))
        if category is None:
            missing.append(str(name))
        else:
            chosen_categories.add(category.id)
    if missing:
        errors["categories"] = (
            f"Catégorie{'s' if len(missing) > 1 else ''} inconnue"
            f"{'s' if len(missing) > 1 else ''} : {_quoted(missing)}. Catégories du kit : "
            + ", ".join(c.name for c in categories) + "."
        )
    if errors:
        raise KitError(" ".join(errors.values()), errors)
    empty = [
        by_id[c].name
        for c in chosen_categories
        if not any(r.category_id == c and not r.retired for r in rows)
    ]
    if empty:
        errors["categories"] = (
            f"Aucun article en service dans {_quoted(sorted(empty))} : rien à étiqueter."
        )
        raise KitError(errors["categories"], errors)
    return [
        r
        for r in rows
        if r.id in wanted or (r.category_id in chosen_categories and not r.retired)
    ]


def labels_for(session: Session, item_ids: list[int] | None = None) -> list[Label]:
    """The labels of the given items, or of every item still in the kit (retired ones left
    out: they are no longer on the shelves)."""
    choice = LabelChoice() if item_ids is None else LabelChoice(item_ids=tuple(item_ids))
    if item_ids is not None and not item_ids:
        return []
    return _labels(label_rows(session, choice))


def _labels(rows: list[ItemRow]) -> list[Label]:
    from desktop_app.documents.kit.labels import Label

    return [Label(r.inventory_number, r.description or r.category) for r in rows]


def count_labels(db: _Database, choice: LabelChoice) -> int:
    """How many labels ``choice`` prints; ``KitError`` as ``label_rows`` says."""
    with db.session() as session:
        return len(label_rows(session, choice))


def write_labels(
    db: _Database,
    out: Path,
    item_ids: list[int] | None = None,
    *,
    choice: LabelChoice | None = None,
    sheet: str | None = None,
    start: int = 1,
    progress: Progress | None = None,
) -> int:
    """The label sheets of ``choice`` (or of ``item_ids``; every item still in the kit when
    neither is given) in the format ``sheet`` (``documents.kit.label_sheets.SHEETS``; its
    ``DEFAULT_SHEET`` when None), from position ``start`` of the first sheet; returns how many
    labels. ``KitError`` before anything is drawn when the choice names an unknown number or
    category. ``progress`` is told after each label; ``services.progress.Cancelled`` when the
    person cancelled."""
    from desktop_app.documents.kit.labels import DEFAULT_SHEET, build_labels

    with db.session() as session:
        labels = labels_for(session, item_ids) if choice is None else _labels(
            label_rows(session, choice)
        )
        structure = get_structure(session)
    build_labels(out, labels, structure, sheet=sheet or DEFAULT_SHEET, start=start,
                 progress=progress)
    return len(labels)


def write_kit_status(db: _Database, out: Path, now: datetime | None = None) -> None:
    """ "État du kit" at ``now``: equipment by category and condition, loans out, stock to
    order."""
    from desktop_app.documents.kit.kit_status import build_kit_status

    now = now or datetime.now()
    with db.session() as session:
        report = kit_report(session, now=now)
        structure = get_structure(session)
    build_kit_status(out, report, structure, now.date())


def write_loan_sheet(db: _Database, out: Path, loan_id: int, today: date | None = None) -> None:
    """The "Fiche de prêt" of one loan, to be signed by the borrower."""
    from desktop_app.documents.kit.loan_sheet import build_loan_sheet

    with db.session() as session:
        loan = get_loan(session, loan_id)
        structure = get_structure(session)
    build_loan_sheet(out, loan, structure, today or date.today())


def write_inventory_csv(db: _Database, out: Path, now: datetime | None = None) -> int:
    """The inventory as CSV (retired items included); returns the number of items."""
    with db.session() as session:
        return export_inventory(session, out, now=now)
