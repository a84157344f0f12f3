"""The start-up splash: shown as soon as Qt is up, before the database and the main window are
loaded, so an old PC shows something within half a second instead of a blank wait.

It imports nothing but Qt (and the few lines of ``startup_gc``), so showing it costs no more
than the QApplication itself. Only one exists at a time; anything that opens a dialog during
start-up (an opening problem, the lock's password, the first-start assistant, the error
dialog) calls ``dismiss()`` first, so that no dialog ever hides behind it.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import startup_gc

WIDTH, HEIGHT = 440, 170
ACCENT = QColor("#1f4e79")


class Splash(QWidget):
    """A frameless window with the picture and one line saying what start-up does.

    Not a QSplashScreen: its ``show()`` waits up to a second for the window system to expose
    it (the whole second, on a virtual screen), which is the delay a splash is meant to hide.
    """

    def __init__(self, picture: QPixmap) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("startupSplash")
        self.setAccessibleName("Démarrage de CNum Biblio")
        self.picture = picture
        self.text = ""
        self.setFixedSize(WIDTH, HEIGHT)
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - WIDTH // 2, area.center().y() - HEIGHT // 2)

    def set_message(self, text: str) -> None:
        self.text = text
        self.setAccessibleDescription(text)
        self.repaint()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.picture)
        painter.setPen(QColor("#333333"))
        painter.drawText(QRect(24, HEIGHT - 40, WIDTH - 40, 24),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.text)
        painter.end()


_current: Splash | None = None


def _pixmap(title: str, version: str, icon: QPixmap | None) -> QPixmap:
    ratio = QApplication.primaryScreen().devicePixelRatio() if QApplication.primaryScreen() else 1
    pixmap = QPixmap(int(WIDTH * ratio), int(HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(ACCENT)
    painter.drawRect(0, 0, WIDTH - 1, HEIGHT - 1)
    left = 24
    if icon is not None and not icon.isNull():
        painter.drawPixmap(24, 28, 64, 64, icon)
        left = 104
    font = QFont(painter.font())
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(left, 30, WIDTH - left - 16, 36), Qt.AlignmentFlag.AlignLeft, title)
    font.setPointSizeF(font.pointSizeF() / 1.8)
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    painter.drawText(QRect(left, 70, WIDTH - left - 16, 24), Qt.AlignmentFlag.AlignLeft,
                     f"Version {version}")
    painter.end()
    return pixmap


def show(title: str, version: str, icon: QPixmap | None = None) -> Splash:
    """Show the splash with "Démarrage…" and paint it now."""
    global _current
    dismiss()
    splash = Splash(_pixmap(title, version, icon))
    _current = splash
    splash.show()
    message("Démarrage…")
    log_event("splash")
    return splash


def message(text: str) -> None:
    """Say what start-up is doing (bottom of the splash), painted at once."""
    if _current is None:
        return
    _current.set_message(text)
    QApplication.processEvents()


def dismiss() -> None:
    """Close the splash (nothing happens when none is shown). Start-up is over, or is about to
    ask something: the garbage collector paused for it resumes."""
    global _current
    startup_gc.resume()
    if _current is not None:
        _current.close()
        _current.deleteLater()
        _current = None


def current() -> Splash | None:
    return _current


def log_event(event: str) -> None:
    """Write when ``event`` happened to ``CNUM_BIBLIO_STARTUP_LOG`` (``make bench`` reads it to
    time the splash, the window and the closing against the process's start)."""
    path = os.environ.get("CNUM_BIBLIO_STARTUP_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {time.time():.6f}\n")
