"""The demo planning follows the planner's own rules, and the self-test checks pass on it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from desktop_app.commands import SelfTestContext
from desktop_app.commands import workshops as commands
from desktop_app.db import Database
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.workshops import calendar as cal
from desktop_app.services.workshops import sessions as ss
from tests.conftest import DEMO_TODAY


def test_demo_planning_is_realistic_and_consistent(demo_db: Database, tmp_path) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        rows = ss.sessions_between(s, datetime(2000, 1, 1), datetime(2100, 1, 1))
        people = s.scalar(select(func.count()).select_from(Participant))
        attended = s.scalar(
            select(func.count())
            .select_from(Registration)
            .where(Registration.attendance == "present")
        )
        series_ids = {r.series_id for r in rows if r.series_id}
    today = datetime.combine(DEMO_TODAY, datetime.min.time())
    assert people == 60 and attended > 100
    assert {r.status for r in rows if r.start < today} == {"realise"}
    assert {r.status for r in rows if r.start >= today} == {"planifie", "annule"}
    assert sum(r.status == "annule" for r in rows) == 1 and len(series_ids) == 2
    assert {r.kind for r in rows} == {"collectif", "individuel"}
    assert any(r.waiting for r in rows)  # a full workshop with a waiting list
    first, last = rows[0].start.date(), rows[-1].start.date()
    assert first <= DEMO_TODAY - timedelta(weeks=4) and last >= DEMO_TODAY + timedelta(weeks=3)
    holidays = cal.public_holidays(first, last)
    active = [r for r in rows if r.status != "annule"]
    assert not any(r.start.date() in holidays for r in active)
    for a, b in zip(active, active[1:], strict=False):
        assert a.end <= b.start, f"{a.display_title} overlaps {b.display_title}"
    with demo_db.session() as s:
        hours = cal.opening_hours_of(s)
    assert all(cal.is_within_opening(hours, r.start, r.end) for r in active)
    ctx = SelfTestContext(demo_db, tmp_path)
    for check in commands.self_checks()[:2]:
        assert check.run(ctx)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(WorkshopSession)) == len(rows)
