"""Backups with SQLite's online backup API: copy, check, list, thin, restore.

A backup belongs to its database: it sits in ``backups/`` beside the base and is named after it,
``<nom de la base>-AAAAMMJJ-HHMMSS.sqlite`` (``cnum-biblio-20261126-183000.sqlite`` for
``cnum-biblio.sqlite``). Copies made before a migration or a restore are
``avant-migration-<nom de la base>-….sqlite`` and are never thinned away. Listing, thinning and
restoring work per base, so the demo base and the real one can share a folder without one's
backups deleting or replacing the other's; a base not named ``.sqlite`` carries its suffix
(``mairie(db)-…`` for ``mairie.db``), so ``mairie.sqlite`` and ``mairie.db`` do not share theirs
either. The backup just made is never thinned, whatever the clock says.

Each copy is written to a temporary file (``.….partiel-…``, owner-only from its creation),
switched to a single-file journal,
checked (``PRAGMA integrity_check``), flushed to disk and only then renamed: a half-written or
corrupt backup never looks like a good one. Leftovers of a killed backup are removed later.

A backup is offered for restoring only if it is non-empty, opens, passes ``integrity_check`` and
is a CNum Biblio base of a known revision (``check_backup``). A restore never moves the current
file before the restored copy is complete and checked beside it; if the last rename fails, the
original is put back.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.backup_files import (  # noqa: F401  (re-exported: the backups API)
    AUTOMATIC,
    SPECIAL_KINDS,
    BackupError,
    BackupInfo,
    _base_name,
    _check_file,
    _os_message,
    _side_files,
    _sqlite_message,
    _unique,
    _write_copy,
    backup_stem,
    copy_database,
    list_backups,
    list_backups_for,
    premigration_copy,
)
from desktop_app.db import (
    SET_ASIDE_MARK,
    CorruptDatabaseError,
    DatabaseError,
    DatabaseInUseError,
    DatabaseLockedError,
    DatabaseTooNewError,
    NotADatabaseError,
    WriterLock,
    inspect,
)
from desktop_app.paths import backups_dir_for, make_private
from desktop_app.services.atomic_files import remove_leftovers, replace_durably, temporary_sibling

log = logging.getLogger(__name__)

KEEP_RECENT = 5  # the newest of the last 24 hours, whatever the day
RECENT_WINDOW = timedelta(hours=24)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


def make_backup(db_path: Path, to_dir: Path | None = None, *, kind: str = AUTOMATIC) -> Path:
    """A checked backup of ``db_path``; automatic ones in ``backups/`` are then thinned."""
    directory = Path(to_dir) if to_dir else backups_dir_for(db_path)
    remove_leftovers(directory)
    target = copy_database(Path(db_path), _unique(directory, backup_stem(db_path, kind)))
    make_private(directory)  # a backup holds the same personal data as the base
    make_private(target)
    if kind == AUTOMATIC and to_dir is None:
        thin_backups(directory, base=_base_name(db_path), keep=(target,))
    return target


def backups_to_keep(backups: Iterable[BackupInfo], now: datetime | None = None) -> set[Path]:
    """Grandfather-father-son, per base: the newest always; the last ``KEEP_RECENT`` of the
    last 24 hours; then the newest per day (7 days), per week (4), per month (12).

    "The last 24 hours" are counted both from the newest backup and from ``now``: a PC whose
    clock went back (a flat BIOS battery puts it years back at every start) stamps its new
    backups older than the ones already there, and they would all have been thinned away as
    soon as made — the work of every day since, never kept."""
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
        for start in {reference, now or reference}:
            recent = [b for b in automatic if timedelta(0) <= start - b.taken_at <= RECENT_WINDOW]
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


def thin_backups(
    directory: Path, base: str | None = None, keep: Iterable[Path] = ()
) -> list[Path]:
    """Delete automatic backups outside the plan (of one base, or of each base in turn), never
    those in ``keep`` (the backup just made: whatever the clock says, it is the latest state);
    return what went. A base's backups never count against another's."""
    backups = list_backups(directory, base)
    kept = backups_to_keep(backups, now=datetime.now()) | {Path(p) for p in keep}
    removed = []
    for backup in backups:
        if backup.automatic and backup.path not in kept:
            try:
                backup.path.unlink(missing_ok=True)
            except OSError:
                log.warning("Sauvegarde non supprimée : %s", backup.path, exc_info=True)
                continue
            removed.append(backup.path)
    return removed


# -- restoring --------------------------------------------------------------------------------
def check_backup(path: Path) -> str | None:
    """Why ``path`` must not be restored (French, about the backup: the advice of an opening
    error, « restaurez la dernière sauvegarde », would be nonsense here), or None when it is a
    sound CNum Biblio base of a known revision."""
    path = Path(path)
    name = path.name
    other = " Choisissez une autre sauvegarde."
    try:
        if path.stat().st_size == 0:
            return f"La sauvegarde « {name} » est vide (une copie interrompue ?).{other}"
        state = inspect(path)
    except CorruptDatabaseError:
        return f"La sauvegarde « {name} » est endommagée : elle ne peut pas être restaurée.{other}"
    except NotADatabaseError:
        return f"Le fichier « {name} » n'est pas une sauvegarde CNum Biblio.{other}"
    except DatabaseTooNewError:
        return (
            f"La sauvegarde « {name} » a été faite par une version plus récente de CNum Biblio : "
            "installez la dernière version de l'application pour la restaurer."
        )
    except DatabaseLockedError:
        return (
            f"La sauvegarde « {name} » est utilisée par un autre programme : fermez-le, puis "
            "réessayez."
        )
    except DatabaseError:
        return (
            f"La sauvegarde « {name} » ne peut pas être lue (disque, clé USB ou lecteur réseau ?)."
            f"{other}"
        )
    except OSError as exc:
        return f"La sauvegarde « {name} » ne peut pas être lue : {exc.strerror or exc}.{other}"
    if state.kind != "ours":
        return f"La sauvegarde « {name} » n'est pas une base CNum Biblio complète.{other}"
    if not _check_file(path):
        return f"La sauvegarde « {name} » est endommagée : elle ne peut pas être restaurée.{other}"
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


def _restore_copy_message(db_path: Path, exc: sqlite3.Error | OSError) -> str:
    """Why the backup could not be copied beside the base (the backup messages, « la
    sauvegarde n'a pas pu être écrite », would send the user looking at the backups)."""
    from desktop_app.errors import describe_os_error

    text = str(exc).lower()
    full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in text
    if full:
        reason = "le disque est plein. Libérez de la place (autant que la taille de la base), "
        reason += "puis réessayez."
    elif isinstance(exc, OSError):
        reason = describe_os_error(exc)
    else:
        reason = f"erreur d'écriture ({exc}). Vérifiez le disque, puis réessayez."
    return (
        f"La sauvegarde n'a pas pu être recopiée à côté de la base, dans « {db_path.parent} » : "
        f"{reason} Rien n'a été restauré, la base n'a pas été touchée."
    )


def _install_message(db_path: Path, exc: OSError) -> str:
    from desktop_app.errors import describe_os_error

    return (
        f"La base « {db_path.name} » n'a pas pu être remplacée par la sauvegarde. "
        f"{describe_os_error(exc)} Rien n'a été restauré, la base est telle qu'avant."
    )


def _prepare_restored_copy(backup: Path, db_path: Path) -> Path:
    """The checked copy of ``backup`` beside ``db_path``, under a temporary name."""
    reason = check_backup(backup)
    if reason is not None:
        raise BackupError(f"{reason} Rien n'a été restauré.")
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
        if isinstance(exc, sqlite3.Error | OSError):
            raise BackupError(_restore_copy_message(db_path, exc)) from exc
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


def _restore_lock(db_path: Path) -> WriterLock:
    """The writer lock for a restore; when another window or the command line writes to the
    base, a message about restoring (the opening's « ouvrez la base en lecture seule » would be
    nonsense here)."""
    try:
        return WriterLock(db_path, "restauration")
    except DatabaseInUseError as exc:
        raise BackupError(
            f"La base « {db_path.name} » est ouverte pour être modifiée "
            f"{exc.holder.describe()} (une autre fenêtre de CNum Biblio, ou la ligne de "
            "commande) : elle ne peut pas être remplacée pendant ce temps. Rien n'a été "
            "restauré. Fermez l'autre fenêtre, puis restaurez depuis celle-ci."
        ) from exc
    except OSError as exc:
        from desktop_app.errors import describe_os_error

        raise BackupError(
            f"La base « {db_path.name} » ne peut pas être remplacée. {describe_os_error(exc)} "
            "Rien n'a été restauré."
        ) from exc


def restore_into(backup: Path, db_path: Path) -> None:
    """Replace the database at ``db_path`` with ``backup`` (the database must be closed).

    The backup is checked first and copied beside the base before anything moves; the replaced
    file is deleted only once the restored one is in place.
    """
    backup, db_path = Path(backup), Path(db_path)
    lock = _restore_lock(db_path)
    try:
        tmp = _prepare_restored_copy(backup, db_path)
        old = db_path.with_name(f".{db_path.name}.remplacee-{os.getpid()}")
        try:
            _install(tmp, db_path, old)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BackupError(_install_message(db_path, exc)) from exc
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
    db_path = Path(db_path)
    if backup is None:
        chosen = latest_good_backup(db_path)
        if chosen is None:
            raise BackupError(
                "Aucune sauvegarde utilisable n'a été trouvée pour cette base ; rien n'a été "
                "modifié."
            )
        backup = chosen.path
    lock = _restore_lock(db_path)
    try:
        tmp = _prepare_restored_copy(Path(backup), db_path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = db_path.with_name(f"{db_path.stem}{SET_ASIDE_MARK}{stamp}{db_path.suffix}")
        had_file = db_path.exists()
        try:
            _install(tmp, db_path, aside)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BackupError(_install_message(db_path, exc)) from exc
        return aside if had_file else None
    finally:
        lock.release()
