"""The list view of the planner: a table model over the sessions of the displayed period (the
rows were read once for that period; ``data()`` never queries), sorted the French way."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from desktop_app.models.workshops import PLACE_TYPES
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.text import fold
from desktop_app.services.workshops.sessions import SessionRow
from desktop_app.views.workshops.calendar_views import qdate, session_tooltip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Date", "Horaire", "Durée", "Type", "Titre", "Thématiques", "Lieu", "Inscrits", "Statut")


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[SessionRow] = []
        self._keys: dict[int, list] = {}
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._locale = QLocale()

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = {}
        if self._sort != (0, Qt.SortOrder.AscendingOrder):  # rows arrive in time order
            self._apply_sort(*self._sort)
        self.endResetModel()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        keys = self.sort_keys(column)
        index = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in index]
        self._keys = {}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the Python list with precomputed keys: a year of sessions in milliseconds,
        where a proxy calling back into Python for each comparison took a visible moment."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def sort_keys(self, column: int) -> list:
        """One key per row for ``column``, computed once per reset: the proxy compares these
        instead of asking ``data()`` twice per comparison."""
        keys = self._keys.get(column)
        if keys is None:
            if column in (0, 1):
                keys = [(r.start, r.id) for r in self._rows]
            elif column == 2:
                keys = [(r.duration_min, r.start) for r in self._rows]
            elif column == 7:
                keys = [(r.registered, r.start) for r in self._rows]
            else:
                keys = [(fold(self._text(r, column)), r.start) for r in self._rows]
            self._keys[column] = keys
        return keys

    def row_at(self, row: int) -> SessionRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802, ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def _text(self, r: SessionRow, column: int) -> str:
        if column == 0:
            return self._locale.toString(qdate(r.start.date()), "ddd d MMM yyyy")
        if column == 1:
            return f"{r.start:%H:%M} – {r.end:%H:%M}"
        if column == 2:
            return duration_minutes(r.duration_min)
        if column == 3:
            return r.kind_label
        if column == 4:
            return r.display_title
        if column == 5:
            return r.themes_label
        if column == 6:
            return r.venue or PLACE_TYPES.get(r.place_type, "")
        if column == 7:
            if r.kind != "collectif":
                return "1" if r.person else "—"
            text = f"{r.registered} / {r.capacity}" if r.capacity else str(r.registered)
            return text + (f" (+{r.waiting} en attente)" if r.waiting else "")
        return r.status_label

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: ANN201
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == SORT_ROLE:
            if col in (0, 1):
                return r.start.isoformat()
            if col == 2:
                return r.duration_min
            if col == 7:
                return r.registered
            return self._text(r, col)
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return session_tooltip(r)
        if role == Qt.ItemDataRole.ForegroundRole and r.status == "annule":
            return QColor("#777777")
        return None


class SessionSortProxy(QSortFilterProxyModel):
    """Hands sorting to ``SessionTableModel.sort`` (keys computed once per column: dates by
    time, numbers by value, text without accents or case, so "Écrire" sorts with the e's)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, SessionTableModel) and column >= 0:
            model.sort(column, order)
            return
        super().sort(column, order)
