"""Floor of the document benchmark: ReportLab's raw canvas (``reportlab.pdfgen.canvas.Canvas``)
writing pages that look like the application's, with the same embedded TrueType fonts (DejaVu
Sans and DejaVu Sans Bold from ``resources/fonts``), the same page compression and the same
shapes — and none of the application's layout: no platypus, no paragraph wrapping, no reading
of a database, every position fixed by hand.

- ``attestations(n)``: one PDF of ``n`` pages, each with the header (structure name, three
  address lines, a rule), the title, the statement (four lines), the person's name, four rows
  of facts with their rules, the closing lines and two signature boxes: the 22 strings and the
  shapes of an "Attestation de participation".
- ``sign_in_sheets(people)``: one PDF per session (``people[i]`` registered people, four blank
  rows after them), the header, the title and the session's facts on the first page, then rows
  of 10 mm with number, name and first name in a grid (16 on the first page, 22 on the next),
  "Page n / N", and the count and signature block on the last page.
- ``labels(n, per_page, columns)``: ``n`` labels, ``per_page`` to a page, each with the
  structure's name, a Code 128 barcode (``reportlab.graphics.barcode.code128``, drawn on the
  canvas), the inventory number in large text and a description.

Each function returns ``(pages, seconds)``; the time covers drawing every page and writing
every file in ``folder`` the way the application must write a document (``durable``: a
temporary file flushed to the disk, renamed, the folder flushed — what any program does so that
a power cut leaves the whole file or none), font registration excluded (done once, as in the
application). Without the flushes the floor would mostly measure the disk of the moment: one
``fsync`` costs 1 to 6 ms here, more than drawing a sign-in sheet.

    python benchmarks/floors/raw_canvas.py [PAGES]
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR = "FloorDejaVuSans"
BOLD = "FloorDejaVuSans-Bold"
ACCENT = colors.HexColor("#1f4e79")
GREY = colors.HexColor("#8c8c8c")
LIGHT = colors.HexColor("#c0c0c0")
TINT = colors.HexColor("#dce6f1")
MARGIN = 18 * mm
WIDTH, HEIGHT = A4

NAMES = ("François COLLIN", "Inès AUBRY", "Étienne BROSSARD-DELACROIX", "Maëlle CHÂTEAU")


@cache
def register_fonts() -> None:
    """The application's two faces under names of their own (so the floor never shares font
    state with the application in one process)."""
    fonts = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))


def _canvas(target: io.BytesIO) -> Canvas:
    c = Canvas(target, pagesize=A4, pageCompression=1)
    c.setTitle("Plancher")
    c.setAuthor("Commune de Val-d'Aubrac-les-Combes")
    return c


def durable(path: Path, data: bytes) -> None:
    """``data`` under ``path``, whole or not at all: temporary file, flush, rename, flush the
    folder."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _header(c: Canvas) -> None:
    top = HEIGHT - MARGIN
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 11)
    c.drawString(MARGIN, top - 4 * mm, "Commune de Val-d'Aubrac-les-Combes")
    c.setFillColor(colors.black)
    c.setFont(REGULAR, 8.5)
    c.drawString(MARGIN, top - 8.5 * mm, "1, place de la Mairie")
    c.drawString(MARGIN, top - 12.3 * mm, "58120 Val-d'Aubrac-les-Combes")
    c.drawString(MARGIN, top - 16.1 * mm, "03 86 85 12 34 · mairie@val-aubrac-exemple.fr")
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.8)
    c.line(MARGIN, top - 20 * mm, WIDTH - MARGIN, top - 20 * mm)


