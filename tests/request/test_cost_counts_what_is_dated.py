"""The financing plan's totals count the same posts everywhere: a post granted but without a
convention yet has no date to place its cost in a calendar year, so it was left out of « Tous
les postes, par année civile » while the sentence under it (« ensuite, les postes coûtent
62 128,80 € par an ») added its cost — two figures on one page that did not agree, and a
warning saying only that its subsidy was not counted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.services.formatting import amount
from desktop_app.services.request import conventions as rules
from desktop_app.services.request import cost, posts, printing
from desktop_app.services.request.posts import ConventionData, PostInput

TODAY = date(2026, 12, 3)


def _two_posts_one_convention(db: Database) -> None:
    with db.session() as s:
        first = posts.save_post(s, None, PostInput("Poste 1", D("0"), D("42")), TODAY)
        posts.save_post(s, None, PostInput("Poste 2", D("0"), D("42")), TODAY)
        start = date(2026, 12, 3)
        posts.save_convention(s, ConventionData(
            None, first, rules.RENEWAL, rules.PUBLIC, False, start,
            rules.default_end(rules.RENEWAL, rules.PUBLIC, start),
            rules.rule_amounts(rules.RENEWAL, rules.PUBLIC, False),
        ))


def test_a_post_without_convention_is_left_out_of_every_total(db: Database) -> None:
    _two_posts_one_convention(db)
    with db.session() as s:
        plan = printing.plan_for(s, TODAY)
    one, two = plan.posts
    after_subsidy = next(y for y in plan.years if y.year == 2030)
    # the year after the subsidy: the one post whose dates are known, as the sentence says
    assert after_subsidy.employer_cost == one.yearly_employer_cost
    assert plan.yearly_cost_after == one.yearly_employer_cost
    sentence = cost.end_sentence(plan)
    assert f"le poste coûte {amount(one.yearly_employer_cost)} par an" in sentence
    assert sentence.endswith(" Sans convention saisie, «\u00a0Poste 2\u00a0» n'est pas compté.")
    (warning,) = two.warnings
    assert "ni sa subvention ni son coût" in warning


def test_the_printed_plan_agrees_with_itself(db: Database, tmp_path: Path) -> None:
    _two_posts_one_convention(db)
    out = tmp_path / "plan.pdf"
    printing.write_posts_document(db, printing.FINANCING, out, TODAY)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "62 128,80" not in text  # two posts' yearly cost, one of them never dated
    assert "31 064,40 € par an à la structure" in text


def test_a_post_given_back_without_convention_asks_nothing(db: Database) -> None:
    """Given back, a post that never had a convention has nothing left to check: « À vérifier :
    Poste 2 : aucune convention saisie… » stayed under the panel and the plan."""
    _two_posts_one_convention(db)
    with db.session() as s:
        two = next(p for p in posts.list_posts(s) if p.label == "Poste 2")
        posts.give_back(s, two.id, TODAY, "choix_structure", TODAY)
        plan = printing.plan_for(s, TODAY)
    assert not [w for w in plan.warnings if "Poste 2" in w]
    assert "Poste 2" not in cost.end_sentence(plan)


def test_the_label_lists_as_funded_only_what_was(db: Database) -> None:
    """« Postes financés par le dispositif » on the attestation sur l'honneur: a post without a
    convention is said so, and one given back without ever having one is not listed."""
    _two_posts_one_convention(db)
    with db.session() as s:
        posts.save_post(s, None, PostInput("Poste 3", D("0"), D("42")), TODAY)
        three = next(p for p in posts.list_posts(s) if p.label == "Poste 3")
        posts.give_back(s, three.id, TODAY, "choix_structure", TODAY)
        sheet = printing.label_sheet(s, TODAY)
    one, two = sheet.posts
    assert one.startswith("Poste 1 — ") and "convention Renouvellement (2023)" in one
    assert two.startswith("Poste 2 — ") and two.endswith(" ; convention non saisie")
