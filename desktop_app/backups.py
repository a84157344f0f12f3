"""Backups with SQLite's online backup API: copy, check, list, thin, restore.

A backup is a complete database file in ``backups/`` beside the database, named
``cnum-biblio-AAAAMMJJ-HHMMSS.sqlite``. Each copy is checked (``PRAGMA integrity_check``) after it
is written and before it takes its final name, so a half-written or corrupt backup never looks
like a good one. Copies made before a migration or a restore keep other names and are never
thinned away automatically.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.paths import backups_dir_for

BACKUP_PREFIX = "cnum-biblio-"
_NAME_RE = re.compile(r"^(?P<kind>[a-z-]+?)-?(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite$")

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


class BackupError(Exception):
    """A backup could not be written or did not pass its check (French message)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    automatic: bool  # False for copies made before a migration or a restore


def _check_file(path: Path) -> bool:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def copy_database(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with the backup API, check it, return ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partiel")
    try:
        src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"La sauvegarde n'a pas pu être écrite : {exc}.") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(
            f"La sauvegarde n'a pas pu être écrite dans « {target.parent} » : {exc.strerror}."
        ) from exc
    if not _check_file(tmp):
        tmp.unlink(missing_ok=True)
        raise BackupError("La copie de sauvegarde est incorrecte ; elle a été supprimée.")
    os.replace(tmp, target)
    return target


def _unique(directory: Path, stem: str) -> Path:
    candidate = directory / f"{stem}.sqlite"
    n = 1
    while candidate.exists():
        candidate = directory / f"{stem}-{n}.sqlite"
        n += 1
    return candidate


def make_backup(db_path: Path, to_dir: Path | None = None, *, kind: str = "cnum-biblio") -> Path:
    """A checked backup of ``db_path``; automatic ones are then thinned."""
    directory = Path(to_dir) if to_dir else backups_dir_for(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = copy_database(Path(db_path), _unique(directory, f"{kind}-{stamp}"))
    if kind == "cnum-biblio" and to_dir is None:
        thin_backups(directory)
    return target


def list_backups(directory: Path) -> list[BackupInfo]:
    """Backups in ``directory``, newest first."""
    if not directory.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in directory.glob("*.sqlite"):
        match = _NAME_RE.match(path.name)
        if not match:
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(
            BackupInfo(path, taken, path.stat().st_size, match["kind"] == "cnum-biblio")
        )
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def backups_to_keep(backups: list[BackupInfo]) -> set[Path]:
    """Grandfather-father-son: newest per day (7 days), per week (4), per month (12)."""
    automatic = sorted((b for b in backups if b.automatic), key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = {automatic[0].path} if automatic else set()
    for limit, key in (
        (KEEP_DAILY, lambda b: b.taken_at.date()),
        (KEEP_WEEKLY, lambda b: b.taken_at.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda b: (b.taken_at.year, b.taken_at.month)),
    ):
        seen: list[object] = []
        for backup in automatic:
            period = key(backup)
            if period in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(period)
            keep.add(backup.path)
    return keep


def thin_backups(directory: Path) -> list[Path]:
    """Delete automatic backups outside the daily/weekly/monthly plan; return what went."""
    backups = list_backups(directory)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.automatic and backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore_into(backup: Path, db_path: Path) -> None:
    """Overwrite the database at ``db_path`` with ``backup`` (the database must be closed).

    The backup is checked first; the copy goes through the backup API so that the WAL and the
    main file stay consistent.
    """
    if not _check_file(backup):
        raise BackupError(f"La sauvegarde « {backup.name} » est endommagée ; rien n'a été restauré.")
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def set_aside_and_restore_latest(db_path: Path) -> Path:
    """For a damaged database: rename it (kept, unmodified) and put the latest backup in its
    place. Returns the path the damaged file was moved to."""
    backups = list_backups(backups_dir_for(db_path))
    if not backups:
        raise BackupError("Aucune sauvegarde n'est disponible pour cette base.")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.endommagee-{stamp}{db_path.suffix}")
    os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    restore_into(backups[0].path, db_path)
    return aside
