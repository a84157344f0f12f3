"""Backups with SQLite's online backup API: copy, check, list, thin, restore.

A backup belongs to its database: it sits in ``backups/`` beside the base and is named after it,
``<nom de la base>-AAAAMMJJ-HHMMSS.sqlite`` (``cnum-biblio-20261126-183000.sqlite`` for
``cnum-biblio.sqlite``). Copies made before a migration or a restore are
``avant-migration-<nom de la base>-….sqlite`` and are never thinned away. Listing, thinning and
restoring work per base, so the demo base and the real one can share a folder without one's
backups deleting or replacing the other's.

Each copy is written to a temporary file (``.….partiel-…``), switched to a single-file journal,
checked (``PRAGMA integrity_check``), flushed to disk and only then renamed: a half-written or
corrupt backup never looks like a good one. Leftovers of a killed backup are removed later.

A backup is offered for restoring only if it is non-empty, opens, passes ``integrity_check`` and
is a CNum Biblio base of a known revision (``check_backup``). A restore never moves the current
file before the restored copy is complete and checked beside it; if the last rename fails, the
original is put back.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.paths import backups_dir_for
from desktop_app.services.atomic_files import atomic_path, remove_leftovers, replace_durably

log = logging.getLogger(__name__)

AUTOMATIC = "cnum-biblio"  # the ``kind`` of automatic backups, kept for callers' sake
SPECIAL_KINDS = ("avant-migration", "avant-restauration")
_STAMP_RE = re.compile(r"^(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")
_ANY_RE = re.compile(r"^(?P<base>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")

KEEP_RECENT = 5  # the newest of the last 24 hours, whatever the day
RECENT_WINDOW = timedelta(hours=24)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


class BackupError(Exception):
    """A backup could not be written, checked or restored (French message)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    automatic: bool  # False for copies made before a migration or a restore
    base: str = ""  # the stem of the database it was taken from ("" when unknown)
    kind: str = ""  # "" for automatic backups, else "avant-migration"…


def _base_name(db_path: Path) -> str:
    return Path(db_path).stem


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
    """Backup API from ``source`` into ``tmp``, as one self-contained file (no WAL)."""
    src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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


def make_backup(db_path: Path, to_dir: Path | None = None, *, kind: str = AUTOMATIC) -> Path:
    """A checked backup of ``db_path``; automatic ones in ``backups/`` are then thinned."""
    directory = Path(to_dir) if to_dir else backups_dir_for(db_path)
    remove_leftovers(directory)
    target = copy_database(Path(db_path), _unique(directory, backup_stem(db_path, kind)))
    if kind == AUTOMATIC and to_dir is None:
        thin_backups(directory, base=_base_name(db_path))
    return target


def premigration_copy(db_path: Path) -> Path:
    """The copy taken before a migration (kept until the user deletes it)."""
    return make_backup(db_path, kind="avant-migration")


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
    return list_backups(backups_dir_for(db_path), base=_base_name(db_path))


def backups_to_keep(backups: Iterable[BackupInfo], now: datetime | None = None) -> set[Path]:
    """Grandfather-father-son, per base: the newest always; the last ``KEEP_RECENT`` of the
    last 24 hours; then the newest per day (7 days), per week (4), per month (12)."""
    keep: set[Path] = set()
    by_base: dict[str, list[BackupInfo]] = {}
    for backup in backups:
        if backup.automatic:
            by_base.setdefault(backup.base, []).append(backup)
    for automatic in by_base.values():
        automatic.sort(key=lambda b: b.taken_at, reverse=True)
        newest = automatic[0].taken_at
        reference = max(now or newest, newest)
        keep.add(automatic[0].path)
        recent = [b for b in automatic if reference - b.taken_at <= RECENT_WINDOW]
        keep.update(b.path for b in recent[:KEEP_RECENT])
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


def thin_backups(directory: Path, base: str | None = None) -> list[Path]:
    """Delete automatic backups outside the plan (of one base, or of each base in turn);
    return what went. A base's backups never count against another's."""
    backups = list_backups(directory, base)
    keep = backups_to_keep(backups, now=datetime.now())
    removed = []
    for backup in backups:
        if backup.automatic and backup.path not in keep:
            try:
                backup.path.unlink(missing_ok=True)
            except OSError:
                log.warning("Sauvegarde non supprimée : %s", backup.path, exc_info=True)
                continue
            removed.append(backup.path)
    return removed


# -- restoring --------------------------------------------------------------------------------
def check_backup(path: Path) -> str | None:
    """Why ``path`` must not be restored (French), or None when it is a sound CNum Biblio base
    of a known revision."""
    from desktop_app.db import DatabaseError, inspect

    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return f"La sauvegarde « {path.name} » est vide."
        state = inspect(path)
    except DatabaseError as exc:
        return f"La sauvegarde « {path.name} » n'est pas utilisable : {exc}"
    except OSError as exc:
        return f"La sauvegarde « {path.name} » ne peut pas être lue : {exc.strerror or exc}."
    if state.kind != "ours":
        return f"La sauvegarde « {path.name} » n'est pas une base CNum Biblio complète."
    if not _check_file(path):
        return f"La sauvegarde « {path.name} » est endommagée."
    return None


