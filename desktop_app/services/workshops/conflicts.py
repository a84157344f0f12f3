"""What clashes with a session, and what only deserves a warning.

Refused (``ConflictError``): the same conseiller already busy at that time, or the same room
already taken (an overlapping session that is not cancelled), kit units asked for that are not
free (the kit area says why: lent, reserved by an overlapping session, under repair…).
Warned but allowed (``WarningsNotAccepted`` until confirmed): a public holiday, a session at the
library outside its opening hours, a training day of that session's conseiller.

A session's conseiller is a recruited conseiller (their profile), a named mediator, or nobody
named (« Conseiller non précisé »): two sessions clash only when they name the same one
(``conseiller_key``). Sessions that name nobody never clash on the conseiller: "not said" is not
one person, and a structure with several conseillers that did not name them would otherwise be
refused every second session at the same hour (their room still clashes). Two conseillers may
work at the same time, in two rooms.

The kit area (``services.kit.api``) is reached only through the helpers below; they treat a kit
area that is not implemented yet as "no kit to reserve".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import SESSION_KINDS, WorkshopSession
from desktop_app.services import opening_hours
from desktop_app.services.formatting import date_full, date_short, time_short
from desktop_app.services.text import fold
from desktop_app.services.workshops import ConflictError
from desktop_app.services.workshops import calendar as cal

# A session never lasts longer than this (checked in ``sessions.validate``): overlapping
# sessions are looked for in a window this wide before the start, so the query stays indexed.
MAX_DURATION_MIN = 12 * 60


def kit_source(session_id: int) -> str:
    return f"atelier:{session_id}"


# -- the kit area, guarded until it is implemented ---------------------------------------------
def kit_categories(session: Session) -> list[tuple[int, str]]:
    """(category id, label) of reservable kit categories; empty when the kit area is absent."""
    from desktop_app.services.kit import api

    try:
        return list(api.reservable_categories(session))
    except NotImplementedError:
        return []


def kit_problems(
    session: Session,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    source: str | None,
) -> list[str]:
    wanted = {k: v for k, v in wanted.items() if v > 0}
    if not wanted:
        return []
    from desktop_app.services.kit import api

    try:
        return list(api.check_reservation(session, start, end, wanted, ignore_source=source))
    except NotImplementedError:
        return []


def kit_reserve(
    session: Session,
    source: str,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    label: str,
) -> None:
    """Reserve (or release when nothing is wanted); a shortage becomes a ``ConflictError``."""
    from desktop_app.services.kit import api

    wanted = {k: v for k, v in wanted.items() if v > 0}
    try:
        if wanted:
            api.reserve(session, source, start, end, wanted, label)
        else:
            api.release(session, source)
    except NotImplementedError:
        return
    except api.KitUnavailableError as exc:
        raise ConflictError([line for line in str(exc).splitlines() if line.strip()]) from exc


def kit_release(session: Session, source: str) -> None:
    from desktop_app.services.kit import api

    try:
        api.release(session, source)
    except NotImplementedError:
        return


def kit_reserved(session: Session, source: str) -> dict[int, int]:
    from desktop_app.services.kit import api

    try:
        return dict(api.reserved_for(session, source))
    except NotImplementedError:
        return {}


# -- the conseiller's own time and the rooms --------------------------------------------------
def conseiller_key(profile_id: int | None, name: str) -> str:
    """Who holds a session: the profile, else the mediator's name (accents and case ignored),
    else "" (nobody named: the planner's and the reports' « Conseiller non précisé », which
    ``busy_conflicts`` never takes for a person)."""
    if profile_id:
        return f"profil:{profile_id}"
    return f"nom:{' '.join(fold(name).split())}" if name.strip() else ""


def busy_conflicts(
    session: Session,
    start: datetime,
    end: datetime,
    exclude_ids: Iterable[int] = (),
    *,
    conseiller_profile_id: int | None = None,
    conseiller_name: str = "",
    room: str = "",
) -> list[str]:
    """One French sentence per session (not cancelled) overlapping [start, end) that names the
    same conseiller, or takes the same room. A session naming no conseiller is checked on its
    room only."""
    excluded = set(exclude_ids)
    who = conseiller_key(conseiller_profile_id, conseiller_name)
    where = _room_key(room)
    rows = session.execute(
        select(
            WorkshopSession.id,
            WorkshopSession.kind,
            WorkshopSession.title,
            WorkshopSession.start,
            WorkshopSession.duration_min,
            WorkshopSession.conseiller_profile_id,
            WorkshopSession.conseiller_name,
            WorkshopSession.room,
        )
        .where(
            WorkshopSession.status != "annule",
            WorkshopSession.start < end,
            WorkshopSession.start > start - timedelta(minutes=MAX_DURATION_MIN),
        )
        .order_by(WorkshopSession.start)
    ).all()
    messages = []
    for sid, kind, title, other_start, duration, pid, name, other_room in rows:
        other_end = other_start + timedelta(minutes=duration)
        if sid in excluded or other_end <= start:
            continue
        what = f"« {title} »" if title else SESSION_KINDS.get(kind, kind).lower()
        when = f"le {date_full(other_start.date())} de {time_short(other_start)} à {time_short(other_end)}"
        if who and conseiller_key(pid, name) == who:
            holder = f"{name.strip()} a déjà une séance" if name.strip() else (
                "Le conseiller est déjà occupé"
            )
            messages.append(f"{holder} {when} : {what}. Choisissez un autre horaire.")
        if where and _room_key(other_room) == where:
            messages.append(
                f"La salle « {other_room.strip()} » est déjà prise {when} : {what}. "
                "Choisissez une autre salle ou un autre horaire."
            )
    return messages


def _room_key(room: str) -> str:
    return " ".join(fold(room).replace("’", "'").split())


def training_days_of(
    session: Session, start: date, end: date, conseiller_profile_id: int | None, named: bool
) -> dict[date, str]:
    """Training days that keep this session's conseiller away: their own (a recruited
    conseiller), none (a mediator who is not a conseiller), or anyone's (unnamed)."""
    if named and not conseiller_profile_id:
        return {}
    if not conseiller_profile_id:
        return cal.training_days(session, start, end)
    from desktop_app.services.profiles import api as profiles_api

    try:
        periods = profiles_api.training_periods(session, start, end)
    except NotImplementedError:
        return {}
    days: dict[date, str] = {}
    for period in periods:
        if period.profile_id != conseiller_profile_id:
            continue
        day = max(period.start, start)
        while day <= min(period.end, end):
            days.setdefault(day, period.label)
            day += timedelta(days=1)
    return days


