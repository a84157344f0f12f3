"""Application-wide safety nets, installed once on the QApplication.

- The mouse wheel never changes a spin box, a combo box or a date that does not have keyboard
  focus: scrolling a long form over a "Nombre de conseillers" field must scroll the form, not
  change (and autosave) the number. The wheel event goes to the scroll area around the field.
  Such fields also stop taking focus from the wheel (``StrongFocus``).
- Enter on a focused button presses it, in the main window as in dialogs (Qt outside a
  dialog answers Space only; a secretary used to Windows presses Enter).
- No window is ever taller or wider than the screen's available area: every top-level window
  is clamped to it when it is shown, and moved inside it (old laptops: 1366×768 with a taskbar).

One event filter does all three, so no dialog or tab needs to remember it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QChildEvent, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QPushButton,
    QToolButton,
    QWidget,
)

WHEEL_GUARDED = (QAbstractSpinBox, QComboBox)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The screen's area without taskbars, where ``widget`` is (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the available screen area (frame included) and move it inside."""
    area = available_geometry(window)
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0)
    extra_h = max(frame.height() - window.height(), 0)
    max_w, max_h = area.width() - extra_w, area.height() - extra_h
    window.setMaximumSize(max(max_w, 200), max(max_h, 150))
    if window.width() > max_w or window.height() > max_h:
        window.resize(min(window.width(), max_w), min(window.height(), max_h))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _guarded(widget: QObject) -> QWidget | None:
    """The guarded field ``widget`` belongs to (a spin box's inner line edit counts)."""
    current = widget
    for _ in range(3):
        if isinstance(current, WHEEL_GUARDED):
            return current  # type: ignore[return-value]
        if not isinstance(current, QWidget):
            return None
        current = current.parentWidget()
        if current is None:
            return None
    return None


_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


SCAN_GAP_S = 1.0  # characters typed on a button this shortly before Enter: a scanner's code


class _SafetyFilter(QObject):
    """Sees every event of the application (a tab's first show sends thousands), so it sorts
    them by their Python class, an identity test: ``event.type()`` builds a Python enum
    member on each call, and ``isinstance`` against Qt's classes is slower still. Wheel and
    show events have classes of their own; a field's polish is seen by its parent as a
    ``QChildEvent`` (much rarer than the plain ``QEvent`` of its own polish)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._typed_on: tuple[int, float] = (0, 0.0)  # button, when: last character typed

    def _enter_presses_button(self, watched: QObject, event: QKeyEvent) -> bool:
        """Enter on a focused button presses it, as on Windows, outside dialogs too: Qt
        presses a button with Space only, except a dialog's (whose Enter is its default
        button's).

        Once per press: a held Enter's repeats are swallowed (each would press again —
        marking activity after activity). And not after characters typed on the button: a
        barcode scanner types its code then Enter, and that Enter is the scan's end, not a
        press."""
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(watched, (QPushButton, QToolButton))  # not a box to tick
            or isinstance(watched.window(), QDialog)
            or not watched.hasFocus()
        ):
            return False
        if event.key() not in _ENTER_KEYS:
            if event.text().isprintable() and event.text():
                self._typed_on = (id(watched), time.monotonic())
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or not watched.isEnabled():
            return False
        if event.isAutoRepeat():
            return True
        button, when = self._typed_on
        if button == id(watched) and time.monotonic() - when < SCAN_GAP_S:
            return True  # the end of a scan typed onto the button: not a press
        watched.click()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = type(event)
        if kind is QWheelEvent:
            field = _guarded(watched)
            if field is not None and not field.hasFocus():
                area = _scroll_area_of(field)
                if area is not None:
                    QApplication.sendEvent(area.verticalScrollBar(), event)
                return True
        elif kind is QShowEvent:
            if _is_fitted_window(watched):
                fit_to_screen(watched)  # type: ignore[arg-type]
        elif kind is QKeyEvent:
            return self._enter_presses_button(watched, event)  # type: ignore[arg-type]
        elif kind is QChildEvent and event.polished():  # type: ignore[attr-defined]
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, WHEEL_GUARDED):
                child.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


_installed: dict[int, _SafetyFilter] = {}


def install_input_safety(app: QApplication | None = None) -> None:
    """Install the filter on the application (once; later calls do nothing)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or id(app) in _installed:
        return
    safety = _SafetyFilter(app)
    app.installEventFilter(safety)
    _installed[id(app)] = safety


def guard_fields(root: QWidget) -> None:
    """What the filter does when a field is polished, for every field already under ``root``:
    the fields built while the filter was suspended (``building_quietly``)."""
    for kind in WHEEL_GUARDED:
        for field in root.findChildren(kind):
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _is_fitted_window(widget: QObject) -> bool:
    """A window the filter fits to the screen when shown (not a menu, tooltip or popup)."""
    return (
        isinstance(widget, QWidget)
        and widget.isWindow()
        and not widget.inherits("QMenu")
        and not widget.inherits("QToolTip")
        and widget.windowType() != Qt.WindowType.Popup
    )


@contextmanager
def building_quietly(root: Callable[[], QWidget | None]) -> Iterator[None]:
    """Build a page without the filter seeing each of its construction events.

    A tab's first build sends thousands of events (children added, properties, polish, show)
    and each one crossing into this Python filter cost about a sixth of the tab's first show.
    While a page is built synchronously no input is delivered (the event loop is not running;
    an operation's nested loop holds input back itself), so there is nothing to guard; once
    the page is built, ``root()`` — the built page — has its fields guarded as a polish would
    have done, and the filter is back for everything that follows (paint, wheel, windows).

    A window that opens during the build (a message, a dialog run to its end there) is what
    the person then uses: the filter comes back as soon as one takes the focus (a signal, sent
    only when the active window changes), and every window that appeared is fitted to the
    screen and has its fields guarded, as if the filter had seen it shown."""
    app = QApplication.instance()
    safety = _installed.get(id(app)) if app is not None else None
    if safety is None:
        yield
        return
    assert isinstance(app, QApplication)
    before = {id(w) for w in app.topLevelWidgets() if w.isVisible()}
    suspended = [True]

    def resume(*_args: object) -> None:
        if suspended[0]:
            suspended[0] = False
            app.installEventFilter(safety)
        for window in app.topLevelWidgets():
            if window.isVisible() and id(window) not in before and _is_fitted_window(window):
                before.add(id(window))
                fit_to_screen(window)
                guard_fields(window)

    app.removeEventFilter(safety)
    app.focusWindowChanged.connect(resume)
    try:
        yield
    finally:
        app.focusWindowChanged.disconnect(resume)
        resume()
        page = root()
        if page is not None:
            guard_fields(page)
