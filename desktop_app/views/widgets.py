"""Small reusable widgets: labelled form rows with an error line, and message helpers.

Every input gets a visible label tied to it (``setBuddy``), so screen readers announce it and
Alt+letter reaches it; a test walks the main window and fails on an unnamed input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class FieldWithError(QWidget):
    """An input with a red French message under it, hidden when the value is valid."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.field.setProperty("invalid", bool(message))
        self.field.setAccessibleDescription(message or "")
        self.field.setStyleSheet("border: 1px solid #b00020;" if message else "")


def add_row(form: QFormLayout, label: str, field: QWidget, *, with_error: bool = False):
    """Add ``label`` (with & mnemonic) tied to ``field``; returns the FieldWithError if asked."""
    label_widget = QLabel(label)
    label_widget.setBuddy(field)
    if with_error:
        wrapper = FieldWithError(field)
        form.addRow(label_widget, wrapper)
        return wrapper
    form.addRow(label_widget, field)
    return None


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
