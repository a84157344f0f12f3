"""Migrations: one transaction per opening (a kill leaves all or nothing), a database is ours
only if its tables and revisions are ours, inconsistent versions and missing tables said."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.db import (
    CorruptDatabaseError,
    NotADatabaseError,
    alembic_config,
    expected_tables,
    open_database,
    our_tables,
    script_heads,
)
from desktop_app.services.structure import StructureInfo, get_structure, save_structure

ROOT = Path(__file__).resolve().parent.parent

# Opens the base in a child process that stops (and says so) right after its Nth CREATE TABLE.
_KILLED_OPEN = textwrap.dedent(
    """
    import sys, time
    from sqlalchemy import Engine, event
    count = 0
    def after(conn, cursor, statement, params, context, executemany):
        global count
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            count += 1
            if count == int(sys.argv[2]):
                print("ARRET", flush=True)
                time.sleep(120)
    event.listen(Engine, "after_cursor_execute", after)
    from desktop_app.db import open_database
    open_database(sys.argv[1])
    print("FINI", flush=True)
    """
)


def _open_and_kill(path: Path, after_creates: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_OPEN, str(path), str(after_creates)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert line == "ARRET", proc.stderr.read()  # type: ignore[union-attr]
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        return {r[0] for r in rows if not r[0].startswith("sqlite_")}
    finally:
        conn.close()


def _revisions(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()


def test_a_first_start_killed_between_two_ddl_statements_leaves_no_half_schema(
    tmp_path: Path,
) -> None:
    base = tmp_path / "base.sqlite"
    _open_and_kill(base, after_creates=3)
    assert not base.exists() or _tables(base) == set()
    db = open_database(base)  # starts again from nothing, no "pas une base CNum Biblio"
    db.close()
    assert _revisions(base) == script_heads()
    assert _tables(base) == our_tables()


def test_an_upgrade_killed_between_two_ddl_statements_keeps_the_old_schema_and_data(
    tmp_path: Path,
) -> None:
    base = tmp_path / "base.sqlite"
    engine = create_engine(f"sqlite:///{base}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
        conn.execute(text("INSERT INTO app_setting (key, value) VALUES ('gardé', 'oui')"))
    engine.dispose()
    _open_and_kill(base, after_creates=4)
    assert _revisions(base) == {"0001_foundation"}
    assert _tables(base) == expected_tables(frozenset({"0001_foundation"}))
    db = open_database(base)
    db.close()
    assert _revisions(base) == script_heads()
    conn = sqlite3.connect(base)
    try:
        assert conn.execute("SELECT value FROM app_setting WHERE key='gardé'").fetchone() == ("oui",)
    finally:
        conn.close()


def test_a_file_with_only_our_empty_tables_and_no_version_is_finished(tmp_path: Path) -> None:
    """What a kill during the first start left with the former, statement-by-statement DDL."""
    base = tmp_path / "base.sqlite"
    conn = sqlite3.connect(base)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
        "CREATE TABLE app_setting (key VARCHAR(100) NOT NULL PRIMARY KEY, value TEXT NOT NULL);"
    )
    conn.close()
    db = open_database(base)
    try:
        with db.session() as session:
            save_structure(session, StructureInfo(name="Bibliothèque de Lalouvesc"))
    finally:
        db.close()
    assert _revisions(base) == script_heads()
    assert _tables(base) == our_tables()


def test_a_foreign_alembic_database_claiming_our_first_revision_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "autre.sqlite"
    conn = sqlite3.connect(base)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('0001_foundation');"
        "CREATE TABLE factures (id INTEGER PRIMARY KEY, montant REAL);"
        "INSERT INTO factures (montant) VALUES (12.5);"
    )
    conn.close()
    before = base.read_bytes()
    with pytest.raises(NotADatabaseError, match="pas une base CNum Biblio"):
        open_database(base)
    assert base.read_bytes() == before
    assert _tables(base) == {"alembic_version", "factures"}


def test_a_version_set_back_while_the_tables_exist_is_a_clear_message(db, db_path: Path) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name="Médiathèque de Tence"))
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version VALUES ('0001_foundation')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="incohérente") as info:
        open_database(db_path)
    assert "already exists" not in str(info.value)
    assert db_path.read_bytes() == before


def test_a_missing_table_is_damage_with_a_restore_offer(db, db_path: Path) -> None:
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA foreign_keys=OFF")
    victim = sorted(our_tables() - {"alembic_version", "structure_settings", "app_setting"})[0]
    conn.execute(f'DROP TABLE "{victim}"')
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="manque") as info:
        open_database(db_path)
    assert victim in str(info.value) and info.value.offer_restore
    assert db_path.read_bytes() == before


def test_older_revisions_are_upgraded_and_keep_their_data(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    engine = create_engine(f"sqlite:///{base}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0100_request")
    engine.dispose()
    assert _revisions(base) == {"0100_request"}
    db = open_database(base)
    try:
        with db.session() as session:
            assert get_structure(session).name == ""
    finally:
        db.close()
    assert _revisions(base) == script_heads()
