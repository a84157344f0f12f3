"""Finds inputs that assistive technologies could not name.

An input is named when a QLabel has it as buddy (visible label, Alt+letter reaches it) or when
it has an accessible name; check boxes and buttons may be named by their own text. Used by the
tests on the main window and its dialogs, and by ``--self-test``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INPUT_TYPES = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractSlider,
    QCalendarWidget,
    QAbstractButton,
)
# Qt builds these out of sub-widgets that are named through their owner.
COMPOSITES = (
    QComboBox, QAbstractSpinBox, QAbstractItemView, QCalendarWidget, QTabBar, QMenu, QMenuBar
)


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    chain = []
    w: QWidget | None = widget
    while w is not None:
        chain.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return f"{type(widget).__name__} dans {' < '.join(chain[1:5])}"


def unnamed_inputs(root: QWidget) -> list[str]:
    """Descriptions of every input under ``root`` without a label or an accessible name."""
    widgets = [root, *root.findChildren(QWidget)]
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in widgets:
        if not isinstance(widget, INPUT_TYPES) or isinstance(widget, (QHeaderView, QScrollBar)):
            continue
        if widget.objectName().startswith("qt_") or _inside_composite(widget, root):
            continue  # Qt's own parts (scroll arrows, extension buttons) are named by Qt
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        missing.append(_describe(widget))
    return missing
