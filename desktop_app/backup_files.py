"""Backup files at the lowest level: their names, listing them, writing one checked copy.

Shared by ``db.py`` (the copy before a migration, and knowing whether a missing base had
backups) and ``backups.py`` (making, thinning and restoring them), so that neither has to
import the other; also the one read-only connection (``connect_read_only``). Naming:
``<nom de la base>-AAAAMMJJ-HHMMSS.sqlite`` for automatic backups (``_base_name``),
``<type>-<nom de la base>-AAAAMMJJ-HHMMSS.sqlite`` for the copies made before a migration or a
restore; ``<type>-AAAAMMJJ-HHMMSS.sqlite`` are copies from before backups carried their base.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.paths import PRIVATE_FILE_MODE, backups_dir_for, private_dir
from desktop_app.services.atomic_files import atomic_path, remove_leftovers

AUTOMATIC = "cnum-biblio"  # the ``kind`` of automatic backups, kept for callers' sake
SPECIAL_KINDS = ("avant-migration", "avant-restauration")
_STAMP_RE = re.compile(r"^(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")
_ANY_RE = re.compile(r"^(?P<base>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")

class BackupError(Exception):
    """A backup could not be written, checked or restored (French message)."""

    user_facing = True  # ``errors.describe_user_error`` shows ``str(error)`` as is


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    automatic: bool  # False for copies made before a migration or a restore
    base: str = ""  # the stem of the database it was taken from ("" when unknown)
    kind: str = ""  # "" for automatic backups, else "avant-migration"…


OWN_SUFFIX = ".sqlite"


def _base_name(db_path: Path) -> str:
    """The name a base's backups carry: its stem for a ``.sqlite`` file (``cnum-biblio``), and
    its suffix in brackets otherwise (``mairie(db)`` for ``mairie.db``, ``mairie()`` without
    one). By the stem alone, ``mairie.sqlite`` and ``mairie.db`` in one folder shared their
    backups: one's thinning deleted the other's, and restoring one put the other's data in
    its place."""
    db_path = Path(db_path)
    if db_path.suffix.lower() == OWN_SUFFIX:
        return db_path.stem
    return f"{db_path.stem}({db_path.suffix[1:]})"


def _legacy_base_name(db_path: Path) -> str | None:
    """The stem under which a base not named ``.sqlite`` had its backups before they carried
    its suffix: still its own, unless a ``<stem>.sqlite`` beside it may own them."""
    db_path = Path(db_path)
    if db_path.suffix.lower() == OWN_SUFFIX:
        return None
    if db_path.with_suffix(OWN_SUFFIX).exists():
        return None
    return db_path.stem


BUSY_TIMEOUT_S = 10.0


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` read-only (``mode=ro``), whatever its accents, spaces, ``#``
    or ``?``."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write to ``path``, nor checkpoint or delete its ``-wal``.

    A read-write connection (even with ``query_only``) closing last checkpoints the WAL and
    deletes the ``-wal`` and ``-shm`` files when it gets the file's exclusive lock. It gets it
    whenever the writer's locks were dropped, and on Linux they are dropped by ANY ``close()``
    of the base file in the writer's process (POSIX locks belong to the process; Qt sniffing
    file types for a file dialog is enough): the writer then commits into a deleted file, and a
    power cut loses all of it. A ``mode=ro`` connection never checkpoints on close.

    On a medium that cannot be written (a write-protected USB key, a CD, a share where this
    account may only read), SQLite cannot create the ``-shm`` file a WAL base needs even to be
    read; when no ``-wal``, ``-shm`` nor ``-journal`` is there — no one is writing to it — the
    file is read as it stands (``immutable``)."""
    path = Path(path)
    try:
        conn = sqlite3.connect(
            read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False
        )
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL, if any
        return conn
    except sqlite3.OperationalError:
        sides = _side_files(path)  # a hot -journal too: read as it stands, it could be torn
        if os.access(path.parent, os.W_OK) or any(side.exists() for side in sides):
            raise
    return sqlite3.connect(
        read_only_uri(path) + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S,
        check_same_thread=False,
    )


def _check_file(path: Path) -> bool:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")]


