"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__

SCRIPT = Path(sys.executable).with_name("cnum-biblio")


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop_app.cli"]
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=300
    )


def assert_one_french_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cnum-biblio")
    assert "Traceback" not in result.stderr


def test_version(tmp_path: Path) -> None:
    result = run("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"CNum Biblio {__version__}"


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    """``python -m desktop_app`` (what a maintainer types in a checkout) is ``cnum-biblio``."""
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--version"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"CNum Biblio {__version__}"
    wrong = subprocess.run([sys.executable, "-m", "desktop_app", "--inconnu"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert_one_french_line(wrong)


def test_self_test_passes_every_check(tmp_path: Path) -> None:
    result = run("--self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "Auto-test réussi."
    assert any("Fenêtre principale et onglets" in line for line in lines)
    assert not any(line.startswith("ÉCHEC") for line in lines)


def test_demo_then_check_then_backup(tmp_path: Path) -> None:
    db = tmp_path / "démo.sqlite"
    result = run("demo", "--db", str(db), home=tmp_path)
    assert result.returncode == 0, result.stderr
    check = run("check", "--db", str(db), home=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "Intégrité : correcte" in check.stdout
    assert "Paramètres de la structure : 1" in check.stdout
    backup = run("backup", "--db", str(db), "--to", str(tmp_path / "copies"), home=tmp_path)
    assert backup.returncode == 0, backup.stderr
    copy = Path(backup.stdout.strip())
    assert copy.parent == tmp_path / "copies" and copy.exists()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_demo_refuses_to_fill_an_existing_file(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite"
    assert run("demo", "--db", str(db), home=tmp_path).returncode == 0
    assert_one_french_line(run("demo", "--db", str(db), home=tmp_path))


def test_check_reports_a_corrupt_file_with_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "abîmée.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run("check", "--db", str(bad), home=tmp_path)
    assert result.returncode == 1
    assert_one_french_line(result)
    assert "endommagée" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "--db", "/nulle/part.sqlite"), "n'existe pas"),
        (("check",), "arguments obligatoires manquants"),
        (("demo", "--db", "x.sqlite", "--scale", "beaucoup"), "nombre entier"),
        (("inconnue",), "choix"),
    ],
)
def test_usage_errors_are_one_french_line(tmp_path: Path, args, expected: str) -> None:
    result = run(*args, home=tmp_path)
    assert_one_french_line(result)
    assert expected in result.stderr


def test_the_application_starts_on_the_demo_and_closes_cleanly(tmp_path: Path) -> None:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop_app.cli"]
    env = {
        **os.environ,
        "CNUM_BIBLIO_HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "CNUM_BIBLIO_QUIT_AFTER_MS": "300",
    }
    result = subprocess.run([*command, "--demo"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cnum-biblio-demo.sqlite").exists()
    assert "Traceback" not in result.stderr


def test_export_venue_command(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite"
    assert run("demo", "--db", str(db), home=tmp_path).returncode == 0
    out = tmp_path / "lieu.csv"
    result = run("export-lieu", "--db", str(db), "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith('id,pivot,nom,commune,code_postal')


def test_a_reader_that_stops_reading_gets_no_message(tmp_path: Path) -> None:
    """``cnum-biblio check | head -1``: the pipe closed before the output is written is no
    error worth a line (it printed « Erreur d'accès au fichier : Broken pipe. » in English)."""
    from desktop_app.db import open_database

    base = tmp_path / "b.sqlite"
    open_database(base, allow_new=True).close()
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop_app.cli"]
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run([*command, "check", "--db", str(base)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=300)
    finally:
        os.close(write_end)
    assert done.stderr == ""
