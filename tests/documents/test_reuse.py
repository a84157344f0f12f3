"""What documents draw once and reuse (``base.Stamp``, the parse cache of ``base.p``, the header
drawn as a PDF form) puts every piece of text exactly where drawing it directly would: same
pages, same positions, whether a stamp fits, overflows or is split across pages."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop_app.documents.base import (
    DocumentTemplate,
    Stamp,
    done_at,
    p,
    signature_boxes,
    spacer,
)
from desktop_app.services.structure import StructureInfo

STRUCTURE = StructureInfo(
    name="Commune de Val-d'Aubrac-les-Combes", address="1, place de la Mairie",
    postal_code="58120", commune="Val-d'Aubrac-les-Combes", phone="03 86 85 12 34",
)


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils are installed by .ci/run"
)


def _images(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    """Every page rendered at 100 dpi (what a person sees), as raw pixels."""
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(folder / name)], check=True)
    return [Image.open(png).convert("RGB").tobytes()
            for png in sorted(folder.glob(f"{name}-*.png"))]


def _pdf(story: list[Flowable]) -> bytes:
    out = io.BytesIO()
    DocumentTemplate(out, title="Essai", structure=STRUCTURE).build(story)
    return out.getvalue()


def _opening() -> list[Flowable]:
    """Spaces before and after that overlap (title, then a heading), as a frame overlaps them."""
    return [spacer(12), p("Attestation de participation", "title"), p("Objet", "h2"),
            spacer(10), p("Je soussigné(e), Hélène Brossard-Delacroix, Maire, atteste que"),
            p("Participation", "h2")]


def _closing() -> list[Flowable]:
    width = DocumentTemplate(io.BytesIO(), title="", structure=STRUCTURE).width
    return [spacer(8), p("Cette attestation est délivrée pour servir et valoir ce que de droit."),
            spacer(14), done_at("Val-d'Aubrac-les-Combes", date(2026, 3, 1)),
            spacer(4), signature_boxes(["Le conseiller numérique", "Le maire"], width, 30 * mm)]


def _pages_of(names: list[str], *, stamped: bool) -> bytes:
    frame = DocumentTemplate(io.BytesIO(), title="", structure=STRUCTURE).frame_width
    opening = Stamp("tOpening", _opening, frame)
    closing = Stamp("tClosing", _closing, frame)
    story: list[Flowable] = []
    for n, name in enumerate(names):
        if n:
            story.append(PageBreak())
        if stamped:
            story += [opening.again(), p(name, "h2"), closing.again()]
        else:
            story += [*_opening(), p(name, "h2"), *_closing()]
    return _pdf(story)


@pytest.mark.parametrize(
    "names",
    [
        ["Inès AUBRY", "Étienne BROSSARD-DELACROIX", "Maëlle CHÂTEAU"],
        # longer and longer names push the closing block over the page's end, then split it
        [("Jean-Baptiste " * k).strip() for k in range(1, 400, 37)],
    ],
    ids=["fits", "overflows"],
)
@needs_poppler
def test_a_stamp_prints_as_its_flowables(names: list[str], tmp_path: Path) -> None:
    direct = _images(_pages_of(names, stamped=False), tmp_path, "direct")
    stamped = _images(_pages_of(names, stamped=True), tmp_path, "stamped")
    assert len(stamped) == len(direct) >= len(names)
    assert stamped == direct


@needs_poppler
@pytest.mark.parametrize("filler_mm", [223.0, 200.0, 170.0])
def test_a_stamp_that_does_not_fit_goes_on_as_its_flowables(
    filler_mm: float, tmp_path: Path
) -> None:
    """Less room than the stamp's first spacer (it moves to the next page whole, as the
    spacer would have), or room for a few of its flowables (they stay, the rest moves)."""
    frame = DocumentTemplate(io.BytesIO(), title="", structure=STRUCTURE).frame_width
    closing = Stamp("tClosing", _closing, frame)
    direct = _images(_pdf([Spacer(1, filler_mm * mm), *_closing()]), tmp_path, "direct")
    stamped = _images(_pdf([Spacer(1, filler_mm * mm), closing.again()]), tmp_path, "stamped")
    assert stamped == direct and len(stamped) == 2


@needs_poppler
@pytest.mark.parametrize("filler_mm", [215.0, 190.0])
def test_a_stamp_whose_first_paragraph_must_split(filler_mm: float, tmp_path: Path) -> None:
    """Room for a few lines of the stamp's first paragraph: it is split there, as it would
    have been on its own, and the rest of the stamp follows on the next page."""
    frame = DocumentTemplate(io.BytesIO(), title="", structure=STRUCTURE).frame_width

    def part() -> list[Flowable]:
        return [p("a participé à l'atelier collectif " * 60), spacer(6), *_closing()[-1:]]

    stamp = Stamp("tPart", part, frame)
    direct = _images(_pdf([Spacer(1, filler_mm * mm), *part()]), tmp_path, "direct")
    stamped = _images(_pdf([Spacer(1, filler_mm * mm), stamp.again()]), tmp_path, "stamped")
    assert stamped == direct and len(stamped) == 2


def test_a_stamp_is_drawn_once_per_document() -> None:
    frame = DocumentTemplate(io.BytesIO(), title="", structure=STRUCTURE).frame_width
    closing = Stamp("tClosing", _closing, frame)
    one = _pdf([closing.again()])
    many = _pdf([item for _ in range(40) for item in (closing.again(), PageBreak())][:-1])
    assert len(PdfReader(io.BytesIO(many)).pages) == 40
    assert len(many) < 4 * len(one)  # forty pages: the block is stored once, shown forty times


def test_a_known_text_lays_out_again_for_another_width() -> None:
    """The parse cache keeps the lines per width: the same text in a narrow and a wide place
    wraps differently, each time as a fresh paragraph would."""
    text = "Médiathèque intercommunale « La Grange aux livres » (Lieu d'activité)"
    first = p(text, "cell")
    assert first.wrap(400, 1000)[1] == pytest.approx(11.5)
    again = p(text, "cell")
    assert again.wrap(120, 1000)[1] > 11.5
    assert p(text, "cell").wrap(400, 1000)[1] == pytest.approx(11.5)
    from reportlab.platypus import Paragraph

    fresh = Paragraph(first.text, first.style)
    assert p(text, "cell").wrap(120, 1000) == fresh.wrap(120, 1000)


def test_the_header_is_on_every_page() -> None:
    pdf = _pdf([p("Un", "title"), PageBreak(), p("Deux", "title"), PageBreak(), p("Trois", "title")])
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 3
    assert all("Commune de Val-d'Aubrac-les-Combes" in text and "1, place de la Mairie" in text
               and "Page" in text for text in pages)
