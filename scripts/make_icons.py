"""Draws the application icon (PNG sizes and a Windows .ico) into resources/icons/.

Run once after changing the design: ``.venv/bin/python scripts/make_icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setBrush(QColor("#1f4e79"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # open book
    p.setBrush(QColor("#ffffff"))
    for sign in (-1, 1):
        path = QPainterPath(QPointF(128 * s, 92 * s))
        path.cubicTo(QPointF((128 + sign * 40) * s, 70 * s), QPointF((128 + sign * 80) * s, 74 * s),
                     QPointF((128 + sign * 96) * s, 84 * s))
        path.lineTo(QPointF((128 + sign * 96) * s, 196 * s))
        path.cubicTo(QPointF((128 + sign * 80) * s, 186 * s), QPointF((128 + sign * 40) * s, 184 * s),
                     QPointF(128 * s, 204 * s))
        path.closeSubpath()
        p.drawPath(path)
    # cursor / digital mark
    p.setPen(QPen(QColor("#f4a261"), max(1.0, 10 * s)))
    p.drawLine(QPointF(128 * s, 96 * s), QPointF(128 * s, 200 * s))
    if size >= 48:
        font = QFont("DejaVu Sans", max(6, int(34 * s)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#1f4e79"))
        p.drawText(QRectF(36 * s, 110 * s, 88 * s, 60 * s), Qt.AlignmentFlag.AlignCenter, "C")
        p.drawText(QRectF(132 * s, 110 * s, 88 * s, 60 * s), Qt.AlignmentFlag.AlignCenter, "N")
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256):
        draw(size).save(str(OUT / f"cnum-biblio-{size}.png"))
    draw(256).save(str(OUT / "cnum-biblio.ico"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
