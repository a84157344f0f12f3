"""Who holds what, and when: the single place that decides whether a unit is free.

A unit is busy during a period [start, end) when
- it is lent: a loan item not returned, from the loan's start until its due date (an overdue loan
  keeps the unit busy for any period, since nobody knows when it will come back), or a returned
  loan item for the time it was out (so a past period shows what was lent then);
- it is reserved by a reservation overlapping the period (other than ``ignore_source``);
- it is broken ("En panne", until it is marked repaired) or retired ("Réformé"), whatever the period.

Loans and reservations are read with a few set-based queries (no query per item), so the tab and
the workshop planner stay fast with thousands of items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop_app.models.kit import KitCategory, KitItem, KitLoan, KitLoanItem, KitReservation
from desktop_app.services import formatting as fmt

# states of an item for a period, with their French label
STATES = {
    "disponible": "Disponible",
    "prete": "Prêté",
    "reserve": "Réservé",
    "panne": "En panne",
    "reforme": "Réformé",
}


@dataclass(frozen=True)
class Busy:
    """Why a unit is not free during a period."""

    state: str  # "prete" or "reserve"
    detail: str  # French: "prêté à Mme Dupont jusqu'au 12/03/2026", "réservé : Atelier…"
    source: str = ""


def period_text(start: datetime, end: datetime, *, year: bool | None = None,
                today: date | None = None) -> str:
    """ "le 12/03 de 14:00 à 16:00", or "du 12/03 à 14:00 au 13/03 à 10:00"; with ``year``
    "le 12/03/2026 …" (lists that span several years must say which). By default the year is
    written when the period is not within this year: « le 05/01 » read in December is
    ambiguous."""
    if year is None:
        this_year = (today or date.today()).year
        year = start.year != this_year or end.year != this_year
    day = "%d/%m/%Y" if year else "%d/%m"
    if start.date() == end.date():
        return f"le {start.strftime(day)} de {fmt.time_short(start)} à {fmt.time_short(end)}"
    return (
        f"du {start.strftime(day)} à {fmt.time_short(start)} "
        f"au {end.strftime(day)} à {fmt.time_short(end)}"
    )


def loan_busy(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
    item_ids: list[int] | None = None,
) -> dict[int, Busy]:
    """item id → Busy for units lent during [start, end)."""
    now = now or datetime.now()
    open_overlap = and_(
        KitLoanItem.returned_at.is_(None),
        or_(KitLoan.due > start, KitLoan.due <= now),
    )
    closed_overlap = and_(KitLoanItem.returned_at.is_not(None), KitLoanItem.returned_at > start)
    stmt = (
        select(KitLoanItem.item_id, KitLoan.borrower_name, KitLoan.due, KitLoanItem.returned_at)
        .join(KitLoan, KitLoan.id == KitLoanItem.loan_id)
        .where(KitLoan.start < end, or_(open_overlap, closed_overlap))
    )
    if item_ids is not None:
        stmt = stmt.where(KitLoanItem.item_id.in_(item_ids))
    result: dict[int, Busy] = {}
    for item_id, name, due, returned_at in session.execute(stmt):
        if returned_at is None:
            late = " (en retard)" if due < now else ""
            detail = f"prêté à {name} jusqu'au {fmt.date_short(due)}{late}"
        else:
            detail = f"prêté à {name}, rendu le {fmt.date_short(returned_at)}"
        result[item_id] = Busy("prete", detail)
    return result


def reservation_busy(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    ignore_source: str | None = None,
    item_ids: list[int] | None = None,
) -> dict[int, Busy]:
    """item id → Busy for units reserved by a reservation overlapping [start, end)."""
    stmt = select(
        KitReservation.item_id,
        KitReservation.label,
        KitReservation.start,
        KitReservation.end,
        KitReservation.source,
    ).where(KitReservation.start < end, KitReservation.end > start)
    if ignore_source is not None:
        stmt = stmt.where(KitReservation.source != ignore_source)
    if item_ids is not None:
        stmt = stmt.where(KitReservation.item_id.in_(item_ids))
    result: dict[int, Busy] = {}
    for item_id, label, r_start, r_end, source in session.execute(
        stmt.order_by(KitReservation.start)
    ):
        if item_id not in result:
            result[item_id] = Busy(
                "reserve", f"réservé pour « {label} » {period_text(r_start, r_end)}", source
            )
    return result


def busy_items(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    ignore_source: str | None = None,
    now: datetime | None = None,
    item_ids: list[int] | None = None,
) -> dict[int, Busy]:
    """Loans first (a lent unit is lent, even if also reserved), then reservations."""
    busy = reservation_busy(session, start, end, ignore_source=ignore_source, item_ids=item_ids)
    busy.update(loan_busy(session, start, end, now=now, item_ids=item_ids))
    return busy


def item_state(condition: str, busy: Busy | None) -> str:
    if condition == "reforme":
        return "reforme"
    if condition == "en_panne":
        return "panne"
    return busy.state if busy else "disponible"


def free_units(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    ignore_source: str | None = None,
    now: datetime | None = None,
) -> dict[int, list[int]]:
    """equipment category id → ids of its free units during [start, end), best first (newest
    condition, then inventory number)."""
    busy = busy_items(session, start, end, ignore_source=ignore_source, now=now)
    rows = session.execute(
        select(KitItem.id, KitItem.category_id, KitItem.condition, KitItem.inventory_number)
        .join(KitCategory, KitCategory.id == KitItem.category_id)
        .where(KitCategory.kind == "materiel", KitItem.condition.in_(("neuf", "bon", "use")))
    ).all()
    order = {"neuf": 0, "bon": 1, "use": 2}
    rows.sort(key=lambda r: (order[r.condition], r.inventory_number))
    free: dict[int, list[int]] = {}
    for item_id, category_id, _condition, _number in rows:
        if item_id not in busy:
            free.setdefault(category_id, []).append(item_id)
    return free
