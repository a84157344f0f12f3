"""A word-wrapped label that measures its text once per width, and ``escape`` for the rich text
of labels.

``escape`` is ``html.escape`` that keeps French spacing whole: Qt's HTML reader takes the
narrow no-break space (U+202F, which ``services.french`` puts in « 193 200,00 € », before
« ? » and inside « ») for a space it may break a line at, so an amount was cut in two and a
« ? » or « » left alone on a line; the plain no-break space, which Qt keeps, stands for it.

Qt lays out a word-wrapped label by asking its height for a width, and a panel of such labels
in a resizable scroll area asks again and again with the same widths while it settles: a label
holding an HTML table (a profile's detail: twenty lines) costs about a millisecond per answer,
some thirty answers per change. ``WrappedLabel`` remembers each answer until what it depends on
changes (the text, the font, the style, the margins), so a change costs one measure per width.

A label that simply takes the width its layout gives it (``fills_width=True``: a detail panel
in a scroll area) also answers its size hints from that measure — its height at its present
width, and one line as its minimum — instead of Qt's own, which lays the whole text out again
at other widths (a fifth of the work when a profile is chosen). Not for a label whose
preferred width should shape a dialog: there Qt's hints choose a pleasant first width.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

NNBSP, NBSP = "\u202f", "\u00a0"


def escape(text: str, quote: bool = True) -> str:
    """``html.escape`` for a rich-text label, the narrow no-break spaces kept unbreakable."""
    return html.escape(text, quote).replace(NNBSP, NBSP)


def escape_french(text: str) -> str:
    """``escape`` after French typography (``services.french.typography``): « » and : of what
    was typed are held to their words (« l'atelier « Répar'Café » » left « « » alone at the end
    of a line in a narrow pane)."""
    from desktop_app.services.french import typography

    return escape(typography(text), quote=False)  # element text: quotes need no escaping


MIN_FILL_WIDTH = 200  # a filling label's preferred width before its layout gives it one


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 rich: bool = False, fills_width: bool = False) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self._fills_width = fills_width
        self.setWordWrap(True)
        if rich:
            self.setTextFormat(Qt.TextFormat.RichText)
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def setContentsMargins(self, *margins: object) -> None:  # noqa: N802 (Qt API)
        self._heights.clear()
        super().setContentsMargins(*margins)  # type: ignore[arg-type]

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt API)
        self._heights.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt API)
        self._heights.clear()
        super().setMargin(margin)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if not self._fills_width:
            return super().sizeHint()
        width = max(self.width(), MIN_FILL_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if not self._fills_width:
            return super().minimumSizeHint()
        margins = self.contentsMargins()
        line = self.fontMetrics().height() + margins.top() + margins.bottom()
        return QSize(MIN_FILL_WIDTH // 2, line + 2 * self.margin())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LayoutDirectionChange):
            self._heights.clear()
        super().changeEvent(event)
