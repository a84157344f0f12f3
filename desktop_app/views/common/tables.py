"""One table design for every tab: rows read once by a service, a model over them, a proxy
that filters, and one function that sets a view up the same way everywhere.

- ``RowsModel`` holds plain rows (dataclasses from the services) and ``Column`` describes what each
  column shows and how it sorts. A row's display texts are computed once per reset, when the
  row is first shown or searched (a reload of thousands of rows pays for the rows on screen);
  sorting is done by the source model on precomputed keys (far faster than the proxy
  calling ``data()`` for every comparison on thousands of rows). Text columns sort French-style,
  without regard to accents or case (``services.text.fold``), and naturally: the numbers inside
  a text compare as numbers (« N° 9 » before « N° 10 », « KIT-2 » before « KIT-10 »). Rows that
  tie keep the order of the first column, sorted by that column's own key.
- ``RowsProxy`` filters on folded text ("cable" finds "Câble") plus an optional predicate.
- A painted cell's roles are answered in one ``multiData`` call through the proxy (Qt asks
  seven roles per cell; one at a time, each crossing into Python was half a table's painting).
- A cell shows its full text as a tooltip, so a cut cell can always be read.
- ``setup_table`` configures a view: whole-row selection, no editing, Tab leaves the table (the
  arrows move inside it), sorting by header click and, for the keyboard and screen readers, by
  the table's context menu (Menu key, Shift+F10 or right click): « Trier par » lists the
  columns and the two orders as checkable items. The menu also shows the actions a tab added
  to the table (``addAction``), and ``add_sort_menu`` puts the same entries into a menu a tab
  builds itself.
- ``select_id`` / ``selected_id`` find rows by their database id, whatever the sort.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTime,
)
from PySide6.QtGui import QActionGroup, QColor, QContextMenuEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from desktop_app.services.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# the roles RowsModel.data answers, as the plain ints Qt passes
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ID = int(ID_ROLE)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
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


_NUMBERS = re.compile(r"([0-9]+)")


@lru_cache(maxsize=16384)
def natural_key(text: str) -> tuple:
    """The sort key of a shown text: folded (French order, accents and case aside), its runs of
    digits compared as numbers, so that « N° 9 » comes before « N° 10 » and « 2 jours » before
    « 10 jours ». Text and numbers alternate at fixed places (text first, possibly empty), so
    any two keys compare without mixing types; a text without digits is a 1-tuple. Cached:
    a reload sorts the same texts again, and names, categories and models repeat."""
    parts: list = _NUMBERS.split(fold(text))
    if len(parts) > 1:
        # float past int()'s digit limit: such a run only has to compare, not be exact
        parts[1::2] = [int(p) if len(p) < 1000 else float(p) for p in parts[1::2]]
    return tuple(parts)


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    key: Callable[[T], Any] | None = None  # sort key; natural_key(shown text) when None
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of rows; a row's display texts computed once per reset,
    when the row is first shown."""

    def __init__(
        self, columns: Sequence[Column[T]], id_of: Callable[[T], int], parent=None
    ) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.columns = list(columns)
        self.id_of = id_of
        self._rows: list[T] = []
        # a row's display texts, made when the row is first shown (or searched): a reload of
        # thousands of rows costs the rows on screen, not the whole list
        self._texts: list[list[str] | None] = []
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
        self._texts = [None] * len(self._rows)
        self._search = None
        self._positions = None
        if self._sort is not None:
            self._reorder(*self._sort)  # new rows keep the order the person chose
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def texts(self, row: int) -> list[str]:
        """The display texts of ``row``, one per column."""
        texts = self._texts[row]
        if texts is None:
            item = self._rows[row]
            texts = self._texts[row] = [c.text(item) for c in self.columns]
        return texts

    def search_key(self, row: int) -> str:
        if self._search is None:
            self._search = [
                fold(self.search_text(r, self.texts(i))) for i, r in enumerate(self._rows)
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
        self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY
    ):
        # called several times per cell painted (a role each: text, font, colours, alignment,
        # check state, icon…): the roles are compared as plain ints, the text first
        if role in (_DISPLAY, _TOOLTIP):
            row = index.row()
            texts = self._texts[row] if 0 <= row < len(self._texts) else None
            if texts is None:
                if not index.isValid():
                    return None
                texts = self.texts(row)
            return texts[index.column()]
        if role == _FOREGROUND:
            return self.foreground(self._rows[index.row()]) if index.isValid() else None
        if role == _ALIGNMENT:
            if index.isValid() and self.columns[index.column()].align_right:
                return _RIGHT
            return None
        if role == _ID and index.isValid():
            return self.id_of(self._rows[index.row()])
        return None

    def multiData(  # noqa: N802 - Qt API
        self, index: QModelIndex | QPersistentModelIndex, span: QModelRoleDataSpan
    ) -> None:
        """Every role a delegate asks for a cell, in one call: a painted cell asked ``data``
        seven times (text, font, colours, alignment, check state, icon), each a crossing from
        C++ into Python; here the cell is one crossing and only the roles answered are set."""
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        for role_data in span:
            role = role_data.role()
            if role in (_DISPLAY, _TOOLTIP):
                texts = self._texts[row]
                role_data.setData((texts or self.texts(row))[column])
            elif role == _FOREGROUND:
                colour = self.foreground(self._rows[row])
                if colour is None:
                    role_data.clearData()
                else:
                    role_data.setData(colour)
            elif role == _ALIGNMENT and self.columns[column].align_right:
                role_data.setData(_RIGHT)
            elif role == _ID:
                role_data.setData(self.id_of(self._rows[row]))
            else:
                role_data.clearData()

    def _keys(self, column: int) -> list:
        spec = self.columns[column]
        if spec.key is not None:
            return [spec.key(r) for r in self._rows]
        text = spec.text
        return [natural_key(text(r)) for r in self._rows]

    def _reorder(self, column: int, order: Qt.SortOrder) -> None:
        keys = self._keys(column)
        if column != 0:  # ties in the order of the first column, by its own key (loan numbers)
            keys = list(zip(keys, self._keys(0), strict=True))
        order_index = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
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
        # the source kept on the Python side: filterAcceptsRow runs once per row at each reset,
        # and sourceModel() through the binding cost ~5 µs a call on a first filling
        # (14 ms of the 2,983 profiles' first showing)
        self._source: RowsModel | None = None
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt API)
        self._source = model if isinstance(model, RowsModel) else None
        super().setSourceModel(model)

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

    def multiData(  # noqa: N802 - Qt API
        self, index: QModelIndex | QPersistentModelIndex, span: QModelRoleDataSpan
    ) -> None:
        """A cell's roles asked of the source in one call (Qt's proxy asks them one by one)."""
        model = self._source
        if model is None:
            super().multiData(index, span)
            return
        model.multiData(self.mapToSource(index), span)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None and column >= 0:
            model.sort(column, order)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self._source
        assert model is not None, "RowsProxy filters a RowsModel"
        if self.text and self.text not in model.search_key(source_row):
            return False
        return self.predicate is None or self.predicate(model.row_at(source_row))


