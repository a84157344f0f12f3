"""Finds inputs that assistive technologies could not name, and Alt+letter clashes.

An input is named when a QLabel has it as buddy (visible label, Alt+letter reaches it) or when
it has an accessible name; check boxes and buttons may be named by their own text. Used by the
tests on the main window and its dialogs, and by ``--self-test``.

A mnemonic (the underlined letter of "&Enregistrer") must be unique among what is visible in
one window, menu-bar titles included: otherwise Alt+F reaches a field instead of the "Fichier"
menu, or Alt+E toggles between two buttons without pressing either.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
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

from desktop_app.views.common.date_fields import TypedField

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
    QComboBox, QAbstractSpinBox, QAbstractItemView, QCalendarWidget, QTabBar, QMenu, QMenuBar,
    TypedField,
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


_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower-cased."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isEnabled() and widget.window() is window


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Letters used by more than one visible, enabled element of ``window``, each with the
    texts that share it (empty when every Alt+letter reaches one thing)."""
    owners: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = mnemonic_of(text)
        if letter:
            owners.setdefault(letter, []).append(text.replace("&", ""))

    for bar in window.findChildren(QMenuBar):
        if bar.window() is window:
            for action in bar.actions():
                if action.isVisible():
                    add(action.text())
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or isinstance(widget, QMenu):
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar) or isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QGroupBox):  # checkable: toggles; otherwise: its first field
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i) and widget.isTabEnabled(i):
                    add(widget.tabText(i))
    return [
        f"Alt+{letter.upper()} : {' / '.join(texts)}"
        for letter, texts in sorted(owners.items())
        if len(texts) > 1
    ]
