""" "Programme du mois": the month's workshops, a poster for the library's notice board.

Meant to be read standing a metre or two away: large dates in a coloured block, large titles,
the number of seats left in bold colour, then the venue's opening hours and how to register.
One card per workshop, never split across pages (``KeepTogether``); a long month simply runs
over several pages numbered "Page n / N" by the shared frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from desktop_app.documents.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    MARGIN,
    DocumentTemplate,
    french,
    spacer,
    styles,
)
from desktop_app.services import opening_hours
from desktop_app.services.formatting import LOCALE, time_short
from desktop_app.services.workshops.printable import ProgrammeData, SessionSummary

GREEN = colors.HexColor("#1b5e20")
ORANGE = colors.HexColor("#a04a00")
RED = colors.HexColor("#b00020")
LIGHT = colors.HexColor("#eef3f9")
DATE_WIDTH = 32 * mm


def _style(
    name: str, size: float, *, bold: bool = False, color=colors.black, align=0, leading=None
) -> ParagraphStyle:  # noqa: ANN001, E501
    return ParagraphStyle(
        name,
        parent=styles()["body"],
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.22,
        textColor=color,
        alignment=align,
    )


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(french(escape(text)), style)


def month_title(year: int, month: int) -> str:
    """ "Mars 2026"."""
    from datetime import date

    text = format_date(date(year, month, 1), format="LLLL y", locale=LOCALE)
    return text[:1].upper() + text[1:]


def _date_block(item: SessionSummary) -> list[Flowable]:
    """Weekday, day number and month, white on the coloured left column of a card."""
    day = item.start.date()
    weekday = format_date(day, format="EEEE", locale=LOCALE).upper()
    month = format_date(day, format="MMMM", locale=LOCALE)
    white = colors.white
    return [
        _para(weekday, _style("wd", 10, bold=True, color=white, align=TA_CENTER)),
        _para(str(day.day), _style("d", 30, bold=True, color=white, align=TA_CENTER, leading=33)),
        _para(month, _style("m", 12, color=white, align=TA_CENTER)),
    ]


def _card(item: SessionSummary, width: float) -> Table:
    cancelled = item.status == "annule"
    when = f"{time_short(item.start)} – {time_short(item.end)}  ·  {item.duration_label}"
    title = escape(french(item.display_title))
    if cancelled:
        title = f"<strike>{title}</strike>"
    details: list[Flowable] = [
        _para(when, _style("when", 13, bold=True, color=ACCENT)),
        Paragraph(title, _style("title", 15.5, bold=True, leading=19)),
    ]
    if item.themes:
        details.append(
            _para(
                " · ".join(item.theme_labels),
                _style("themes", 11, color=colors.HexColor("#333333")),
            )
        )
    facts = []
    if item.level_label:
        facts.append(f"Niveau : {item.level_label}")
    facts.append(
        item.venue if item.place_type != "distance" else f"{item.place_label} ({item.venue})"
    )
    details.append(_para(" — ".join(facts), _style("facts", 11)))
    places = item.places_label()
    color = RED if cancelled else (ORANGE if item.places_left == 0 else GREEN)
    details.append(_para(places, _style("places", 13, bold=True, color=color)))
    card = Table([[_date_block(item), details]], colWidths=[DATE_WIDTH, width - DATE_WIDTH])
    card.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, 0), RED if cancelled else ACCENT),
                ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#fbfcfe")),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#b7c7da")),
                ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return card


def _practical_block(data: ProgrammeData, width: float) -> Flowable:
    structure = data.structure
    hours = structure.opening_hours or {}
    day_rows = []
    for day in opening_hours.DAYS:
        ranges = hours.get(day, [])
        text = ", ".join(f"{a}–{b}" for a, b in ranges) if ranges else "Fermé"
        day_rows.append(
            [
                _para(opening_hours.DAY_LABELS[day], _style("dl", 10.5, bold=True)),
                _para(text, _style("dh", 10.5)),
            ]
        )
    hours_table = Table(day_rows, colWidths=[24 * mm, width / 2 - 32 * mm])
    hours_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    venue = structure.venue_name or structure.display_name
    address = structure.venue_address or ", ".join(
        v for v in (structure.address, structure.city_line) if v
    )
    contact: list[Flowable] = [
        _para("Renseignements et inscriptions", _style("h", 12, bold=True, color=ACCENT)),
        _para("Ateliers gratuits, ouverts à tous, sur inscription.", _style("c1", 11)),
        _para(venue, _style("c2", 11, bold=True)),
    ]
    if address:
        contact.append(_para(address, _style("c3", 11)))
    if structure.phone:
        contact.append(_para(f"Téléphone : {structure.phone}", _style("c4", 11)))
    if structure.email:
        contact.append(_para(f"E-mail : {structure.email}", _style("c5", 11)))
    left = [_para("Horaires d'ouverture", _style("h2", 12, bold=True, color=ACCENT)), hours_table]
    block = Table([[left, contact]], colWidths=[width / 2, width / 2])
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return KeepTogether([spacer(4), block])


def build_programme(out: Path | str | BinaryIO, data: ProgrammeData) -> None:
    month = month_title(data.year, data.month)
    doc = DocumentTemplate(
        out,
        title=f"Programme des ateliers numériques — {month}",
        structure=data.structure,
        subject="Programme du mois",
    )
    from reportlab.lib.pagesizes import A4

    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [
        _para(
            "Programme des ateliers numériques",
            _style("t", 22, bold=True, color=ACCENT, align=TA_CENTER, leading=27),
        ),
        _para(month, _style("mt", 20, bold=True, align=TA_CENTER, leading=25)),
    ]
    venue = data.structure.venue_name or data.structure.display_name
    story.append(
        _para(
            f"avec votre conseiller numérique — {venue}",
            _style("v", 12, align=TA_CENTER, color=colors.HexColor("#333333")),
        )
    )
    story.append(spacer(5))
    if not data.sessions:
        story.append(
            _para(
                "Aucun atelier n'est programmé ce mois-ci. Renseignez-vous à l'accueil : "
                "un accompagnement individuel est possible sur rendez-vous.",
                _style("empty", 14, align=TA_CENTER, leading=19),
            )
        )
    for item in data.sessions:
        story.append(KeepTogether([_card(item, width), spacer(3)]))
    story.append(_practical_block(data, width))
    doc.build(story)
