"""The planner from the keyboard: its focus is a frame that hides nothing, and after a move
(Ctrl+Page suivante, « Aujourd'hui », another view) the session panel follows the period shown
instead of keeping a session of the period left."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from desktop_app.views.workshops.calendar_views import COLORS
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import (
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    widget.activateWindow()
    widget.go_today()
    return widget


def _focused(qtbot, view) -> None:  # noqa: ANN001
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)


def _ctrl(qtbot, tab, key: Qt.Key) -> None:  # noqa: ANN001
    """Ctrl+key typed into the window, as a person does: through the shortcut map (the
    button's shortcut clicks it after its short press animation)."""
    before = tab.period_label.text()
    QTest.keyClick(tab.window().windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.period_label.text() != before)


def _image(view) -> QImage:  # noqa: ANN001
    return view.grab().toImage()


def _same_inside(a: QImage, b: QImage, margin: int) -> list[tuple[int, int]]:
    """Pixels that differ between ``a`` and ``b`` away from the widget's edges (sampled)."""
    return [
        (x, y)
        for y in range(margin, a.height() - margin, 3)
        for x in range(margin, a.width() - margin, 3)
        if a.pixel(x, y) != b.pixel(x, y)
    ]


@pytest.mark.parametrize("view_name", ["week", "month"])
def test_the_focus_is_a_frame_that_hides_no_session(qtbot, tab, view_name) -> None:  # noqa: ANN001
    add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), title="Premiers pas")
    add_session(tab.ctx.db, datetime(2026, 3, 5, 14, 0), title="Messagerie")
    tab.set_view(view_name)
    view = tab.week_view if view_name == "week" else tab.month_view
    tab.new_workshop_button.setFocus()
    qtbot.waitUntil(tab.new_workshop_button.hasFocus)
    without = _image(view)
    _focused(qtbot, view)
    assert view.selected_id is None  # nothing chosen: the case that was washed over
    with_focus = _image(view)
    # inside, the picture is the same as without the focus: every session still shows
    assert _same_inside(without, with_focus, margin=4) == []
    # the frame itself is there, in the highlight colour
    highlight = view.palette().highlight().color()
    middle_left = QColor(with_focus.pixel(1, with_focus.height() // 2))
    assert middle_left == highlight
    # and a session's colour is still where the session is drawn
    rect = view.rect_of(tab.range.sessions[0].id)
    assert rect is not None
    assert QColor(_image(view).pixel(rect.left() + 1, rect.center().y())) == COLORS["collectif"]


def test_ctrl_page_down_moves_the_panel_to_the_new_week(qtbot, tab) -> None:  # noqa: ANN001
    db = tab.ctx.db
    this_week = add_session(db, datetime(2026, 3, 4, 14, 0), title="Cette semaine")
    later = add_session(db, datetime(2026, 3, 12, 16, 0), title="Jeudi suivant")
    first_next = add_session(db, datetime(2026, 3, 10, 14, 0), title="Mardi suivant")
    tab.refresh()
    _focused(qtbot, tab.week_view)
    qtbot.keyClick(tab.week_view, Qt.Key.Key_Right)
    assert tab.panel.session_id == this_week
    _ctrl(qtbot, tab, Qt.Key.Key_PageDown)
    assert tab.period_label.text() == "Semaine du 9 au 15 mars 2026"
    # the first session of the new week, in time order, chosen in the grid and the panel
    assert tab.panel.session_id == first_next
    assert tab.week_view.selected_id == first_next
    assert tab.panel.heading.text() == "Mardi suivant"
    assert tab.week_view.hasFocus()
    qtbot.keyClick(tab.week_view, Qt.Key.Key_Right)
    assert tab.panel.session_id == later
    # a week without sessions: nothing chosen
    _ctrl(qtbot, tab, Qt.Key.Key_PageDown)
    assert tab.panel.session_id is None
    assert tab.week_view.selected_id is None
    assert tab.panel.heading.text() == "Aucune séance choisie"
    # nothing chosen stays nothing chosen when coming back
    _ctrl(qtbot, tab, Qt.Key.Key_PageUp)
    assert tab.panel.session_id is None


def test_the_panel_keeps_a_session_the_new_period_holds(qtbot, tab) -> None:  # noqa: ANN001
    db = tab.ctx.db
    add_session(db, datetime(2026, 3, 3, 14, 0), title="Mardi")
    thursday = add_session(db, datetime(2026, 3, 5, 14, 0), title="Jeudi")
    tab.refresh()
    tab.week_view.select(thursday)
    tab.set_view("month")  # March holds it: it stays chosen
    assert tab.panel.session_id == thursday and tab.month_view.selected_id == thursday
    tab.set_view("week")
    assert tab.panel.session_id == thursday and tab.week_view.selected_id == thursday


def test_the_month_follows_to_its_own_first_session(qtbot, tab) -> None:  # noqa: ANN001
    db = tab.ctx.db
    march = add_session(db, datetime(2026, 3, 11, 14, 0), title="En mars")
    # shown in April's grid (its first week starts on Monday 30 March), but of March
    add_session(db, datetime(2026, 3, 31, 14, 0), title="Fin mars")
    april = add_session(db, datetime(2026, 4, 8, 14, 0), title="En avril")
    tab.set_view("month")
    tab.month_view.select(march)
    _focused(qtbot, tab.month_view)
    _ctrl(qtbot, tab, Qt.Key.Key_PageDown)
    assert tab.period_label.text() == "Avril 2026"
    assert tab.panel.session_id == april and tab.month_view.selected_id == april


def test_the_list_follows_to_its_first_row(qtbot, tab) -> None:  # noqa: ANN001
    db = tab.ctx.db
    march = add_session(db, datetime(2026, 3, 11, 14, 0), title="En mars")
    april = add_session(db, datetime(2026, 4, 8, 14, 0), title="En avril")
    tab.set_view("list")
    tab.list_view.selectRow(0)
    assert tab.panel.session_id == march
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.period_label.text() == "Avril 2026"
    assert tab.panel.session_id == april
    assert tab.list_view.currentIndex().row() == 0
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.panel.session_id is None
    assert tab.panel.heading.text() == "Aucune séance choisie"
