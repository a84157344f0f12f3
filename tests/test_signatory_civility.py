"""The signatory's civility: kept with the structure, chosen in the settings (keyboard too),
copied into a filed request's snapshot, and agreed in « Je soussigné(e) » on the three documents
the signatory signs (neutral when not said, and for a request filed before it existed)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from desktop_app.db import Database, alembic_config, open_database, script_heads
from desktop_app.documents.profiles.training_attestation import build_training_attestation
from desktop_app.documents.request.engagement import build_engagement
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.profiles.records import ConseillerTraining, TrainingView
from desktop_app.services.request import printing, requests
from desktop_app.services.structure import (
    StructureInfo,
    StructureValidationError,
    check_structure,
    get_structure,
    save_structure,
)
from desktop_app.services.workshops.attestations import load_certificates
from desktop_app.services.workshops.periods import month_period
from desktop_app.services.workshops.printing import write_certificates
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.structure_form import StructureDialog
from tests.conftest import DEMO_TODAY
from tests.request.keyboard import alt, is_on, press, tab_to
from tests.workshops.reports_data import small_dataset

# The heads of the version before the civility: a base it made is at these revisions.
PREVIOUS_HEADS = ("0101_request_posts", "0201_profiles_training",
                  "0320_workshops_conseiller_index", "0400_kit")
MAIRIE = StructureInfo(
    name="Commune de Saint-Honoré-les-Bains", commune="Saint-Honoré-les-Bains",
    postal_code="58360", signatory_name="Marie Dupont", signatory_title="Maire",
)


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


# -- the setting ---------------------------------------------------------------------------
def test_the_civility_is_saved_and_only_a_known_one(db: Database) -> None:
    assert check_structure(replace(MAIRIE, signatory_civility="madame")) == {}
    assert check_structure(replace(MAIRIE, signatory_civility="")) == {}
    errors = check_structure(replace(MAIRIE, signatory_civility="Mme"))
    assert set(errors) == {"signatory_civility"}
    with pytest.raises(StructureValidationError), db.session() as s:
        save_structure(s, replace(MAIRIE, signatory_civility="mademoiselle"))
    with db.session() as s:
        save_structure(s, replace(MAIRIE, signatory_civility="monsieur"))
    with db.session() as s:
        assert get_structure(s).signatory_civility == "monsieur"


# -- the three documents -------------------------------------------------------------------
@pytest.mark.parametrize(("civility", "expected"), [
    ("madame", "Je soussignée Marie Dupont, Maire, agissant au nom de la commune"),
    ("monsieur", "Je soussigné Marie Dupont, Maire, agissant au nom de la commune"),
    ("", "Je soussigné(e) Marie Dupont, Maire, agissant au nom de la commune"),
])
def test_training_attestation_agrees(tmp_path: Path, civility: str, expected: str) -> None:
    conseiller = ConseillerTraining(
        profile_id=1, full_name="Jérôme Le Goff", contract_text="CDI à partir du 02/03/2026",
        recruitment_date=date(2026, 3, 2),
        trainings=[TrainingView(1, date(2026, 3, 16), date(2026, 3, 20), "Hub", "Dijon")],
    )
    out = tmp_path / "formation.pdf"
    build_training_attestation(out, replace(MAIRIE, signatory_civility=civility), conseiller,
                               date(2026, 3, 1))
    assert expected in _text(out)


def test_engagement_agrees_with_the_civility_of_the_structure(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.session() as s:
        data = requests.current_request(s)
        structure = requests.structure_for(s, data)
    data = replace(data, signatory_name="Jean Martin", signatory_title="Maire")
    for civility, expected in (("monsieur", "Je soussigné Jean Martin, Maire, agissant"),
                               ("madame", "Je soussignée Jean Martin, Maire, agissant"),
                               ("", "Je soussigné(e) Jean Martin, Maire, agissant")):
        out = tmp_path / f"engagement-{civility or 'neutre'}.pdf"
        build_engagement(out, data, replace(structure, signatory_civility=civility), DEMO_TODAY)
        assert expected in _text(out)
        assert len(PdfReader(out).pages) == 1


def test_workshop_attestations_agree(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    for civility, opening in (
        ("madame", "Je soussignée Hélène Brossard-Delacroix, Maire, agissant au nom de la "
                   "commune de Saint-Léger-de-Fougeret, atteste que"),
        ("monsieur", "Je soussigné Hélène Brossard-Delacroix, Maire, agissant"),
        ("", "Je soussigné(e) Hélène Brossard-Delacroix, Maire, agissant"),
    ):
        with db.session() as s:
            save_structure(s, replace(get_structure(s), signatory_civility=civility))
        with db.session() as s:
            batch = load_certificates(s, period=month_period(2026, 3), issued=date(2026, 4, 1))
        out = tmp_path / f"attestations-{civility or 'neutre'}.pdf"
        assert write_certificates(out, batch) == 5
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
        assert all(opening in page for page in pages), pages[0]


# -- the request: the snapshot keeps the civility it was filed with ------------------------
def test_a_filed_request_prints_as_filed_and_an_old_snapshot_neutral(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.session() as s:
        filed = requests.current_request(s)
    assert filed is not None and not filed.is_draft
    assert filed.structure_snapshot is not None
    assert filed.structure_snapshot.signatory_civility == "madame"  # the demo's, when filed

    with demo_db.session() as s:  # the settings change after filing
        save_structure(s, replace(get_structure(s), signatory_civility="monsieur"))
    out = tmp_path / "engagement.pdf"
    printing.write(demo_db, "engagement", out, DEMO_TODAY)
    assert "Je soussignée Hélène Brossard-Delacroix, Maire, agissant" in _text(out)

    with demo_db.session() as s:  # a request filed before the civility existed
        row = s.get(RecruitmentRequest, filed.id)
        old = json.loads(row.structure_snapshot)
        del old["signatory_civility"]
        row.structure_snapshot = json.dumps(old, ensure_ascii=False)
    with demo_db.session() as s:
        again = requests.get_request(s, filed.id)
    assert again.structure_snapshot is not None
    assert again.structure_snapshot.signatory_civility == ""
    printing.write(demo_db, "engagement", out, DEMO_TODAY)
    assert "Je soussigné(e) Hélène Brossard-Delacroix, Maire, agissant" in _text(out)


def test_the_request_form_writes_the_civility_into_the_settings(demo_db: Database) -> None:
    with demo_db.session() as s:
        stale = get_structure(s)
        save_structure(s, replace(stale, phone="03 86 00 00 00"))
    with demo_db.session() as s:
        errors = requests.save_structure_section(s, replace(stale, signatory_civility="monsieur"))
    assert errors == {}
    with demo_db.session() as s:
        now = get_structure(s)
    assert now.signatory_civility == "monsieur"
    assert now.phone == "03 86 00 00 00"  # the section's older copy does not put it back


# -- a base of the previous version --------------------------------------------------------
def test_a_base_of_the_previous_version_opens_and_gets_the_civility_not_said(
    tmp_path: Path,
) -> None:
    base = tmp_path / "ancienne.sqlite"
    engine = create_engine(f"sqlite:///{base}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        for revision in PREVIOUS_HEADS:
            command.upgrade(cfg, revision)
        conn.execute(text(
            "INSERT INTO structure_settings (id, structure_type, name, siret, address, "
            "postal_code, commune, insee_code, departement, region, phone, email, "
            "signatory_name, signatory_title, venue_name, venue_address, opening_hours) "
            "VALUES (1, 'commune', 'Commune de Lormes', '', '', '58140', 'Lormes', '', '', '', "
            "'', '', 'Marie Dupont', 'Maire', '', '', '{}')"
        ))
    engine.dispose()
    conn = sqlite3.connect(base)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(structure_settings)")}
    revisions = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    conn.close()
    assert "signatory_civility" not in columns and revisions == set(PREVIOUS_HEADS)
    assert "0002_foundation_civility" in script_heads()

    db = open_database(base)
    try:
        with db.session() as s:
            info = get_structure(s)
            assert (info.name, info.signatory_name, info.signatory_civility) == (
                "Commune de Lormes", "Marie Dupont", ""
            )
            save_structure(s, replace(info, signatory_civility="madame"))
        with db.session() as s:
            assert get_structure(s).signatory_civility == "madame"
    finally:
        db.close()
    conn = sqlite3.connect(base)
    revisions = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    conn.close()
    assert revisions == script_heads()
    # the copy made before migrating is the old schema, as it was
    (copy,) = (tmp_path / "backups").glob("avant-migration-*.sqlite")
    conn = sqlite3.connect(copy)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(structure_settings)")}
    conn.close()
    assert "signatory_name" in columns and "signatory_civility" not in columns


# -- the settings dialog, with the keyboard ------------------------------------------------
def _show(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_madame_chosen_with_the_keyboard_saved_and_shown_again(ctx, qtbot) -> None:  # noqa: ANN001
    with ctx.db.session() as s:
        save_structure(s, MAIRIE)
    dialog = StructureDialog(ctx)
    _show(qtbot, dialog)
    form = dialog.form
    assert form.signatory_civility.currentText() == "—"
    assert mnemonic_clashes(dialog) == []
    alt(qtbot, "v")  # « Ci&vilité du signataire »
    assert is_on(form.signatory_civility)
    press(qtbot, Qt.Key.Key_M)
    assert form.signatory_civility.currentText() == "Madame"
    press(qtbot, Qt.Key.Key_Tab)  # the name comes next, as the documents write it
    assert is_on(form.signatory_name)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert is_on(form.signatory_civility)
    alt(qtbot, "e")  # « Enregistrer »
    assert dialog.result() == 1, dialog.message.text()
    with ctx.db.session() as s:
        assert get_structure(s).signatory_civility == "madame"

    reopened = StructureDialog(ctx)
    _show(qtbot, reopened)
    assert reopened.form.signatory_civility.currentText() == "Madame"
    assert reopened.form.info().signatory_civility == "madame"
    reopened.close()


def test_the_civility_is_in_the_tab_order_after_the_identity(ctx, qtbot) -> None:  # noqa: ANN001
    dialog = StructureDialog(ctx)
    _show(qtbot, dialog)
    alt(qtbot, "m")  # « E-&mail », the identity's last field before the logo
    tab_to(qtbot, dialog.form.signatory_civility)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.form.signatory_civility.currentData() == "monsieur"
    dialog.mark_clean()
    dialog.close()


def test_the_request_form_reaches_the_civility_with_tab(ctx, qtbot) -> None:  # noqa: ANN001
    from desktop_app.views.request_tab import RequestTab

    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    with ctx.db.session() as s:
        save_structure(s, MAIRIE)
        requests.new_request(s, date(2026, 3, 2))
    tab = RequestTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 660)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    form = tab.form
    assert form.signatory_civility.currentText() == "—"
    form.commitment_boxes[-1].setFocus()
    tab_to(qtbot, form.signatory_civility)
    press(qtbot, Qt.Key.Key_M)
    assert form.signatory_civility.currentText() == "Madame"
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(form.signatory_name)
    with ctx.db.session() as s:  # saved at once, into the settings
        assert get_structure(s).signatory_civility == "madame"
