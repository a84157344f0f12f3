""" "Feuille d'émargement" of one session: the registered people sign as they arrive.

Portrait A4 is wide enough for number, name, first name and a generous signature column; rows are tall enough to sign in (11 mm). A few blank rows follow the list for people who
come without registering. The table header repeats on every page and the shared frame prints
"Page n / N" on long lists. The waiting list is printed after the table (people on it sometimes
come anyway), then the conseiller's count and signature, kept on the page of the table's last
rows (never a page holding only the count and the signature).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from desktop_app.documents.base import (
    MARGIN,
    DocumentTemplate,
    done_at,
    p,
    signature_boxes,
    spacer,
    table_style,
)
from desktop_app.services import french
from desktop_app.services.formatting import time_short
from desktop_app.services.workshops.printable import SignInData

BLANK_ROWS = 4
ROW_HEIGHT = 10 * mm
TAIL_ROWS = 2  # table rows kept on the page of the count and the signature


def session_facts(data: SignInData) -> Table:
    item = data.summary
    facts = [
        (
            "Séance",
            f"{item.kind_label} — {item.display_title}" if item.title.strip() else item.kind_label,
        ),
        ("Date", french.date_full(item.start.date())),
        (
            "Horaire",
            f"de {time_short(item.start)} à {time_short(item.end)} ({item.duration_label})",
        ),
        ("Lieu", f"{item.venue} ({item.place_label})"),
    ]
    if item.theme_labels:
        facts.append(("Thématiques", ", ".join(item.theme_labels)))
    if item.level_label:
        facts.append(("Niveau", item.level_label))
    if item.capacity:
        facts.append(
            ("Places", f"{french.plural(item.capacity, 'place')}, "
                       f"{french.plural(item.registered, 'inscrit', 'inscrits')}")
        )
    if item.status == "annule":
        facts.append(("Statut", "Séance annulée"))
    width = A4[0] - 2 * MARGIN
    table = Table(
        [[p(label, "cell_bold"), p(value, "cell")] for label, value in facts],
        colWidths=[30 * mm, width - 30 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef3f9")),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#8c8c8c")),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c0c0c0")),
            ]
        )
    )
    return table


def _right(table: Table) -> Table:
    table.hAlign = "RIGHT"
    return table


def build_sign_in_sheet(out: Path | str | BinaryIO, data: SignInData) -> None:
    item = data.summary
    doc = DocumentTemplate(
        out,
        title=f"Feuille d'émargement — {item.display_title} — {item.start:%d/%m/%Y}",
        structure=data.structure,
        subject="Feuille d'émargement",
    )
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [p("Feuille d'émargement", "title"), session_facts(data), spacer(5)]
    header = ["N°", "Nom", "Prénom", "Signature"]
    rows: list[list[object]] = [[p(h, "cell_bold") for h in header]]
    for n, person in enumerate(data.people, start=1):
        rows.append([str(n), p(person.last_name.upper(), "cell"), p(person.first_name, "cell"), ""])
    for n in range(len(data.people) + 1, len(data.people) + 1 + BLANK_ROWS):
        rows.append([str(n), "", "", ""])
    col = [10 * mm, 56 * mm, 44 * mm]
    col.append(width - sum(col))
    head, tail = rows[: len(rows) - TAIL_ROWS], rows[len(rows) - TAIL_ROWS:]
    table = Table(
        head, colWidths=col, rowHeights=[None] + [ROW_HEIGHT] * (len(head) - 1), repeatRows=1
    )
    style = table_style()
    style.add("ALIGN", (0, 0), (0, -1), "CENTER")
    table.setStyle(style)
    story.append(table)
    # the last rows continue the table without a header, and go with the signature block
    end = Table(tail, colWidths=col, rowHeights=[ROW_HEIGHT] * len(tail))
    end_style = table_style(header_rows=0)
    end_style.add("ALIGN", (0, 0), (0, -1), "CENTER")
    end.setStyle(end_style)
    closing: list[Flowable] = [
        end,
        spacer(2),
        p(
            f"{french.plural(len(data.people), 'personne inscrite')}. Les lignes vides servent "
            "aux personnes venues sans inscription.",
            "muted",
        ),
    ]
    if data.waiting:
        names = ", ".join(f"{w.first_name} {w.last_name.upper()}" for w in data.waiting)
        closing.append(spacer(3))
        closing.append(p(f"Liste d'attente : {names}.", "small", limit=1500))
    closing.append(spacer(5))
    story.append(
        KeepTogether(
            [
                *closing,
                p("Nombre de personnes présentes : ………", "body"),
                spacer(4),
                done_at(data.structure.commune, item.start.date()),
                spacer(3),
                _right(signature_boxes(["Signature du conseiller numérique"], width / 2, 22 * mm)),
            ]
        )
    )
    doc.build(story)
