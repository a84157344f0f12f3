"""Search-and-add fields: type (or scan) then Enter adds; Enter never closes the dialog.

In a dialog, a line edit lets Enter through to the dialog's default button once it has emitted
``returnPressed``: a barcode scanner typing a number then Enter saved the loan after the first
item. ``EntryLineEdit`` keeps Enter for itself (``entered``) and hands Down/Up to a result list,
so the person can move into the results with the keyboard. ``SearchAdd`` puts a field and its
results together: Enter adds the highlighted result (the first one until the person moves),
double-click or Enter in the list does the same, and ``chosen(id)`` says which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

Found = Sequence[tuple[int, str]]  # (id, text shown)


class EntryLineEdit(QLineEdit):
    """A line edit whose Enter is its own (``entered``), and whose Down/Up go to a list."""

    entered = Signal()
    moved = Signal(int)  # +1 for Down, -1 for Up

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in _ENTER:
            event.accept()
            self.entered.emit()
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            event.accept()
            self.moved.emit(1 if key == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class SearchAdd(QWidget):
    """A search field with its results; ``chosen(id)`` when the person picks one.

    ``search(text)`` returns ``(id, text)`` pairs; ``empty_text`` is shown when nothing matches.
    The field keeps focus after a pick (the next scan can follow at once)."""

    chosen = Signal(int)

    def __init__(
        self,
        search: Callable[[str], Found],
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        empty_text: str = "Aucun résultat.",
        results_name: str = "Résultats",
        delay_ms: int = 150,
        max_height: int = 110,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self.empty_text = empty_text
        self.field = EntryLineEdit()
        self.field.setPlaceholderText(placeholder)
        self.results = QListWidget()
        self.results.setAccessibleName(results_name)
        self.results.setMaximumHeight(max_height)
        self.results.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        self.setFocusProxy(self.field)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._text_changed)
        self.field.entered.connect(self.pick_current)
        self.field.moved.connect(self._move)
        self.results.itemActivated.connect(self._activated)

    def _text_changed(self, _text: str) -> None:
        self.results.clear()  # never show results of an older search
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.field.text().strip()
        self.results.clear()
        if not text:
            return
        found = list(self._search(text))
        for row_id, shown in found:
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, row_id)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem(self.empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        else:
            self.results.setCurrentRow(0)

    def current_id(self) -> int | None:
        item = self.results.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return int(value) if value is not None else None

    def pick_current(self) -> None:
        """Enter: add the highlighted result (searching first if the text just changed)."""
        if self._timer.isActive() or self.results.count() == 0:
            self.run_search()
        row_id = self.current_id()
        if row_id is not None:
            self.chosen.emit(row_id)

    def _move(self, step: int) -> None:
        if self._timer.isActive():
            self.run_search()
        count = self.results.count()
        if not count:
            return
        row = max(0, min(count - 1, self.results.currentRow() + step))
        self.results.setCurrentRow(row)

    def _activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.chosen.emit(int(value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Enter in the list picks there and stays in the dialog.
        if watched is self.results and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _ENTER:
                item = self.results.currentItem()
                if item is not None:
                    self._activated(item)
                return True
        return super().eventFilter(watched, event)
