"""The money and the post's life: the programme's funding rules on worked examples, the Smic
chosen for a date, the end of the subsidy and the cost after it, the 6-month replacement
deadline, the label, the financing plan and the attestation read back from their PDFs, the
commitment 4 wording, and an old base upgraded with its data intact.

The amounts are the programme's published rules (dispositif §9); the Smic values are the
official ones (INSEE / service-public.fr), written out here by hand.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import create_engine, text

from desktop_app.db import Database, alembic_config, open_database
from desktop_app.models.profiles import Profile
from desktop_app.models.request import COMMITMENTS
from desktop_app.services.formatting import amount
from desktop_app.services.request import api, cost, label, posts, printing, smic
from desktop_app.services.request import conventions as rules
from desktop_app.services.request.posts import ConventionData, PostInput

D = Decimal
TODAY = date(2026, 12, 1)


def _norm(value: str) -> str:
    return " ".join(value.replace("\u202f", " ").replace("\xa0", " ").split())


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    return _norm(" ".join(page.extract_text() for page in reader.pages))


def _convention(post_id: int, kind: str, employer: str, qpv: bool, start: date,
                amounts: tuple[D, D, D] | None = None) -> ConventionData:
    return ConventionData(
        None, post_id, kind, employer, qpv, start, rules.default_end(kind, employer, start),
        amounts or rules.rule_amounts(kind, employer, qpv),
    )


# -- the rules ---------------------------------------------------------------------------------
def test_first_wave_public_post_is_50000_over_24_months() -> None:
    amounts = rules.rule_amounts(rules.FIRST_WAVE, rules.PUBLIC, False)
    assert amounts == (D("25000"), D("25000"), D("0"))
    start = date(2021, 9, 1)
    end = rules.default_end(rules.FIRST_WAVE, rules.PUBLIC, start)
    assert end == date(2023, 8, 31)
    years = rules.convention_years(start, end, amounts)
    assert [(y.start, y.end, y.months, y.amount) for y in years] == [
        (date(2021, 9, 1), date(2022, 8, 31), 12, D("25000")),
        (date(2022, 9, 1), date(2023, 8, 31), 12, D("25000")),
    ]
    assert sum(y.amount for y in years) == D("50000")


def test_first_wave_private_post_is_50000_over_18_months() -> None:
    amounts = rules.rule_amounts(rules.FIRST_WAVE, rules.PRIVATE, False)
    assert amounts[0] + amounts[1] == D("50000") and amounts[2] == 0
    assert amounts[0] == D("33333.33")  # 12 of the 18 months
    start = date(2021, 9, 1)
    assert rules.default_end(rules.FIRST_WAVE, rules.PRIVATE, start) == date(2023, 2, 28)


def test_public_renewal_in_a_zrr() -> None:
    """17 500 + 2 500, 12 500 + 5 000, 12 500, over 36 months."""
    assert rules.rule_amounts(rules.RENEWAL, rules.PUBLIC, True) == (
        D("20000"), D("17500"), D("12500"))
    assert rules.rule_amounts(rules.RENEWAL, rules.PUBLIC, False) == (
        D("17500"), D("12500"), D("12500"))
    start = date(2023, 9, 1)
    assert rules.default_end(rules.RENEWAL, rules.PUBLIC, start) == date(2026, 8, 31)


def test_private_renewal() -> None:
    assert rules.rule_amounts(rules.RENEWAL, rules.PRIVATE, False) == (
        D("20000"), D("14000"), D("10000"))
    # the QPV/ZRR supplement is the public employers' only
    assert rules.rule_amounts(rules.RENEWAL, rules.PRIVATE, True) == (
        D("20000"), D("14000"), D("10000"))


# -- the Smic ----------------------------------------------------------------------------------
def test_smic_chosen_for_a_date(db: Database) -> None:
    with db.session() as s:
        assert smic.smic_on(s, date(2021, 6, 1)).monthly_gross == D("1554.58")
        assert smic.smic_on(s, date(2022, 6, 1)).monthly_gross == D("1645.58")
        assert smic.smic_on(s, date(2025, 6, 1)).monthly_gross == D("1801.80")  # none in 2025
        assert smic.smic_on(s, date(2026, 12, 1)).monthly_gross == D("1823.03")
        assert smic.smic_on(s, date(2026, 12, 1)).valid_from == date(2026, 1, 1)
        smic.set_smic(s, date(2027, 1, 1), D("1850.00"))
        assert smic.smic_on(s, date(2026, 12, 31)).monthly_gross == D("1823.03")
        assert smic.smic_on(s, date(2027, 1, 1)).monthly_gross == D("1850.00")


def test_monthly_smic_is_the_hourly_one_for_151_67_hours() -> None:
    for _day, hourly, monthly in smic.OFFICIAL:
        assert (hourly * 35 * 52 / 12).quantize(D("0.01")) == monthly


def test_an_older_smic_is_flagged(db: Database) -> None:
    with db.session() as s:
        values = smic.smic_values(s)
    warning = smic.older_than_current(D("1554.58"), values, TODAY)
    assert "inférieur au Smic en vigueur" in warning
    assert "1er janvier 2021" in warning.replace("\u00a0", " ")
    assert smic.older_than_current(D("1900"), values, TODAY) == ""
    assert smic.missing_year_notice(values, TODAY) == ""
    assert "pour 2027" in smic.missing_year_notice(values, date(2027, 2, 1))


# -- cost and end of subsidy -------------------------------------------------------------------
def _post(db: Database, salary: str = "1900", charges: str = "40") -> int:
    with db.session() as s:
        return posts.save_post(s, None, PostInput("Poste 1", D(salary), D(charges)), TODAY)


def test_end_of_subsidy_and_cost_after(db: Database) -> None:
    post_id = _post(db)
    with db.session() as s:
        posts.save_convention(s, _convention(post_id, rules.FIRST_WAVE, rules.PUBLIC, False,
                                             date(2021, 9, 1)))
        posts.save_convention(s, _convention(post_id, rules.RENEWAL, rules.PUBLIC, True,
                                             date(2023, 9, 1)))
        plan = printing.plan_for(s, TODAY)
    (c,) = plan.posts
    assert c.monthly_employer_cost == D("2660.00")  # 1 900 × 1,40
    assert c.yearly_employer_cost == D("31920.00")
    assert [line.subsidy for line in c.lines] == [
        D("25000"), D("25000"), D("20000"), D("17500"), D("12500")]
    assert [line.remaining for line in c.lines] == [
        D("6920"), D("6920"), D("11920"), D("14420"), D("19420")]
    assert c.subsidy_end == plan.subsidy_end == date(2026, 8, 31)
    assert c.yearly_cost_after == D("31920.00")
    assert c.total_subsidy == D("100000")
    # the calendar year 2026: 8 months of the third renewal year, then 4 months unfunded
    y2026 = next(y for y in plan.years if y.year == 2026)
    assert y2026.employer_cost == D("31920.00")
    assert y2026.subsidy == D("8333.33")  # 12 500 × 8 / 12
    assert cost.end_sentence(plan) == (
        "La subvention de l'État s'est terminée le 31 août 2026 ; ensuite, le poste coûte "
        f"{amount(D('31920'))} par an à la structure."
    )


def test_salary_left_empty_is_the_smic_in_force(db: Database) -> None:
    post_id = _post(db, salary="0", charges="0")
    with db.session() as s:
        plan = printing.plan_for(s, TODAY)
    (c,) = plan.posts
    assert c.post.id == post_id and c.salary_is_smic and c.salary == D("1823.03")
    assert "aucune convention" in " ".join(c.warnings)


def test_given_back_post_costs_nothing_after(db: Database) -> None:
    post_id = _post(db)
    with db.session() as s:
        posts.save_convention(s, _convention(post_id, rules.FIRST_WAVE, rules.PUBLIC, False,
                                             date(2021, 9, 1)))
        posts.give_back(s, post_id, date(2023, 8, 31), "fin_subvention", TODAY)
        plan = printing.plan_for(s, TODAY)
        (deadline,) = api.post_deadlines(posts.get_post(s, post_id), TODAY)
    assert plan.yearly_cost_after == 0
    assert deadline.level == "met"
    assert deadline.label == "Poste 1 : rendu le 31 août 2023 (Fin de subventionnement)"


def test_a_convention_longer_than_36_months_is_refused(db: Database) -> None:
    post_id = _post(db)
    bad = ConventionData(None, post_id, rules.RENEWAL, rules.PUBLIC, False, date(2023, 1, 1),
                         date(2027, 6, 30), (D("1"), D("1"), D("1")))
    with db.session() as s:
        try:
            posts.save_convention(s, bad)
        except posts.PostError as error:
            assert "36 mois" in error.errors["end_date"]
        else:
            raise AssertionError("accepted")


def test_payments_received(db: Database) -> None:
    post_id = _post(db)
    with db.session() as s:
        cid = posts.save_convention(s, _convention(post_id, rules.FIRST_WAVE, rules.PUBLIC,
                                                   False, date(2021, 9, 1)))
        posts.add_payment(s, cid, date(2021, 10, 15), D("25000"), "1er versement", TODAY)
        (convention,) = posts.get_post(s, post_id).conventions
    assert convention.received == D("25000")
    assert posts.payments_text(convention) == (
        f"Reçu : {amount(D('25000'))} sur {amount(D('50000'))}")


# -- the post's life ---------------------------------------------------------------------------
def test_replacement_within_six_months_after_a_departure(db: Database) -> None:
    with db.session() as s:
        leaving = Profile(first_name="Élodie", last_name="Martin", status="rupture",
                          rupture_date=date(2026, 3, 15), rupture_reason="fin_subvention")
        newcomer = Profile(first_name="Yanis", last_name="Roux", status="recrute")
        s.add_all([leaving, newcomer])
        s.flush()
        leaving_id, newcomer_id = leaving.id, newcomer.id
    with db.session() as s:
        post_id = posts.save_post(
            s, None, PostInput("Poste 1", D("1900"), D("40"), leaving_id), TODAY)
        found = api.post_deadlines(posts.get_post(s, post_id), date(2026, 8, 20))
    (due,) = found
    assert due.due == date(2026, 9, 15)
    assert due.level == "soon"
    assert due.label == (
        "Poste 1 : remplacer Élodie Martin (Fin de subventionnement le 15 mars 2026) avant le "
        "15 septembre 2026"
    )
    with db.session() as s:
        assert api.post_deadlines(posts.get_post(s, post_id), date(2026, 9, 16))[0].level == "late"
        posts.save_post(s, post_id, PostInput("Poste 1", D("1900"), D("40"), newcomer_id),
                        date(2026, 9, 1))
        (met,) = api.post_deadlines(posts.get_post(s, post_id), TODAY)
    assert met.level == "met" and met.met_on == date(2026, 9, 1)
    assert met.label == "Poste 1 : conseiller remplacé le 1er septembre 2026 (départ le 15 mars 2026)"


def test_convention_end_is_a_reminder(db: Database) -> None:
    post_id = _post(db)
    with db.session() as s:
        posts.save_convention(s, _convention(post_id, rules.RENEWAL, rules.PUBLIC, False,
                                             date(2024, 3, 1)))
        post = posts.get_post(s, post_id)
    (d,) = api.post_deadlines(post, date(2026, 12, 15))
    assert d.label == "Poste 1 : fin de la convention le 28 février 2027" and d.level == "soon"
    assert api.post_deadlines(post, date(2026, 6, 1))[0].level == "ok"
    assert api.post_deadlines(post, date(2027, 3, 1))[0].level == "met"


# -- the label ---------------------------------------------------------------------------------
def test_label_eligibility_and_yearly_renewal(db: Database) -> None:
    with db.session() as s:
        assert not label.state(s).eligible
    _post(db)
    with db.session() as s:
        assert label.state(s).eligible
        label.sign(s, label.AttestationData(None, date(2026, 9, 10), "Élodie Martin",
                                            "Hélène Brossard", "Maire"), TODAY)
        state = label.state(s)
        deadlines = [d for d in api.deadlines(s, date(2027, 8, 20)) if "label" in d.label]
    assert state.renewal_due == date(2027, 9, 10)
    assert deadlines[0].label == (
        "Renouveler le label « conseiller numérique » avant le 10 septembre 2027")
    assert deadlines[0].level == "soon"


# -- documents ---------------------------------------------------------------------------------
def test_financing_plan_and_label_read_back(demo_db: Database, db_path: Path,
                                            tmp_path: Path) -> None:
    from tests.conftest import DEMO_TODAY

    with demo_db.session() as s:
        label.sign(s, label.AttestationData(None, DEMO_TODAY, "Élodie Martin",
                                            "Hélène Brossard-Delacroix", "Maire"), DEMO_TODAY)
        plan = printing.plan_for(s, date.today())
    demo_db.close()
    outs = {}
    for kind in ("financement", "label"):
        outs[kind] = tmp_path / f"{kind}.pdf"
        result = subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "pdf", kind, "--db", str(db_path),
             "--out", str(outs[kind])],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
    financing = _text(outs["financement"])
    assert len(PdfReader(str(outs["financement"])).pages) == 1
    assert "Plan de financement du poste" in financing
    for c in plan.posts:
        for line in c.lines:
            for value in (line.subsidy, line.employer_cost, line.remaining):
                assert _norm(amount(value)) in financing, (line.label, value)
            assert f"{line.start:%m/%Y} – {line.end:%m/%Y}" in financing
        assert _norm(amount(c.yearly_cost_after)) in financing
    for y in plan.years:
        if y.year >= date.today().year - 1:  # earlier years are printed summed
            for value in (y.subsidy, y.employer_cost, y.remaining):
                assert _norm(amount(value)) in financing, (y.year, value)
    assert _norm(cost.end_sentence(plan)) in financing
    assert "1 823,03" in financing
    assert "INSEE" in financing
    attestation = _text(outs["label"])
    assert "Attestation sur l'honneur" in attestation
    assert label.STATEMENT in attestation and "Élodie Martin" in attestation
    for commitment in label.COMMITMENTS:
        assert commitment in attestation
    assert "2 mars 2027" in attestation  # the renewal, a year after the signature


def test_commitment_4_word_for_word_in_gui_and_pdf(qtbot, demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop_app.views.request_tab import RequestTab

    wording = "ce que le conseiller numérique réalise les 3 missions prioritaires du dispositif"
    assert COMMITMENTS[3] == wording
    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    assert tab.form.commitment_boxes[3].text() == wording
    assert "que le conseiller" not in " ".join(b.text() for b in tab.form.commitment_boxes
                                               if not b.text().startswith("ce que"))
    out = tmp_path / "engagement.pdf"
    printing.write(demo_ctx.db, "engagement", out, TODAY)
    assert wording in _text(out)
    assert "à : que le conseiller" not in _text(out)


# -- an old base upgraded ----------------------------------------------------------------------
def test_old_base_upgraded_keeps_its_data_and_gets_first_wave_conventions(tmp_path: Path) -> None:
    from alembic import command

    base = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{base}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        for revision in ("0100_request", "0200_profiles", "0300_workshops", "0400_kit"):
            command.upgrade(cfg, revision)
        conn.execute(text(
            "INSERT INTO recruitment_request (id, status, posts_wanted, start_date, "
            "candidate_identified, candidate_name, candidate_email, motivation, "
            "contact_first_name, contact_last_name, contact_function, contact_email, "
            "contact_phone, commitments, signatory_name, signatory_title, signature_place, "
            "filed_on, platform_number, structure_snapshot, committee, decision_on, "
            "posts_granted, gross_monthly_salary, employer_charges_pct, funding_pct, "
            "funding_months, created_at, updated_at) VALUES (1, 'validee', 2, '2021-09-01', 0, "
            "'', '', 'Motivation gardée', 'Marie', 'Lefèvre', 'Secrétaire', 'm@x.fr', "
            "'0386000000', '11111', 'Hélène', 'Maire', 'Clamecy', '2021-05-01', 'CN-1', '', "
            "'COSELEC 12', '2021-06-10', 2, 1650.00, 41.5, 100, 24, '2021-05-01', "
            "'2021-06-10')"
        ))
        conn.execute(text(
            "INSERT INTO request_status_change (request_id, status, changed_on, note, "
            "created_at) VALUES (1, 'non_traitee', '2021-05-01', '', '2021-05-01'), "
            "(1, 'validee', '2021-06-10', 'COSELEC 12', '2021-06-10')"
        ))
        conn.execute(text("INSERT INTO smic_rate (valid_from, monthly_gross) VALUES "
                          "('2021-01-01', 1554.58)"))
    engine.dispose()
    db = open_database(base)
    try:
        with db.session() as s:
            from desktop_app.services.request import requests

            (old,) = requests.list_requests(s)
            assert old.motivation == "Motivation gardée" and len(old.history) == 2
            assert old.gross_monthly_salary == D("1650.00")  # nothing typed is lost
            assert old.opinion_label == "Positif"
            found = posts.list_posts(s)
            assert [p.label for p in found] == ["Poste 1", "Poste 2"]
            for post in found:
                assert post.gross_monthly_salary == D("1650.00")
                assert post.employer_charges_pct == D("41.5")
                (c,) = post.conventions
                assert (c.kind, c.employer_type) == (rules.FIRST_WAVE, rules.PUBLIC)
                assert (c.start_date, c.end_date) == (date(2021, 9, 1), date(2023, 8, 31))
                assert c.granted == D("50000")
            plan = printing.plan_for(s, TODAY)
            # the salary typed at the 2021 Smic is flagged as below today's
            assert any("inférieur au Smic en vigueur" in w for w in plan.warnings)
            assert smic.smic_on(s, TODAY).monthly_gross == D("1823.03")
    finally:
        db.close()


def test_about_box_says_the_state_budget_funds_it(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from desktop_app.views.about_dialog import AboutDialog

    dialog = AboutDialog(tmp_path / "base.sqlite")
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "financé depuis 2024 par le budget de l'État" in shown
    assert "(France Relance)" not in shown


def test_convention_dialog_prefills_the_rules_and_keeps_typed_amounts(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from desktop_app.views.request_tab import RequestTab

    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    post_id = tab.posts_panel.plan.posts[0].post.id
    dialog = tab.convention_dialog(post_id, None)
    qtbot.addWidget(dialog)
    dialog.start.edit.setText("1/9/23")  # typed, then Tab
    dialog.start._commit()
    assert dialog.end.value() == date(2026, 8, 31)
    dialog.qpv_zrr.setChecked(True)
    assert [s.value() for s in dialog.amounts] == [20000, 17500, 12500]
    dialog.amounts[2].setValue(11000)  # the convention says otherwise: kept
    dialog.qpv_zrr.setChecked(False)
    assert dialog.amounts[2].value() == 11000
    dialog.fill_from_rules()
    assert [s.value() for s in dialog.amounts] == [17500, 12500, 12500]
    dialog.accept()
    assert dialog.result() == 1
    tab.refresh()
    (shown,) = [c for c in tab.posts_panel.plan.posts if c.post.id == post_id]
    assert shown.subsidy_end == date(2026, 8, 31)
    assert "Smic utilisé pour les coûts" in tab.posts_panel.smic_label.text()
