"""A base on a medium that cannot be written (write-protected USB key, CD, a share this account
may only read): it is read — checked, backed up elsewhere, printed — instead of refused, and
the application offers to open it read-only, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.db import DatabaseReadOnlyError, ReadOnlyDatabaseError, open_database
from desktop_app.services.structure import StructureInfo, get_structure, save_structure
from tests.test_safety_fs import read_only_folder

NAME = "Médiathèque de Saint-Éloi"


@pytest.fixture
def key(tmp_path: Path) -> Path:
    folder = tmp_path / "clé USB"
    folder.mkdir()
    db = open_database(folder / "base été.sqlite")
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    db.close()
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_command_line_reads_and_backs_up_a_base_it_cannot_write(
    key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli import main

    base = key / "base été.sqlite"
    rescue = tmp_path / "sauvegardes"
    with read_only_folder(key):
        before = _files(key)
        assert main(["check", "--db", str(base)]) == 0
        assert "Intégrité : correcte" in capsys.readouterr().out
        assert main(["backup", "--db", str(base), "--to", str(rescue)]) == 0
        assert _files(key) == before
    copy = next(rescue.glob("base été-*.sqlite"))
    db = open_database(copy)
    try:
        with db.session() as session:
            assert get_structure(session).name == NAME
    finally:
        db.close()


def test_the_application_may_open_it_read_only_and_is_told_why(key: Path) -> None:
    base = key / "base été.sqlite"
    with read_only_folder(key):
        with pytest.raises(DatabaseReadOnlyError) as info:
            open_database(base, access="write")
        assert info.value.offer_read_only and not info.value.offer_restore
        db = open_database(base, access="read")
        try:
            assert db.read_only
            with db.session() as session:
                assert get_structure(session).name == NAME
            notice = db.read_only_notice() or ""
            assert "ne peut pas être modifié" in notice and "déjà ouverte" not in notice
            with pytest.raises(ReadOnlyDatabaseError, match="Copiez la base"), \
                    db.session() as session:
                save_structure(session, StructureInfo(name="Écrasé"))
        finally:
            db.close()


def test_a_missing_base_in_a_read_only_folder_offers_no_reading(tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    folder.mkdir()
    (folder / "autre.txt").write_text("x")
    with read_only_folder(folder), pytest.raises(DatabaseReadOnlyError) as info:
        open_database(folder / "base.sqlite", access="write")
    assert not info.value.offer_read_only
