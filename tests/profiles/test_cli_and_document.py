"""Command line (import-profiles, pdf formation) and the training attestation's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.db import Database, open_database
from desktop_app.documents.profiles.training_attestation import (
    build_training_attestation,
    working_days,
)
from desktop_app.models.profiles import Profile
from desktop_app.services.profiles.records import ConseillerTraining, TrainingView
from desktop_app.services.structure import StructureInfo
from tests.profiles.helpers import platform_csv


def _db_file(tmp_path: Path) -> Path:
    path = tmp_path / "base.sqlite"
    open_database(path).close()
    return path


def _count(path: Path) -> int:
    db = open_database(path)
    try:
        with db.session() as s:
            return s.scalar(select(func.count(Profile.id))) or 0
    finally:
        db.close()


def test_cli_import_lists_added_updated_rejected(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = _db_file(tmp_path)
    csv_path = tmp_path / "candidats.csv"
    csv_path.write_bytes(platform_csv())
    assert main(["import-profiles", str(csv_path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Ajouté (ligne 2) : Éléonore Lefèvre-Château" in out
    assert "3 ajouté(s), 0 mis à jour, 0 refusé(s)." in out
    csv_path.write_bytes(platform_csv() + b"Faux;Ligne;pas-une-adresse;58000;oui;non;non;non\r\n"
)
    assert main(["import-profiles", str(csv_path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Mis à jour (ligne 3) : François Nguyễn" in out
    assert "Refusé (ligne 5) : « pas-une-adresse » n'est pas une adresse e-mail valide" in out
    assert _count(db) == 3


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03\xff" * 50])
def test_cli_import_unreadable_exits_non_zero(tmp_path: Path, capsys, content: bytes) -> None:  # noqa: ANN001
    db = _db_file(tmp_path)
    csv_path = tmp_path / "vide.csv"
    csv_path.write_bytes(content)
    assert main(["import-profiles", str(csv_path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Aucun profil n'a été importé" in err
    assert _count(db) == 0


def test_cli_pdf_formation(demo_db: Database, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "attestation.pdf"
    assert main(["pdf", "formation", "--db", str(demo_db.path), "--out", str(out)]) == 0
    assert "Camille Martin-Lefèbvre" in capsys.readouterr().out
    reader = PdfReader(out)
    assert reader.metadata.title == "Attestation employeur de départ en formation"


def test_cli_pdf_formation_without_conseiller(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = _db_file(tmp_path)
    assert main(["pdf", "formation", "--db", str(db), "--out", str(tmp_path / "a.pdf")]) == 1
    assert "aucun conseiller validé ou recruté" in capsys.readouterr().err


def test_attestation_text(tmp_path: Path) -> None:
    structure = StructureInfo(name="Commune de Saint-Honoré-les-Bains", commune="Saint-Honoré-les-Bains",
                              postal_code="58360", signatory_name="Gaëlle Prévost",
                              signatory_title="Maire")
    conseiller = ConseillerTraining(
        profile_id=1, full_name="Jérôme Le Goff", contract_text="CDI à partir du 02/03/2026",
        recruitment_date=date(2026, 3, 2),
        trainings=[TrainingView(1, date(2026, 3, 16), date(2026, 3, 22), "Hub numérique",
                                "Dijon")],
    )
    out = tmp_path / "a.pdf"
    build_training_attestation(out, structure, conseiller, date(2026, 3, 1))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Je soussigné(e) Gaëlle Prévost, Maire, agissant au nom de la commune de" in text
    assert "laisse partir Jérôme Le Goff suivre la formation initiale" in text
    assert "laisser partir les conseillers recrutés en formation" in text
    assert "Fait à Saint-Honoré-les-Bains, le 1er mars 2026" in text
    assert "16/03/2026" in text and "22/03/2026" in text
    assert working_days(date(2026, 3, 16), date(2026, 3, 22)) == 5
    assert working_days(date(2026, 12, 24), date(2026, 12, 25)) == 1  # Christmas excluded
