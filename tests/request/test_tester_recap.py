"""« Récapitulatif de la demande »: the five commitments are never cut by a page break; the
motivation's length is grouped as the form shows it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from desktop_app.models.request import COMMITMENTS, MISSIONS
from desktop_app.services.request import printing, requests
from tests.request.tester_helpers import TODAY, complete_draft, pin


def test_the_recap_keeps_the_commitments_and_the_missions_on_one_page(demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """With the demo's motivation the commitments fell across the page break (three on the
    first page, two on the second); longer motivations move the break elsewhere."""
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
    for extra_lines in range(0, 40, 3):
        with ctx.db.session() as s:
            requests.save_draft(s, replace(
                data, motivation="\n".join([data.motivation, *["Une ligne de plus."] * extra_lines]),
            ))
        out = tmp_path / f"recap-{extra_lines}.pdf"
        printing.write(ctx.db, printing.RECAP, out, TODAY, draft_id)
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
        for items in (COMMITMENTS, MISSIONS):
            where = [[i for i, text in enumerate(pages) if item in text] for item in items]
            assert all(len(found) == 1 for found in where), (extra_lines, where)
            assert len({found[0] for found in where}) == 1, (extra_lines, where)


def test_the_recap_counts_the_motivation_as_the_form_does(demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001
    """« 2 069 / 2 500 caractères », grouped as the form's counter groups it (it printed
    « 2069 / 2 500 »)."""
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
        requests.save_draft(s, replace(data, motivation="é" * 2069))
    out = tmp_path / "recap.pdf"
    printing.write(ctx.db, printing.RECAP, out, TODAY, draft_id)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "2 069 / 2 500 caractères" in text
