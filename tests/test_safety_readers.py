"""Another program opening and closing the base while the application works: the WAL stays,
the application keeps reading and writing the same data."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.backups import make_backup
from desktop_app.services.structure import StructureInfo, get_structure, save_structure


def _other_program(path: Path) -> str:
    if shutil.which("sqlite3"):
        result = subprocess.run(
            ["sqlite3", str(path), ".tables"], capture_output=True, text=True, timeout=30
        )
    else:
        code = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute(\"SELECT count(*) FROM sqlite_master\").fetchone()); c.close()"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("pool_emptied", [False, True])
def test_another_reader_does_not_remove_the_wal(db, db_path: Path, pool_emptied: bool) -> None:
    wal = db_path.with_name(db_path.name + "-wal")
    with db.session() as session:
        save_structure(session, StructureInfo(name="Avant"))
    if pool_emptied:  # e.g. after an error invalidated the pooled connections
        db.engine.pool.dispose()
    assert wal.exists()
    _other_program(db_path)
    assert wal.exists() and db_path.with_name(db_path.name + "-shm").exists()
    with db.session() as session:
        save_structure(session, StructureInfo(name="Après"))
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT name FROM structure_settings").fetchone() == ("Après",)
    finally:
        conn.close()
    make_backup(db_path)  # "Sauvegarder maintenant" still works
    with db.session() as session:
        assert get_structure(session).name == "Après"
    assert db.integrity_problems() == []


def test_synchronous_full(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