SORT_MENU_TEXT = "&Trier par"
ASCENDING_TEXT = "Ordre &croissant"
DESCENDING_TEXT = "Ordre &décroissant"


def add_sort_menu(menu: QMenu, view: QTableView) -> QMenu | None:
    """Append « Trier par » to ``menu`` for ``view`` (None, and nothing added, when the view is
    not sortable): the shown columns as exclusive checkable items, the current one checked,
    then « Ordre croissant » / « Ordre décroissant ». Built when the menu opens, from the
    header: nothing is kept per table or per row. For a table whose tab builds its own context
    menu (``customContextMenuRequested``); other tables get it from ``setup_table``."""
    model = view.model()
    if model is None or not view.isSortingEnabled():
        return None
    header = view.horizontalHeader()
    current, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    submenu = menu.addMenu(SORT_MENU_TEXT)
    submenu.setObjectName("sortMenu")
    columns = QActionGroup(submenu)
    for visual in range(header.count()):
        column = header.logicalIndex(visual)
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        text = str(title) if title else f"Colonne {column + 1}"
        action = submenu.addAction(text.replace("&", "&&"))
        action.setCheckable(True)
        action.setChecked(column == current)
        columns.addAction(action)
        action.triggered.connect(partial(_sort_by_column, view, column))
    submenu.addSeparator()
    orders = QActionGroup(submenu)
    for text, value in (
        (ASCENDING_TEXT, Qt.SortOrder.AscendingOrder),
        (DESCENDING_TEXT, Qt.SortOrder.DescendingOrder),
    ):
        action = submenu.addAction(text)
        action.setCheckable(True)
        action.setChecked(value == order)
        orders.addAction(action)
        action.triggered.connect(partial(_sort_in_order, view, value))
    return submenu


def _sort_by_column(view: QTableView, column: int, _checked: bool = False) -> None:
    """A radio item: choosing the column already sorted on changes nothing (the order has its
    own two items); another column starts in the order a click on its header would give."""
    header = view.horizontalHeader()
    if column == header.sortIndicatorSection():
        return
    initial = view.model().headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole
    )
    order = Qt.SortOrder(initial) if initial is not None else Qt.SortOrder.AscendingOrder
    _sort(view, column, order)


