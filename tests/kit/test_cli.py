"""The kit's command line and self-test checks. The commands run in-process through
``cli.main`` (the subprocess start-up is covered by tests/test_cli.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.commands import SelfTestContext
from desktop_app.commands.kit import self_checks
from desktop_app.db import Database
from desktop_app.models.kit import KitItem


@pytest.fixture
def demo_file(demo_db: Database, db_path: Path) -> Path:
    demo_db.close()
    return db_path


def test_pdf_inventaire(demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "etat.pdf"
    assert main(["pdf", "inventaire", "--db", str(demo_file), "--out", str(out)]) == 0
    reader = PdfReader(out)
    assert reader.metadata.title == "État du kit"
    assert "État du kit" in reader.pages[0].extract_text()
    assert "État du kit enregistré" in capsys.readouterr().out


def test_pdf_etiquettes_and_export(demo_file: Path, tmp_path: Path) -> None:
    labels = tmp_path / "etiquettes.pdf"
    assert main(["pdf", "etiquettes", "--db", str(demo_file), "--out", str(labels)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(labels).pages)
    assert "KIT-0001" in text
    out = tmp_path / "inventaire.csv"
    assert main(["export-inventory", "--db", str(demo_file), "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:3] == ["Numéro d'inventaire", "Catégorie", "Marque"]
    assert len(rows) > 40
    assert any(r[8] == "Réformé" and r[13] for r in rows[1:])  # retired, with its reason


def test_bad_output_is_one_french_line(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(
            ["export-inventory", "--db", str(demo_file), "--out", str(tmp_path / "inventaire.xlsx")]
        )
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"cnum-biblio : le fichier de sortie doit se terminer par « .csv » : "
        f"{tmp_path / 'inventaire.xlsx'}"
    ]
    assert (
        main(
            [
                "pdf",
                "etiquettes",
                "--db",
                str(demo_file),
                "--out",
                str(tmp_path / "absent" / "e.pdf"),
            ]
        )
        == 1
    )
    assert "n'existe pas" in capsys.readouterr().err


def test_self_checks_render_and_write(demo_db: Database, tmp_path: Path) -> None:
    workdir = tmp_path / "selftest"
    workdir.mkdir()
    ctx = SelfTestContext(db=demo_db, workdir=workdir)
    details = [check.run(ctx) for check in self_checks()]
    assert len(details) == 4 and all(details)
    assert sorted(p.name for p in workdir.iterdir()) == [
        "etat-du-kit.pdf",
        "etiquettes-kit.pdf",
        "fiche-de-pret.pdf",
        "inventaire-kit.csv",
    ]
    with demo_db.session() as s:
        assert s.query(KitItem).count() >= 40


def test_pdf_etiquettes_on_the_other_sheet_from_a_position(demo_file: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    """The command line prints what the tab prints: the 3 × 8 sheet, from a position of a
    sheet already partly used (the labels before it stay blank)."""
    whole = tmp_path / "a.pdf"
    assert main(["pdf", "etiquettes", "--db", str(demo_file), "--out", str(whole),
                 "--planche", "3x8"]) == 0
    started = tmp_path / "b.pdf"
    assert main(["pdf", "etiquettes", "--db", str(demo_file), "--out", str(started),
                 "--planche", "3x8", "--depart", "20"]) == 0
    on_first = PdfReader(whole).pages[0].extract_text().count("KIT-")
    assert on_first == 24  # the 3 × 8 sheet, full
    assert PdfReader(started).pages[0].extract_text().count("KIT-") == 24 - 19
    capsys.readouterr()
    assert main(["pdf", "etiquettes", "--db", str(demo_file), "--out", str(tmp_path / "c.pdf"),
                 "--depart", "22"]) == 1
    assert capsys.readouterr().err.strip() == (
        "cnum-biblio : --depart 22 : Choisissez une position de départ entre 1 et 21.")
    assert not (tmp_path / "c.pdf").exists()
