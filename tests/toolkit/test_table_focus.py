"""A table reached from the keyboard shows where the keyboard is: its row is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.views.common.tables import Column, RowsModel, rows_table, selected_id


def _screen(qtbot, ids: list[int]):  # noqa: ANN001, ANN202
    model: RowsModel[int] = RowsModel([Column("N°", str, key=lambda r: r)], id_of=lambda r: r)
    model.set_rows(ids)
    view = rows_table("Essai", model)
    host = QWidget()
    search = QLineEdit()
    layout = QVBoxLayout(host)
    layout.addWidget(search)
    layout.addWidget(view)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    host.keep = model  # type: ignore[attr-defined] - the view does not own its model
    return host, search, view


def test_tab_into_a_table_chooses_its_first_row(app, qtbot) -> None:  # noqa: ANN001
    _host, search, view = _screen(qtbot, [3, 1, 2])
    assert selected_id(view) is None
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert selected_id(view) == 1  # sorted by the first column
    assert view.selectionModel().isRowSelected(0)


def test_a_chosen_row_stays_chosen_and_a_click_chooses_itself(app, qtbot) -> None:  # noqa: ANN001
    _host, search, view = _screen(qtbot, [3, 1, 2])
    view.selectRow(2)
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert selected_id(view) == 3
    view.clearSelection()
    view.setFocus(Qt.FocusReason.MouseFocusReason)  # a click chooses its own row
    assert selected_id(view) is None


def test_an_empty_table_takes_the_focus_without_choosing(app, qtbot) -> None:  # noqa: ANN001
    _host, search, view = _screen(qtbot, [])
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert view.hasFocus() and selected_id(view) is None
