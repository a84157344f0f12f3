"""The A4 sheets of pre-cut labels the kit's labels are printed on, as printed on their
packets. Kept apart from the drawing (``labels``) and free of ReportLab, so that the command
line can offer the formats in its help without loading ReportLab at every start."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelSheet:
    """An A4 sheet of pre-cut labels, as printed on its packet (millimetres)."""

    key: str
    name: str  # shown in the dialog
    columns: int
    rows: int
    width: float
    height: float
    top: float  # from the top edge of the paper to the first row
    left: float  # from the left edge to the first column
    pitch_x: float  # from one column's left edge to the next one's
    pitch_y: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def corner_mm(self, index: int) -> tuple[float, float]:
        """Left edge and top edge, in millimetres from the paper's top left corner, of label
        ``index`` (0 = top left, row by row)."""
        row, column = divmod(index, self.columns)
        return self.left + column * self.pitch_x, self.top + row * self.pitch_y


SHEETS: dict[str, LabelSheet] = {
    sheet.key: sheet
    for sheet in (
        LabelSheet(
            "3x7", "21 étiquettes par page (3 × 7), 63,5 × 38,1 mm", 3, 7, 63.5, 38.1,
            top=15.15, left=7.2, pitch_x=66.0, pitch_y=38.1,
        ),
        LabelSheet(
            "3x8", "24 étiquettes par page (3 × 8), 63,5 × 33,9 mm", 3, 8, 63.5, 33.9,
            top=12.9, left=7.2, pitch_x=66.0, pitch_y=33.9,
        ),
    )
}
DEFAULT_SHEET = "3x7"


def check_start(sheet: LabelSheet, start: int) -> str | None:
    """The French message when ``start`` is not a position of ``sheet`` (None when it is)."""
    if not 1 <= start <= sheet.per_page:
        return f"Choisissez une position de départ entre 1 et {sheet.per_page}."
    return None
