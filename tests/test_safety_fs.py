"""Real file-system conditions for the data-safety tests: a small disk that can be filled, a
read-only folder. As root (CI containers) a tmpfs is mounted, since permissions do not stop
root; otherwise the folder's permissions are used, and the full disk is skipped."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount_tmpfs(where: Path, size: str) -> bool:
    if not IS_ROOT or shutil.which("mount") is None:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        timeout=20,
    )
    return result.returncode == 0


def _unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=20)


@contextlib.contextmanager
def small_disk(where: Path, size: str = "4m") -> Iterator[Path]:
    """A folder on its own small file system (skips the test when none can be mounted)."""
    where.mkdir(parents=True, exist_ok=True)
    if not _mount_tmpfs(where, size):
        pytest.skip("un petit système de fichiers ne peut pas être monté ici")
    try:
        yield where
    finally:
        _unmount(where)


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the disk is full; delete it to free the space."""
    filler = folder / "remplissage.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for chunk in (1 << 16, 1 << 12, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * chunk)
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """Make ``folder`` (already filled) read-only for this process until the block ends."""
    if IS_ROOT:
        backup = folder.with_name(folder.name + "-contenu")
        shutil.copytree(folder, backup)
        if not _mount_tmpfs(folder, "8m"):
            shutil.rmtree(backup)
            pytest.skip("un dossier en lecture seule ne peut pas être simulé ici")
        try:
            for item in backup.iterdir():
                shutil.copy2(item, folder / item.name)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, timeout=20)
            yield folder
        finally:
            _unmount(folder)
            shutil.rmtree(backup, ignore_errors=True)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield folder
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def test_small_disk_fills_up(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disque", "1m") as disk:
        fill_disk(disk)
        with pytest.raises(OSError) as info:
            (disk / "encore.txt").write_bytes(b"x" * 8192)
        assert info.value.errno == errno.ENOSPC


def test_read_only_folder_refuses_writes(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.txt").write_text("contenu", encoding="utf-8")
    with read_only_folder(folder):
        assert (folder / "a.txt").read_text(encoding="utf-8") == "contenu"
        with pytest.raises(OSError):
            (folder / "b.txt").write_text("x", encoding="utf-8")
    assert (folder / "a.txt").exists()
