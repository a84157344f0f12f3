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

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from desktop_app.services.kit.export import export_inventory
from desktop_app.services.kit.loans import get_loan
from desktop_app.services.kit.queries import item_rows, kit_report
from desktop_app.services.progress import Progress
from desktop_app.services.structure import get_structure

# ReportLab loads when a document is printed, not with the tab that offers to print it
if TYPE_CHECKING:
    from desktop_app.documents.kit.labels import Label


class _Database(Protocol):
    def session(self):  # noqa: ANN201 - a context manager yielding a Session
        ...


def labels_for(session: Session, item_ids: list[int] | None = None) -> list[Label]:
    """The labels of the given items, or of every item still in the kit (retired ones left
    out: they are no longer on the shelves)."""
    from desktop_app.documents.kit.labels import Label

    wanted = set(item_ids) if item_ids is not None else None
    return [
        Label(r.inventory_number, r.description or r.category)
        for r in item_rows(session)
        if (wanted is None and not r.retired) or (wanted is not None and r.id in wanted)
    ]


def write_labels(
    db: _Database,
    out: Path,
    item_ids: list[int] | None = None,
    *,
    sheet: str | None = None,
    start: int = 1,
    progress: Progress | None = None,
) -> int:
    """The label sheets of ``item_ids`` (every item still in the kit when None) in the format
    ``sheet`` (``documents.kit.label_sheets.SHEETS``; its ``DEFAULT_SHEET`` when None), from
    position ``start`` of the first sheet;
    returns how many labels. ``progress`` is told after each label;
    ``services.progress.Cancelled`` when the person cancelled."""
    from desktop_app.documents.kit.labels import DEFAULT_SHEET, build_labels

    with db.session() as session:
        labels = labels_for(session, item_ids)
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
