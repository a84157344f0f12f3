"""What a table's delegate paints in each cell — text, alignment, colour — asked the way Qt's
item delegate asks it (every role of a cell in one ``multiData`` call, through the proxy), and
the same answers through ``data`` one role at a time (tooltips, screen readers, tests)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.views.common.tables import ID_ROLE, Column, RowsModel, RowsProxy, rows_table


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    count: int
    late: bool


ITEMS = [Item(7, "Tablette Samsung", 3, False), Item(8, "Clé 4G d'Élodie", 12, True)]
RED = QColor("#b00020")


def _table(qtbot):  # noqa: ANN001, ANN202
    model: RowsModel[Item] = RowsModel(
        [Column("Article", lambda i: i.name), Column("Prêts", lambda i: str(i.count),
                                                     align_right=True)],
        lambda i: i.id,
    )
    model.foreground = lambda i: RED if i.late else None
    proxy = RowsProxy()
    view = rows_table("Articles", model, proxy)
    qtbot.addWidget(view)
    model.set_rows(ITEMS)
    proxy.set_filter("élodie")  # a filtered proxy: its rows are not the source's
    return view, proxy


def _painted(view, index: QModelIndex) -> QStyleOptionViewItem:  # noqa: ANN001
    option = QStyleOptionViewItem()
    option.initFrom(view)
    QStyledItemDelegate().initStyleOption(option, index)  # asks the cell's roles at once
    return option


def test_a_painted_cell_gets_its_text_alignment_and_colour(qtbot) -> None:  # noqa: ANN001
    view, proxy = _table(qtbot)
    assert proxy.rowCount() == 1
    name = _painted(view, proxy.index(0, 0))
    count = _painted(view, proxy.index(0, 1))
    assert name.text == "Clé 4G d'Élodie" and count.text == "12"
    assert count.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert not name.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert name.palette.color(QPalette.ColorRole.Text) == RED


def test_a_cell_without_colour_keeps_the_palette(qtbot) -> None:  # noqa: ANN001
    view, proxy = _table(qtbot)
    proxy.set_filter("")
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == ITEMS[0].name)
    option = _painted(view, proxy.index(row, 0))
    assert option.palette.color(QPalette.ColorRole.Text) == view.palette().color(
        QPalette.ColorRole.Text
    )


def test_one_role_at_a_time_gives_the_same_answers(qtbot) -> None:  # noqa: ANN001
    _view, proxy = _table(qtbot)
    index = proxy.index(0, 1)
    assert index.data() == "12"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "12"
    assert index.data(ID_ROLE) == 8
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert index.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert QModelIndex().data() is None
