"""Backup and restore copies: private while being written, cleaned up after a kill, and a backup
that cannot be restored says so about the backup, not about the base."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop_app.backups import check_backup, make_backup, restore_into
from desktop_app.db import open_database
from desktop_app.services.atomic_files import PARTIAL_GLOB, PARTIAL_MARK

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.sqlite"
    open_database(path).close()
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_backup_being_written_is_never_readable_by_others(base: Path) -> None:
    """SQLite creates a new file 0644: a backup killed half-way stayed readable by every account
    of the PC until it was cleaned up. The copy is owner-only from its first byte."""
    from desktop_app import backup_files

    seen: list[int] = []
    real = backup_files.sqlite3.connect

    def spy(target, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if isinstance(target, Path) and PARTIAL_MARK in target.name:
            seen.append(_mode(target))
        return real(target, *args, **kwargs)

    old = os.umask(0o022)
    try:
        backup_files.sqlite3.connect = spy  # type: ignore[assignment]
        backup = make_backup(base)
        restore_into(backup, base)
    finally:
        backup_files.sqlite3.connect = real  # type: ignore[assignment]
        os.umask(old)
    assert seen and all(mode == 0o600 for mode in seen)
    assert _mode(backup.parent) == 0o700


_RESTORER = textwrap.dedent(
    """
    import sys
    from desktop_app import backup_files
    real = backup_files._check_file
    def slow(path):
        if ".partiel" in path.name:
            print("COPIE", flush=True)
            import time; time.sleep(60)
        return real(path)
    backup_files._check_file = slow
    import desktop_app.backups as b
    b._check_file = slow
    b.restore_into(sys.argv[1], sys.argv[2])
    """
)


def test_the_copy_a_killed_restore_left_beside_the_base_is_cleaned_up(base: Path) -> None:
    backup = make_backup(base)
    proc = subprocess.Popen(
        [sys.executable, "-c", _RESTORER, str(backup), str(base)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "COPIE"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    left = list(base.parent.glob(PARTIAL_GLOB))
    assert left  # a copy as large as the base, with the same personal data
    old = time.time() - 3600
    for path in left:
        os.utime(path, (old, old))
    open_database(base).close()
    assert not list(base.parent.glob(PARTIAL_GLOB))


def test_a_backup_that_cannot_be_restored_says_why_about_the_backup(
    base: Path, tmp_path: Path
) -> None:
    good = make_backup(base)
    data = bytearray(good.read_bytes())
    damaged = tmp_path / "base-20991231-000001.sqlite"
    data[4096:8192] = b"\x55" * 4096
    damaged.write_bytes(bytes(data))
    text = tmp_path / "base-20991231-000002.sqlite"
    text.write_text("bonjour")
    empty = tmp_path / "base-20991231-000003.sqlite"
    empty.write_bytes(b"")

    for path, words in ((damaged, "endommagée"), (text, "n'est pas une sauvegarde"),
                        (empty, "vide")):
        reason = check_backup(path) or ""
        assert words in reason and path.name in reason
        # the advice of an opening error, about the base, is not repeated for a backup
        assert "Restaurez" not in reason and "restaurez" not in reason
        assert "Choisissez une autre sauvegarde." in reason


def test_a_restore_on_a_full_disk_says_what_could_not_be_written(tmp_path: Path) -> None:
    """The copy beside the base is what fails: the message said « La sauvegarde n'a pas pu
    être écrite », sending the user to look at the backups, which are fine."""
    from desktop_app.backups import BackupError
    from tests.test_safety_fs import fill_disk, small_disk

    backup = tmp_path / "base-20261201-120000.sqlite"
    with small_disk(tmp_path / "disque", "2m") as disk:
        base = disk / "base.sqlite"
        open_database(base).close()
        make_backup(base, tmp_path)
        next(tmp_path.glob("base-*.sqlite")).rename(backup)
        from desktop_app.db import WriterLock

        lock = WriterLock(base)  # taken before the disk filled up, as by the application
        filler = fill_disk(disk)
        before = base.read_bytes()
        with pytest.raises(BackupError) as info:
            restore_into(backup, base)
        lock.release()
        message = str(info.value)
        assert "recopiée à côté de la base" in message and "le disque est plein" in message
        assert "n'a pas pu être écrite" not in message
        assert base.read_bytes() == before
        assert not list(disk.glob(PARTIAL_GLOB))
        filler.unlink()
