"""What GUI tests check the same way in every area: the laptop screen, the wheel, the keys.

One copy for all the tests: a dialog "fits" when its frame lies within 1366×768 less a 40 px
taskbar and every button outside a scroll area is inside the window and not squashed.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

SCREEN_W, SCREEN_H = 1366, 768 - 40
SCREEN = QRect(0, 0, SCREEN_W, SCREEN_H)

LONG_FRENCH = (
    "Communauté de communes du Haut-Morvan et des Vallées de l'Yonne et de la Cure, "
    "médiathèque intercommunale Éléonore-Lefèvre-Château "
)


def in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(window: QWidget) -> None:
    """``window`` (shown) fits the laptop screen with all its buttons visible."""
    frame = window.frameGeometry()
    assert frame.width() <= SCREEN_W and frame.height() <= SCREEN_H, (
        f"{window.windowTitle()} : {frame.width()}×{frame.height()} plus grand que l'écran"
    )
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or in_scroll_area(button, window):
            continue
        if button.inherits("QToolButton") or button.objectName().startswith("qt_"):
            continue
        corner = button.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(QRect(corner, button.size())), (
            f"« {button.text()} » hors de la fenêtre {window.windowTitle()}"
        )
        # squeezed: shorter than it asks to be (a radio button asks for less than a push button)
        assert button.height() >= min(20, button.sizeHint().height()), (
            f"« {button.text()} » écrasé ({button.height()} px)"
        )


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over ``widget`` (down when ``steps`` is negative)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(widget, event)


def press_keys(window: QWidget, sequence: str) -> None:
    """Alt+letter as the keyboard sends it (through the window, so shortcuts apply)."""
    QTest.keySequence(window.windowHandle(), QKeySequence(sequence))
