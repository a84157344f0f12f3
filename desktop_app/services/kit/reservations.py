"""Reservations of the kit made from the kit itself (an outside event), and the rules the kit's
pages and the command line apply to a period: one place, so that « Disponibilités », the
« Réserver du matériel » dialog, « Nouveau prêt » and a command refuse the same things with the
same French words.

What is free during a period is decided by ``availability`` and reserving is done by ``api``
(the contract the « Ateliers » tab uses); this module adds what an event's reservation needs
on top: a name, at least one unit, dates that make sense (in the future, within the next two
years, the end after the start), its own ``source``, and that a workshop's reservation is
changed from « Ateliers », not here. The functions work inside the caller's session and never
commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import uuid4

from sqlalchemy.orm import Session

from desktop_app.services.dates import add_months, check_period
from desktop_app.services.kit import api, catalog, queries
from desktop_app.services.kit.catalog import ItemInfo, KitError
from desktop_app.services.kit.queries import ReservationRow

# a period looked at in « Disponibilités » longer than a year is a typing slip (and slow)
MAX_PERIOD_DAYS = 366
# an event is reserved for within the next two years
RESERVE_AHEAD_MONTHS = 24
# « Nouveau prêt » proposes the reservations starting within this many days
COMING_DAYS = 7
# the length of a period when only its start is known
DEFAULT_HOURS = 2

EVENT_PREFIX = "evenement:"
WORKSHOP_PREFIX = "atelier:"


def period_problem(start: datetime, end: datetime) -> str | None:
    """Why [start, end) cannot be looked at in « Disponibilités », in French; None when it
    can."""
    if end <= start:
        return "La fin de la période doit être après son début."
    return check_period(start.date(), end.date(), max_days=MAX_PERIOD_DAYS, what="La période")


def reservable_days(today: date) -> tuple[date, date]:
    """The first and last days an event may be reserved for."""
    return today, add_months(today, RESERVE_AHEAD_MONTHS)


def proposed_period(start: datetime | None, end: datetime | None, now: datetime) -> tuple[
    datetime, datetime
]:
    """The period « Réserver pour un événement » proposes: the one looked at, or from now
    when it could not be read; two hours long when it ends before it starts."""
    if start is None or end is None:
        start = end = now.replace(second=0, microsecond=0)
    if end <= start:
        end = start + timedelta(hours=DEFAULT_HOURS)
    return start, end


def check_event(
    label: str, start: datetime, end: datetime, wanted: Mapping[int, int], *, now: datetime
) -> dict[str, str]:
    """Field → French message for what is wrong in an event's reservation before the kit is
    looked at (``label``, ``start``, ``end``, ``units``); empty when nothing is."""
    errors: dict[str, str] = {}
    if not label.strip():
        errors["label"] = "Indiquez pour quel événement."
    elif len(label.strip()) > 200:
        errors["label"] = "Le nom de l'événement est trop long (200 caractères au plus)."
    first, last = reservable_days(now.date())
    if start.date() < first:
        errors["start"] = "Le début de la réservation est passé : indiquez une date à venir."
    elif start.date() > last:
        errors["start"] = (
            f"Le début de la réservation est dans plus de {RESERVE_AHEAD_MONTHS // 12} ans : "
            "vérifiez la date."
        )
    if end <= start:
        errors["end"] = "La fin de la réservation doit être après son début."
    elif end.date() > last:
        errors["end"] = (
            f"La fin de la réservation est dans plus de {RESERVE_AHEAD_MONTHS // 12} ans : "
            "vérifiez la date."
        )
    if any(n < 0 for n in wanted.values()):
        errors["units"] = "Un nombre d'unités ne peut pas être négatif."
    elif not any(n > 0 for n in wanted.values()):
        errors["units"] = "Indiquez au moins une unité à réserver."
    return errors


def reserve_event(
    session: Session,
    label: str,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    *,
    now: datetime,
    source: str | None = None,
) -> str:
    """Reserve units for an outside event; returns its ``source`` (a new one unless given, to
    change an event's reservation). ``KitError`` with the field in error, nothing written,
    when the request is wrong or a category has fewer free units than wanted."""
    errors = check_event(label, start, end, wanted, now=now)
    if errors:
        raise KitError(next(iter(errors.values())), errors)
    if source is not None and not source.startswith(EVENT_PREFIX):
        raise KitError(workshop_refusal() if is_workshop(source) else "Réservation inconnue.")
    source = source or f"{EVENT_PREFIX}{uuid4().hex[:12]}"
    try:
        api.reserve(
            session, source, start, end, {c: n for c, n in wanted.items() if n > 0}, label.strip()
        )
    except api.KitUnavailableError as exc:
        raise KitError(str(exc), {"units": str(exc)}) from None
    return source


def is_workshop(source: str) -> bool:
    """A workshop's reservation is changed from the « Ateliers » tab, not from the kit."""
    return source.startswith(WORKSHOP_PREFIX)


def workshop_refusal() -> str:
    return (
        "Cette réservation appartient à un atelier : modifiez ou annulez la séance dans "
        "l'onglet « Ateliers »."
    )


def cancel(session: Session, source: str) -> None:
    """Cancel an event's reservation; ``KitError`` for a workshop's (its session holds it)."""
    if is_workshop(source):
        raise KitError(workshop_refusal())
    api.release(session, source)


@dataclass(frozen=True)
class ComingReservation:
    """A reservation a workshop or an event may come to take, for « Nouveau prêt »."""

    source: str
    label: str  # « Atelier tablette — le 12/03/2026 de 14:00 à 16:00 (2 tablettes) »
    name: str  # the borrower's name proposed: the workshop's or event's title
    end: datetime  # the loan's return date proposed
    items: tuple[ItemInfo, ...]


def coming(session: Session, now: datetime, *, days: int = COMING_DAYS) -> list[
    ComingReservation
]:
    """The reservations not over yet that start within ``days`` days, soonest first."""
    rows: list[ReservationRow] = [
        r for r in queries.reservation_rows(session, now) if r.start < now + timedelta(days=days)
    ]
    infos = catalog.get_items(session, [i for r in rows for i in r.item_ids])
    return [
        ComingReservation(
            r.source,
            f"{r.label} — {r.period} ({r.detail})",
            r.label,
            r.end,
            tuple(infos[i] for i in r.item_ids if i in infos),
        )
        for r in rows
    ]
