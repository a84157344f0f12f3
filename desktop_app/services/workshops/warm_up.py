"""What the workshops tab reads when first shown, read once in advance while the window is
idle (``views/preload``) and dropped.

The results are not kept — the tab reads again when it is shown, so nothing can be stale — but
what the first reads of a process pay is paid here instead: SQLAlchemy compiles each statement
once per process, the first week read loads the French holidays' calendar, and the first date
written in words loads Babel's French data (together, about a third of the first show of the
tab, of its « Bilan d'activité » and of its « À saisir dans La Coop »).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session


def warm_up(session: Session, today: date) -> None:
    from desktop_app.services.dates import week_start
    from desktop_app.services.lacoop.conseillers import holders
    from desktop_app.services.lacoop.entry import entry_item, entry_lines
    from desktop_app.services.workshops.periods import Period
    from desktop_app.services.workshops.planner import planner_range
    from desktop_app.services.workshops.stats import compute_report

    holders(session)
    monday = week_start(today)
    planner_range(session, monday, monday + timedelta(days=7))
    morning = datetime.combine(today, datetime.min.time())
    day = Period(today, today)  # the report's statements, on one day: compiled, cheaply read
    compute_report(session, day, morning)
    day.label()
    # « À saisir dans La Coop »: its list's statements on the last days, then one activity's
    lines = entry_lines(session, morning, include_entered_since=today, days_back=7).lines
    if lines:
        entry_item(session, lines[0].session_id, morning)
