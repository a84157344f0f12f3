"""The shared page frame: metadata, page numbers, embedded font, header fitting the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.documents.base import (
    FONT,
    DocumentTemplate,
    done_at,
    fit_text,
    p,
    signature_boxes,
)
from desktop_app.services.structure import StructureInfo

LONG_NAME = (
    "Communauté de communes des Portes du Morvan et des Vallées de l'Yonne et de la Cure — "
    "Médiathèque intercommunale « Œuvres & Lectures » de Saint-Honoré-lès-Bains"
)


def _build(path: Path, paragraphs: int) -> None:
    info = StructureInfo(name=LONG_NAME, address="2, rue de l'Église", postal_code="58360",
                         commune="Saint-Honoré-les-Bains", phone="03 86 30 71 70")
    doc = DocumentTemplate(path, title="Document d'essai", structure=info)
    story = [p("Texte français : « guillemets », œuvre, ça, où ; n'est-ce pas ? Très bien !")]
    story += [p(f"Paragraphe {i} — l'été à Nevers.") for i in range(paragraphs)]
    story += [done_at("Saint-Honoré-les-Bains", date(2026, 3, 1)),
              signature_boxes(["Le maire", "Cachet"], 170 * 72 / 25.4)]
    doc.build(story)


def test_metadata_page_numbers_and_font(tmp_path: Path) -> None:
    path = tmp_path / "essai.pdf"
    _build(path, 150)
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    assert reader.metadata.title == "Document d'essai"
    assert reader.metadata.author == LONG_NAME
    total = len(reader.pages)
    text = reader.pages[-1].extract_text()
    assert f"Page {total} / {total}" in text
    assert "Fait à Saint-Honoré-les-Bains, le 1er mars 2026" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("DejaVuSans" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_single_page_has_no_page_number(tmp_path: Path) -> None:
    path = tmp_path / "court.pdf"
    _build(path, 2)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert "Page 1" not in reader.pages[0].extract_text()


def test_header_text_is_fitted_to_the_width() -> None:
    short = fit_text(LONG_NAME, FONT, 11, 300)
    assert short.endswith("…") and stringWidth(short, FONT, 11) <= 300
    assert fit_text("Mairie", FONT, 11, 300) == "Mairie"