# -- warnings -----------------------------------------------------------------------------------
def warnings_for(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    at_library: bool,
    hours: opening_hours.Hours | None = None,
    conseiller_profile_id: int | None = None,
    conseiller_name: str = "",
) -> list[str]:
    """Public holiday, outside opening hours (only for a session held at the library), training
    day. Each message names the day and what to check."""
    day = start.date()
    messages = []
    if name := cal.holiday_name(day):
        messages.append(f"Le {date_short(day)} est un jour férié ({name}).")
    if at_library:
        if hours is None:
            hours = cal.opening_hours_of(session)
        if cal.has_opening_hours(hours) and not cal.is_within_opening(hours, start, end):
            ranges = cal.open_ranges(hours, day)
            if ranges:
                opened = ", ".join(f"{time_short(a)}-{time_short(b)}" for a, b in ranges)
                when = f"ouverte le {opening_hours.DAY_LABELS[opening_hours.DAYS[day.weekday()]].lower()} : {opened}"
            else:
                when = "fermée ce jour-là"
            messages.append(
                f"Le {date_short(day)} de {time_short(start)} à {time_short(end)} est en dehors "
                f"des horaires d'ouverture de la bibliothèque ({when})."
            )
    training = training_days_of(
        session, day, day, conseiller_profile_id, bool(conseiller_name.strip())
    )
    if day in training:
        messages.append(f"Le {date_short(day)} est un jour de formation : {training[day]}.")
    return messages
