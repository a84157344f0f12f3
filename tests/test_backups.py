"""Backups: checked copies, the thinning plan, restore round trip."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.backups import (
    BackupError,
    BackupInfo,
    backups_to_keep,
    list_backups,
    make_backup,
    restore_into,
    set_aside_and_restore_latest,
    thin_backups,
)
from desktop_app.db import open_database
from desktop_app.paths import backups_dir_for
from desktop_app.services.structure import StructureInfo, get_structure, save_structure


def _name(db) -> str:
    with db.session() as session:
        return get_structure(session).name


def _set_name(db, name: str) -> None:
    with db.session() as session:
        save_structure(session, StructureInfo(name=name))


def test_backup_then_restore_round_trip(db, db_path: Path) -> None:
    _set_name(db, "Médiathèque « Les Tilleuls »")
    backup = make_backup(db_path)
    assert backup.parent == backups_dir_for(db_path)
    _set_name(db, "Nom changé par erreur")
    db.close()
    restore_into(backup, db_path)
    reopened = open_database(db_path)
    try:
        assert _name(reopened) == "Médiathèque « Les Tilleuls »"
    finally:
        reopened.close()


def test_backup_to_another_folder_is_checked_and_listed(db, db_path: Path, tmp_path: Path) -> None:
    _set_name(db, "Bibliothèque de Saint-Éloi")
    target = make_backup(db_path, tmp_path / "clé-usb")
    assert target.exists() and target.stat().st_size > 0
    [info] = list_backups(tmp_path / "clé-usb")
    assert info.path == target and info.automatic and info.size == target.stat().st_size


def test_a_damaged_backup_is_not_restored(db, db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cnum-biblio-20260101-120000.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="endommagée"):
        restore_into(bad, db_path)
    assert db_path.read_bytes() == before


def test_thinning_keeps_daily_weekly_and_monthly_copies(tmp_path: Path) -> None:
    now = datetime(2026, 11, 26, 18, 0)
    infos = []
    # two backups a day for 400 days
    for hours in range(0, 400 * 24, 12):
        when = now - timedelta(hours=hours)
        infos.append(BackupInfo(tmp_path / f"{hours}.sqlite", when, 1, True))
    keep = backups_to_keep(infos)
    kept = sorted((i for i in infos if i.path in keep), key=lambda i: i.taken_at, reverse=True)
    assert kept[0].taken_at == now  # the newest always stays
    days = {i.taken_at.date() for i in kept}
    assert {(now - timedelta(days=d)).date() for d in range(7)} <= days
    assert len({i.taken_at.isocalendar()[:2] for i in kept}) >= 4
    assert len({(i.taken_at.year, i.taken_at.month) for i in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    # copies made before a migration are never thinned
    special = BackupInfo(tmp_path / "avant-migration.sqlite", now - timedelta(days=300), 1, False)
    assert special.path not in backups_to_keep([*infos, special])


def test_thin_backups_deletes_only_surplus_automatic_files(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 21):
        (folder / f"cnum-biblio-202611{day:02d}-120000.sqlite").write_bytes(b"x")
    (folder / "avant-migration-20260101-120000.sqlite").write_bytes(b"x")
    removed = thin_backups(folder)
    remaining = {p.name for p in folder.iterdir()}
    assert "avant-migration-20260101-120000.sqlite" in remaining
    assert "cnum-biblio-20261120-120000.sqlite" in remaining
    assert removed and all(not p.exists() for p in removed)
    assert len(remaining) < 21


def test_damaged_database_is_set_aside_and_latest_backup_restored(db, db_path: Path) -> None:
    _set_name(db, "Bibliothèque de Château-Chinon")
    make_backup(db_path)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\xee" * 3000
    db_path.write_bytes(damaged)
    aside = set_aside_and_restore_latest(db_path)
    assert aside.read_bytes() == damaged  # kept, byte for byte
    reopened = open_database(db_path)
    try:
        assert _name(reopened) == "Bibliothèque de Château-Chinon"
    finally:
        reopened.close()
