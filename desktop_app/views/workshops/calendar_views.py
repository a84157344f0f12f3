"""Week and month views of the planner, painted by hand so that a week of dense data draws in
a few milliseconds (no widget per session).

Both views show sessions as blocks or lines, public holidays (tinted column and its name),
training days (blue, with the training's name) and, in the week view, the library's closed hours
(grey). Click a session to select it, double-click (or Entrée) to open it; the arrow keys move
from one session to the next for people who do not use a mouse. Keyboard focus is a frame drawn
around the view, over what it shows and never filling it; the chosen session has its own
highlighted border.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.services.workshops import calendar as cal
from desktop_app.services.workshops import planner
from desktop_app.services.workshops.sessions import SessionRow

COLORS = {
    "collectif": QColor("#d6e4f5"),
    "individuel": QColor("#dcefd8"),
}
BORDERS = {"collectif": QColor("#2f5f98"), "individuel": QColor("#3b7a35")}
CANCELLED = QColor("#eeeeee")
HOLIDAY = QColor("#fbe3e3")
TRAINING = QColor("#e3ecfb")
CLOSED = QColor("#f1f1f1")
TODAY = QColor("#fff7d6")
GRID = QColor("#d0d0d0")
TEXT_MUTED = QColor("#555555")
TEXT_DARK = QColor("#111111")
CANCELLED_BORDER = QColor("#888888")


def _hhmm(moment: datetime) -> str:
    """ "14:05" without strftime, slow when called for each session of every repaint."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _draw_struck(p: QPainter, at: QPointF, text: QStaticText, fm: QFontMetrics) -> None:
    """A cancelled session's line: the text, then its line through, drawn here. A struck font
    laid out once (``QStaticText``) drew its line shifted by the painter's translation — on
    screen by the view's place in the window, 11 pixels into the day before in the month, more
    in the week's blocks."""
    p.drawStaticText(at, text)
    y = at.y() + fm.ascent() - fm.strikeOutPos()
    p.save()
    p.setPen(QPen(p.pen().color(), max(1, fm.lineWidth())))
    p.drawLine(QPointF(at.x(), y), QPointF(at.x() + text.size().width(), y))
    p.restore()


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def session_tooltip(row: SessionRow) -> str:
    locale = QLocale()
    when = locale.toString(qdate(row.start.date()), "dddd d MMMM yyyy")
    lines = [
        row.display_title,
        f"{when}, {row.start:%H:%M} – {row.end:%H:%M}",
        f"{row.kind_label} — {row.status_label}",
    ]
    if row.themes:
        lines.append(row.themes_label)
    if row.kind == "collectif":
        seats = f"{row.registered} inscrit(s) sur {row.capacity or '—'} places"
        if row.waiting:
            seats += f", {row.waiting} en liste d'attente"
        lines.append(seats)
    return "\n".join(lines)


@dataclass
class _Hit:
    rect: QRectF
    row: SessionRow


BLOCK_TEXTS_KEPT = 4096  # layouts of block texts kept by a week view before starting afresh
MIN_LANE_CHARS = "00:00 Atel…"  # the narrowest block still worth drawing side by side


def _elide(fm: QFontMetrics, text: str, width: float) -> str:
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width))


