"""Qt item models of the kit tab: rows read once by a service, shown without any query in
``data()``, sorted on precomputed keys in the source model (far faster than the proxy calling
``data()`` for every comparison on thousands of rows), filtered by a ``QSortFilterProxyModel``
that compares plain strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor

from desktop_app.services.kit.loans import LoanRow
from desktop_app.services.kit.queries import CategoryCount, ItemRow, ReservationRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")


# combining diacritical marks (U+0300–U+036F), removed by one C-level regular expression
_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Lower case without accents: "Câble" is found by typing "cable". Runs on every row of
    tables of thousands of rows, hence a regular expression rather than a per-character loop."""
    if text.isascii():
        return text.casefold()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


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
        self._search: list[str] = []
        self.search_text: Callable[[T, list[str]], str] = lambda _row, texts: " ".join(texts)
        self.foreground: Callable[[T], QColor | None] = lambda _row: None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- data
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [[c.text(r) for c in self.columns] for r in self._rows]
        self._search = [
            fold(self.search_text(r, t)) for r, t in zip(self._rows, self._texts, strict=True)
        ]
        if self._sort is not None:
            self._reorder(*self._sort)  # new rows keep the order the person chose
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def search_key(self, row: int) -> str:
        return self._search[row]

    def row_of_id(self, row_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if self.id_of(r) == row_id:
                return i
        return None

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
        self._search = [self._search[i] for i in order_index]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
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


# ---------------------------------------------------------------- the kit's tables

GREY, RED, ORANGE = QColor("#6b6b6b"), QColor("#b00020"), QColor("#9a5b00")


def _stock_text(r: ItemRow) -> str:
    if r.consumable:
        return f"{r.quantity or 0} en stock"
    return money_text(r.value)


def item_model(parent=None) -> RowsModel[ItemRow]:  # noqa: ANN001
    model: RowsModel[ItemRow] = RowsModel(
        [
            Column("N° d'inventaire", lambda r: r.inventory_number),
            Column("Catégorie", lambda r: r.category),
            Column("Matériel", lambda r: r.description),
            Column("N° de série", lambda r: r.serial),
            Column("État", lambda r: r.condition_label),
            Column("Disponibilité", lambda r: r.state_label),
            Column("Détail", lambda r: r.detail),
            Column("Emplacement", lambda r: r.location),
            Column(
                "Valeur / stock",
                _stock_text,
                key=lambda r: float(r.quantity or 0) if r.consumable else float(r.value or 0),
                align_right=True,
            ),
        ],
        id_of=lambda r: r.id,
        parent=parent,
    )
    model.search_text = lambda r, texts: " ".join((*texts, r.notes, r.funding))

    def colour(r: ItemRow) -> QColor | None:
        if r.retired:
            return GREY
        if r.state == "reparation" or r.low_stock:
            return RED
        if "en retard" in r.detail:
            return RED
        return None

    model.foreground = colour
    return model


def loan_model(parent=None) -> RowsModel[LoanRow]:  # noqa: ANN001
    model: RowsModel[LoanRow] = RowsModel(
        [
            Column("N°", lambda r: str(r.id), key=lambda r: r.id, align_right=True),
            Column("Emprunteur", lambda r: r.borrower_name),
            Column("Type", lambda r: r.kind_label),
            Column("Articles", lambda r: r.numbers),
            Column("Prêté le", lambda r: date_text(r.start, True), key=lambda r: r.start),
            Column("Retour prévu", lambda r: date_text(r.due, True), key=lambda r: r.due),
            Column(
                "Rendu le",
                lambda r: date_text(r.closed_at, True),
                key=lambda r: r.closed_at or datetime.max,
            ),
            Column(
                "Retard",
                lambda r: (
                    f"{r.days_late} jour{'s' if r.days_late > 1 else ''}" if r.days_late else ""
                ),
                key=lambda r: r.days_late,
                align_right=True,
            ),
        ],
        id_of=lambda r: r.id,
        parent=parent,
    )
    model.search_text = lambda r, texts: " ".join((*texts, r.phone))
    model.foreground = lambda r: RED if r.days_late else (GREY if r.closed_at else None)
    return model


def count_model(parent=None) -> RowsModel[CategoryCount]:  # noqa: ANN001
    def n(state: str) -> Callable[[CategoryCount], str]:
        return lambda c: str(c.counts.get(state, 0))

    def k(state: str) -> Callable[[CategoryCount], int]:
        return lambda c: c.counts.get(state, 0)

    model: RowsModel[CategoryCount] = RowsModel(
        [
            Column("Catégorie", lambda c: c.category),
            Column("Unités", lambda c: str(c.total), key=lambda c: c.total, align_right=True),
            Column("Libres", n("disponible"), key=k("disponible"), align_right=True),
            Column("Prêtées", n("prete"), key=k("prete"), align_right=True),
            Column("Réservées", n("reserve"), key=k("reserve"), align_right=True),
            Column("En réparation", n("reparation"), key=k("reparation"), align_right=True),
        ],
        id_of=lambda c: c.category_id,
        parent=parent,
    )
    model.foreground = lambda c: RED if c.total and not c.free else None
    return model


def reservation_model(parent=None) -> RowsModel[ReservationRow]:  # noqa: ANN001
    rows_ids: dict[str, int] = {}

    def id_of(r: ReservationRow) -> int:
        return rows_ids.setdefault(f"{r.source}|{r.start}", len(rows_ids) + 1)

    model: RowsModel[ReservationRow] = RowsModel(
        [
            Column("Réservation", lambda r: r.label),
            Column("Période", lambda r: r.period, key=lambda r: r.start),
            Column("Matériel réservé", lambda r: r.detail),
            Column("Origine", lambda r: "Ateliers" if r.is_workshop else "Kit (événement)"),
        ],
        id_of=id_of,
        parent=parent,
    )
    return model
