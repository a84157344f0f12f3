"""Opening a database safely: new file, upgrade, newer version, corrupt or foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from desktop_app.backups import list_backups
from desktop_app.db import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    NotADatabaseError,
    alembic_config,
    make_engine,
    open_database,
    script_heads,
)
from desktop_app.paths import backups_dir_for
from desktop_app.services.structure import StructureInfo, get_structure, save_structure


def _revisions(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()


def test_empty_file_is_migrated_to_every_head(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert db.integrity_problems() == []
    finally:
        db.close()
    assert _revisions(db_path) == script_heads()
    # a new database needs no pre-migration copy
    assert list_backups(backups_dir_for(db_path)) == []


def test_upgrade_keeps_data_and_copies_the_file_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    engine = make_engine(db_path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO structure_settings (id, structure_type, name, siret, address, "
                "postal_code, commune, insee_code, departement, region, phone, email, "
                "signatory_name, signatory_title, venue_name, venue_address, opening_hours) "
                "VALUES (1, 'commune', 'Mairie d''Épinac-les-Bois', '', '', '', '', '', '', '', "
                "'', '', '', '', '', '', '{}')"
            )
        )
    engine.dispose()
    assert _revisions(db_path) == {"0001_foundation"}

    db = open_database(db_path)
    try:
        with db.session() as session:
            assert get_structure(session).name == "Mairie d'Épinac-les-Bois"
    finally:
        db.close()
    assert _revisions(db_path) == script_heads()
    copies = [b for b in list_backups(backups_dir_for(db_path)) if not b.automatic]
    assert len(copies) == 1 and copies[0].path.name.startswith("avant-migration-test-")
    copy = sqlite3.connect(copies[0].path)
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001_foundation",)
        ]
        assert copy.execute("SELECT name FROM structure_settings").fetchone()[0] == (
            "Mairie d'Épinac-les-Bois"
        )
    finally:
        copy.close()


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="version plus récente"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_corrupt_database_is_refused_untouched(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        save_structure(session, StructureInfo(name="Bibliothèque de Saint-Éloi"))
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), 7):  # scramble every page after the first
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="endommagée") as info:
        open_database(db_path)
    assert info.value.offer_restore
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Liste des ateliers de mars : tablette, e-mail…", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="n'est pas une base"):
        open_database(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "autre.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE livres (titre TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="pas une base CNum Biblio"):
        open_database(path)
    assert path.read_bytes() == before


def test_session_rolls_back_a_failed_unit_of_work(db) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        save_structure(session, StructureInfo(name="Médiathèque"))
        session.flush()
        raise RuntimeError("panne")
    with db.session() as session:
        assert get_structure(session).name == ""
