""" "Étiquettes": the kit's inventory labels, printed on the A4 label sheets people buy.

Each label carries the structure's name, the inventory number as a Code 128 barcode and in
large text, and the item's description. Code 128 rather than a QR code because the usual USB
scanners of libraries are 1D readers; they type the number and press Enter, which the search
field of the tab understands.

The page is the sheet: no header, no page number, nothing outside the labels, each label at
the position of the sheet's pre-cut label (``SHEETS``, the common 3 × 7 and 3 × 8 references).
``start`` skips the labels already used on a partly used first sheet. The barcode's bars are
sized to the label (0.25 to 0.33 mm per module, with the quiet zones a reader needs), which a
200 dpi scan decodes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app import APP_NAME, __version__
from desktop_app.documents.base import ACCENT, FONT, FONT_BOLD, fit_text, register_fonts
from desktop_app.documents.kit.label_sheets import DEFAULT_SHEET, SHEETS, LabelSheet, check_start
from desktop_app.documents.text import plain
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.progress import Progress, report
from desktop_app.services.structure import StructureInfo

TITLE = "Étiquettes du kit"


@dataclass(frozen=True)
class Label:
    inventory_number: str
    description: str


def _origin(sheet: LabelSheet, index: int) -> tuple[float, float]:
    """Bottom-left corner, in points, of label ``index`` (0 = top left, row by row)."""
    left, top = sheet.corner_mm(index)
    return left * mm, A4[1] - (top + sheet.height) * mm


def _inner_width(sheet: LabelSheet) -> float:
    return sheet.width * mm - 2 * 3 * mm


def _draw_label(c: Canvas, sheet: LabelSheet, x: float, y: float, label: Label, name: str) -> None:
    """``name``: the structure's name already fitted to the label (the same on every one)."""
    w, h = sheet.width * mm, sheet.height * mm
    inner = _inner_width(sheet)
    c.setFillColor(ACCENT)
    c.setFont(FONT_BOLD, 6.5)
    c.drawCentredString(x + w / 2, y + h - 4.5 * mm, name)
    c.setFillColor(colors.black)
    number = label.inventory_number
    probe = Code128(number, barWidth=1, barHeight=1, humanReadable=False, quiet=True)
    modules = probe.width  # width in modules, quiet zones included
    bar_width = max(min(0.33 * mm, (w - 2 * mm) / modules), 0.25 * mm)
    bar_height = min(12 * mm, h - 19 * mm)
    barcode = Code128(
        number, barWidth=bar_width, barHeight=bar_height, humanReadable=False, quiet=True
    )
    barcode.drawOn(c, x + (w - barcode.width) / 2, y + h - 6 * mm - bar_height)
    c.setFont(FONT_BOLD, 11)
    c.drawCentredString(x + w / 2, y + 6 * mm, fit_text(plain(number, FONT_BOLD), FONT_BOLD, 11, inner))
    c.setFont(FONT, 6.5)
    text = fit_text(plain(label.description, FONT), FONT, 6.5, inner)
    c.drawCentredString(x + w / 2, y + 2.5 * mm, text)


def build_labels(
    out: Path | str | BinaryIO,
    labels: Sequence[Label],
    structure: StructureInfo,
    *,
    sheet: str = DEFAULT_SHEET,
    start: int = 1,
    progress: Progress | None = None,
) -> None:
    """Write the sheets; ``start`` is the first free label (1 = top left) of the first sheet.
    ``progress`` is told after each label (labels drawn, total) and may stop the work
    (``services.progress.Cancelled``). Callers write to a temporary file renamed once complete,
    so a cancelled sheet leaves nothing behind."""
    if not labels:
        raise ValueError("Aucun article à étiqueter : choisissez au moins un article.")
    layout = SHEETS.get(sheet)
    if layout is None:
        raise ValueError(f"Format de planche inconnu : {sheet}.")
    if message := check_start(layout, start):
        raise ValueError(message)
    register_fonts()
    buffer = io.BytesIO()  # written whole once drawn: a cancel leaves no half file
    c = Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(f"{TITLE} — {len(labels)} étiquette{'s' if len(labels) > 1 else ''}")
    c.setAuthor(structure.display_name)
    c.setSubject(f"Étiquettes d'inventaire, {layout.name}")
    c.setCreator(f"{APP_NAME} {__version__}")
    name = fit_text(plain(structure.display_name, FONT_BOLD), FONT_BOLD, 6.5, _inner_width(layout))
    position = start - 1
    for drawn, label in enumerate(labels, start=1):
        if position == layout.per_page:
            c.showPage()
            position = 0
        x, y = _origin(layout, position)
        _draw_label(c, layout, x, y, label, name)
        position += 1
        report(progress, drawn, len(labels))
    c.showPage()
    c.save()
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(buffer.getvalue())
    else:
        out.write(buffer.getvalue())
