"""Calendar export of the sessions as an ``.ics`` file (formats.md §3, RFC 5545).

Why things are done this way:
- One VEVENT per session, with a UID that never changes for that session: ``seance-<id>@<token>``
  where ``<token>`` is drawn once per database and kept with ``set_setting``. Re-importing a new
  export into a phone or Thunderbird therefore updates events instead of duplicating them, and two
  different libraries' exports can never collide.
- Times are local (``TZID=Europe/Paris``) with a compact VTIMEZONE using the EU rules as yearly
  RRULEs (last Sunday of March / October), which every client (Outlook included) understands
  and which stays right after 2038, unlike an RDATE list.
- ``SEQUENCE`` grows with the session's last change (minutes since 2020) so that clients that
  need it (Google Calendar, Outlook) accept the update.
- Cancelled sessions stay in the file with ``STATUS:CANCELLED``: the event disappears from the
  calendars that had imported it.
- No personal data: an individual appointment is exported as "Accompagnement individuel"
  without the person's name, since calendar files travel (phones, shared agendas).
- Folding at 75 octets, CRLF line ends and escaping of ``, ; \\`` and newlines are done by the
  ``icalendar`` library.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import APP_NAME, __version__
from desktop_app.models.workshops import (
    LEVELS,
    PLACE_TYPES,
    SESSION_KINDS,
    THEMES,
    Registration,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.structure import get_setting, get_structure, set_setting
from desktop_app.services.workshops.periods import Period

PARIS = ZoneInfo("Europe/Paris")
UID_SETTING = "ics_uid_token"
_SEQUENCE_EPOCH = datetime(2020, 1, 1)


@dataclass(frozen=True)
class IcsResult:
    path: Path
    events: int
    cancelled: int

    def summary(self, period: Period | None, where: str) -> str:
        """« 6 séances du 1er mars 2026 au 31 mars 2026 exportées dans « x.ics », dont 1
        annulée. »: French plurals (« 1 séance … exportée »), each number kept with its noun;
        the window and the command line say it alike."""
        from desktop_app.services.french import NBSP, plural

        n, cancelled = self.events, self.cancelled
        what = period.label() if period else "à venir"
        text = f"{plural(n, 'séance')} {what} {'exportée' if n < 2 else 'exportées'} {where}"
        if cancelled:
            text += f", dont {cancelled}{NBSP}{'annulée' if cancelled < 2 else 'annulées'}"
        return text + "."


def uid_token(session: Session) -> str:
    """This database's own identifier (stable across exports), drawn when the base is made or
    migrated (migration ``0330_workshops_ics_token``); drawn here only for a base without it."""
    token = get_setting(session, UID_SETTING)
    if not token:
        token = secrets.token_hex(8)
        set_setting(session, UID_SETTING, token)
        session.flush()
    return token


def session_uid(session_id: int, token: str) -> str:
    return f"seance-{session_id}@{token}.cnum-biblio"


def paris_timezone() -> Timezone:
    """VTIMEZONE of Europe/Paris with the EU summer-time rules (in force since 1996)."""
    tz = Timezone()
    tz.add("tzid", "Europe/Paris")
    tz.add("x-lic-location", "Europe/Paris")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _select_sessions(session: Session, period: Period | None, now: datetime):  # noqa: ANN202
    query = select(WorkshopSession).order_by(WorkshopSession.start, WorkshopSession.id)
    if period is None:
        # every future session: those not yet finished (a session under way is kept)
        query = query.where(WorkshopSession.start >= now - timedelta(days=1))
    else:
        query = query.where(
            WorkshopSession.start >= period.start_dt, WorkshopSession.start < period.end_dt
        )
    rows = list(session.scalars(query))
    if period is None:
        rows = [r for r in rows if r.start + timedelta(minutes=r.duration_min) >= now]
    return rows


def build_calendar(
    session: Session, period: Period | None = None, *, now: datetime | None = None
) -> tuple[Calendar, int, int]:
    """The calendar of the sessions of ``period`` (every future session when ``None``).

    Returns the calendar, the number of events and how many of them are cancelled.
    """
    now = now or datetime.now()
    token = uid_token(session)
    structure = get_structure(session)
    default_venue = ", ".join(v for v in (structure.venue_name, structure.venue_address) if v)
    rows = _select_sessions(session, period, now)
    ids = [r.id for r in rows]
    registered: dict[int, int] = {}
    themes: dict[int, list[str]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        registered.update(
            session.execute(
                select(Registration.session_id, func.count())
                .where(Registration.session_id.in_(chunk), Registration.status == "inscrit")
                .group_by(Registration.session_id)
            ).all()
        )
        for sid, theme in session.execute(
            select(SessionTheme.session_id, SessionTheme.theme).where(
                SessionTheme.session_id.in_(chunk)
            )
        ):
            themes.setdefault(sid, []).append(theme)

    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{__version__}//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Ateliers — {structure.display_name}")
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(paris_timezone())
    stamp = datetime.now(UTC).replace(microsecond=0)
    cancelled = 0
    theme_order = list(THEMES)
    for row in rows:
        start = row.start.replace(tzinfo=PARIS)
        end = start + timedelta(minutes=row.duration_min)
        event = Event()
        event.add("uid", session_uid(row.id, token))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        summary = row.title.strip() if row.kind == "collectif" else ""
        event.add("summary", summary or SESSION_KINDS.get(row.kind, "Séance"))
        location = row.venue.strip() or default_venue
        if row.place_type == "distance":
            location = location or PLACE_TYPES["distance"]
        if location:
            event.add("location", location)
        row_themes = sorted(
            themes.get(row.id, []), key=lambda t: theme_order.index(t) if t in theme_order else 99
        )
        lines = [SESSION_KINDS.get(row.kind, row.kind)]
        if row_themes:
            lines.append("Thématiques : " + ", ".join(THEMES.get(t, t) for t in row_themes))
        if row.level:
            lines.append(f"Niveau : {LEVELS.get(row.level, row.level)}")
        lines.append(f"Durée : {duration_minutes(row.duration_min)}")
        lines.append(f"Lieu : {PLACE_TYPES.get(row.place_type, row.place_type)}")
        if row.kind == "collectif" and row.capacity:
            left = max(row.capacity - registered.get(row.id, 0), 0)
            lines.append(f"Places : {row.capacity} ({left} restante{'s' if left > 1 else ''})")
        if row.status == "annule":
            lines.insert(0, "SÉANCE ANNULÉE")
        event.add("description", "\n".join(lines))
        if row_themes:
            event.add("categories", [THEMES.get(t, t) for t in row_themes])
        if row.status == "annule":
            event.add("status", "CANCELLED")
            cancelled += 1
        else:
            event.add("status", "CONFIRMED")
        changed = row.updated_at or row.created_at or _SEQUENCE_EPOCH
        event.add("sequence", max(int((changed - _SEQUENCE_EPOCH).total_seconds() // 60), 0))
        event.add("last-modified", changed.replace(tzinfo=PARIS).astimezone(UTC))
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal, len(rows), cancelled


def export_ics(
    session: Session, out: Path, period: Period | None = None, *, now: datetime | None = None
) -> IcsResult:
    """Write the ``.ics`` file (atomically: a failure leaves no half-written file)."""
    cal, count, cancelled = build_calendar(session, period, now=now)
    out = Path(out)
    with atomic_path(out) as tmp:
        tmp.write_bytes(cal.to_ical())
    return IcsResult(out, count, cancelled)


def default_file_name(period: Period | None, today: date | None = None) -> str:
    if period is None:
        return f"ateliers-a-venir-{(today or date.today()).isoformat()}.ics"
    return f"ateliers-{period.start.isoformat()}-au-{period.end.isoformat()}.ics"
