"""Series of sessions: weekly, every two weeks, or monthly on a weekday rank ("chaque 1er
mardi"), until a date or for a number of sessions.

Each occurrence is an ordinary session pointing to its series, so one occurrence can be changed
or cancelled alone (``sessions.update_session`` / ``sessions.cancel_session``); ``update_from``
changes an occurrence and every later one of the same series.

A series can skip the days the library cannot hold it (``SKIP``): French public holidays and
the days the library is closed all day by its opening hours. Skipped days are not sessions, so
a series "pour 6 séances" still has six; ``preview`` lists the dates and the skipped days, with
their reason, before anything is saved. An occurrence changed on its own (another time, title,
capacity…) is reported by ``own_changes`` before "Cette séance et les suivantes" overwrites it,
so the user can keep it (``update_from(..., keep=...)``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import SERIES_RULES, WorkshopSeries, WorkshopSession
from desktop_app.services.formatting import date_long, date_short
from desktop_app.services.workshops import ConflictError, ValidationError, WarningsNotAccepted
from desktop_app.services.workshops import sessions as ss

MAX_OCCURRENCES = 200
MAX_SPAN_DAYS = 3 * 366
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def rank_of(day: date) -> int:
    """1 to 4 for the first to fourth such weekday of the month, -1 for a fifth (the last)."""
    rank = (day.day - 1) // 7 + 1
    return -1 if rank == 5 else rank


def nth_weekday(year: int, month: int, weekday: int, rank: int) -> date:
    """The ``rank``-th ``weekday`` of the month (rank -1: the last one)."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[-1] if rank == -1 else days[rank - 1]


def rule_label(rule: str, first: date) -> str:
    """ "Chaque semaine, le mardi", "Chaque 1er mardi du mois"…"""
    weekday = WEEKDAYS[first.weekday()]
    if rule == "weekly":
        return f"Chaque semaine, le {weekday}"
    if rule == "biweekly":
        return f"Toutes les deux semaines, le {weekday}"
    rank = rank_of(first)
    ordinal = "dernier" if rank == -1 else ("1er" if rank == 1 else f"{rank}e")
    return f"Chaque {ordinal} {weekday} du mois"


def _candidates(rule: str, first: date, last: date):  # noqa: ANN202 - an iterator of dates
    if rule in ("weekly", "biweekly"):
        step = timedelta(weeks=1 if rule == "weekly" else 2)
        day = first
        while day <= last:
            yield day
            day += step
        return
    rank, year, month = rank_of(first), first.year, first.month
    while True:
        day = nth_weekday(year, month, first.weekday(), rank)
        if day > last:
            return
        yield day
        month += 1
        if month == 13:
            year, month = year + 1, 1


def occurrence_dates(
    rule: str,
    first: date,
    *,
    until: date | None = None,
    count: int | None = None,
    skip: dict[date, str] | None = None,
) -> list[date]:
    """Dates of the series, ``first`` included; ends at ``until`` (inclusive) or after ``count``
    sessions. Days in ``skip`` are passed over (they do not use up ``count``)."""
    return _plan(rule, first, until=until, count=count, skip=skip or {})[0]


def _plan(
    rule: str, first: date, *, until: date | None, count: int | None, skip: dict[date, str]
) -> tuple[list[date], list[tuple[date, str]]]:
    errors = check_rule(rule, first, until=until, count=count)
    if errors:
        raise ValidationError(errors)
    limit = count or MAX_OCCURRENCES
    last = until or first + timedelta(days=MAX_SPAN_DAYS)
    dates: list[date] = []
    skipped: list[tuple[date, str]] = []
    for day in _candidates(rule, first, last):
        if len(dates) >= limit:
            break
        if day in skip:
            skipped.append((day, skip[day]))
        else:
            dates.append(day)
    return dates, skipped


def follow_start(old_first: date, new_first: date, until: date) -> date:
    """The end date once the first date moved: by as many days, backwards as well as forwards,
    so the series keeps its length (moving the start back a month never makes a weekly series
    of two years)."""
    return until + (new_first - old_first)


