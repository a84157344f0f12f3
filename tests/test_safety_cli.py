"""The command line in a subprocess: every failure is one French line and a non-zero exit,
never a traceback; a killed ``demo`` leaves no half-filled base."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.db import open_database, our_tables
from tests.test_cli import SCRIPT, assert_one_french_line, run
from tests.test_safety_fs import fill_disk, small_disk


def _run_gui(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The application, whose message boxes close by themselves after a moment."""
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop_app.cli"]
    env = {
        **os.environ,
        "CNUM_BIBLIO_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "CNUM_BIBLIO_QUIT_AFTER_MS": "200",
    }
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=120
    )


_QT_NOISE = ("propagateSizeHints", "XDG_RUNTIME_DIR")


def assert_one_french_line_from_the_application(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [
        line
        for line in result.stderr.strip().splitlines()
        if not any(noise in line for noise in _QT_NOISE)
    ]
    assert len(lines) == 1 and lines[0].startswith("cnum-biblio : "), result.stderr
    return lines[0]


def _demo(path: Path, home: Path) -> None:
    result = run("demo", "--db", str(path), home=home)
    assert result.returncode == 0, result.stderr


def test_a_folder_given_as_db_is_one_french_line(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    for args in (("check", "--db", str(folder)), ("demo", "--db", str(folder))):
        result = run(*args, home=tmp_path)
        assert_one_french_line(result)
        assert "dossier" in result.stderr or "n'existe pas" in result.stderr


def test_a_missing_table_is_one_french_line(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    _demo(base, tmp_path)
    conn = sqlite3.connect(base)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DROP TABLE app_setting")
    conn.commit()
    conn.close()
    result = run("check", "--db", str(base), home=tmp_path)
    assert_one_french_line(result)
    assert "manque" in result.stderr and "app_setting" in result.stderr


def test_a_backup_to_a_full_disk_is_one_french_line(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    _demo(base, tmp_path)
    with small_disk(tmp_path / "clé", "1m") as disk:
        fill_disk(disk)
        result = run("backup", "--db", str(base), "--to", str(disk), home=tmp_path)
        assert_one_french_line(result)
        assert "plein" in result.stderr
        assert [p.name for p in disk.iterdir()] == ["remplissage.bin"]


def test_a_data_folder_that_cannot_be_created_is_one_french_line(tmp_path: Path) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    base = tmp_path / "base.sqlite"
    _demo(base, tmp_path)
    result = run("check", "--db", str(base), home=blocker / "données")
    assert result.returncode == 0, result.stderr  # the data folder is not needed to check
    assert "Traceback" not in result.stderr
    gui = _run_gui("--db", str(base), home=blocker / "données")
    assert "dossier des données" in assert_one_french_line_from_the_application(gui)


_KILLED_DEMO = """
import sys, time
from desktop_app.services import demo
real = demo.SEEDERS[2].seed
def seed_then_stop(session, **kwargs):
    real(session, **kwargs)
    session.commit()  # the first areas are committed in the temporary file
    print("ARRET", flush=True)
    time.sleep(120)
demo.SEEDERS[2].seed = seed_then_stop
from desktop_app.cli import main
sys.exit(main(["demo", "--db", sys.argv[1]]))
"""


def test_a_killed_demo_leaves_no_half_filled_base(tmp_path: Path) -> None:
    base = tmp_path / "démo.sqlite"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(tmp_path), "PYTHONPATH": str(root)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_DEMO, str(base)],
        env=env,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ARRET", proc.stderr.read()  # type: ignore[union-attr]
        assert list(tmp_path.glob(".démo.sqlite.partiel-*"))  # filling happens aside
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert not base.exists()
    _demo(base, tmp_path)  # the next run starts from nothing and succeeds
    db = open_database(base)
    try:
        assert db.integrity_problems() == []
    finally:
        db.close()
    conn = sqlite3.connect(base)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert our_tables() <= tables


def test_an_empty_file_is_one_french_line(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    base.write_bytes(b"")
    result = run("check", "--db", str(base), home=tmp_path)
    assert_one_french_line(result)
    assert "vide" in result.stderr
    assert base.read_bytes() == b""


def test_the_application_on_a_folder_says_so_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    result = _run_gui("--db", str(folder), home=tmp_path)
    assert "est un dossier" in assert_one_french_line_from_the_application(result)
    assert "Is a directory" not in result.stderr
