"""« Plan de financement du poste » is one page for the council: with a third post (a second
request validated, a renewal typed), every convention year's period took two lines of its cell
even in the tightest layout, and the end of the subsidy, the totals and the Smic went alone onto
a second page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.services.request import conventions as rules
from desktop_app.services.request import posts, printing
from desktop_app.services.request.posts import ConventionData, PostInput

TODAY = date(2026, 12, 3)


def test_three_posts_and_their_conventions_hold_on_one_page(demo_db: Database, tmp_path: Path) -> None:  # noqa: E501
    with demo_db.session() as s:
        assert len(posts.list_posts(s)) == 2  # the demo's: a first wave, then a renewal
        third = posts.save_post(s, None, PostInput("Poste 3", D("0"), D("42")), TODAY)
        posts.save_convention(s, ConventionData(
            None, third, rules.RENEWAL, rules.PUBLIC, False, TODAY,
            rules.default_end(rules.RENEWAL, rules.PUBLIC, TODAY),
            rules.rule_amounts(rules.RENEWAL, rules.PUBLIC, False),
        ))
    out = tmp_path / "plan.pdf"
    said = printing.write_posts_document(demo_db, printing.FINANCING, out, TODAY)
    # what the command line says: « plan.pdf écrit (3 postes : la subvention … structure). »
    assert said.startswith("3 postes : la subvention de l'État se termine le 2 décembre 2029")
    assert not said.endswith(".")
    pages = PdfReader(out).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert "La subvention de l'État se termine le 2 décembre 2029" in text
    assert "Smic utilisé" in text


def test_the_smic_source_reads_without_nested_parentheses(demo_db: Database, tmp_path: Path) -> None:  # noqa: E501
    out = tmp_path / "plan.pdf"
    printing.write_posts_document(demo_db, printing.FINANCING, out, TODAY)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "depuis le 1er janvier 2026 ; source : INSEE et service-public.fr (décrets" in text
    assert "Smic))" not in text
