""" "État du kit": what the library shows when it accounts for the kit it received.

By category, the units in each condition and their total value; the items on loan (late ones
flagged); the consumables, those under their alert threshold first. Landscape is not needed: the
condition table has eight narrow columns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from desktop_app.documents.base import (
    FONT_BOLD,
    DocumentTemplate,
    p,
    spacer,
    styles,
    table_style,
)
from desktop_app.documents.kit.common import cell
from desktop_app.models.kit import CONDITIONS
from desktop_app.services import formatting as fmt
from desktop_app.services.kit.printable import KitReport
from desktop_app.services.structure import StructureInfo

TITLE = "État du kit"


def _head(text: str) -> Paragraph:
    """Column headers a size smaller, so that "Réformé" fits a narrow number column."""
    style = ParagraphStyle("kit_head", parent=styles()["cell_bold"], fontSize=8, leading=10)
    return Paragraph(escape(text), style)


def build_kit_status(
    out: Path | str | BinaryIO, report: KitReport, structure: StructureInfo, today: date
) -> None:
    doc = DocumentTemplate(
        out, title=TITLE, structure=structure, subject="État du kit d'inclusion numérique"
    )
    width = doc.width
    story: list[Flowable] = [
        p(TITLE, "title"),
        p(f"Kit d'inclusion numérique — situation au {fmt.date_in_words(today)}", "subtitle"),
        p("Matériel par catégorie et par état", "h2"),
    ]
    if report.lines:
        header = ["Catégorie", *CONDITIONS.values(), "En service", "Valeur"]
        rows: list[list] = [[_head(h) for h in header]]
        totals = {c: 0 for c in CONDITIONS}
        units = 0
        for line in report.lines:
            rows.append(
                [cell(line.category)]
                + [str(line.counts.get(c, 0) or "") for c in CONDITIONS]
                + [str(line.units), fmt.amount(line.value)]
            )
            for c in CONDITIONS:
                totals[c] += line.counts.get(c, 0)
            units += line.units
        rows.append(
            [p("Total", "cell_bold")]
            + [str(totals[c]) for c in CONDITIONS]
            + [str(units), fmt.amount(report.total_value)]
        )
        first = width - 6 * 18 * mm - 24 * mm
        table = Table(rows, colWidths=[first] + [18 * mm] * 6 + [24 * mm], repeatRows=1)
        style = table_style()
        style.add("ALIGN", (1, 1), (-1, -1), "RIGHT")
        style.add("FONT", (0, -1), (-1, -1), FONT_BOLD, 9)
        style.add("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#eef3f8"))
        table.setStyle(style)
        story.append(table)
        story.append(
            p(
                "« En service » : unités non réformées ; "
                "la valeur est celle des unités en service.",
                "muted",
            )
        )
    else:
        story.append(p("Aucun matériel enregistré.", "body"))

    story.append(
        p(
            f"Matériel en prêt ({len(report.on_loan)} prêt"
            f"{'s' if len(report.on_loan) > 1 else ''} en cours)",
            "h2",
        )
    )
    if report.on_loan:
        rows = [
            [
                _head(h)
                for h in ("Prêt", "Emprunteur", "Articles", "Prêté le", "Retour prévu", "Retard")
            ]
        ]
        for loan in report.on_loan:
            late = f"{loan.days_late} j" if loan.days_late else ""
            rows.append(
                [
                    f"n° {loan.id}",
                    cell(loan.borrower_name),
                    cell(loan.numbers),
                    fmt.date_short(loan.start),
                    fmt.date_short(loan.due),
                    late,
                ]
            )
        table = Table(
            rows,
            colWidths=[
                16 * mm,
                58 * mm,
                width - 16 * mm - 58 * mm - 22 * mm * 2 - 18 * mm,
                22 * mm,
                22 * mm,
                18 * mm,
            ],
            repeatRows=1,
        )
        style = table_style()
        for index, loan in enumerate(report.on_loan, start=1):
            if loan.days_late:
                style.add("TEXTCOLOR", (5, index), (5, index), colors.HexColor("#b00020"))
        table.setStyle(style)
        story.append(table)
    else:
        story.append(p("Aucun matériel n'est prêté en ce moment.", "body"))

    story.append(p("Consommables et documents imprimés", "h2"))
    if report.consumables:
        # the count comes first, under the heading: after a table running onto a new page it
        # stood alone on the last page, away from what it counts
        below = len(report.low_stock)
        story.append(
            p(f"{below} consommable{'s' if below > 1 else ''} sous le seuil d'alerte.", "muted")
        )
        story.append(spacer(1))
        rows = [
            [
                _head(h)
                for h in (
                    "N° d'inventaire",
                    "Catégorie",
                    "Désignation",
                    "En stock",
                    "Seuil d'alerte",
                    "",
                )
            ]
        ]
        ordered = sorted(report.consumables, key=lambda r: (not r.low_stock, r.inventory_number))
        for row in ordered:
            rows.append(
                [
                    row.inventory_number,
                    cell(row.category),
                    cell(row.description or "—"),
                    str(row.quantity or 0),
                    "" if row.alert_threshold is None else str(row.alert_threshold),
                    p("À commander" if row.low_stock else "", "cell_bold"),
                ]
            )
        table = Table(
            rows,
            colWidths=[
                26 * mm,
                34 * mm,
                width - 26 * mm - 34 * mm - 18 * mm - 22 * mm - 30 * mm,
                18 * mm,
                22 * mm,
                30 * mm,
            ],
            repeatRows=1,
        )
        style = table_style()
        style.add("ALIGN", (3, 1), (4, -1), "RIGHT")
        table.setStyle(style)
        story.append(table)
    else:
        story.append(p("Aucun consommable enregistré.", "body"))
    doc.build(story)