def _write_copy(source: Path, tmp: Path) -> None:
    """Backup API from ``source`` into ``tmp``, as one self-contained file (no WAL).

    ``tmp`` is created owner-only before SQLite writes into it: SQLite would create it readable
    by everyone (0644), and a copy being written, or left by a killed backup, holds every
    person's data as the base does."""
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE_MODE))
    src = connect_read_only(Path(source))
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def copy_database(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with the backup API, check it, return ``target``."""
    target = Path(target)
    if target.parent.exists() and not target.parent.is_dir():
        raise BackupError(
            f"« {target.parent} » est un fichier, pas un dossier : indiquez le dossier où "
            "écrire la sauvegarde. La base n'a pas été touchée."
        )
    try:
        if not target.parent.is_dir():
            private_dir(target.parent)  # a backups folder is owner-only from its creation
    except OSError as exc:
        raise BackupError(_os_message(target.parent, exc)) from exc
    try:
        with atomic_path(target) as tmp:
            try:
                _write_copy(source, tmp)
                if not _check_file(tmp):
                    raise BackupError(
                        "La copie de sauvegarde est incorrecte ; elle a été supprimée."
                    )
            finally:
                for extra in _side_files(tmp):
                    extra.unlink(missing_ok=True)
    except sqlite3.Error as exc:
        raise BackupError(_sqlite_message(target.parent, exc)) from exc
    except OSError as exc:
        raise BackupError(_os_message(target.parent, exc)) from exc
    return target


def _sqlite_message(folder: Path, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        return (
            f"La sauvegarde n'a pas pu être écrite dans « {folder} » : le disque est plein. "
            "Libérez de la place, puis réessayez. La base n'a pas été touchée."
        )
    if "readonly" in text or "unable to open" in text or "read-only" in text:
        return (
            f"La sauvegarde n'a pas pu être écrite dans « {folder} » : dossier en lecture seule "
            "ou accès refusé. Choisissez un autre dossier."
        )
    return f"La sauvegarde n'a pas pu être faite ({exc}). La base n'a pas été touchée."


def _os_message(folder: Path, exc: OSError) -> str:
    from desktop_app.errors import describe_os_error

    return f"La sauvegarde n'a pas pu être écrite dans « {folder} ». {describe_os_error(exc)}"


def _unique(directory: Path, stem: str) -> Path:
    candidate = directory / f"{stem}.sqlite"
    n = 1
    while candidate.exists():
        candidate = directory / f"{stem}-{n}.sqlite"
        n += 1
    return candidate


def backup_stem(db_path: Path, kind: str = AUTOMATIC, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = _base_name(db_path)
    return f"{base}-{stamp}" if kind == AUTOMATIC else f"{kind}-{base}-{stamp}"


def premigration_copy(db_path: Path) -> Path:
    """The copy taken before a migration (kept until the user deletes it)."""
    directory = backups_dir_for(db_path)
    remove_leftovers(directory)
    return copy_database(Path(db_path), _unique(directory, backup_stem(db_path, "avant-migration")))


def _parse(path: Path, base: str | None) -> BackupInfo | None:
    """``<base>-<stamp>.sqlite`` (automatic) or ``<kind>-<base>-<stamp>.sqlite``; copies named
    ``<kind>-<stamp>.sqlite`` come from before backups carried their base (base "")."""
    name = path.name
    kind = next((k for k in SPECIAL_KINDS if name.startswith(k + "-")), "")
    rest = name[len(kind) + 1:] if kind else name
    match = None
    found_base = ""
    if kind and (legacy := _STAMP_RE.match(rest)):
        if base is not None:
            return None
        match = legacy
    elif base is None:
        match = _ANY_RE.match(rest)
        found_base = match["base"] if match else ""
    elif rest.startswith(base + "-"):
        match = _STAMP_RE.match(rest[len(base) + 1:])
        found_base = base
    if not match:
        return None
    try:
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, taken, size, not kind, found_base, kind)


def list_backups(directory: Path, base: str | None = None) -> list[BackupInfo]:
    """Backups in ``directory`` (only those of the base named ``base`` when given), newest
    first."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = [
        info
        for path in directory.glob("*.sqlite")
        if not path.name.startswith(".") and (info := _parse(path, base)) is not None
    ]
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def list_backups_for(db_path: Path) -> list[BackupInfo]:
    """The backups of this database (its restore list), newest first."""
    directory = backups_dir_for(db_path)
    found = list_backups(directory, base=_base_name(db_path))
    legacy = _legacy_base_name(db_path)
    if legacy is not None:
        found += list_backups(directory, base=legacy)
        found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found
