"""The list view of the planner: a table model over the sessions of the displayed period (the
rows were read once for that period; ``data()`` never queries), sorted the French way."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from desktop_app.models.workshops import PLACE_TYPES
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.workshops.sessions import SessionRow
from desktop_app.views.workshops.calendar_views import qdate, session_tooltip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Date", "Horaire", "Durée", "Type", "Titre", "Thématiques", "Lieu", "Inscrits", "Statut")


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[SessionRow] = []
        self._locale = QLocale()

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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
    """Sorts by ``SORT_ROLE`` with a French collator (é sorts with e, numbers by value)."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._collator = QCollator(QLocale())
        self._collator.setNumericMode(True)
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return self._collator.compare(str(a), str(b)) < 0
