"""What the planner shows for a range of days: its sessions and the days around them.

A module of its own because it joins ``sessions`` (the rows) and ``calendar`` (holidays,
training days, opening hours), while ``sessions`` checks its rules through ``conflicts`` which
reads ``calendar``: keeping the join here leaves no import cycle between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from desktop_app.services import opening_hours
from desktop_app.services.workshops.calendar import (
    opening_hours_of,
    public_holidays,
    training_days,
)
from desktop_app.services.workshops.sessions import SessionRow, sessions_between


@dataclass
class PlannerRange:
    """Everything one screen of the planner shows for [start, end): the sessions and what
    surrounds them. Read in one unit of work, only for that range."""

    start: date
    end: date  # exclusive
    sessions: list[SessionRow]
    holidays: dict[date, str]
    training: dict[date, str]
    hours: opening_hours.Hours


def planner_range(
    session: Session,
    start: date,
    end: date,
    *,
    kind: str | None = None,
    status: str | None = None,
    theme: str | None = None,
    conseiller: str | None = None,
) -> PlannerRange:
    last = end - timedelta(days=1)
    return PlannerRange(
        start=start,
        end=end,
        sessions=sessions_between(
            session,
            datetime.combine(start, time(0, 0)),
            datetime.combine(end, time(0, 0)),
            kind=kind,
            status=status,
            theme=theme,
            conseiller=conseiller,
        ),
        holidays=public_holidays(start, last),
        training=training_days(session, start, last),
        hours=opening_hours_of(session),
    )


def default_day(shown_start: date, shown_end: date, anchor: date, today: date) -> date:
    """The day a new session starts on: today when the period shown [start, end) holds it,
    else the day the planner is anchored on, else the period's first day. A new workshop is
    created where the user is looking, not on today's date weeks away."""
    for day in (today, anchor):
        if shown_start <= day < shown_end:
            return day
    return shown_start