def _attestation_page(c: Canvas, n: int) -> None:
    _header(c)
    left, right = MARGIN + 6, WIDTH - MARGIN
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 17)
    c.drawCentredString(WIDTH / 2, 692, "Attestation de participation")
    c.setFillColor(colors.black)
    c.setFont(REGULAR, 10)
    c.drawString(left, 617, "Je soussigné(e), Hélène Brossard-Delacroix, Maire, agissant au nom "
                 "de la commune de")
    c.drawString(left, 603.5, "Val-d'Aubrac-les-Combes, atteste que")
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 18)
    c.drawCentredString(WIDTH / 2, 574, NAMES[n % len(NAMES)])
    c.setFillColor(colors.black)
    c.setFont(REGULAR, 10)
    c.drawString(left, 550, "a participé à l'atelier collectif « Pronote, l'ENT et les écrans à "
                 "la maison : atelier parents » le")
    c.drawString(left, 536.5, f"jeudi {1 + n % 28} janvier 2025, de 14:45 à 16:15 (durée : 1 h 30).")
    rows = (
        (("Lieu",), "Médiathèque intercommunale « La Grange aux livres » (Lieu d'activité)"),
        (("Thématiques", "abordées"), "Parentalité, Scolarité et numérique"),
        (("Niveau",), "Débutant"),
        (("Animé par",), "Camille Martin-Lefèbvre, conseiller numérique"),
    )
    y = 504.0
    c.setStrokeColor(LIGHT)
    c.setLineWidth(0.25)
    for labels, value in rows:
        c.setFont(BOLD, 9)
        for k, label in enumerate(labels):
            c.drawString(left, y - 11.5 * k, label)
        c.setFont(REGULAR, 9)
        c.drawString(MARGIN + 133.6, y, value)
        y -= 8 + 11.5 * len(labels)
        c.line(MARGIN, y + 4, right, y + 4)
    c.setFont(REGULAR, 10)
    c.drawString(left, 394.6, "Cette attestation est délivrée pour servir et valoir ce que de droit.")
    c.drawString(left, 341.4, "Fait à Val-d'Aubrac-les-Combes, le 1er décembre 2026")
    c.setFont(BOLD, 9)
    c.drawString(left, 314.6, "Le conseiller numérique — Camille")
    c.drawString(left, 303.1, "Martin-Lefèbvre")
    c.drawString(MARGIN + 252.6, 314.6, "Maire — Hélène Brossard-Delacroix")
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.rect(MARGIN, 212.5, right - MARGIN, 85)
    c.line(WIDTH / 2, 212.5, WIDTH / 2, 297.5)
    c.showPage()


def attestations(n: int, folder: Path) -> tuple[int, float]:
    """``n`` attestation-like pages in one PDF."""
    register_fonts()
    started = time.perf_counter()
    buffer = io.BytesIO()
    c = _canvas(buffer)
    for page in range(n):
        _attestation_page(c, page)
    c.save()
    durable(folder / "plancher-attestations.pdf", buffer.getvalue())
    return n, time.perf_counter() - started


ROW = 10 * mm
FIRST_ROWS, NEXT_ROWS = 16, 22
CLOSING_ROWS = 6  # room the count and the signature block take on the last page


def _sheet_pages(rows: int) -> list[int]:
    """Rows of each page: the first holds fewer (the facts), the last keeps room for the
    closing block."""
    pages, left, room = [], rows, FIRST_ROWS
    while True:
        if left + CLOSING_ROWS <= room:
            pages.append(left)
            return pages
        take = min(left, room)
        if left - take < 2:  # the last two rows go with the closing block
            take = max(left - 2, 0)
        pages.append(take)
        left -= take
        room = NEXT_ROWS


