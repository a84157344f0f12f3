""" "Programme du mois": the month's workshops, a poster for the library's notice board.

Meant to be read standing a metre or two away: large dates in a coloured block, large titles,
the number of seats left in bold colour, then the venue's opening hours and how to register.
A poster is one page: the month is laid out as cards when they fit on one A4 page with the
opening hours, else as a compact list (one line per workshop, still in large type), then, for
a month too full even for that, the list runs over pages numbered "Page n / N".
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

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
    p,
    spacer,
    styles,
)
from desktop_app.documents.text import markup
from desktop_app.services import opening_hours
from desktop_app.services.atomic_files import atomic_path
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
    return p(text, style, limit=400)


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


def _card(item: SessionSummary, width: float, data: ProgrammeData) -> Table:
    cancelled = item.status == "annule"
    when = f"{time_short(item.start)} – {time_short(item.end)}  ·  {item.duration_label}"
    title = markup(item.display_title, FONT_BOLD, limit=300)
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
    places = data.places_label(item)
    color = _places_color(item, places)
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


def _compact_practical(data: ProgrammeData, width: float) -> Flowable:
    """The opening hours and the contact in a few lines, under a full month's list."""
    structure = data.structure
    hours = structure.opening_hours or {}
    days = [
        f"{opening_hours.DAY_LABELS[day][:3]}. {', '.join(f'{a}–{b}' for a, b in hours[day])}"
        for day in opening_hours.DAYS
        if hours.get(day)
    ]
    venue = structure.venue_name or structure.display_name
    address = structure.venue_address or ", ".join(
        v for v in (structure.address, structure.city_line) if v
    )
    contact = " · ".join(v for v in (venue, address, structure.phone, structure.email) if v)
    cells = [
        _para("Ateliers gratuits, ouverts à tous, sur inscription", _style("ch", 11, bold=True,
                                                                           color=ACCENT)),
        _para("Horaires d'ouverture : " + (" · ".join(days) or "nous consulter"),
              _style("co", 9.5)),
        _para(contact, _style("cc", 9.5)),
    ]
    block = Table([[cells]], colWidths=[width])
    block.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return KeepTogether([spacer(3), block])


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


def _places_color(item: SessionSummary, label: str) -> colors.Color:
    if item.status == "annule":
        return RED
    if label != item.places_label():  # held or under way
        return colors.HexColor("#666666")
    return ORANGE if item.places_left == 0 else GREEN


def _line(item: SessionSummary, width: float, usual_venue: str, data: ProgrammeData) -> Table:
    """One workshop of the compact list, on one line when its title allows: the day and hours,
    the title, the places left."""
    cancelled = item.status == "annule"
    day = format_date(item.start.date(), format="EEE d MMM", locale=LOCALE)
    day = (day[:1].upper() + day[1:]).replace(" ", "\u00a0")  # a date never splits
    places = data.places_label(item)
    color = _places_color(item, places)
    title = markup(item.display_title, FONT_BOLD, limit=200)
    if cancelled:
        title = f"<strike>{title}</strike>"
    row = [
        _para(day, _style("ld", 10.5, bold=True, color=ACCENT)),
        _para(f"{time_short(item.start)}–{time_short(item.end)}", _style("lh", 10.5)),
        [Paragraph(title, _style("ltt", 11, bold=True, leading=13))]
        + ([] if item.venue == usual_venue else [_para(item.venue, _style("lv", 9.5))]),
        _para(places, _style("lp", 9, bold=True, color=color, leading=10.5)),
    ]
    line = Table([row], colWidths=[31 * mm, 27 * mm, width - 58 * mm - 36 * mm, 36 * mm])
    line.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#b7c7da")),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    return line


def build_programme(out: Path | str | BinaryIO, data: ProgrammeData) -> None:
    """Cards when the month fits on one page with them, else the compact list."""
    result = b""
    for compact in (False, True):
        buffer = io.BytesIO()
        pages = _build(buffer, data, compact=compact)
        result = buffer.getvalue()
        if pages <= 1:
            break
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(result)
    else:
        out.write(result)


def _build(out: BinaryIO, data: ProgrammeData, *, compact: bool) -> int:
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
        if compact:
            story.append(_line(item, width, venue, data))
        else:
            story.append(KeepTogether([_card(item, width, data), spacer(3)]))
    story.append(_compact_practical(data, width) if compact else _practical_block(data, width))
    doc.build(story)
    return doc.page
