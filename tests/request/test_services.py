"""Rules of the request, headless: checks, filing, statuses, commune file, cost, documents."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.models.request import COMMITMENTS, MISSIONS
from desktop_app.services.request import communes, requests
from desktop_app.services.structure import get_structure
from tests.conftest import DEMO_TODAY


def test_communes_lookup() -> None:
    names = [c.name for c in communes.for_postal_code("58120")]
    assert names.index("Château-Chinon (Campagne)") < names.index("Chaumard")  # French order
    paris = communes.by_insee("75056")
    assert paris is not None and paris.siren == "217500016" and paris.region == "Île-de-France"
    assert communes.postal_code_exists("75116")
    assert not communes.postal_code_exists("00000")
    assert "Etalab" in communes.source()


@pytest.mark.parametrize(
    ("value", "ok"),
    [("03 86 85 12 35", True), ("0386851235", True), ("+33 3 86 85 12 35", True),
     ("03 86 85", False), ("+33 3", False), ("12345678901", False)],
)
def test_phone_rule(value: str, ok: bool) -> None:
    assert (requests.check_french_phone(value) is None) is ok


def test_structure_checks(demo_db: Database) -> None:
    with demo_db.session() as s:
        info = get_structure(s)
    assert requests.check_structure_section(info) == {}
    wrong_siren = replace(info, siret="21580999700012")
    assert "215802497" in requests.check_structure_section(wrong_siren)["siret"]
    # A private structure keeps its own SIREN.
    assert "siret" not in requests.check_structure_section(
        replace(wrong_siren, structure_type="structure_privee")
    )
    mismatch = replace(info, postal_code="75001")
    assert "n'a pas le code postal" in requests.check_structure_section(mismatch)["insee_code"]


def test_filing_requires_everything_and_keeps_history(db: Database) -> None:
    with db.session() as s:
        draft = requests.new_request(s, DEMO_TODAY)
        missing = requests.missing_for_filing(draft, get_structure(s), DEMO_TODAY)
        assert any(line.startswith("SIRET") for line in missing)
        assert any("Cochez les cinq engagements" in line for line in missing)
        with pytest.raises(requests.RequestError, match="incomplète"):
            requests.file_request(s, draft.id, filed_on=DEMO_TODAY, platform_number="",
                                  note="", today=DEMO_TODAY)
        with pytest.raises(requests.RequestError, match="ne peut pas passer"):
            requests.change_status(s, draft.id, "validee", changed_on=DEMO_TODAY,
                                   committee="COSELEC 1", posts_granted=1, today=DEMO_TODAY)


def test_demo_workflow_and_transitions(demo_db: Database) -> None:
    with demo_db.session() as s:
        first, second = requests.list_requests(s)
        assert first.status == "validee" and first.posts_granted == 2
        assert first.committee == "COSELEC 12"
        assert [h.status for h in first.history] == [
            "brouillon", "non_traitee", "examen_complementaire", "validee"
        ]
        assert first.history[2].note.startswith("COSELEC 9")
        assert second.status == "non_traitee"
        assert requests.can_start_new_request(s)
        with pytest.raises(requests.RequestError, match="COSELEC"):
            requests.change_status(s, second.id, "validee", changed_on=DEMO_TODAY,
                                   posts_granted=1, today=DEMO_TODAY)
        with pytest.raises(requests.RequestError, match="futur"):
            requests.change_status(s, second.id, "refus", committee="COSELEC 20",
                                   changed_on=DEMO_TODAY + timedelta(days=1), today=DEMO_TODAY)
        requests.change_status(s, second.id, "validee", committee="COSELEC 20", posts_granted=1,
                               changed_on=DEMO_TODAY, today=DEMO_TODAY)
        from desktop_app.services.request import api

        assert api.granted_posts(s) == 3
        assert api.validation_date(s) == DEMO_TODAY


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def test_pdfs_from_the_command_line(demo_db: Database, db_path: Path, tmp_path: Path) -> None:
    demo_db.close()
    for kind in ("engagement", "demande"):
        out = tmp_path / f"{kind}.pdf"
        result = subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "pdf", kind, "--db", str(db_path),
             "--out", str(out)],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        text = _text(out)
        for sentence in (*COMMITMENTS, *MISSIONS):
            assert " ".join(sentence.split()) in text, sentence
        assert "Commune de Saint-Léger-de-Fougeret" in text
        assert "21580249700010" in text
        assert "Hélène Brossard-Delacroix" in text
    engagement = PdfReader(str(tmp_path / "engagement.pdf"))
    assert len(engagement.pages) == 1
    assert engagement.metadata.title == "Formulaire d'engagement"
    assert "Fait à Saint-Léger-de-Fougeret, le" in _text(tmp_path / "engagement.pdf")
    recap = _text(tmp_path / "demande.pdf")
    assert "Non traitée" in recap and "CN-DEM-2026-01982" in recap
    assert "Avis du comité" in recap
    assert "Reste à charge" not in recap  # the money is the financing plan's


def test_cli_without_request_says_so(db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "pdf", "engagement", "--db", str(db_path),
         "--out", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "aucune demande de recrutement" in result.stderr
    assert "Traceback" not in result.stderr


def test_engagement_stays_on_one_page_with_long_values(demo_db: Database, tmp_path: Path) -> None:
    from desktop_app.documents.request.engagement import build_engagement

    with demo_db.session() as s:
        data = requests.current_request(s)
        structure = requests.structure_for(s, data)
    long_name = "Communauté de communes du Haut-Morvan, des Amognes et du Val d'Aubrac " * 2
    structure = replace(structure, name=long_name.strip(), address="Hôtel communautaire, " * 6)
    data = replace(data, signatory_name="Marie-Hélène Château-Brossard de la Fontaine-Aubrac",
                   signatory_title="Présidente de la communauté de communes",
                   commitments=(True, False, True, False, True))
    out = tmp_path / "long.pdf"
    build_engagement(out, data, structure, DEMO_TODAY)
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    text = _text(out)
    assert text.count("☒") == 3 and text.count("☐") == 2


def test_structure_section_writes_only_its_own_fields(demo_db: Database) -> None:
    from desktop_app.services.structure import save_structure

    with demo_db.session() as s:
        stale = get_structure(s)
        save_structure(s, replace(stale, phone="03 86 00 00 00"))
    with demo_db.session() as s:
        errors = requests.save_structure_section(
            s, replace(stale, address="2, rue de la Poste", siret="123")
        )
    assert "siret" in errors
    with demo_db.session() as s:
        now = get_structure(s)
    assert now.address == "2, rue de la Poste"
    assert now.phone == "03 86 00 00 00"  # not put back by the form's older copy
    assert now.siret == "21580249700010"  # a wrong value never reaches the settings
