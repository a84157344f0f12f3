"""One table design for every tab: rows read once by a service, a model over them, a proxy
that filters, and one function that sets a view up the same way everywhere.

- ``RowsModel`` holds plain rows (dataclasses from the services) and ``Column`` describes what each
  column shows and how it sorts. Display texts are computed once per reset, never queried in
  ``data()``; sorting is done by the source model on precomputed keys (far faster than the proxy
  calling ``data()`` for every comparison on thousands of rows). Text columns sort French-style,
  without regard to accents or case (``services.text.fold``).
- ``RowsProxy`` filters on folded text ("cable" finds "Câble") plus an optional predicate.
- A cell shows its full text as a tooltip, so a cut cell can always be read.
- ``setup_table`` configures a view: whole-row selection, no editing, Tab leaves the table (the
  arrows move inside it), sorting by header click.
- ``select_id`` / ``selected_id`` find rows by their database id, whatever the sort.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.services.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")


_LOCALE: QLocale | None = None


def _locale() -> QLocale:
    global _LOCALE
    if _LOCALE is None:
        _LOCALE = QLocale()
    return _LOCALE


def date_text(value: date | datetime | None, with_time: bool = False) -> str:
    """Dates (and times) in the user's locale (French by default), as the rest of the
    interface. Cached per day and per minute: building a QDateTime per cell is slow on
    thousands of rows, while a table holds few distinct days."""
    if value is None:
        return ""
    text = _day_text(value.year, value.month, value.day)
    if with_time and isinstance(value, datetime):
        text += " " + _time_text(value.hour, value.minute)
    return text


@lru_cache(maxsize=8192)
def _day_text(year: int, month: int, day: int) -> str:
    return _locale().toString(QDate(year, month, day), QLocale.FormatType.ShortFormat)


@lru_cache(maxsize=2048)
def _time_text(hour: int, minute: int) -> str:
    return _locale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


@lru_cache(maxsize=4096)
def money_text(value: Any) -> str:  # noqa: ANN401 - Decimal or None
    """Cached: a kit holds many units of the same price."""
    if value is None:
        return ""
    return _locale().toCurrencyString(float(value), "€")


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    key: Callable[[T], Any] | None = None  # sort key; the folded text when None
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of rows; display texts computed once per reset."""

    def __init__(
        self, columns: Sequence[Column[T]], id_of: Callable[[T], int], parent=None
    ) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.columns = list(columns)
        self.id_of = id_of
        self._rows: list[T] = []
        self._texts: list[list[str]] = []
        # folded search texts, made when a typed filter first asks for one: most lists have no
        # search field, and folding every row of a long list cost more than showing it
        self._search: list[str] | None = None
        self.search_text: Callable[[T, list[str]], str] = lambda _row, texts: " ".join(texts)
        self.foreground: Callable[[T], QColor | None] = lambda _row: None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._positions: dict[int, int] | None = None  # id → row, made when first asked

    # -- data
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [[c.text(r) for c in self.columns] for r in self._rows]
        self._search = None
        self._positions = None
        if self._sort is not None:
            self._reorder(*self._sort)  # new rows keep the order the person chose
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def search_key(self, row: int) -> str:
        if self._search is None:
            self._search = [
                fold(self.search_text(r, t)) for r, t in zip(self._rows, self._texts, strict=True)
            ]
        return self._search[row]

    def row_of_id(self, row_id: int) -> int | None:
        if self._positions is None:
            self._positions = {}
            for i, r in enumerate(self._rows):
                self._positions.setdefault(self.id_of(r), i)
        return self._positions.get(row_id)

    # -- Qt
    def rowCount(  # noqa: N802
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(  # noqa: N802
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(  # noqa: ANN201
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[row][column]
        if role == ID_ROLE:
            return self.id_of(self._rows[row])
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(self._rows[row])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _reorder(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]

        def key(i: int) -> tuple:
            value = spec.key(self._rows[i]) if spec.key else fold(self._texts[i][column])
            return (value, fold(self._texts[i][0]))

        order_index = sorted(
            range(len(self._rows)), key=key, reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._rows = [self._rows[i] for i in order_index]
        self._texts = [self._texts[i] for i in order_index]
        if self._search is not None:
            self._search = [self._search[i] for i in order_index]
        self._positions = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        if self._sort == (column, order):
            return  # already in that order: set_rows keeps it (Qt asks twice per header click)
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.id_of(self._rows[i.row()]) for i in persistent]
        self._reorder(column, order)
        position = {self.id_of(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(position[rid], i.column()) for rid, i in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()


class RowsProxy(QSortFilterProxyModel):
    """Folded-text filter plus an optional row predicate; sorting is done by the source."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.text = ""
        self.predicate: Callable[[Any], bool] | None = None
        self.setDynamicSortFilter(False)

    def set_filter(
        self,
        text: str | None = None,
        predicate: Callable[[Any], bool] | None = None,
        *,
        keep_predicate: bool = True,
    ) -> None:
        self.beginFilterChange()
        if text is not None:
            self.text = fold(text.strip())
        if predicate is not None or not keep_predicate:
            self.predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None and column >= 0:
            model.sort(column, order)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        if self.text and self.text not in model.search_key(source_row):
            return False
        return self.predicate is None or self.predicate(model.row_at(source_row))


def setup_table(
    view: QTableView, name: str, widths: Sequence[int] = (), *, sortable: bool = True
) -> QTableView:
    """The same behaviour for every table: rows selected whole, nothing edited in place, Tab
    goes to the next widget (arrows move inside), French sorting by clicking a header."""
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    # fixed starting widths: measuring thousands of rows to fit contents would be slow
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def rows_table(
    name: str, model: RowsModel, proxy: RowsProxy | None = None, widths: Sequence[int] = ()
) -> QTableView:
    """A view over ``model`` (through ``proxy``, made if not given), set up by ``setup_table``."""
    proxy = proxy or RowsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    return setup_table(view, name, widths)


def selected_id(view: QAbstractItemView) -> int | None:
    """The database id of the current row, None when nothing is selected."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isSelected(index):
        rows = view.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0]
    value = index.siblingAtColumn(0).data(ID_ROLE)
    return int(value) if value is not None else None


def select_id(view: QAbstractItemView, row_id: int | None) -> bool:
    """Select and show the row of ``row_id``; False when it is not shown (filtered out)."""
    model = view.model()
    if row_id is None or model is None:
        return False
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    if isinstance(source, RowsModel):  # looked up by id, not by scanning every row
        row = source.row_of_id(row_id)
        if row is None:
            return False
        index = source.index(row, 0)
        if model is not source:
            index = model.mapFromSource(index)
        if not index.isValid():
            return False  # filtered out
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(index)
        return True
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) == row_id:
            view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            view.scrollTo(index)
            return True
    return False
