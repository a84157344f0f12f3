""" "Étiquettes": an A4 sheet of labels to stick on the devices.

Each label carries the structure's name, the inventory number in large text and as a Code 128
barcode (ReportLab's barcode graphics). Code 128 rather than a QR code because the usual USB
scanners of libraries are 1D readers; they type the number and press Enter, which the search
field of the tab understands. 3 × 7 labels of 58 × 30 mm per page, inside the 18 mm margins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from desktop_app.documents.base import ACCENT, FONT, FONT_BOLD, DocumentTemplate, p
from desktop_app.services.progress import Progress, report
from desktop_app.services.structure import StructureInfo

TITLE = "Étiquettes du kit"
COLUMNS, ROWS = 3, 7
LABEL_W, LABEL_H = 58 * mm, 30 * mm


@dataclass(frozen=True)
class Label:
    inventory_number: str
    description: str


class LabelFlowable(Flowable):
    """One label, drawn directly on the canvas (text stays extractable, for checks)."""

    def __init__(
        self, label: Label, structure_name: str, on_drawn: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.label = label
        self.structure_name = structure_name
        self.on_drawn = on_drawn
        self.width, self.height = LABEL_W - 4 * mm, LABEL_H - 4 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.setFillColor(ACCENT)
        c.setFont(FONT_BOLD, 6.5)
        name = self.structure_name
        while c.stringWidth(name, FONT_BOLD, 6.5) > w and len(name) > 4:
            name = name[:-2].rstrip() + "…" if not name.endswith("…") else name[:-2] + "…"
        c.drawCentredString(w / 2, h - 2.5 * mm, name)
        c.setFillColor(colors.black)
        barcode = Code128(
            self.label.inventory_number,
            barHeight=10 * mm,
            barWidth=0.3 * mm,
            humanReadable=False,
            quiet=False,
        )
        barcode.drawOn(c, (w - barcode.width) / 2, h - 13.5 * mm)
        c.setFont(FONT_BOLD, 11)
        c.drawCentredString(w / 2, 5.5 * mm, self.label.inventory_number)
        c.setFont(FONT, 6.5)
        text = self.label.description
        while c.stringWidth(text, FONT, 6.5) > w and len(text) > 4:
            text = text[:-2].rstrip() + "…" if not text.endswith("…") else text[:-2] + "…"
        c.drawCentredString(w / 2, 1.5 * mm, text)
        if self.on_drawn is not None:
            self.on_drawn()


def build_labels(
    out: Path | str | BinaryIO,
    labels: Sequence[Label],
    structure: StructureInfo,
    *,
    progress: Progress | None = None,
) -> None:
    """Write the sheet; ``progress`` is told after each label (labels drawn, total) and may
    stop the work (``services.progress.Cancelled``). Callers write to a temporary file renamed
    once complete, so a cancelled sheet leaves nothing behind."""
    if not labels:
        raise ValueError("Aucun article à étiqueter : choisissez au moins un article.")
    doc = DocumentTemplate(
        out,
        title=TITLE,
        structure=structure,
        subject="Étiquettes d'inventaire du kit d'inclusion numérique",
    )
    drawn = 0

    def on_drawn() -> None:
        nonlocal drawn
        drawn += 1
        report(progress, drawn, len(labels))

    cells = [LabelFlowable(label, structure.display_name, on_drawn) for label in labels]
    story: list[Flowable] = [
        p(f"{TITLE} — {len(labels)} étiquette{'s' if len(labels) > 1 else ''}", "muted")
    ]
    per_page = COLUMNS * ROWS
    # one table per page: ReportLab re-measures what is left of a table at every page break,
    # which gets slow with thousands of labels
    for first in range(0, len(cells), per_page):
        if first:
            story.append(PageBreak())
        story.append(_page_table(cells[first : first + per_page]))
    doc.build(story)


def _page_table(cells: list[LabelFlowable]) -> Table:
    rows: list[list] = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    rows[-1] += [""] * (COLUMNS - len(rows[-1]))
    table = Table(rows, colWidths=[LABEL_W] * COLUMNS, rowHeights=[LABEL_H] * len(rows))
    style = [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]
    # dotted cutting lines around the filled labels only
    for index in range(len(cells)):
        r, col = divmod(index, COLUMNS)
        style.append(("BOX", (col, r), (col, r), 0.3, colors.HexColor("#9a9a9a"), None, (1, 2)))
    table.setStyle(TableStyle(style))
    return table