def _block_lines(
    fm: QFontMetrics,
    headers: tuple[str, str, str],
    title: str,
    width: float,
    height: float,
    *,
    compact: bool = False,
) -> list[str]:
    """The lines a week block of ``width`` × ``height`` shows.

    A block of two lines or more shows the longest header that fits ("14:00–16:00 · 8/8",
    then "14:00 · 8/8", then "14:00"), then the title word-wrapped over the room left, its
    last line elided. A shorter one, or one partly covered by the blocks that overlap it
    (``compact``: only its first line is sure to be seen), starts with "14:00 Titre…" on one
    line: the start and the beginning of the title are what a conseiller looks for."""
    line_h = fm.height()
    if compact or height < 2 * line_h:
        lines = [_elide(fm, f"{headers[2]} {title}", width)]
        if height >= 2 * line_h:  # room for the end time and the seats, under it
            header = next((h for h in headers[:2] if fm.horizontalAdvance(h) <= width), "")
            if header and header != headers[2]:
                lines.append(header)
        return lines
    header = next((h for h in headers[:2] if fm.horizontalAdvance(h) <= width), headers[2])
    lines = [_elide(fm, header, width)]
    room = int(height // line_h) - 1
    if room > 0:
        current = ""
        wrapped: list[str] = []
        for w in title.split():
            trial = f"{current} {w}".strip()
            if fm.horizontalAdvance(trial) <= width or not current:
                current = trial
            else:
                wrapped.append(current)
                current = w
        if current:
            wrapped.append(current)
        if len(wrapped) > room:
            rest = " ".join(wrapped[room - 1 :])
            wrapped = wrapped[: room - 1] + [rest]
        lines += [_elide(fm, t, width) for t in wrapped]
    return lines


@dataclass
class _Placed:
    """Where a week block is drawn; ``compact`` when blocks drawn later cover it, ``seen`` the
    height of its top left uncovered (its text is written there only)."""

    rect: QRectF
    row: SessionRow
    compact: bool
    seen: float


def day_blocks(
    rows: list[SessionRow],
    y_of: Callable[[datetime], float],
    x0: float,
    width: float,
    min_height: float,
    min_width: float,
) -> list[_Placed]:
    """The blocks of one day, in drawing order (later ones over earlier ones).

    Every block is at least ``min_height`` tall (one line of text), however short the
    session. Sessions are grouped into clusters of blocks that overlap on screen; a cluster
    whose lanes side by side are at least ``min_width`` wide is drawn so; a denser one (all
    the conseillers of a busy afternoon) is drawn as a cascade: each lane indented a little
    more, every block reaching the right edge, a later block drawn over the earlier ones
    below their first line, which stays readable ("14:00 Titre…"). Two blocks starting
    within a line of each other would hide that line: the later one starts just under it."""
    placed: list[_Placed] = []
    cluster: list[tuple[SessionRow, float, float, int]] = []  # row, top, bottom, lane
    lanes: list[float] = []  # the bottom of each lane's last block, in the open cluster
    cluster_bottom = float("-inf")

    def close() -> None:
        n = max(1, len(lanes))
        side_w = (width - 4) / n
        if n == 1 or side_w >= min_width:
            for r, top, bottom, lane in cluster:
                rect = QRectF(x0 + 2 + lane * side_w, top + 1, side_w - 2, bottom - top - 2)
                placed.append(_Placed(rect, r, False, rect.height()))
            return
        step = (width - 4 - min_width) / (n - 1)
        floor = float("-inf")  # under the first line of the blocks drawn before
        cascade: list[_Placed] = []
        for r, top, bottom, lane in cluster:
            top = max(top, floor)
            bottom = max(bottom, top + min_height)
            left = x0 + 2 + lane * step
            rect = QRectF(left, top + 1, x0 + width - 2 - left, bottom - top - 2)
            if cascade and rect.top() < cascade[-1].rect.bottom():  # the one before, covered
                cascade[-1].seen = rect.top() - cascade[-1].rect.top()
            cascade.append(_Placed(rect, r, True, rect.height()))
            floor = top + min_height
        placed.extend(cascade)

    for r in rows:
        top = y_of(r.start)
        end = r.end if r.end.date() == r.start.date() else datetime.combine(r.start, time(23, 59))
        bottom = max(top + min_height, y_of(end))
        if top >= cluster_bottom and cluster:
            close()
            cluster, lanes = [], []
        for lane, lane_bottom in enumerate(lanes):
            if lane_bottom <= top:
                lanes[lane] = bottom
                break
        else:
            lane = len(lanes)
            lanes.append(bottom)
        cluster.append((r, top, bottom, lane))
        cluster_bottom = max(cluster_bottom, bottom)
    if cluster:
        close()
    return placed


class _CalendarCanvas(QWidget):
    """What the week and month views share: data, selection, hit testing, keyboard."""

    session_selected = Signal(int)
    session_activated = Signal(int)
    day_activated = Signal(object)  # a date: the month view opens that week
    slot_activated = Signal(object)  # a datetime: a free moment of the week view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: planner.PlannerRange | None = None
        self.selected_id: int | None = None
        self.today = date.today()
        self._hits: list[_Hit] = []
        # the texts drawn, elided and laid out once, by font, text and width: a month of the
        # demo base draws some 200 lines per repaint, and the next month mostly the same titles
        self._static: dict[tuple[str, str, int], QStaticText] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)

    def set_data(self, data: planner.PlannerRange, today: date | None = None) -> None:
        self.data = data
        if today is not None:
            self.today = today
        ids = {r.id for r in data.sessions}
        if self.selected_id not in ids:
            self.selected_id = None
        self.update()

    def rows(self) -> list[SessionRow]:
        return self.data.sessions if self.data else []

    def select(self, session_id: int | None, *, emit: bool = True) -> None:
        self.selected_id = session_id
        self.update()
        if emit and session_id is not None:
            self.session_selected.emit(session_id)

    def static_text(
        self, p: QPainter, font: QFont, fm: QFontMetrics, font_key: str, text: str, width: float
    ) -> QStaticText:
        """``text`` elided to ``width`` in ``font``, laid out once and kept (see ``_static``)."""
        key = (font_key, text, int(width))
        found = self._static.get(key)
        if found is None:
            if len(self._static) >= BLOCK_TEXTS_KEPT:
                self._static.clear()
            found = QStaticText(_elide(fm, text, width))
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(p.transform(), font)
            self._static[key] = found
        return found

    def draw_focus(self, p: QPainter) -> None:
        """The focus frame, drawn last: an outline only (no brush, whatever the blocks left
        set), so every session stays readable while the view has the focus."""
        if not self.hasFocus():
            return
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(self.palette().highlight().color(), 2))
        p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def hit(self, pos: QPoint) -> SessionRow | None:
        for h in reversed(self._hits):
            if h.rect.contains(pos.toPointF()):
                return h.row
        return None

    def rect_of(self, session_id: int) -> QRect | None:
        """Where a session is drawn (tests click there); paints first if needed."""
        if self.isVisible():
            self.repaint()
        for h in self._hits:
            if h.row.id == session_id:
                return h.rect.toRect()
        return None

    # -- mouse and keyboard --
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = self.hit(event.position().toPoint())
        if row is not None:
            self.select(row.id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = self.hit(event.position().toPoint())
        if row is not None:
            self.select(row.id)
            self.session_activated.emit(row.id)
        else:
            pos = event.position().toPoint()
            slot = self.slot_at(pos)
            if slot is not None:
                self.slot_activated.emit(slot)
                return
            day = self.day_at(pos)
            if day is not None:
                self.day_activated.emit(day)

    def day_at(self, pos: QPoint) -> date | None:
        return None

    def slot_at(self, pos: QPoint) -> datetime | None:
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        rows = self.rows()
        key = event.key()
        if rows and key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            ids = [r.id for r in rows]
            if self.selected_id in ids:
                i = ids.index(self.selected_id)
                i += 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
                i = max(0, min(len(ids) - 1, i))
            else:
                i = 0
            self.select(ids[i])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id is not None:
            self.session_activated.emit(self.selected_id)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self.hit(event.pos())
            day = self.day_at(event.pos()) if row is None else None
            note = ""
            if day is not None and self.data is not None:
                note = self.data.holidays.get(day) or self.data.training.get(day, "")
            if row is not None:
                QToolTip.showText(event.globalPos(), session_tooltip(row), self)
            elif note:
                QToolTip.showText(event.globalPos(), note, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class WeekView(_CalendarCanvas):
    """Seven days across, hours down; sessions are blocks, side by side when they overlap."""

    HEADER = 46
    GUTTER = 52
    FIRST_HOUR = 8
    LAST_HOUR = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopsWeekView")
        self.setAccessibleName("Semaine : séances du conseiller")
        self.setMinimumSize(640, 420)
        # the lines of text of a block, by font, texts and size: measuring and wrapping them was
        # most of a repaint, and a week shown again (or its neighbour: workshop titles repeat)
        # asks for the same ones
        self._block_texts: dict[tuple, list[QStaticText]] = {}

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 620)

    def hours(self) -> tuple[int, int]:
        first, last = self.FIRST_HOUR, self.LAST_HOUR
        for r in self.rows():
            first = min(first, r.start.hour)
            last = max(last, min(24, r.end.hour + (1 if r.end.minute else 0)))
        return first, last

    def _geometry(self) -> tuple[float, float, int, int]:
        first, last = self.hours()
        col_w = (self.width() - self.GUTTER - 1) / 7
        hour_h = (self.height() - self.HEADER - 1) / max(1, last - first)
        return col_w, hour_h, first, last

    def _y(self, t: time, first: int, hour_h: float) -> float:
        return self.HEADER + (t.hour + t.minute / 60 - first) * hour_h

    def day_at(self, pos: QPoint) -> date | None:
        if not self.data or pos.x() < self.GUTTER:
            return None
        col_w, *_ = self._geometry()
        i = int((pos.x() - self.GUTTER) // col_w)
        return self.data.start + timedelta(days=i) if 0 <= i < 7 else None

    def slot_at(self, pos: QPoint) -> datetime | None:
        """The half hour under the mouse, for "new workshop here"."""
        day = self.day_at(pos)
        if day is None or pos.y() < self.HEADER:
            return None
        _col_w, hour_h, first, last = self._geometry()
        minutes = int((pos.y() - self.HEADER) / hour_h * 60) // 30 * 30 + first * 60
        minutes = max(0, min(minutes, last * 60 - 30, 23 * 60 + 30))
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        self._hits = []
        if not self.data:
            self.draw_focus(p)
            return
        col_w, hour_h, first, last = self._geometry()
        locale = QLocale()
        base_font = QFont(self.font())
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() * 0.85))
        bold = QFont(base_font)
        bold.setBold(True)
        top, bottom = self.HEADER, self.HEADER + (last - first) * hour_h
        has_hours = cal.has_opening_hours(self.data.hours)
        for i in range(7):
            day = self.data.start + timedelta(days=i)
            x = self.GUTTER + i * col_w
            col = QRectF(x, top, col_w, bottom - top)
            if day == self.today:
                p.fillRect(QRectF(x, 0, col_w, self.HEADER), TODAY)
            if day in self.data.holidays:
                p.fillRect(col, HOLIDAY)
            elif day in self.data.training:
                p.fillRect(col, TRAINING)
            elif has_hours:
                p.fillRect(col, CLOSED)
                for a, b in cal.open_ranges(self.data.hours, day):
                    y1 = max(top, self._y(a, first, hour_h))
                    y2 = min(bottom, self._y(b, first, hour_h))
                    if y2 > y1:
                        p.fillRect(QRectF(x, y1, col_w, y2 - y1), self.palette().base())
            # header: "lun. 2 mars" and what the day is
            p.setPen(self.palette().text().color())
            p.setFont(bold if day == self.today else base_font)
            head = locale.toString(qdate(day), "ddd d MMM")
            p.drawText(QRectF(x + 2, 2, col_w - 4, 20), Qt.AlignmentFlag.AlignCenter, head)
            note = self.data.holidays.get(day) or ("Formation" if day in self.data.training else "")
            if note:
                p.setFont(small)
                p.setPen(QColor("#9b1c1c") if day in self.data.holidays else QColor("#1c3f9b"))
                fm = QFontMetrics(small)
                p.drawText(
                    QRectF(x + 2, 22, col_w - 4, 20),
                    Qt.AlignmentFlag.AlignCenter,
                    fm.elidedText(note, Qt.TextElideMode.ElideRight, int(col_w - 6)),
                )
        # hour lines
        p.setFont(small)
        for h in range(first, last + 1):
            y = top + (h - first) * hour_h
            p.setPen(QPen(GRID, 1))
            p.drawLine(int(self.GUTTER), int(y), self.width(), int(y))
            if h < last:
                p.setPen(TEXT_MUTED)
                p.drawText(
                    QRectF(0, y + 1, self.GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    f"{h:02d}:00",
                )
        for i in range(8):
            x = self.GUTTER + i * col_w
            p.setPen(QPen(GRID, 1))
            p.drawLine(int(x), 0, int(x), int(bottom))
        # sessions, in lanes when they overlap
        small_metrics = QFontMetrics(small)
        highlight = self.palette().highlight().color()
        font_key = (small.key(), self.logicalDpiY())  # what the measured widths depend on
        by_day: dict[date, list[SessionRow]] = {}
        for r in self.rows():
            by_day.setdefault(r.start.date(), []).append(r)
        min_height = small_metrics.height() + 6  # one line of text, inside the border
        min_width = small_metrics.horizontalAdvance(MIN_LANE_CHARS) + 8

        def y_of(moment: datetime) -> float:
            return self._y(moment.time(), first, hour_h)

        for day, rows in by_day.items():
            i = (day - self.data.start).days
            if not 0 <= i < 7:
                continue
            x0 = self.GUTTER + i * col_w
            for block in day_blocks(rows, y_of, x0, col_w, min_height, min_width):
                self._draw_block(p, block, small, small_metrics, highlight, font_key)
                self._hits.append(_Hit(block.rect, block.row))
        self.draw_focus(p)
        p.end()

    def _draw_block(
        self,
        p: QPainter,
        block: _Placed,
        small: QFont,
        fm: QFontMetrics,
        highlight: QColor,
        font_key: tuple[str, int],
    ) -> None:
        rect, r = block.rect, block.row
        cancelled = r.status == "annule"
        fill = CANCELLED if cancelled else COLORS.get(r.kind, COLORS["collectif"])
        border = CANCELLED_BORDER if cancelled else BORDERS.get(r.kind, BORDERS["collectif"])
        selected = r.id == self.selected_id
        p.setBrush(QBrush(fill))
        p.setPen(QPen(highlight if selected else border, 3 if selected else 1))
        p.drawRoundedRect(rect, 3, 3)
        inner = rect.adjusted(4, 1, -3, -1)
        if inner.width() < 8 or inner.height() < 8:
            return
        p.setPen(TEXT_MUTED if cancelled else TEXT_DARK)
        p.setFont(small)
        line_h = fm.height()
        if cancelled:
            extra = "Annulé"
        elif r.kind == "collectif" and r.capacity:
            extra = f"{r.registered}/{r.capacity}"
        else:
            extra = ""
        begin = _hhmm(r.start)
        headers = (
            f"{begin}–{_hhmm(r.end)}" + (f" · {extra}" if extra else ""),
            begin + (f" · {extra}" if extra else ""),
            begin,
        )
        height = min(inner.height(), block.seen - 2)
        key = (font_key, headers, r.display_title, inner.width(), height, block.compact, cancelled)
        lines = self._block_texts.get(key)
        if lines is None:
            if len(self._block_texts) >= BLOCK_TEXTS_KEPT:
                self._block_texts.clear()
            lines = []
            for text in _block_lines(
                fm, headers, r.display_title, inner.width(), height, compact=block.compact
            ):
                laid_out = QStaticText(text)  # laid out once: drawn again at each repaint
                laid_out.setTextFormat(Qt.TextFormat.PlainText)
                laid_out.prepare(p.transform(), small)
                lines.append(laid_out)
            self._block_texts[key] = lines
        y = inner.top()
        for text in lines:
            if y + line_h > inner.top() + height + 2:
                break
            if cancelled:
                _draw_struck(p, QPointF(inner.left(), y), text, fm)
            else:
                p.drawStaticText(QPointF(inner.left(), y), text)
            y += line_h


class MonthView(_CalendarCanvas):
    """Six weeks of days; each day lists its sessions ("14:00 Titre"), then "+ 2 autres"."""

    HEADER = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopsMonthView")
        self.setAccessibleName("Mois : séances du conseiller")
        self.setMinimumSize(640, 420)
        self.month: date = date.today().replace(day=1)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 620)

    def set_month(self, data: planner.PlannerRange, month: date, today: date | None = None) -> None:
        self.month = month
        self.set_data(data, today)

    def _cell(self, index: int) -> QRectF:
        col_w = (self.width() - 1) / 7
        row_h = (self.height() - self.HEADER - 1) / 6
        return QRectF((index % 7) * col_w, self.HEADER + (index // 7) * row_h, col_w, row_h)

    def day_at(self, pos: QPoint) -> date | None:
        if not self.data:
            return None
        for i in range(42):
            if self._cell(i).contains(pos.toPointF()):
                return self.data.start + timedelta(days=i)
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        self._hits = []
        if not self.data:
            self.draw_focus(p)
            return
        locale = QLocale()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        bold = QFont(self.font())
        bold.setBold(True)
        col_w = (self.width() - 1) / 7
        p.setFont(bold)
        p.setPen(self.palette().text().color())
        for i in range(7):
            name = locale.dayName(i + 1, QLocale.FormatType.LongFormat)
            p.drawText(QRectF(i * col_w, 0, col_w, self.HEADER), Qt.AlignmentFlag.AlignCenter, name)
        by_day: dict[date, list[SessionRow]] = {}
        for r in self.rows():
            by_day.setdefault(r.start.date(), []).append(r)
        fm = QFontMetrics(small)
        line_h = fm.height() + 1
        text_color = self.palette().text().color()
        highlight = self.palette().highlight().color()
        # what the texts' layouts depend on
        small_key = f"{small.key()}/{self.logicalDpiY()}"
        bold_key = f"{bold.key()}/{self.logicalDpiY()}"
        bold_fm = QFontMetrics(bold)
        text_top = (line_h - fm.height()) / 2
        this_month = self.month.month
        for i in range(42):
            day = self.data.start + timedelta(days=i)
            cell = self._cell(i)
            left, top, cell_w = cell.left(), cell.top(), cell.width()
            if day in self.data.holidays:
                p.fillRect(cell, HOLIDAY)
            elif day in self.data.training:
                p.fillRect(cell, TRAINING)
            elif day.month != this_month:
                p.fillRect(cell, CLOSED)
            is_today = day == self.today
            if is_today:
                p.fillRect(QRectF(left, top, cell_w, line_h + 4), TODAY)
            p.setPen(QPen(GRID, 1))
            p.drawRect(cell)
            p.setFont(bold if is_today else small)
            p.setPen(TEXT_MUTED if day.month != this_month else text_color)
            label = "1er" if day.day == 1 else str(day.day)
            note = self.data.holidays.get(day) or ("Formation" if day in self.data.training else "")
            head = f"{label}  {note}" if note else label
            if is_today:
                text = self.static_text(p, bold, bold_fm, bold_key, head, cell_w - 8)
            else:
                text = self.static_text(p, small, fm, small_key, head, cell_w - 8)
            p.drawStaticText(QPointF(left + 4, top + 2), text)
            rows = by_day.get(day, [])
            room = max(0, int((cell.height() - line_h - 6) // line_h))
            shown = rows if len(rows) <= room else rows[: max(0, room - 1)]
            y = top + line_h + 4
            text_w = cell_w - 8
            for r in shown:
                rect = QRectF(left + 2, y, cell_w - 4, line_h)
                cancelled = r.status == "annule"
                p.fillRect(rect, CANCELLED if cancelled else COLORS.get(r.kind, COLORS["collectif"]))
                if r.id == self.selected_id:
                    p.setPen(QPen(highlight, 2))
                    p.drawRect(rect)
                line = f"{_hhmm(r.start)} {r.display_title}"
                p.setFont(small)
                p.setPen(TEXT_MUTED if cancelled else TEXT_DARK)
                text = self.static_text(p, small, fm, small_key, line, text_w)
                if cancelled:
                    _draw_struck(p, QPointF(left + 4, y + text_top), text, fm)
                else:
                    p.drawStaticText(QPointF(left + 4, y + text_top), text)
                self._hits.append(_Hit(rect, r))
                y += line_h
            if len(shown) < len(rows):
                p.setFont(small)
                p.setPen(TEXT_MUTED)
                more = len(rows) - len(shown)
                line = f"+ {more} autre{'s' if more > 1 else ''}"
                text = self.static_text(p, small, fm, small_key, line, text_w)
                p.drawStaticText(QPointF(left + 4, y), text)
        self.draw_focus(p)
        p.end()
