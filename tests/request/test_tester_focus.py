"""Where the keyboard's focus goes in the request tab: onto the form after « Nouvelle demande »,
and never onto a scroll area that shows nothing focused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from desktop_app.services.request import requests
from tests.request.keyboard import alt, press
from tests.request.tester_helpers import pin, shown_tab


def test_a_new_request_puts_the_focus_on_its_first_field(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """« Nouvelle demande » disables itself; the focus went to the invisible scroll area of the
    deadlines, and what was typed next went nowhere."""
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:  # the demo's requests are filed: a new one can start
        assert requests.can_start_new_request(s)
    tab = shown_tab(qtbot, ctx)
    tab.new_button.setFocus()
    alt(qtbot, "n")
    assert "Brouillon" in tab.banner.text()
    assert QApplication.focusWidget() is tab.form.structure_type


def test_no_scroll_area_is_an_invisible_tab_stop(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Tab through the whole tab, on each sub-tab: a scroll area that takes the focus must draw
    a frame when it has it."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    for index in range(tab.sub_tabs.count()):
        tab.sub_tabs.setCurrentIndex(index)
        tab.request_list.setFocus()
        for _ in range(80):
            press(qtbot, Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            if isinstance(focused, QScrollArea):
                assert ":focus" in focused.styleSheet(), (
                    f"la zone défilante {focused.objectName() or '?'} prend le focus sans le "
                    "montrer"
                )


def test_the_deadlines_frame_shows_the_focus(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """The list of deadlines scrolls with the arrows once Tab reaches it; what it draws then
    differs from what it draws without the focus."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    scroll = tab.findChild(QScrollArea, "deadlinesScroll")
    assert scroll is not None and scroll.focusPolicy() != Qt.FocusPolicy.NoFocus
    tab.request_list.setFocus()
    without = scroll.grab().toImage()
    scroll.setFocus()
    qtbot.waitUntil(scroll.hasFocus)
    assert scroll.grab().toImage() != without


def test_the_first_field_shows_its_focus_after_a_click_too(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """« Nouvelle demande » clicked with the mouse: the type of structure has the focus and
    draws its frame (a focus given without a keyboard reason draws none in Qt's style)."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    combo = tab.form.structure_type
    qtbot.waitUntil(combo.hasFocus)
    focused = combo.grab().toImage()
    tab.form.name.setFocus()
    qtbot.waitUntil(tab.form.name.hasFocus)
    assert combo.grab().toImage() != focused