def _sign_in_sheet(target: Path, people: int) -> int:
    buffer = io.BytesIO()
    c = _canvas(buffer)
    rows = people + 4
    pages = _sheet_pages(rows)
    number = 0
    cols = (MARGIN, MARGIN + 10 * mm, MARGIN + 66 * mm, MARGIN + 110 * mm, WIDTH - MARGIN)
    for index, count in enumerate(pages):
        _header(c)
        y = HEIGHT - MARGIN - 22 * mm
        if index == 0:
            c.setFillColor(ACCENT)
            c.setFont(BOLD, 17)
            c.drawCentredString(WIDTH / 2, y - 21, "Feuille d'émargement")
            c.setFillColor(colors.black)
            y -= 36
            facts = (
                ("Séance", "Atelier collectif — Café numérique : vos questions sur les démarches"),
                ("Date", "samedi 5 décembre 2026"),
                ("Horaire", "de 10:30 à 12:30 (2 h)"),
                ("Lieu", "Médiathèque intercommunale « La Grange aux livres » (Lieu d'activité)"),
                ("Thématiques", "Diagnostic numérique, Aide aux démarches administratives"),
                ("Places", f"15 places, {people} inscrits"),
            )
            c.setStrokeColor(LIGHT)
            c.setLineWidth(0.25)
            for label, value in facts:
                y -= 15.5
                c.setFont(BOLD, 9)
                c.drawString(MARGIN + 6, y + 4, label)
                c.setFont(REGULAR, 9)
                c.drawString(MARGIN + 91, y + 4, value)
                c.line(MARGIN, y, WIDTH - MARGIN, y)
            c.rect(MARGIN, y, WIDTH - 2 * MARGIN, 15.5 * len(facts))
            y -= 5 * mm
        c.setFillColor(TINT)
        c.rect(MARGIN, y - 17, WIDTH - 2 * MARGIN, 17, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(BOLD, 9)
        for x, title in zip(cols, ("N°", "Nom", "Prénom", "Signature"), strict=False):
            c.drawString(x + 6, y - 12, title)
        top = y
        y -= 17
        c.setFont(REGULAR, 9)
        for _ in range(count):
            number += 1
            y -= ROW
            c.drawCentredString(MARGIN + 5 * mm, y + 11, str(number))
            if number <= people:
                c.drawString(cols[1] + 6, y + 11, f"BROSSARD-DELACROIX {number}")
                c.drawString(cols[2] + 6, y + 11, "Étienne")
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        for x in cols:
            c.line(x, top, x, y)
        for k in range(count + 2):
            line_y = top if k == 0 else top - 17 - ROW * (k - 1)
            c.line(MARGIN, line_y, WIDTH - MARGIN, line_y)
        if index == len(pages) - 1:
            c.setFont(REGULAR, 8.5)
            c.drawString(MARGIN, y - 12, f"{people} personnes inscrites. Les lignes vides servent "
                         "aux personnes venues sans inscription.")
            c.setFont(REGULAR, 10)
            c.drawString(MARGIN, y - 40, "Nombre de personnes présentes : ………")
            c.drawString(MARGIN, y - 62, "Fait à Val-d'Aubrac-les-Combes, le 5 décembre 2026")
            c.setFont(BOLD, 9)
            c.drawString(WIDTH / 2 + 6, y - 84, "Signature du conseiller numérique")
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.8)
            c.rect(WIDTH / 2, y - 152, WIDTH / 2 - MARGIN, 62)
        if len(pages) > 1:
            c.setFont(REGULAR, 8)
            c.setFillColor(colors.HexColor("#555555"))
            c.drawRightString(WIDTH - MARGIN, 16 * mm, f"Page {index + 1} / {len(pages)}")
            c.setFillColor(colors.black)
        c.showPage()
    c.save()
    durable(target, buffer.getvalue())
    return len(pages)


def sign_in_sheets(people: Sequence[int], folder: Path) -> tuple[int, float]:
    """One sign-in sheet per entry of ``people`` (its number of registered people), each its
    own PDF."""
    register_fonts()
    started = time.perf_counter()
    pages = 0
    for n, count in enumerate(people):
        pages += _sign_in_sheet(folder / f"plancher-emargement-{n % 2}.pdf", count)
    return pages, time.perf_counter() - started


def labels(n: int, folder: Path, *, per_page: int = 21, columns: int = 3) -> tuple[int, float]:
    """``n`` labels with a Code 128 barcode each, ``per_page`` to a page."""
    register_fonts()
    started = time.perf_counter()
    buffer = io.BytesIO()
    c = _canvas(buffer)
    rows = per_page // columns
    w, h = 63.5 * mm, (HEIGHT - 30 * mm) / rows
    pages = 0
    for index in range(n):
        position = index % per_page
        if index and not position:
            c.showPage()
        if not position:
            pages += 1
        row, column = divmod(position, columns)
        x = 7.2 * mm + column * 66 * mm
        y = HEIGHT - 15 * mm - (row + 1) * h
        c.setFillColor(ACCENT)
        c.setFont(BOLD, 6.5)
        c.drawCentredString(x + w / 2, y + h - 4.5 * mm, "Commune de Val-d'Aubrac-les-Combes")
        c.setFillColor(colors.black)
        number = f"KIT-{index + 1:04d}"
        barcode = Code128(number, barWidth=0.33 * mm, barHeight=12 * mm, humanReadable=False,
                          quiet=True)
        barcode.drawOn(c, x + (w - barcode.width) / 2, y + h - 18 * mm)
        c.setFont(BOLD, 11)
        c.drawCentredString(x + w / 2, y + 6 * mm, number)
        c.setFont(REGULAR, 6.5)
        c.drawCentredString(x + w / 2, y + 2.5 * mm, "Lenovo ThinkPad E14 Gen 5")
    c.showPage()
    c.save()
    durable(folder / "plancher-etiquettes.pdf", buffer.getvalue())
    return pages, time.perf_counter() - started


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (count, seconds) in (
            ("attestations", attestations(pages, folder)),
            ("feuilles d'émargement", sign_in_sheets([15] * (pages // 2), folder)),
            ("étiquettes", labels(21 * pages // 10, folder)),
        ):
            print(f"{name} : {count} pages en {seconds:.2f} s ({count / seconds:.0f} pages/s)")


if __name__ == "__main__":
    main()