def days_to_skip(session: Session, start: date, end: date) -> dict[date, str]:
    """Day → reason of the days a series passes over in [start, end]: public holidays, and the
    days the library is closed all day by its opening hours (when they are filled in)."""
    from desktop_app.services.workshops.calendar import (
        has_opening_hours,
        open_ranges,
        opening_hours_of,
        public_holidays,
    )

    skip = {day: f"jour férié ({name})" for day, name in public_holidays(start, end).items()}
    hours = opening_hours_of(session)
    if has_opening_hours(hours):
        day = start
        while day <= end:
            if day not in skip and not open_ranges(hours, day):
                skip[day] = f"bibliothèque fermée le {WEEKDAYS[day.weekday()]}"
            day += timedelta(days=1)
    return skip


@dataclass(frozen=True)
class SeriesPreview:
    """What a series would create, shown before saving."""

    dates: list[date]
    skipped: list[tuple[date, str]] = field(default_factory=list)

    def summary(self, shown: int = 8) -> str:
        """ "6 séances : 03/03/2026, 10/03/2026… — 1 jour sauté : 06/04/2026 (jour férié …)"."""
        n = len(self.dates)
        listed = ", ".join(date_short(d) for d in self.dates[:shown])
        if n > shown:
            listed += f" … {date_short(self.dates[-1])}"
        text = f"{n} séance{'s' if n > 1 else ''} : {listed}" if n else "Aucune séance"
        if self.skipped:
            k = len(self.skipped)
            days = ", ".join(f"{date_short(d)} ({why})" for d, why in self.skipped[:shown])
            if k > shown:
                days += " …"
            text += f" — {k} jour{'s' if k > 1 else ''} sauté{'s' if k > 1 else ''} : {days}"
        return text


def preview(
    session: Session,
    rule: str,
    first: date,
    *,
    until: date | None = None,
    count: int | None = None,
    skip_closed: bool = False,
) -> SeriesPreview:
    """The dates a series would have, and the days it would pass over (``skip_closed``)."""
    skip: dict[date, str] = {}
    if skip_closed:
        skip = days_to_skip(session, first, until or first + timedelta(days=MAX_SPAN_DAYS))
    dates, skipped = _plan(rule, first, until=until, count=count, skip=skip)
    return SeriesPreview(dates, skipped)


