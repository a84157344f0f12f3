"""Shared by the tests of what a first-time secretary met (``test_tester_*``): the application's
day pinned to 3 December 2026, the tab on a 1366 px screen, and a draft complete enough to file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtWidgets import QApplication

from desktop_app.services.request import requests
from desktop_app.views.context import AppContext
from desktop_app.views.request_tab import RequestTab

TODAY = date(2026, 12, 3)


def pin(ctx: AppContext) -> AppContext:
    ctx.clock = lambda: datetime(2026, 12, 3, 9, 0)
    return ctx


def shown_tab(qtbot, ctx: AppContext) -> RequestTab:  # noqa: ANN001
    tab = RequestTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 660)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


def complete_draft(ctx: AppContext) -> int:
    """A draft that could be filed: the demo's filed request's answers, copied."""
    with ctx.db.session() as s:
        filed = next(r for r in requests.list_requests(s) if r.status == "non_traitee")
        draft = requests.new_request(s, TODAY)
        requests.save_draft(s, replace(
            filed, id=draft.id, status="brouillon", start_date=date(2027, 9, 1),
        ))
        assert requests.missing_for_filing(
            requests.get_request(s, draft.id), requests.get_structure(s), TODAY
        ) == []
        return draft.id
