"""Small helpers shared by the kit documents."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from desktop_app.documents.base import p


def key_value_table(rows: list[tuple[str, str]], width: float, key_width: float = 48 * mm) -> Table:
    table = Table(
        [[p(k, "cell_bold"), cell(v or "—")] for k, v in rows],
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


def tied_quotes(text: str) -> str:
    """« … » keep their inner spaces unbreakable, so a closing » never starts a line alone."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def cell(text: str, style: str = "cell") -> Paragraph:
    return p(tied_quotes(text), style)
