"""The profiles tab on the demo data, shown and active: for tests that follow the keyboard."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QApplication

from desktop_app.views.profiles_tab import ProfilesTab
from tests.conftest import DEMO_TODAY


def active_demo_tab(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    """The tab at 9:00 on the demo's day, 1300×700, its window active (focus tests need it)."""
    demo_ctx.clock = lambda: datetime.combine(DEMO_TODAY, time(9, 0))
    widget = ProfilesTab(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget
