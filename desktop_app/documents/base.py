"""The shared frame of every printed document (formats.md §5).

A4, margins of 18 mm (office printers cut the edges), DejaVu Sans embedded (covers é è ê à ç ô û
ï œ « » € and the narrow no-break space) with Noto Sans Symbols 2 as fallback for the pictograms
it lacks (``documents.text``), the structure's name, address and logo in the header, "Page n / N"
in the footer of multi-page documents, 16 mm above the paper's edge (printers do not print the
last 5 mm or so), title and author in the PDF metadata.

Tables built with ``table()`` never leave fewer than ``MIN_ROWS`` rows alone at the top or bottom
of a page, so a small table is never split and a total never stands alone.

Speed (batches of thousands of pages): the header is drawn once per document as a PDF form
and shown on every page; ``Stamp`` does the same for blocks that many pages share (an
attestation's opening and closing, one session's facts) while printing exactly as the blocks
themselves would; ``p()`` parses a text met before in the same style once, and breaks it into
lines once per width.

Usage::

    doc = DocumentTemplate(out, title="Fiche de prêt", structure=info)
    doc.build([Paragraph("…", styles()["body"]), ...])
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.rl_config import _FUZZ

from desktop_app import APP_NAME, __version__
from desktop_app.documents.text import (
    BODY_LIMIT,
    CELL_LIMIT,
    FALLBACK_FONT,
    REPLACEMENT,
    REPLACEMENT_NOTE,
    markup,
    plain,
)
from desktop_app.paths import resource
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.french import date_long, typography
from desktop_app.services.structure import StructureInfo

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
MARGIN = 18 * mm
HEADER_HEIGHT = 22 * mm
FOOTER_HEIGHT = 10 * mm
FOOTER_Y = 16 * mm  # baseline of "Page n / N": its lowest point stays above 15 mm
MIN_ROWS = 3  # fewest body rows a table may leave on a page when it is split
ACCENT = colors.HexColor("#1f4e79")
NNBSP = "\u202f"  # narrow no-break space, before ; : ! ? in French
FRAME_PADDING = 6  # ReportLab's default padding of a Frame, on each side
HEADER_FORM = "cnumHeader"  # the PDF form holding a document's header


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping

    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
        (FALLBACK_FONT, "NotoSansSymbols2-Regular.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, "DejaVuSans-BoldOblique")


def french(text: str) -> str:
    """French typography for plain-text input (``services.french.typography``)."""
    return typography(text)


@cache
def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5))
    sheet.add(ParagraphStyle("small", parent=sheet["body"], fontSize=8.5, leading=11))
    sheet.add(ParagraphStyle("muted", parent=sheet["small"], textColor=colors.HexColor("#555555")))
    sheet.add(
        ParagraphStyle(
            "title",
            parent=sheet["body"],
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            alignment=TA_CENTER,
            textColor=ACCENT,
            spaceAfter=4 * mm,
        )
    )
    sheet.add(
        ParagraphStyle("subtitle", parent=sheet["body"], alignment=TA_CENTER, spaceAfter=5 * mm)
    )
    sheet.add(
        ParagraphStyle(
            "h2",
            parent=sheet["body"],
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
        )
    )
    sheet.add(ParagraphStyle("cell", parent=sheet["body"], fontSize=9, leading=11.5))
    sheet.add(ParagraphStyle("cell_bold", parent=sheet["cell"], fontName=FONT_BOLD))
    return sheet


def p(text: str, style: str | ParagraphStyle = "body", *, limit: int | None = None) -> Paragraph:
    """A paragraph of plain text in one of the shared styles (or a style of its own): escaped,
    French spacing, any script printable (``documents.text.markup``), cut at ``limit``
    characters (shorter in table cells, so that a cell never outgrows a page).

    The same text in the same style is parsed once (``_parsed``): names, labels and headings
    come back on every page and in every document."""
    sheet_style = styles()[style] if isinstance(style, str) else style
    if limit is None:
        limit = CELL_LIMIT if sheet_style.name.startswith(("cell", "small", "muted")) else BODY_LIMIT
    return _parsed(_markup(text, sheet_style.fontName, limit), sheet_style)


@lru_cache(maxsize=4096)
def _markup(text: str, font: str, limit: int) -> str:
    return markup(text, font, limit=limit)


class _Known:
    """What one parse of a text in a style gave, and its lines per width."""

    __slots__ = ("frags", "lines")

    def __init__(self, frags: list) -> None:
        self.frags = frags
        self.lines: dict[tuple[float, ...], tuple] = {}


class _KnownParagraph(Paragraph):
    """A paragraph of a text seen before in the same style: its fragments come from that
    first parse and its lines, for a width already met, from that first breaking (the simple
    kind of lines, of one plain run: neither is changed by laying out, splitting or drawing).
    Splitting makes ordinary paragraphs (``_known`` None)."""

    _known: _Known | None = None

    def breakLines(self, width):  # noqa: ANN001, ANN201, N802 (ReportLab API)
        known = self._known
        if known is None:
            return super().breakLines(width)
        key = tuple(width) if isinstance(width, (list, tuple)) else (width,)
        hit = known.lines.get(key)
        if hit is None:
            lines = super().breakLines(width)
            if getattr(lines, "kind", None) == 0:  # the other kind also rewrites self.frags
                known.lines[key] = (
                    lines, self._width_max, self._splitLongWordCount, self._hyphenations
                )
            return lines
        lines, self._width_max, self._splitLongWordCount, self._hyphenations = hit
        return lines


_KNOWN: dict[tuple[str, ParagraphStyle], _Known] = {}
_KNOWN_KEPT = 2048


def _parsed(text: str, style: ParagraphStyle) -> Paragraph:
    """``Paragraph(text, style)``, from what an earlier parse of the same text in the same
    style gave when it was one plain run (the usual case; a run with a font change or a line
    break is parsed each time)."""
    key = (text, style)
    known = _KNOWN.get(key)
    if known is None:
        para = Paragraph(text, style)
        if len(para.frags) == 1 and para.style is style and not para.bulletText \
                and len(text) < 400:
            if len(_KNOWN) >= _KNOWN_KEPT:  # bounded; a plain dict is safe across threads
                _KNOWN.clear()
            _KNOWN[key] = _Known(list(para.frags))
        return para
    para = _KnownParagraph(text, style, frags=list(known.frags))
    para._known = known
    return para


class SplitTable(Table):
    """A table that, when it must be split across pages, leaves at least ``MIN_ROWS`` body
    rows on each side (or moves whole to the next page): no lone total or last row."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first = len(parts[0]._cellvalues) - head
        second = len(parts[1]._cellvalues) - head
        if first < MIN_ROWS:
            return []
        if second < MIN_ROWS:
            missing = MIN_ROWS - second
            if first - missing < MIN_ROWS:
                return []
            parts[0].wrap(availWidth, availHeight)
            moved = sum(parts[0]._rowHeights[-missing:])
            return super().split(availWidth, availHeight - moved - 0.1)
        return parts