def good_backups(db_path: Path) -> Iterable[BackupInfo]:
    """This base's backups that pass ``check_backup``, newest first (checked lazily)."""
    for backup in list_backups_for(db_path):
        reason = check_backup(backup.path)
        if reason is None:
            yield backup
        else:
            log.warning("Sauvegarde écartée : %s", reason)


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    return next(iter(good_backups(db_path)), None)


def _prepare_restored_copy(backup: Path, db_path: Path) -> Path:
    """The checked copy of ``backup`` beside ``db_path``, under a temporary name."""
    reason = check_backup(backup)
    if reason is not None:
        raise BackupError(f"{reason} Rien n'a été restauré.")
    from desktop_app.services.atomic_files import temporary_sibling

    tmp = temporary_sibling(db_path)
    try:
        _write_copy(backup, tmp)
        if not _check_file(tmp):
            raise BackupError(
                f"La copie de « {backup.name} » est incorrecte ; rien n'a été restauré."
            )
    except BaseException as exc:
        for extra in [tmp, *_side_files(tmp)]:
            extra.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            message = _sqlite_message(db_path.parent, exc)
            raise BackupError(message + " Rien n'a été restauré.") from exc
        if isinstance(exc, OSError):
            message = _os_message(db_path.parent, exc)
            raise BackupError(message + " Rien n'a été restauré.") from exc
        raise
    for extra in _side_files(tmp):
        extra.unlink(missing_ok=True)
    return tmp


def _move_with_side_files(source: Path, target: Path) -> list[tuple[Path, Path]]:
    """Rename ``source`` and its ``-wal``/``-shm`` to ``target``; return what moved."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            src = source.with_name(source.name + suffix)
            dst = target.with_name(target.name + suffix)
            if src.exists():
                os.replace(src, dst)
                moved.append((src, dst))
    except OSError:
        _undo_moves(moved)
        raise
    return moved


def _undo_moves(moved: list[tuple[Path, Path]]) -> None:
    for src, dst in reversed(moved):
        try:
            os.replace(dst, src)
        except OSError:
            log.error("Impossible de remettre %s à sa place (%s)", src, dst, exc_info=True)


def _install(tmp: Path, db_path: Path, aside: Path) -> None:
    """Move the current file (and its WAL) to ``aside``, put ``tmp`` in its place; if the last
    step fails, the current file goes back as it was."""
    moved = _move_with_side_files(db_path, aside)
    try:
        replace_durably(tmp, db_path)
    except BaseException:
        _undo_moves(moved)
        raise


def restore_into(backup: Path, db_path: Path) -> None:
    """Replace the database at ``db_path`` with ``backup`` (the database must be closed).

    The backup is checked first and copied beside the base before anything moves; the replaced
    file is deleted only once the restored one is in place.
    """
    from desktop_app.db import WriterLock

    backup, db_path = Path(backup), Path(db_path)
    lock = WriterLock(db_path, "restauration")
    try:
        tmp = _prepare_restored_copy(backup, db_path)
        old = db_path.with_name(f".{db_path.name}.remplacee-{os.getpid()}")
        try:
            _install(tmp, db_path, old)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BackupError(_os_message(db_path.parent, exc) + " Rien n'a été restauré.") from exc
        for extra in [old, *_side_files(old)]:
            extra.unlink(missing_ok=True)
    finally:
        lock.release()


def set_aside_and_restore_latest(db_path: Path, backup: Path | None = None) -> Path | None:
    """For a damaged (or missing) database: put the newest usable backup (or ``backup``) in its
    place, keeping the damaged file beside it, renamed and unmodified.

    Returns where the damaged file went (None when there was no file). Raises ``BackupError``,
    with nothing changed, when no backup is usable or the copy fails.
    """
    from desktop_app.db import SET_ASIDE_MARK, WriterLock

    db_path = Path(db_path)
    if backup is None:
        chosen = latest_good_backup(db_path)
        if chosen is None:
            raise BackupError(
                "Aucune sauvegarde utilisable n'a été trouvée pour cette base ; rien n'a été "
                "modifié."
            )
        backup = chosen.path
    lock = WriterLock(db_path, "restauration")
    try:
        tmp = _prepare_restored_copy(Path(backup), db_path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = db_path.with_name(f"{db_path.stem}{SET_ASIDE_MARK}{stamp}{db_path.suffix}")
        had_file = db_path.exists()
        try:
            _install(tmp, db_path, aside)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BackupError(_os_message(db_path.parent, exc) + " Rien n'a été restauré.") from exc
        return aside if had_file else None
    finally:
        lock.release()
