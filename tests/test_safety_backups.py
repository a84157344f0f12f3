"""Backups belong to their database: named after it, listed, thinned and restored per base;
several a day kept; leftovers of killed backups cleaned; flushed before the final rename."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.backups import (
    BackupInfo,
    backups_to_keep,
    list_backups_for,
    make_backup,
    thin_backups,
)
from desktop_app.db import open_database
from desktop_app.paths import backups_dir_for
from desktop_app.services import atomic_files
from desktop_app.services.structure import StructureInfo, save_structure


def _base(path: Path, name: str) -> None:
    db = open_database(path)
    with db.session() as session:
        save_structure(session, StructureInfo(name=name))
    db.close()


def test_two_bases_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    real = tmp_path / "cnum-biblio.sqlite"
    demo = tmp_path / "cnum-biblio-demo.sqlite"
    _base(real, "Vraie médiathèque")
    _base(demo, "Démonstration")
    mine = make_backup(real)
    assert mine.name.startswith("cnum-biblio-2")
    for _ in range(12):  # many demo backups the same day: thinning runs after each
        make_backup(demo)
    assert mine.exists()
    assert [b.path for b in list_backups_for(real)] == [mine]
    assert all(b.base == "cnum-biblio-demo" for b in list_backups_for(demo))
    assert mine not in {b.path for b in list_backups_for(demo)}
    # thinning the whole folder treats each base on its own
    thin_backups(backups_dir_for(real))
    assert mine.exists()


def test_several_backups_of_one_day_are_kept() -> None:
    now = datetime(2026, 11, 26, 18, 0)
    infos = [
        BackupInfo(Path(f"b-{i}.sqlite"), now - timedelta(minutes=30 * i), 1, True, "b")
        for i in range(12)
    ]
    keep = backups_to_keep(infos, now=now)
    recent = sorted((i for i in infos if i.path in keep), key=lambda i: i.taken_at, reverse=True)
    assert [i.path for i in recent[:5]] == [i.path for i in infos[:5]]
    # and the daily plan still keeps the newest of the older days
    older = BackupInfo(Path("b-old.sqlite"), now - timedelta(days=3), 1, True, "b")
    assert older.path in backups_to_keep([*infos, older], now=now)


def test_same_second_backups_do_not_replace_each_other(db, db_path: Path) -> None:
    first = make_backup(db_path)
    second = make_backup(db_path)
    assert first != second and first.exists() and second.exists()


def test_leftovers_of_killed_backups_are_cleaned_and_none_are_made(db, db_path: Path) -> None:
    folder = backups_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / f".{db_path.stem}-20260101-120000.sqlite.partiel-dead"
    old.write_bytes(b"x" * 1000)
    old_journal = folder / f".{db_path.stem}-20260101-120000.sqlite.partiel-dead-journal"
    old_journal.write_bytes(b"x")
    long_ago = time.time() - 3600
    for path in (old, old_journal):
        os.utime(path, (long_ago, long_ago))
    fresh = folder / f".{db_path.stem}-20260101-120001.sqlite.partiel-live"
    fresh.write_bytes(b"x")  # another process may be writing it right now
    backup = make_backup(db_path)
    assert not old.exists() and not old_journal.exists()
    assert fresh.exists()
    names = {p.name for p in folder.iterdir()}
    assert names == {backup.name, fresh.name}  # no -wal, -shm or -journal beside the backup


def test_the_backup_is_flushed_before_its_final_rename(
    db, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(atomic_files.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        atomic_files.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )
    make_backup(db_path)
    assert "replace" in events
    assert events.index("fsync") < events.index("replace")


def test_the_restore_dialog_lists_only_this_bases_backups(app, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop_app.views.backup_dialogs import RestoreDialog

    real = tmp_path / "cnum-biblio.sqlite"
    demo = tmp_path / "cnum-biblio-demo.sqlite"
    _base(real, "Vraie médiathèque")
    _base(demo, "Démonstration")
    mine = make_backup(real)
    make_backup(demo)
    dialog = RestoreDialog(real)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.backups] == [mine]
    assert dialog.list.count() == 1