def table(rows: list[list[object]], **kwargs: object) -> SplitTable:
    """``reportlab.platypus.Table`` with the widow control of ``SplitTable``."""
    return SplitTable(rows, **kwargs)  # type: ignore[arg-type]


def table_style(header_rows: int = 1) -> TableStyle:
    """Grid, 9 pt, the ``header_rows`` first rows bold on a tint (0: a table's continuation)."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8c8c8c")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 9),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#dce6f1")),
        ]
    return TableStyle(commands)


def key_value_table(
    rows: list[tuple[str, str]], width: float, key_width: float = 45 * mm, style: str = "cell"
) -> Table:
    """Two columns, labels in bold on a tinted background: the usual "fiche" layout."""
    table = SplitTable(
        [[p(k, "cell_bold"), p(v or "—", style)] for k, v in rows],
        colWidths=[key_width, width - key_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8c8c8c")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef3f8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def done_at(commune: str, when: date) -> Paragraph:
    """"Fait à <commune>, le <date en toutes lettres>" ("le 1er mars 2026", unbreakable)."""
    return p(f"Fait à {commune or '…………………'}, le {date_long(when)}", limit=400)


def signature_boxes(
    labels: Sequence[str], width: float, height: float = 32 * mm
) -> Table:
    """Side-by-side boxes for signatures and stamps, each with its caption on top."""
    cells = [[p(label, "cell_bold") for label in labels], ["" for _ in labels]]
    table = Table(cells, colWidths=[width / len(labels)] * len(labels), rowHeights=[None, height])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 1), (-1, 1), 0.8, colors.black),
                ("INNERGRID", (0, 1), (-1, 1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


class Stamp(Flowable):
    """Consecutive flowables that print the same on many pages of one document (the title
    and statement of an attestation, its closing lines and signature boxes, the facts of one
    session): laid out once as a frame lays them out, drawn once per document into a PDF
    form (XObject) named ``key``, and shown on every page that needs them with one operator.

    ``make()`` returns the flowables. The stamp stands in the story for them: same width,
    height and spaces before and after, so the page looks exactly as if they had been given
    one by one. Where it does not fit, it splits into a fresh set of them (its first one split
    as the frame would split it), which the frame then places one by one as it would have;
    where even the first cannot start, it moves to the next frame whole, as that first
    flowable would have. Each page takes its own ``again()`` (platypus marks the flowables it
    postpones); they share the layout and the form.

    Keys are per document: a stamp serves the pages of one document only."""

    def __init__(
        self,
        key: str,
        make: Callable[[], Sequence[Flowable]],
        width: float,
        *,
        _layout: tuple[float, float, float, list[tuple[Flowable, float, float]]] | None = None,
    ) -> None:
        super().__init__()
        self.key = key
        self._make = make
        self._shared = _layout or self._lay_out(list(make()), width)
        self.width, self.height, self._after, self._placed = self._shared

    def again(self) -> Stamp:
        """The same stamp for another page."""
        return Stamp(self.key, self._make, self.width, _layout=self._shared)

    @staticmethod
    def _lay_out(
        flowables: list[Flowable], width: float
    ) -> tuple[float, float, float, list[tuple[Flowable, float, float]]]:
        """Offsets from the top as ``Frame._add`` computes them (attached spaces overlap,
        ``rl_config.overlapAttachedSpace``): the first flowable's space before is the
        frame's business (it is this stamp's), each other one's collapses with the space
        after the flowable above it."""
        if not flowables:
            raise ValueError("a stamp needs at least one flowable")
        y = 0.0
        after = 0.0
        placed: list[tuple[Flowable, float, float]] = []
        for index, flowable in enumerate(flowables):
            if getattr(flowable, "_SPACETRANSFER", False) or getattr(flowable, "_ZEROSIZE", False):
                raise ValueError(f"{type(flowable).__name__} cannot be part of a stamp")
            space = max(flowable.getSpaceBefore() - after, 0) if index else 0.0
            w, h = flowable.wrap(width, 1e9)
            y -= space + h
            placed.append((flowable, y, width - w))
            after = flowable.getSpaceAfter()
            y -= after
        height = -(y + after)
        return width, height, after, [(f, fy + height, spare) for f, fy, spare in placed]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if abs(availWidth - self.width) > _FUZZ:
            raise ValueError(f"stamp {self.key} laid out for {self.width}, not {availWidth}")
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab API)
        return self._placed[0][0].getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab API)
        return self._after

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        first, *rest = self._make()
        _w, h = first.wrap(availWidth, availHeight)
        if h <= availHeight + _FUZZ:
            return [first, *rest]
        parts = first.split(availWidth, availHeight)
        return [*parts, *rest] if parts else []

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.key):
            canvas.beginForm(self.key, -10_000, -10_000, 10_000, 10_000)
            for flowable, y, spare in self._placed:
                flowable.drawOn(canvas, 0, y, _sW=spare)
            canvas.endForm()
        canvas.doForm(self.key)


class _NumberedCanvas(Canvas):
    """Draws "Page n / N" once the total is known (two-pass canvas), and the note explaining
    "�" on documents where a character could not be printed."""

    note = ""
    numbered = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab API)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#555555"))
            if total > 1 and self.numbered:
                self.drawRightString(width - MARGIN, FOOTER_Y, f"Page {self._pageNumber} / {total}")
            if self.note:
                self.drawString(MARGIN, FOOTER_Y, self.note)
            super().showPage()
        super().save()


class DocumentTemplate(SimpleDocTemplate):
    """A4 document with the structure's header on every page."""

    def __init__(
        self,
        out: Path | str | BinaryIO,
        *,
        title: str,
        structure: StructureInfo,
        landscape_mode: bool = False,
        subject: str = "",
    ) -> None:
        register_fonts()
        self.structure = structure
        self.doc_title = title
        pagesize = landscape(A4) if landscape_mode else A4
        target = str(out) if isinstance(out, Path) else out
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN + FOOTER_HEIGHT,
            title=title,
            author=structure.display_name,
            subject=subject or title,
            creator=f"{APP_NAME} {__version__}",
            lang="fr-FR",
        )

    def build(self, flowables: list[Flowable]) -> None:  # type: ignore[override]
        """The one way every document is written. Given a path, the PDF is written to a
        temporary file beside it and renamed when complete (``atomic_path``): a full disk or
        an error while drawing leaves the previous file, or none, never a truncated PDF.
        Subclasses that change how pages are drawn override ``_build``, not this method."""
        target = self.filename
        if not isinstance(target, str):  # a file object: the caller owns it
            self._build(flowables)
            return
        # Drawn in memory, then written by us: ReportLab leaves its file open when a write
        # fails, and a document is a few megabytes at most.
        buffer = io.BytesIO()
        self.filename = buffer
        try:
            self._build(flowables)
        finally:
            self.filename = target
        with atomic_path(Path(target)) as tmp:
            tmp.write_bytes(buffer.getvalue())

    numbered = True  # "Page n / N" on multi-page documents

    @property
    def frame_width(self) -> float:
        """The width flowables are given: the page less its margins and the 6 points of
        padding on each side of ``SimpleDocTemplate``'s frame."""
        return self.width - 2 * FRAME_PADDING

    def _build(self, flowables: list[Flowable]) -> None:
        header = plain(self.structure.display_name, FONT_BOLD)
        replaced = REPLACEMENT in header or contains_replacement(flowables)
        note = REPLACEMENT_NOTE if replaced else ""
        numbered = self.numbered
        canvas_class = type(
            "DocumentCanvas", (_NumberedCanvas,), {"note": note, "numbered": numbered}
        )
        super().build(
            flowables,
            onFirstPage=self._draw_header,
            onLaterPages=self._draw_header,
            canvasmaker=canvas_class,
        )

    def _draw_header(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        """The header, the same on every page: drawn once per document into a PDF form
        (XObject), then shown on each page by name (one operator instead of the measuring
        and drawing of every line)."""
        if not canvas.hasForm(HEADER_FORM):
            canvas.beginForm(HEADER_FORM)
            self._header_content(canvas, doc)
            canvas.endForm()
        canvas.doForm(HEADER_FORM)

    def _header_content(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        info = self.structure
        width, height = doc.pagesize
        top = height - MARGIN
        x = MARGIN
        canvas.saveState()
        if info.logo_png:
            try:
                logo = ImageReader(io.BytesIO(info.logo_png))
                iw, ih = logo.getSize()
                box = HEADER_HEIGHT - 4 * mm
                scale = min(box / ih, 40 * mm / iw)
                canvas.drawImage(
                    logo, x, top - ih * scale, iw * scale, ih * scale, mask="auto"
                )
                x += iw * scale + 4 * mm
            except Exception:  # noqa: BLE001 - a bad logo must not prevent printing
                pass
        available = width - MARGIN - x
        canvas.setFillColor(ACCENT)
        name = plain(info.display_name, FONT_BOLD)
        name_size = 11.0
        while name_size > 7.5 and stringWidth(name, FONT_BOLD, name_size) > available:
            name_size -= 0.5
        canvas.setFont(FONT_BOLD, name_size)
        canvas.drawString(x, top - 4 * mm, fit_text(name, FONT_BOLD, name_size, available))
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, 8.5)
        lines = [info.address, info.city_line]
        contact = " · ".join(v for v in (info.phone, info.email) if v)
        if contact:
            lines.append(contact)
        y = top - 8.5 * mm
        for line in lines:
            if line:
                canvas.drawString(x, y, fit_text(plain(line, FONT), FONT, 8.5, available))
                y -= 3.8 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - HEADER_HEIGHT + 2 * mm, width - MARGIN, top - HEADER_HEIGHT + 2 * mm)
        canvas.restoreState()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with "…" so that it fits in ``width`` points (header lines, labels).
    A binary search on the length: a name of 100,000 characters is measured some twenty
    times, not 100,000."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(width / (size * 0.2)) + 1)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def contains_replacement(flowables: list[Flowable]) -> bool:
    """Whether any paragraph of the story (tables and groups included) prints "�"."""
    stack: list[object] = list(flowables)
    seen = 0
    while stack and seen < 200_000:
        seen += 1
        item = stack.pop()
        if isinstance(item, Paragraph):
            if REPLACEMENT in item.text:
                return True
        elif isinstance(item, Table):
            for row in item._cellvalues:
                stack.extend(row if isinstance(row, (list, tuple)) else [row])
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, str):
            if REPLACEMENT in item:
                return True
        elif hasattr(item, "_content"):
            stack.extend(item._content)
    return False


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)
