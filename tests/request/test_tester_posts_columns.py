"""« Postes et financement » on a 1366 px screen: a convention's description and its years'
dates are read whole (equal columns cut them while the amounts had room to spare)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QTableView

from desktop_app.views.common import input_safety
from tests.request.tester_helpers import pin, shown_tab


def _first_column_fits(table: QTableView) -> None:
    model = table.model()
    assert model.rowCount() > 0
    metrics = table.fontMetrics()
    width = table.horizontalHeader().sectionSize(0)
    for row in range(model.rowCount()):
        text = model.index(row, 0).data()
        assert metrics.horizontalAdvance(text) + 12 <= width, (text, width)


def test_the_conventions_and_their_years_are_read_whole(qtbot, demo_ctx, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001, E501
    # windows are fitted to a 1366×768 laptop's screen (less its taskbar), not the test's
    monkeypatch.setattr(input_safety, "available_geometry",
                        lambda widget=None: QRect(0, 0, 1366, 728))
    tab = shown_tab(qtbot, pin(demo_ctx))
    assert tab.width() >= 1300
    tab.sub_tabs.setCurrentIndex(2)
    panel = tab.posts_panel
    qtbot.waitUntil(lambda: panel.conventions_table.isVisible())
    for row in range(panel.posts_model.rowCount()):
        panel.posts_table.selectRow(row)
        if panel.conventions_model.rowCount():
            break
    qtbot.wait(50)
    _first_column_fits(panel.conventions_table)
    _first_column_fits(panel.lines_table)


def test_the_last_column_takes_no_more_than_its_text(qtbot, demo_ctx, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001, E501
    """« Versements » stretched as the last column and took half the room left."""
    monkeypatch.setattr(input_safety, "available_geometry",
                        lambda widget=None: QRect(0, 0, 1366, 728))
    tab = shown_tab(qtbot, pin(demo_ctx))
    tab.sub_tabs.setCurrentIndex(2)
    panel = tab.posts_panel
    qtbot.waitUntil(lambda: panel.conventions_table.isVisible())
    for table in (panel.conventions_table, panel.lines_table):
        header = table.horizontalHeader()
        last = header.count() - 1
        assert not header.stretchLastSection()
        assert header.sectionSize(0) > header.sectionSize(last)
