"""The « Bilan d'activité » shown again after the sessions or the attendance changed shows the
current figures: a change announced while a year was being computed, and a session of the
period that has begun since the figures were computed."""

from __future__ import annotations

import time
from datetime import date, datetime

from sqlalchemy import select

from desktop_app.models.workshops import Registration, WorkshopSession
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.registrations import set_attendance
from desktop_app.views.workshops import reports
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.reports_data import small_dataset

PLANNING, BILAN = 0, 1


def _tab(qtbot, ctx) -> WorkshopsTab:  # noqa: ANN001
    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    return tab


def _participations(tab: WorkshopsTab) -> str:
    return tab.reports_panel.figures["participations"].value.text()


def test_a_change_during_a_year_computed_in_the_background_is_shown(
    qtbot, ctx, monkeypatch  # noqa: ANN001
) -> None:
    small_dataset(ctx.db)
    ctx.clock = lambda: datetime(2026, 4, 15, 9, 0)
    slow = reports.compute_report

    def compute_slowly(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        report = slow(*args, **kwargs)  # the base read first, the answer late
        time.sleep(0.4)
        return report

    monkeypatch.setattr(reports, "compute_report", compute_slowly)
    with ctx.db.session() as s:
        before = slow(s, Period(date(2026, 1, 1), date(2026, 12, 31)), ctx.now()).participations
    tab = _tab(qtbot, ctx)
    tab.inner_tabs.setCurrentIndex(BILAN)  # « Cette année »: computed in the background
    panel = tab.reports_panel
    assert panel.computing()
    tab.inner_tabs.setCurrentIndex(PLANNING)
    # attendance noted in the planner while the year is being computed
    with ctx.db.session() as s:
        reg = s.scalars(
            select(Registration)
            .join(WorkshopSession)
            .where(Registration.attendance == "absent", WorkshopSession.status != "annule")
        ).first()
        assert reg is not None
        set_attendance(s, reg.id, "present", ctx.now())
    ctx.notify("workshops", initiator=tab.panel)
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)

    tab.inner_tabs.setCurrentIndex(BILAN)
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    assert _participations(tab) == str(before + 1)


def test_a_session_begun_since_is_counted_when_shown_again(qtbot, ctx) -> None:  # noqa: ANN001
    small_dataset(ctx.db)
    # 31 March at 23:00: the 23:30 workshop of that evening (Iris « Présent ») is to come
    ctx.clock = lambda: datetime(2026, 3, 31, 23, 0)
    tab = _tab(qtbot, ctx)
    tab.inner_tabs.setCurrentIndex(BILAN)
    panel = tab.reports_panel
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert _participations(tab) == "8"
    assert "1 séance à venir" in panel.note.text()
    tab.inner_tabs.setCurrentIndex(PLANNING)

    ctx.clock = lambda: datetime(2026, 4, 1, 9, 0)  # the next morning, nothing else changed
    tab.inner_tabs.setCurrentIndex(BILAN)
    assert _participations(tab) == "9"
    assert "séance à venir dans la période" not in panel.note.text()


def test_shown_again_before_the_next_session_begins_it_is_not_computed_again(
    qtbot, ctx, monkeypatch  # noqa: ANN001
) -> None:
    small_dataset(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 31, 22, 0)
    tab = _tab(qtbot, ctx)
    tab.inner_tabs.setCurrentIndex(BILAN)
    panel = tab.reports_panel
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert "1 séance à venir" in panel.note.text()
    computed: list[object] = []
    real = reports.compute_report

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        computed.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "compute_report", counting)
    for minutes in (5, 20, 45):  # the clock moves, the 23:30 workshop has not begun
        ctx.clock = lambda m=minutes: datetime(2026, 3, 31, 22, m)
        tab.inner_tabs.setCurrentIndex(PLANNING)
        tab.inner_tabs.setCurrentIndex(BILAN)
    assert computed == []
    ctx.clock = lambda: datetime(2026, 3, 31, 23, 30)  # it begins
    tab.inner_tabs.setCurrentIndex(PLANNING)
    tab.inner_tabs.setCurrentIndex(BILAN)
    assert len(computed) == 1
