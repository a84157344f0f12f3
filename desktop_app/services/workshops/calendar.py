"""What the planner shows around the sessions: French public holidays, the library's closed
hours and the conseiller's training days.

Training days come from the profiles area (``services.profiles.api.training_periods``). While
that area is not implemented its function raises ``NotImplementedError``: the planner then simply
shows no training day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy.orm import Session

from desktop_app.services import opening_hours
from desktop_app.services.french_holidays import french_holidays
from desktop_app.services.structure import get_structure


@lru_cache(maxsize=32)
def _holidays_of(year: int) -> dict[date, str]:
    return french_holidays(year)


def public_holidays(start: date, end: date) -> dict[date, str]:
    """Public holidays of metropolitan France in [start, end], with their French names."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _holidays_of(year).items():
            if start <= day <= end:
                found[day] = name
    return found


def holiday_name(day: date) -> str | None:
    return _holidays_of(day.year).get(day)


@dataclass(frozen=True)
class TrainingDay:
    day: date
    label: str


def training_days(session: Session, start: date, end: date) -> dict[date, str]:
    """Day → label of the conseiller's training periods overlapping [start, end]."""
    from desktop_app.services.profiles import api as profiles_api

    try:
        periods = profiles_api.training_periods(session, start, end)
    except NotImplementedError:  # profiles area not there yet
        return {}
    days: dict[date, str] = {}
    for period in periods:
        day = max(period.start, start)
        while day <= min(period.end, end):
            days.setdefault(day, period.label)
            day += timedelta(days=1)
    return days


def opening_hours_of(session: Session) -> opening_hours.Hours:
    return get_structure(session).opening_hours


def has_opening_hours(hours: opening_hours.Hours) -> bool:
    return any(hours.get(day) for day in opening_hours.DAYS)


def open_ranges(hours: opening_hours.Hours, day: date) -> list[tuple[time, time]]:
    """The day's opening ranges as times ("24:00" becomes 23:59)."""
    ranges = []
    for a, b in hours.get(opening_hours.DAYS[day.weekday()], []):
        end = time(23, 59) if b == "24:00" else time.fromisoformat(b)
        ranges.append((time.fromisoformat(a), end))
    return ranges


def is_within_opening(hours: opening_hours.Hours, start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside one opening range of that day."""
    if end.date() != start.date():
        if end != datetime.combine(start.date() + timedelta(days=1), time(0, 0)):
            return False
        end_time = time(23, 59)
    else:
        end_time = end.time()
    return any(a <= start.time() and end_time <= b for a, b in open_ranges(hours, start.date()))
