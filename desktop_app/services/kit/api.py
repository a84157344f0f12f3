"""What other areas may ask of the inclusion kit (the only entry point they use).

Contract used by "Ateliers": a workshop session reserves a number of units per category for its
time range. A reservation is identified by a ``source`` string chosen by the caller, such as
``"atelier:42"`` (session id 42); reserving again with the same source replaces it.
Implemented by the kit area.

Functions work inside the caller's session and never commit: the caller's unit of work decides
(so a workshop and its reservation are saved, or not, together). A reservation holds specific
units (one ``KitReservation`` row per unit), so lending one of them during the workshop is refused
with the workshop's name; each reserved unit's history records it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_app.models.kit import KitCategory, KitEvent, KitItem, KitReservation
from desktop_app.services.kit import availability, wording


class KitUnavailableError(ValueError):
    """Raised by ``reserve``; ``str(error)`` is the French message, one line per shortage, e.g.
    "3 tablettes demandées, 2 disponibles le 12/03 de 14:00 à 16:00"."""


def reservable_categories(session: Session) -> list[tuple[int, str]]:
    """(category id, French label) of equipment categories, in display order."""
    rows = session.execute(
        select(KitCategory.id, KitCategory.name)
        .where(KitCategory.kind == "materiel")
        .order_by(KitCategory.position, KitCategory.name)
    ).all()
    return [(row.id, row.name) for row in rows]


def check_reservation(
    session: Session,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    *,
    ignore_source: str | None = None,
) -> list[str]:
    """French messages for each category where fewer units are free than ``wanted`` during
    [start, end) (lent, reserved by an overlapping reservation other than ``ignore_source``,
    broken, under repair or retired). Empty list when everything is available."""
    if end <= start:  # a message rather than an exception: callers show messages as they come
        return ["La fin de la réservation doit être après son début."]
    wanted = {cid: n for cid, n in wanted.items() if n > 0}
    if not wanted:
        return []
    free = availability.free_units(session, start, end, ignore_source=ignore_source)
    categories = {
        c.id: c
        for c in session.scalars(select(KitCategory).where(KitCategory.id.in_(list(wanted))))
    }
    period = availability.period_text(start, end)
    messages = []
    for category_id, count in wanted.items():
        category = categories.get(category_id)
        if category is None:
            messages.append(f"Catégorie de matériel inconnue (n° {category_id}).")
            continue
        available = len(free.get(category_id, []))
        if available < count:
            messages.append(wording.shortage(category, count, available, period))
    return messages


def reserve(
    session: Session,
    source: str,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    label: str,
) -> None:
    """Reserve free units for [start, end), replacing any reservation of ``source``.
    Raises KitUnavailableError (nothing written) when something is missing."""
    messages = check_reservation(session, start, end, wanted, ignore_source=source)
    if messages:
        raise KitUnavailableError("\n".join(messages))
    previous = {
        row.item_id: (row.start, row.end)
        for row in session.execute(
            select(KitReservation.item_id, KitReservation.start, KitReservation.end).where(
                KitReservation.source == source
            )
        )
    }
    free = availability.free_units(session, start, end, ignore_source=source)
    session.execute(delete(KitReservation).where(KitReservation.source == source))
    period = availability.period_text(start, end)
    chosen: set[int] = set()
    for category_id, count in wanted.items():
        if count <= 0:
            continue
        candidates = free.get(category_id, [])
        # keep the units this source already held, so labels stuck on them stay right
        candidates = sorted(candidates, key=lambda i: i not in previous)
        for item_id in candidates[:count]:
            chosen.add(item_id)
            session.add(
                KitReservation(item_id=item_id, source=source, label=label, start=start, end=end)
            )
            if previous.get(item_id) != (start, end):
                session.add(KitEvent(item_id=item_id, kind="reserve", detail=f"{label} — {period}"))
    for item_id in previous.keys() - chosen:
        session.add(KitEvent(item_id=item_id, kind="reservation_annulee", detail=label or source))
    session.flush()


def release(session: Session, source: str) -> None:
    """Cancel the reservation of ``source`` (no error if there is none)."""
    rows = session.execute(
        select(KitReservation.item_id, KitReservation.label).where(KitReservation.source == source)
    ).all()
    if not rows:
        return
    session.execute(delete(KitReservation).where(KitReservation.source == source))
    for item_id, label in rows:
        session.add(KitEvent(item_id=item_id, kind="reservation_annulee", detail=label or source))
    session.flush()


def reserved_for(session: Session, source: str) -> dict[int, int]:
    """category id → number of units reserved by ``source``."""
    rows = session.execute(
        select(KitItem.category_id, func.count(KitReservation.id))
        .join(KitItem, KitItem.id == KitReservation.item_id)
        .where(KitReservation.source == source)
        .group_by(KitItem.category_id)
    ).all()
    return {category_id: count for category_id, count in rows}
