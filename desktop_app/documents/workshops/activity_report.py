""" "Bilan d'activité" as a PDF: the key figures, a bar chart of the themes, and every
breakdown table of dispositif.md §7 with the programme's exact labels, then how figures are
counted and the signature of the structure."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from desktop_app.documents.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    MARGIN,
    DocumentTemplate,
    done_at,
    p,
    signature_boxes,
    spacer,
    table_style,
)
from desktop_app.services.structure import StructureInfo
from desktop_app.services.workshops.printable import (
    ActivityReport,
    Breakdown,
    breakdown_cells,
    breakdown_header,
    breakdown_total_cells,
)

NOTES = (
    "Séances : ateliers collectifs et accompagnements individuels de la période qui ont eu lieu "
    "(voir ci-dessus). Participation : une personne présente à une séance (présence relevée "
    "«\u00a0Présent\u00a0», ou accompagnement individuel «\u00a0Réalisé\u00a0»), plus les participants comptés sans "
    "inscription nominative. Personnes distinctes : personnes inscrites ayant au moins une "
    "participation. Une séance qui aborde plusieurs thématiques compte pour chacune : le tableau "
    "par thématique donne la somme de ses lignes et le total des séances distinctes. Les "
    "participants non inscrits figurent en «\u00a0Non communiqué\u00a0» dans les tableaux par âge et par "
    "statut."
)


def _key_figures(report: ActivityReport, width: float) -> Table:
    figures = report.key_figures()
    cells = []
    for i in range(0, len(figures), 2):
        row: list[object] = []
        for label, value in figures[i : i + 2]:
            row += [p(label, "cell"), p(value, "cell_bold")]
        while len(row) < 4:
            row.append("")
        cells.append(row)
    col = [width * 0.34, width * 0.16]
    table = Table(cells, colWidths=col * 2)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b7c7da")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f7fb")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def theme_chart(report: ActivityReport, width: float) -> Drawing | None:
    """Horizontal bars of participations per theme (themes with activity only)."""
    rows = [r for r in report.breakdown("Thématique").rows if r.sessions or r.participations]
    if not rows:
        return None
    rows.sort(key=lambda r: r.participations)
    bar_h = 5.5 * mm
    height = bar_h * len(rows) + 16 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = 62 * mm
    chart.y = 8 * mm
    chart.width = width - chart.x - 12 * mm
    chart.height = bar_h * len(rows)
    chart.data = [[r.participations for r in rows]]
    chart.categoryAxis.categoryNames = [r.label for r in rows]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v)}" if float(v).is_integer() else ""
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    drawing.add(
        String(
            0,
            height - 4 * mm,
            "Participations par thématique",
            fontName=FONT_BOLD,
            fontSize=9,
            fillColor=ACCENT,
        )
    )
    return drawing


def _breakdown_table(breakdown: Breakdown, report: ActivityReport, width: float) -> Table:
    header = [p(h, "cell_bold") for h in breakdown_header(breakdown)]
    for cell in header[1:]:
        cell.style = _right(cell.style)
    totals = breakdown_total_cells(breakdown, report)
    body = breakdown_cells(breakdown, report) + totals
    rows: list[list[object]] = [header]
    for i, row in enumerate(body):
        total = i >= len(body) - len(totals)
        rows.append([p(row[0], "cell_bold" if total else "cell"), *row[1:]])
    number = 33 * mm
    table = Table(rows, colWidths=[width - 3 * number, number, number, number], repeatRows=1)
    style = table_style()
    style.add("ALIGN", (1, 0), (-1, -1), "RIGHT")
    style.add("FONT", (0, -len(totals)), (-1, -1), FONT_BOLD, 9)
    style.add("BACKGROUND", (0, -len(totals)), (-1, -1), colors.HexColor("#f4f7fb"))
    table.setStyle(style)
    return table


def _right(style):  # noqa: ANN001, ANN202 - a ParagraphStyle
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "_right", parent=style, alignment=TA_RIGHT)


# Small tables first, so that the first page is filled before the long theme table.
PDF_ORDER = ("Lieu", "Durée", "Thématique", "Tranche d'âge", "Statut")


def build_activity_report(
    out: Path | str | BinaryIO,
    report: ActivityReport,
    structure: StructureInfo,
    *,
    issued=None,  # noqa: ANN001
) -> None:
    from datetime import date

    doc = DocumentTemplate(
        out,
        title=f"Bilan d'activité — {report.period.short_label()}",
        structure=structure,
        subject="Bilan d'activité du conseiller numérique",
    )
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [
        p("Bilan d'activité", "title"),
        p(f"Conseiller numérique — période {report.period.label()}", "subtitle"),
        p(report.scope_label(), "subtitle"),
        _key_figures(report, width),
        spacer(2),
        p(report.counting_rule(), "muted", limit=1000)  # the app's own sentence,
    ]
    chart = theme_chart(report, width)
    if chart is not None:
        story += [spacer(5), chart]
    ordered = sorted(
        report.breakdowns,
        key=lambda b: PDF_ORDER.index(b.column) if b.column in PDF_ORDER else len(PDF_ORDER),
    )
    for breakdown in ordered:
        story.append(
            KeepTogether([p(breakdown.title, "h2"), _breakdown_table(breakdown, report, width)])
        )
    story += [spacer(4), p(NOTES, "muted", limit=len(NOTES))]  # the app's own text, never cut
    signature = signature_boxes(
        [structure.signatory_title or "Pour la structure"], width / 2, 26 * mm
    )
    signature.hAlign = "RIGHT"
    story.append(
        KeepTogether(
            [
                spacer(8),
                done_at(structure.commune, issued or date.today()),
                spacer(3),
                signature,
            ]
        )
    )
    doc.build(story)
