"""Automatic backups on a PC whose clock went back (a flat BIOS battery puts it years back at
every start): new backups are stamped older than those already there. They were thinned away
as soon as made, so the restore list only offered the old ones and no work since was kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app import backup_files, backups
from desktop_app.backups import list_backups_for, make_backup
from desktop_app.db import open_database


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now_value = now

    def now(self) -> datetime:
        return self.now_value

    def __getattr__(self, name: str):  # noqa: ANN204 - strptime, combine… from datetime
        return getattr(datetime, name)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "cnum-biblio.sqlite"
    open_database(path).close()
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(400):  # more than a year of backups, at the right date
        taken = datetime(2026, 12, 1, 18, 0) - timedelta(days=day)
        (folder / f"cnum-biblio-{taken:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"x")
    return path


def test_backups_made_with_a_clock_gone_back_are_kept(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _Clock(datetime(2000, 1, 1, 9, 0))
    monkeypatch.setattr(backup_files, "datetime", clock)
    monkeypatch.setattr(backups, "datetime", clock)
    first = make_backup(base)
    assert first.exists()  # it was deleted by the thinning that followed it
    clock.now_value = datetime(2000, 1, 1, 9, 30)
    second = make_backup(base)
    assert first.exists() and second.exists()
    listed = {b.path for b in list_backups_for(base)}
    assert {first, second} <= listed
