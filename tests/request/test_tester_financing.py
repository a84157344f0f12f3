"""« Plan de financement du poste » as the council reads it: no « 2024 à 2024 », and the
application's own note on the charges rate printed whole (it ended « … [texte coupé] »)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from desktop_app.services.request import conventions, posts, printing
from desktop_app.services.request.posts import DEFAULT_CHARGES_SOURCE
from tests.request.tester_helpers import TODAY, pin


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _financing_with_a_2024_renewal(ctx, tmp_path: Path, name: str) -> str:  # noqa: ANN001
    """The financing plan's text once a post ``name`` has a renewal from January 2024."""
    with ctx.db.session() as s:
        post_id = posts.save_post(s, None, posts.PostInput(
            name, Decimal("0"), posts.DEFAULT_CHARGES_PCT, None, "",
        ), TODAY)
        posts.save_convention(s, posts.ConventionData(
            None, post_id, conventions.RENEWAL, conventions.PUBLIC, False,
            date(2024, 1, 1), date(2026, 12, 31),
            conventions.rule_amounts(conventions.RENEWAL, conventions.PUBLIC, False),
        ))
    out = tmp_path / "financement.pdf"
    printing.write_posts_document(ctx.db, printing.FINANCING, out, TODAY)
    text = _text(out)
    return text


def test_one_earlier_year_and_the_whole_charges_note(demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    text = _financing_with_a_2024_renewal(ctx, tmp_path, "Poste 9 — médiathèque")
    assert not re.search(r"\b(\d{4}) à \1\b", text), re.search(r"\b(\d{4}) à \1\b", text)
    assert "[texte coupé]" not in text
    last_words = " ".join(DEFAULT_CHARGES_SOURCE.split()[-6:])
    assert last_words in text


def test_a_single_earlier_year_is_written_once(ctx, tmp_path: Path) -> None:  # noqa: ANN001
    """One post, its convention from January 2024: the calendar table read « 2024 à 2024 »."""
    pin(ctx)
    text = _financing_with_a_2024_renewal(ctx, tmp_path, "Poste 1")
    assert "2024 à 2024" not in text
    assert "2024 17" in text.replace("\u202f", " ").replace("\u00a0", " ")  # 2024, 17 500,00 €
