"""Opening tells the truth: damage only when SQLite finds damage; every other problem has its
own message and no restore offer; restores only from sound backups, and undone on failure;
never a new empty base when backups or a set-aside copy say there was data."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop_app import backups
from desktop_app import db as dbmod
from desktop_app.backups import (
    BackupError,
    check_backup,
    latest_good_backup,
    list_backups_for,
    make_backup,
    set_aside_and_restore_latest,
)
from desktop_app.db import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseOpenError,
    DatabaseReadOnlyError,
    DiskFullError,
    NotADatabaseError,
    open_database,
)
from desktop_app.paths import backups_dir_for
from desktop_app.services.structure import StructureInfo, get_structure, save_structure
from tests.test_safety_fs import fill_disk, read_only_folder, small_disk

NAME = "Médiathèque de Saint-Agrève"


def _make_base(path: Path, name: str = NAME) -> None:
    db = open_database(path)
    with db.session() as session:
        save_structure(session, StructureInfo(name=name))
    db.close()


def _name(path: Path) -> str:
    db = open_database(path)
    try:
        with db.session() as session:
            return get_structure(session).name
    finally:
        db.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_sound_base_on_a_full_disk_is_not_called_damaged(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disque", "4m") as disk:
        base = disk / "base.sqlite"
        _make_base(base)
        before = base.read_bytes()
        filler = fill_disk(disk)
        with pytest.raises(DiskFullError, match="plein") as info:
            open_database(base)
        assert "est endommagée" not in str(info.value)
        assert not info.value.offer_restore
        assert base.read_bytes() == before
        assert not list(disk.glob("*endommagee*"))
        filler.unlink()
        assert _name(base) == NAME


def test_a_read_only_folder_gets_its_own_message(tmp_path: Path) -> None:
    folder = tmp_path / "partage"
    folder.mkdir()
    base = folder / "base.sqlite"
    _make_base(base)
    with read_only_folder(folder):
        before = _files(folder)
        with pytest.raises(DatabaseReadOnlyError, match="lecture seule") as info:
            open_database(base, access="write")
        assert not info.value.offer_restore
        assert "est endommagée" not in str(info.value)
        assert _files(folder) == before
    assert _name(base) == NAME


def test_a_missing_folder_is_said_and_not_created(tmp_path: Path) -> None:
    base = tmp_path / "clé-usb" / "base.sqlite"
    with pytest.raises(DatabaseOpenError, match="introuvable") as info:
        open_database(base, create_parent=False)
    assert not info.value.offer_restore
    assert not base.parent.exists()


def test_a_folder_given_as_the_base_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.sqlite"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="est un dossier") as info:
        open_database(folder)
    assert not info.value.offer_restore
    assert list(folder.iterdir()) == []


def test_a_path_through_a_file_is_said(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(DatabaseOpenError, match="n'est pas un dossier"):
        open_database(blocker / "base.sqlite")
    assert blocker.read_text(encoding="utf-8") == "pas un dossier"


@pytest.mark.skipif(dbmod.os.name != "posix", reason="droits POSIX")
def test_an_unreadable_file_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "base.sqlite"
    _make_base(base)
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if self == base:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DatabaseOpenError, match="accès refusé") as info:
        open_database(base)
    assert not info.value.offer_restore


def test_a_locked_base_is_said_without_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base.sqlite"
    _make_base(base)
    holder = sqlite3.connect(base)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE structure_settings SET name = name")
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)
    try:
        with pytest.raises(DatabaseLockedError, match="utilisée par un autre programme") as info:
            open_database(base)
        assert not info.value.offer_restore
    finally:
        holder.rollback()
        holder.close()
    assert _name(base) == NAME


def test_an_empty_file_is_refused_like_any_non_database(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    base.write_bytes(b"")
    with pytest.raises(NotADatabaseError, match="vide"):
        open_database(base)
    assert base.read_bytes() == b""


def test_only_sound_backups_of_this_base_are_offered(db, db_path: Path) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    good = make_backup(db_path)
    db.close()
    folder = backups_dir_for(db_path)
    stem = db_path.stem
    empty = folder / f"{stem}-20990101-000001.sqlite"
    empty.write_bytes(b"")
    garbage = folder / f"{stem}-20990101-000002.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    foreign = folder / f"{stem}-20990101-000003.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE livres (titre TEXT)")
    conn.commit()
    conn.close()
    assert "vide" in (check_backup(empty) or "")
    assert check_backup(garbage) is not None
    assert check_backup(foreign) is not None
    assert check_backup(good) is None
    assert [b.path for b in list_backups_for(db_path)][:3] == [foreign, garbage, empty]
    chosen = latest_good_backup(db_path)
    assert chosen is not None and chosen.path == good
    with pytest.raises(BackupError, match="vide"):
        backups.restore_into(empty, db_path)
    assert _name(db_path) == NAME


def test_a_failed_restore_puts_the_original_back(
    db, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    make_backup(db_path)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\xee" * 3000
    db_path.write_bytes(damaged)

    def full_disk(_src: Path, _dst: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "replace_durably", full_disk)
    with pytest.raises(BackupError, match="plein"):
        set_aside_and_restore_latest(db_path)
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("*endommagee*"))
    assert not list(db_path.parent.glob(".*partiel*"))


def test_restore_sets_the_damaged_file_aside_and_keeps_its_wal(db, db_path: Path) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    make_backup(db_path)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\xee" * 3000
    db_path.write_bytes(damaged)
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"journal")
    aside = set_aside_and_restore_latest(db_path)
    assert aside is not None and aside.read_bytes() == damaged
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"journal"
    assert not wal.exists()
    assert _name(db_path) == NAME


def test_no_new_empty_base_when_backups_exist_beside(db, db_path: Path) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    make_backup(db_path)
    db.close()
    db_path.unlink()
    with pytest.raises(DatabaseMissingError, match="sauvegarde") as info:
        open_database(db_path)
    assert info.value.offer_restore and info.value.evidence
    assert not db_path.exists()
    assert set_aside_and_restore_latest(db_path) is None
    assert _name(db_path) == NAME


def test_no_new_empty_base_when_a_set_aside_copy_exists(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    aside = tmp_path / "base.endommagee-20260101-120000.sqlite"
    aside.write_bytes(b"SQLite format 3\x00" + b"\xee" * 3000)
    with pytest.raises(DatabaseMissingError, match="mise de côté"):
        open_database(base)
    assert not base.exists()
    open_database(base, allow_new=True).close()  # the user said so
    assert base.exists() and aside.exists()


def test_damage_found_by_quick_check_is_still_called_damage(db, db_path: Path) -> None:
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), 7):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="endommagée") as info:
        open_database(db_path)
    assert info.value.offer_restore
