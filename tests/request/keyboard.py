"""Driving windows with the keyboard alone, as a person without a mouse does: Alt+letter to reach
a labelled field or press a button, Tab to go on, typing over a field's content."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.typing_helpers import type_text

BUTTON_ANIMATION_MS = 150


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "aucun champ n'a le focus"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(focus(), key, modifier)


def alt(qtbot, letter: str) -> None:  # noqa: ANN001
    """Alt+``letter``; a button's mnemonic clicks it after a short animation, hence the wait."""
    press(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
    qtbot.wait(BUTTON_ANIMATION_MS)


def when_modal(kind: type, act) -> QTimer:  # noqa: ANN001
    """Run ``act(dialog)`` once a modal ``kind`` is shown (its exec() is running)."""
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            timer.stop()
            act(dialog)

    timer.timeout.connect(check)
    timer.start()
    return timer


def is_on(widget: QWidget) -> bool:
    current = QApplication.focusWidget()
    return current is not None and (current is widget or widget.isAncestorOf(current))


def tab_to(qtbot, widget: QWidget, limit: int = 60) -> None:  # noqa: ANN001
    """Press Tab until ``widget`` has the focus (it must be reachable with Tab alone)."""
    for _ in range(limit):
        if is_on(widget):
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab n'atteint pas {widget.objectName() or type(widget).__name__}")


def replace(qtbot, text: str) -> None:  # noqa: ANN001
    """Select what the focused field holds and type ``text`` over it."""
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, focus(), text)


def at(qtbot, letter: str, widget: QWidget, text: str | None = None) -> None:  # noqa: ANN001
    """Alt+``letter`` reaches ``widget``; then type ``text`` over its content."""
    alt(qtbot, letter)
    assert is_on(widget), f"Alt+{letter.upper()} n'atteint pas {widget.objectName()}"
    if text is not None:
        replace(qtbot, text)