def _sort_in_order(view: QTableView, order: Qt.SortOrder, _checked: bool = False) -> None:
    column = view.horizontalHeader().sortIndicatorSection()
    if 0 <= column < view.model().columnCount():
        _sort(view, column, order)


def _sort(view: QTableView, column: int, order: Qt.SortOrder) -> None:
    view.sortByColumn(column, order)
    current = view.currentIndex()
    if current.isValid():
        view.scrollTo(current)  # the chosen row stays in sight in its new place


_KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class _TableMenu(QObject):
    """The context menu of a table set up by ``setup_table``. It shows the actions a tab added
    to the view (as ``ActionsContextMenu`` would), then « Trier par » when the view sorts;
    a view whose tab shows its own menu (``CustomContextMenu``) or none is left alone. Shift+F10
    opens it as the Menu key does (Qt sends a context-menu event for the Menu key only).

    It also shows where the keyboard is: a table reached by Tab, Maj+Tab or an Alt+letter with
    no row chosen chooses its current row (the first one if none), so the row is highlighted
    and what the tab shows of it follows — Qt alone only draws a faint dotted box around one
    cell, which nobody sees."""

    NAME = "tableMenuFilter"

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.setObjectName(self.NAME)
        self.view = view
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # a right click lands on the viewport

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._open(event)
        if (
            kind == QEvent.Type.FocusIn
            and watched is self.view
            and isinstance(event, QFocusEvent)
            and event.reason() in _KEYBOARD_FOCUS
        ):
            self._choose_a_row()
            return False
        if (
            kind == QEvent.Type.KeyPress
            and watched is self.view
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F10
            and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            where = self._keyboard_point()
            QApplication.sendEvent(
                self.view,
                QContextMenuEvent(
                    QContextMenuEvent.Reason.Keyboard, where, self.view.mapToGlobal(where)
                ),
            )
            return True
        return False

    def _choose_a_row(self) -> None:
        model, chosen = self.view.model(), self.view.selectionModel()
        if model is None or chosen is None or chosen.hasSelection() or not model.rowCount():
            return
        current = self.view.currentIndex()
        self.view.setCurrentIndex(current if current.isValid() else model.index(0, 0))

    def _keyboard_point(self) -> QPoint:
        """Under the current row's cell when it is in sight, else the top of the rows (in the
        view's coordinates)."""
        viewport = self.view.viewport()
        rect = self.view.visualRect(self.view.currentIndex())
        if rect.isValid() and viewport.rect().intersects(rect):
            point = QPoint(rect.left() + 8, min(rect.bottom(), viewport.height() - 1))
        else:
            point = QPoint(8, 8)
        return viewport.mapTo(self.view, point)

    def _open(self, event: QContextMenuEvent) -> bool:
        view = self.view
        policy = view.contextMenuPolicy()
        if policy not in (
            Qt.ContextMenuPolicy.DefaultContextMenu,
            Qt.ContextMenuPolicy.ActionsContextMenu,
        ):
            return False
        actions = view.actions() if policy == Qt.ContextMenuPolicy.ActionsContextMenu else []
        menu = QMenu(view)
        menu.setObjectName("tableMenu")
        if actions:
            menu.addActions(actions)
            menu.addSeparator()  # collapsed by the menu when nothing follows
        if add_sort_menu(menu, view) is None and not actions:
            menu.deleteLater()
            return False  # nothing to offer: the event goes on as if unseen
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            where = view.mapToGlobal(self._keyboard_point())
        else:
            where = event.globalPos()
        event.accept()
        menu.exec(where)
        with contextlib.suppress(RuntimeError):  # the view (and so the menu) may be gone
            menu.deleteLater()
        return True


def setup_table(
    view: QTableView, name: str, widths: Sequence[int] = (), *, sortable: bool = True
) -> QTableView:
    """The same behaviour for every table: rows selected whole, nothing edited in place, Tab
    goes to the next widget (arrows move inside), French sorting by clicking a header or by the
    context menu's « Trier par » (keyboard, screen readers)."""
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
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    if view.findChild(QObject, _TableMenu.NAME, direct) is None:  # one, if set up twice
        _TableMenu(view)
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


def choose_index(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Make the row of ``index`` (an index of the view's own model) current, selected whole
    and in sight; False when the index is not valid (a row filtered out)."""
    if not index.isValid():
        return False
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)
    return True


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
        return choose_index(view, index)
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) == row_id:
            return choose_index(view, index)
    return False
