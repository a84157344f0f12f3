"""« À saisir dans La Coop » with the keyboard alone: Tab goes conseiller → list → detail → mark
button → export → import, and Space on the mark button keeps the conseiller's place in a long
list (the same activity while it is listed, else the line that took its place), shown, with the
focus left on the button."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.workshops.helpers import add_session
from tests.workshops.test_lacoop_screens import (  # noqa: F401  (fixtures)
    lctx,
    make_tab,
    no_message_boxes,
    shown_lines,
)

OLD = 60  # held more than a week ago: once marked, they leave the list
RECENT = 3  # held this week: once marked, they stay listed (with the mark) at the end


@pytest.fixture
def many(lctx):  # noqa: ANN001, ANN201, F811
    first = datetime(2025, 12, 1, 14, 0)  # to 29 January
    old = [add_session(lctx.db, first + timedelta(days=i), title=f"Atelier ancien {i + 1:02d}")
           for i in range(OLD)]
    recent = [add_session(lctx.db, datetime(2026, 2, 26 + i, 10, 0),
                          title=f"Atelier récent {i + 1}") for i in range(RECENT)]
    return lctx, old, recent


def activate(qtbot, window: QWidget) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def shown_in_view(page) -> bool:  # noqa: ANN001 - a LacoopPage
    """The current line is drawn inside the list's visible area."""
    view = page.items
    rect = view.visualRect(view.currentIndex())
    return rect.isValid() and view.viewport().rect().contains(rect)


def open_page(qtbot, ctx):  # noqa: ANN001, ANN201
    tab = make_tab(qtbot, ctx)
    activate(qtbot, tab)
    page = tab.lacoop_page
    tab.inner_tabs.setCurrentWidget(page)
    assert len(shown_lines(page)) == OLD + RECENT
    return page


def go_to_row(qtbot, page, row: int) -> None:  # noqa: ANN001
    page.items.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.items, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(page.items, Qt.Key.Key_Down)
    assert page.items.currentIndex().row() == row


def tab_to_mark_button(qtbot) -> None:  # noqa: ANN001
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the detail
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the mark button


def test_tab_order_conseiller_list_detail_mark_export_import(qtbot, many) -> None:  # noqa: ANN001
    ctx, _old, _recent = many
    page = open_page(qtbot, ctx)
    page.conseiller.setFocus(Qt.FocusReason.TabFocusReason)
    order = [page.items, page.detail, page.mark_button, page.export_button, page.import_button]
    for widget in order:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is widget, (focused(), widget)
    for widget in reversed([page.conseiller, *order[:-1]]):
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is widget, (focused(), widget)


def test_space_on_the_mark_button_keeps_the_place_in_a_long_list(qtbot, many) -> None:  # noqa: ANN001
    from desktop_app.views.common.tables import ID_ROLE

    ctx, old, _recent = many
    page = open_page(qtbot, ctx)
    middle = 40
    go_to_row(qtbot, page, middle)
    assert page.current_id() == old[middle]
    tab_to_mark_button(qtbot)
    assert focused() is page.mark_button
    qtbot.keyClick(page.mark_button, Qt.Key.Key_Space)
    assert page.count.text().startswith(f"{OLD + RECENT - 1} activités à saisir")
    # marked, an old one leaves the list: the next one takes its place, chosen and shown
    assert old[middle] not in [page.model.index(i, 0).data(ID_ROLE)
                               for i in range(page.model.rowCount())]
    assert page.current_id() == old[middle + 1]
    assert page.items.currentIndex().row() == middle
    assert page.items.selectionModel().isSelected(page.items.currentIndex())
    assert shown_in_view(page)
    assert "Atelier ancien 42" in page.detail.toPlainText()
    assert focused() is page.mark_button and not page.mark_button.isChecked()
    # a second Space marks the activity now shown
    qtbot.keyClick(page.mark_button, Qt.Key.Key_Space)
    assert page.current_id() == old[middle + 2]
    assert page.items.currentIndex().row() == middle
    assert shown_in_view(page) and focused() is page.mark_button
    assert "Atelier ancien 43" in page.detail.toPlainText()
    with ctx.db.session() as s:
        from desktop_app.models.workshops import WorkshopSession

        marked = {sid for sid in old if s.get(WorkshopSession, sid).lacoop_entered_at}
    assert marked == {old[middle], old[middle + 1]}


def test_a_marked_line_still_listed_stays_chosen(qtbot, many) -> None:  # noqa: ANN001
    ctx, _old, recent = many
    page = open_page(qtbot, ctx)
    row = OLD + 1  # « Atelier récent 2 », held this week
    go_to_row(qtbot, page, row)
    assert page.current_id() == recent[1]
    page.items.scrollToTop()  # the chosen line out of view: marking brings it back into view
    tab_to_mark_button(qtbot)
    qtbot.keyClick(page.mark_button, Qt.Key.Key_Space)
    assert page.count.text().startswith(f"{OLD + RECENT - 1} activités à saisir")
    # still listed, with its mark, among the entered ones at the end: still chosen, shown
    assert page.current_id() == recent[1]
    assert page.items.currentIndex().row() == OLD + RECENT - 1
    assert shown_lines(page)[-1].startswith("✔")
    assert shown_in_view(page)
    assert focused() is page.mark_button and page.mark_button.isChecked()
    assert "Atelier récent 2" in page.detail.toPlainText()
    # Space again takes the mark back: the same activity, back at its place
    qtbot.keyClick(page.mark_button, Qt.Key.Key_Space)
    assert page.count.text().startswith(f"{OLD + RECENT} activités à saisir")
    assert page.current_id() == recent[1]
    assert page.items.currentIndex().row() == row
    assert shown_in_view(page)
    assert focused() is page.mark_button and not page.mark_button.isChecked()


def test_the_last_line_marked_leaves_the_new_last_line_chosen(qtbot, lctx) -> None:  # noqa: ANN001, F811
    ids = [add_session(lctx.db, datetime(2026, 1, 5 + i, 14, 0), title=f"Atelier {i + 1}")
           for i in range(3)]
    tab = make_tab(qtbot, lctx)
    activate(qtbot, tab)
    page = tab.lacoop_page
    tab.inner_tabs.setCurrentWidget(page)
    go_to_row(qtbot, page, 2)
    tab_to_mark_button(qtbot)
    qtbot.keyClick(page.mark_button, Qt.Key.Key_Space)
    assert page.current_id() == ids[1] and page.items.currentIndex().row() == 1
    assert focused() is page.mark_button
