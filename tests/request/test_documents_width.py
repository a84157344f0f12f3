"""The request's four documents lay their tables within the text's width: they were given the
page's width less its margins, 12 points more than the frame holds, so every table and box
stood out 2 mm beyond the paragraphs on each side."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from reportlab.platypus import Flowable, KeepTogether, Table

from desktop_app.documents.base import DocumentTemplate
from desktop_app.services.request import printing
from tests.conftest import DEMO_TODAY


def _tables(flowables: list[Flowable]) -> list[Table]:
    found: list[Table] = []
    for item in flowables:
        if isinstance(item, Table):
            found.append(item)
            for row in item._cellvalues:  # noqa: SLF001 - tables inside cells
                for value in row:
                    found += _tables(value if isinstance(value, list) else [value])
        elif isinstance(item, KeepTogether):
            found += _tables(list(item._content))  # noqa: SLF001
    return found


@pytest.mark.parametrize("kind", [*printing.KINDS, *printing.POST_KINDS])
def test_tables_stay_within_the_text(demo_db, monkeypatch, kind: str) -> None:  # noqa: ANN001
    built: list[tuple[float, list[Table]]] = []
    original = DocumentTemplate.build

    def spy(self: DocumentTemplate, flowables: list[Flowable]) -> None:
        built.append((self.frame_width, _tables(flowables)))
        original(self, flowables)

    monkeypatch.setattr(DocumentTemplate, "build", spy)
    today = date(2026, 9, 1) if kind == printing.LABEL else DEMO_TODAY
    if kind in printing.POST_KINDS:
        printing.write_posts_document(demo_db, kind, io.BytesIO(), today)
    else:
        printing.write(demo_db, kind, io.BytesIO(), today)
    assert built
    for frame, tables in built:
        assert tables
        for table in tables:
            assert sum(table._colWidths) <= frame + 0.01, (kind, sum(table._colWidths), frame)  # noqa: SLF001


def _label_pdf(demo_db, tmp_path, posts: int) -> list[str]:  # noqa: ANN001
    from pypdf import PdfReader

    from desktop_app.documents.request.label import build_label
    from desktop_app.services.structure import get_structure

    with demo_db.session() as s:
        sheet = printing.label_sheet(s, date(2026, 12, 3))
        structure = get_structure(s)
    lines = tuple(
        f"Poste {n} — Éléonore Lefèvre-Château ; convention Renouvellement (2023), employeur "
        f"public en QPV/ZRR, du 03/04/2024 au 02/04/2027" for n in range(1, posts + 1)
    )
    out = tmp_path / f"label-{posts}.pdf"
    build_label(out, replace(sheet, posts=lines), structure)
    return [page.extract_text() for page in PdfReader(out).pages]


@pytest.mark.parametrize("posts", [1, 3, 5])
def test_the_label_is_signed_on_the_page_it_states(demo_db, tmp_path, posts: int) -> None:  # noqa: ANN001
    """With three posts, « Fait à … » and the signature boxes went alone onto a second page."""
    pages = _label_pdf(demo_db, tmp_path, posts)
    assert len(pages) == 1, posts
    assert "Déclaration" in pages[0] and "Fait à" in pages[0] and "Cachet de la structure" in pages[0]
