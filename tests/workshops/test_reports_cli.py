"""The command-line documents and exports, run as a user runs them (a subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

from desktop_app.db import Database
from tests.workshops.reports_data import small_dataset


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_french_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_documents_and_exports(db: Database, db_path: Path, tmp_path: Path) -> None:
    small_dataset(db)
    db.close()
    db_arg = str(db_path)

    result = _run(
        "pdf", "programme", "--db", db_arg, "--out", str(tmp_path / "p.pdf"), "--month", "2026-03"
    )
    assert result.returncode == 0, result.stderr
    assert "4 atelier(s)" in result.stdout
    assert "Premiers pas sur la tablette" in PdfReader(tmp_path / "p.pdf").pages[0].extract_text()

    result = _run(
        "pdf",
        "attestations",
        "--db",
        db_arg,
        "--out",
        str(tmp_path / "a.pdf"),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "a.pdf").pages) == 5

    result = _run(
        "pdf", "emargement", "--db", db_arg, "--out", str(tmp_path / "e.pdf"), "--seance", "1"
    )
    assert result.returncode == 0, result.stderr
    assert "4 inscrit(s)" in result.stdout
    assert "AUBERT" in PdfReader(tmp_path / "e.pdf").pages[0].extract_text()

    result = _run(
        "export-ics",
        "--db",
        db_arg,
        "--out",
        str(tmp_path / "x.ics"),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    )
    assert result.returncode == 0, result.stderr
    assert len(Calendar.from_ical((tmp_path / "x.ics").read_bytes()).walk("VEVENT")) == 6

    result = _run(
        "export-stats",
        "--db",
        db_arg,
        "--out",
        str(tmp_path / "s.csv"),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    )
    assert result.returncode == 0, result.stderr
    assert "Participations (présences);9" in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")


def test_bad_input_is_one_french_line(db: Database, db_path: Path, tmp_path: Path) -> None:
    small_dataset(db)
    db.close()
    db_arg = str(db_path)
    line = _one_french_line(
        _run(
            "pdf",
            "programme",
            "--db",
            db_arg,
            "--out",
            str(tmp_path / "p.pdf"),
            "--month",
            "2026-13",
        )
    )
    assert "« 2026-13 » n'est pas valide" in line and "AAAA-MM" in line
    assert not (tmp_path / "p.pdf").exists()

    line = _one_french_line(
        _run("export-ics", "--db", db_arg, "--out", str(tmp_path / "x.ics"), "--from", "31/03/2026")
    )
    assert "n'est pas une date valide" in line and "AAAA-MM-JJ" in line

    line = _one_french_line(
        _run(
            "pdf",
            "attestations",
            "--db",
            db_arg,
            "--out",
            str(tmp_path / "a.pdf"),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
        )
    )
    assert "Aucune personne n'est marquée « Présent »" in line
    assert not (tmp_path / "a.pdf").exists()