def check_rule(
    rule: str, first: date, *, until: date | None = None, count: int | None = None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if rule not in SERIES_RULES:
        errors["rule"] = "Choisissez la fréquence de la série dans la liste."
    if until is None and count is None:
        errors["until"] = "Indiquez jusqu'à quelle date répéter, ou le nombre de séances."
    if until is not None and until < first:
        errors["until"] = (
            f"La date de fin ({date_short(until)}) est avant la première séance "
            f"({date_short(first)})."
        )
    if until is not None and (until - first).days > MAX_SPAN_DAYS:
        errors["until"] = (
            "Une série dure au plus trois ans : choisissez une date de fin plus proche."
        )
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        errors["count"] = f"Le nombre de séances va de 1 à {MAX_OCCURRENCES}."
    return errors


def create_series(
    session: Session,
    data: ss.SessionInput,
    rule: str,
    *,
    until: date | None = None,
    count: int | None = None,
    allow_warnings: bool = False,
    skip_closed: bool = False,
) -> list[int]:
    """Create every occurrence, or none: clashes and warnings of all occurrences are gathered
    and reported together, each naming its date. ``skip_closed`` passes over public holidays
    and the library's closed days (see ``preview``)."""
    errors = ss.validate(data)
    errors.update(check_rule(rule, data.start.date(), until=until, count=count))
    if errors:
        raise ValidationError(errors)
    dates = preview(
        session, rule, data.start.date(), until=until, count=count, skip_closed=skip_closed
    ).dates
    if not dates:
        raise ValidationError({"until": "Tous les jours de la série sont sautés : aucune séance."})
    occurrences = [replace(data, start=datetime.combine(d, data.start.time())) for d in dates]
    conflicts: list[str] = []
    warnings: list[str] = []
    for occ in occurrences:
        result = ss.check(session, occ)
        conflicts += result.conflicts
        warnings += result.warnings
    if conflicts:
        raise ConflictError(conflicts)
    if warnings and not allow_warnings:
        raise WarningsNotAccepted(warnings)
    series = WorkshopSeries(rule=rule, first_date=dates[0], until=until, count=count)
    session.add(series)
    session.flush()
    ids = []
    for occ in occurrences:
        row = WorkshopSession(series_id=series.id)
        session.add(row)
        ss._write(session, row, occ)
        ids.append(row.id)
    return ids


def series_label(session: Session, series_id: int) -> str:
    series = session.get(WorkshopSeries, series_id)
    if series is None:
        return ""
    label = rule_label(series.rule, series.first_date)
    if series.until:
        return f"{label}, jusqu'au {date_long(series.until)}"
    if series.count:
        return f"{label}, {series.count} séances"
    return label


def later_occurrences(session: Session, session_id: int) -> list[WorkshopSession]:
    """This occurrence and the later ones of its series that are not cancelled."""
    row = ss._get_row(session, session_id)
    if row.series_id is None:
        return [row]
    later = session.scalars(
        select(WorkshopSession)
        .where(
            WorkshopSession.series_id == row.series_id,
            WorkshopSession.start >= row.start,
            WorkshopSession.status != "annule",
            WorkshopSession.id != row.id,
        )
        .order_by(WorkshopSession.start)
    ).all()
    return [row, *later]


_COMPARED = {
    "heure": lambda r: r.start.time(),
    "durée": lambda r: r.duration_min,
    "titre": lambda r: r.title or "",
    "niveau": lambda r: r.level,
    "lieu": lambda r: (r.place_type, r.venue or ""),
    "places": lambda r: r.capacity,
    "notes": lambda r: r.notes or "",
    "thématiques": lambda r: sorted(t.theme for t in r.themes),
    "matériel": lambda r: sorted(e.equipment for e in r.equipment),
}


@dataclass(frozen=True)
class OwnChange:
    """A later occurrence that differs from the one being edited: changed on its own."""

    session_id: int
    day: date
    fields: tuple[str, ...]  # "heure", "titre"…

    def sentence(self) -> str:
        return f"Séance du {date_short(self.day)} : {', '.join(self.fields)} modifié(s) à part"


def own_changes(session: Session, session_id: int) -> list[OwnChange]:
    """Later occurrences of the series whose time, title, capacity… differ from this one's as
    stored (before the edit): "Cette séance et les suivantes" would overwrite them."""
    rows = later_occurrences(session, session_id)
    first = rows[0]
    found = []
    for row in rows[1:]:
        fields = tuple(k for k, get in _COMPARED.items() if get(row) != get(first))
        if fields:
            found.append(OwnChange(row.id, row.start.date(), fields))
    return found


def update_from(
    session: Session,
    session_id: int,
    data: ss.SessionInput,
    *,
    allow_warnings: bool = False,
    keep: tuple[int, ...] | list[int] = (),
) -> int:
    """Apply ``data`` to this occurrence and to every later one of the series, except the
    sessions in ``keep`` (occurrences changed on their own the user chose to keep as they are,
    see ``own_changes``).

    Later occurrences keep their own date, moved by as many days as this one moved, and take the
    new time of day, duration and every other field; their status stays as it was. Returns the
    number of sessions changed."""
    rows = [r for r in later_occurrences(session, session_id) if r.id == session_id or (
        r.id not in set(keep)
    )]
    first = rows[0]
    shift = data.start.date() - first.start.date()
    ids = tuple(r.id for r in rows)
    plans: list[tuple[WorkshopSession, ss.SessionInput]] = []
    for row in rows:
        if row is first:
            occ = data
        else:
            start = datetime.combine(row.start.date() + shift, data.start.time())
            occ = replace(data, start=start, status=row.status, kit=dict(data.kit))
        plans.append((row, occ))
    errors: dict[str, str] = {}
    conflicts: list[str] = []
    warnings: list[str] = []
    for row, occ in plans:
        result = ss.check(session, occ, session_id=row.id, exclude_ids=ids)
        for key, msg in result.errors.items():
            errors.setdefault(
                key, msg if row is first else f"Séance du {date_short(row.start.date())} : {msg}"
            )
        conflicts += result.conflicts
        warnings += result.warnings
    if errors:
        raise ValidationError(errors)
    if conflicts:
        raise ConflictError(conflicts)
    if warnings and not allow_warnings:
        raise WarningsNotAccepted(warnings)
    from desktop_app.services.workshops.registrations import promote_waiting

    for row, occ in plans:
        old_capacity = row.capacity or 0
        ss._write(session, row, occ)
        if occ.kind == "collectif" and (occ.capacity or 0) > old_capacity:
            promote_waiting(session, row.id)
    return len(plans)


def cancel_from(session: Session, session_id: int) -> int:
    """Cancel this occurrence and every later one of the series; returns how many."""
    rows = later_occurrences(session, session_id)
    for row in rows:
        ss.cancel_session(session, row.id)
    return len(rows)
