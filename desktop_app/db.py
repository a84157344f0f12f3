"""The database: opening a file safely, one writer per file, SQLite settings, migrations.

Everything SQLite-specific lives here (pragmas, header and integrity checks, the writer lock; the
backup API is in ``backups.py``); models and services use portable SQLAlchemy so that the same
schema can later run on PostgreSQL.

Opening tells the truth, because the file is the library's only copy of its records:
1. the file is checked through a read-only connection. It is called damaged ("endommagée", a
   restore is offered) only when SQLite says so (``quick_check``, a corrupt page, tables of our
   schema missing). A full disk, a read-only file or folder, a missing folder, a locked file, an
   unreadable path, a folder given instead of a file: each has its own message and nothing to
   restore, since the file itself is sound;
2. a file is ours only if its tables and revisions are ours; another program's SQLite file, or
   another Alembic database, is refused untouched; a database written by a newer version of the
   application is refused untouched;
3. a missing file becomes a new database only when nothing beside it (backups of this base, a
   damaged copy set aside) says there was data: otherwise the user is told and offered those;
4. before migrating an existing file, a copy is made in ``backups/``; every migration of one
   opening runs in ONE transaction (SQLite's DDL is transactional when we issue ``BEGIN``
   ourselves), so a kill leaves the old schema or the new one, never half of it. A new database
   is built in a temporary file and renamed when complete;
5. one writer per file: a lock file beside the base, held with an OS lock for as long as the
   ``Database`` is open. The OS drops the lock when a process dies, so a lock left by a crash is
   recognised as stale without asking anyone. A second opener gets ``DatabaseInUseError`` (who
   holds it, since when) and may open the base read-only instead. On Linux the writer also
   locks a byte of the base itself that SQLite never uses (``_writer_byte``), so deleting the
   lock file while the application runs does not make a second writer. A base whose file or
   folder cannot be written (a CD, a write-protected key, a read-only share) is opened
   read-only: the command line reads it, the application offers it.

A ``Database`` keeps one SQLite connection open for its whole life (besides the pool). With WAL,
the last connection to close checkpoints and deletes the ``-wal``/``-shm`` files; holding one
guarantees that another program opening and closing the file never does this under our feet.
That guarantee rests on the writer's locks, which on Linux any ``close()`` of the base file in the
writer's process silently drops: so a base opened read-only (the command line while the
application runs, a second window) connects with ``mode=ro``, which never checkpoints nor
deletes anything when it closes; and on Linux the writer holds open-file-description locks
where SQLite's would be (``_WalGuard``), which no ``close()`` elsewhere in its process drops, so
that other programs (DB Browser, the sqlite3 shell) still see it.
"""

from __future__ import annotations

import ast
import errno
import getpass
import json
import logging
import os
import shutil
import socket
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desktop_app import models  # noqa: F401  (registers every table)
from desktop_app.backup_files import (
    BackupError,
    connect_read_only,
    list_backups_for,
    premigration_copy,
    read_only_uri,  # noqa: F401  (part of this module's API)
)

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCK_SUFFIX = ".verrou"
SET_ASIDE_MARK = ".endommagee-"
MIN_FREE_BYTES = 2 * 1024 * 1024  # below this, opening (WAL and shm files) is bound to fail

Access = Literal["write", "auto", "read"]


# --------------------------------------------------------------------------------------------
# Errors: each one carries the French message shown to the user and what may be offered.
# --------------------------------------------------------------------------------------------
class DatabaseError(Exception):
    """A database problem the user can act on; ``str(error)`` is the French message."""

    user_facing = True  # ``errors.describe_user_error`` shows ``str(error)`` as is


class DatabaseOpenError(DatabaseError):
    """A database that cannot be opened."""

    offer_restore = False  # the file is damaged or missing: restoring a backup may help
    offer_read_only = False  # the file is sound but another program writes to it


class NotADatabaseError(DatabaseOpenError):
    offer_restore = True


class CorruptDatabaseError(DatabaseOpenError):
    offer_restore = True


class DatabaseTooNewError(DatabaseOpenError):
    pass


class DatabaseLockedError(DatabaseOpenError):
    pass


class DatabaseReadOnlyError(DatabaseOpenError):
    """The file or its folder cannot be written (permissions, read-only medium). An existing
    base can still be read (``offer_read_only``): the application offers it, the command line
    reads."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.offer_read_only = path is not None and path.is_file() and os.access(path, os.R_OK)


class DiskFullError(DatabaseOpenError):
    pass


class DatabaseMissingError(DatabaseOpenError):
    """The file is gone but backups or a set-aside copy sit beside it: do not start empty."""

    offer_restore = True

    def __init__(self, message: str, evidence: list[Path]) -> None:
        super().__init__(message)
        self.evidence = evidence


@dataclass(frozen=True)
class LockHolder:
    """Who holds a base open for writing (read from the lock file, may be partly unknown)."""

    pid: int | None = None
    host: str = ""
    user: str = ""
    since: str = ""
    program: str = ""

    def describe(self) -> str:
        """« sur ce poste » or « par Marie sur le poste ACCUEIL », with the time when known."""
        when = ""
        if self.since:
            try:
                when = f", depuis le {datetime.fromisoformat(self.since):%d/%m/%Y à %H:%M}"
            except ValueError:
                when = ""
        who = f" par {self.user}" if self.user else ""
        if not self.host or self.host == socket.gethostname():
            return f"sur ce poste{who}{when}"
        return f"{who.strip() or 'par un autre utilisateur'} sur le poste {self.host}{when}"


class DatabaseInUseError(DatabaseOpenError):
    """Another process holds the writer lock; the base can still be opened read-only."""

    offer_read_only = True

    def __init__(self, message: str, holder: LockHolder) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyDatabaseError(DatabaseError):
    """A write was attempted on a base opened read-only (nothing was written)."""


def _in_use_message(name: str, holder: LockHolder) -> str:
    return (
        f"La base « {name} » est déjà ouverte {holder.describe()} (ou par la ligne de commande). "
        "Fermez l'autre fenêtre de CNum Biblio, ou ouvrez la base en lecture seule."
    )


def _read_only_write_message(name: str, *, medium: bool = False) -> str:
    if medium:
        return (
            f"La base « {name} » est ouverte en lecture seule (le fichier ou son dossier ne peut "
            "pas être modifié) : rien n'a été enregistré. Copiez la base dans un dossier où vous "
            "pouvez écrire, puis ouvrez cette copie."
        )
    return (
        f"La base « {name} » est ouverte en lecture seule (elle est déjà ouverte ailleurs, dans "
        "CNum Biblio) : rien n'a été enregistré. Fermez l'application, puis réessayez."
    )


def _corrupt_message(name: str) -> str:
    return (
        f"La base « {name} » est endommagée et ne peut pas être ouverte. "
        "Elle n'a pas été modifiée. Restaurez la dernière sauvegarde."
    )


def _locked_message(name: str) -> str:
    return (
        f"La base « {name} » est utilisée par un autre programme (ou une autre fenêtre de "
        "CNum Biblio). Fermez-le, puis réessayez."
    )


def _read_only_message(path: Path) -> str:
    return (
        f"La base « {path.name} » ne peut pas être modifiée : le fichier ou son dossier "
        f"« {path.parent} » est en lecture seule. Copiez la base dans un dossier où vous pouvez "
        "écrire, ou demandez les droits d'écriture à votre informaticien. Le fichier n'a pas été "
        "modifié."
    )


def _disk_full_message(path: Path) -> str:
    return (
        f"Le disque qui contient la base « {path.name} » est plein : elle ne peut pas être "
        "ouverte. La base n'est pas endommagée. Libérez de la place (corbeille, fichiers "
        "inutiles), puis relancez CNum Biblio."
    )


def _not_ours_message(name: str) -> str:
    return (
        f"Le fichier « {name} » est une base SQLite, mais pas une base CNum Biblio. "
        "Il n'a pas été modifié."
    )


# --------------------------------------------------------------------------------------------
# Diagnosing what went wrong from SQLite's and the OS's errors.
# --------------------------------------------------------------------------------------------
def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _folder_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def diagnose_os_error(path: Path, exc: OSError) -> DatabaseOpenError:
    """The error to show for an OS error met while opening ``path``."""
    name = path.name
    if exc.errno == errno.ENOSPC:
        return DiskFullError(_disk_full_message(path))
    if exc.errno == errno.EROFS:
        return DatabaseReadOnlyError(_read_only_message(path), path)
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return DatabaseOpenError(
            f"Le fichier « {name} » ne peut pas être lu : accès refusé (dossier « {path.parent} »). "
            "Vérifiez les droits sur le dossier ou choisissez un autre fichier."
        )
    if exc.errno == errno.EISDIR or isinstance(exc, IsADirectoryError):
        return DatabaseOpenError(_is_a_folder_message(path))
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOTDIR:
        return DatabaseOpenError(_missing_folder_message(path))
    return DatabaseOpenError(
        f"Le fichier « {name} » ne peut pas être lu ({exc.strerror or exc}). Vérifiez le disque "
        "ou la clé USB, puis réessayez. Le fichier n'a pas été modifié."
    )


def _is_a_folder_message(path: Path) -> str:
    return (
        f"« {path} » est un dossier, pas un fichier de base. Choisissez le fichier « .sqlite » "
        "qui se trouve dans ce dossier."
    )


def _missing_folder_message(path: Path) -> str:
    return (
        f"Le dossier « {path.parent} » est introuvable (clé USB ou lecteur réseau débranché ?). "
        "Rebranchez-le, ou choisissez un autre emplacement pour la base."
    )


def _side_folder_error(path: Path) -> DatabaseOpenError | None:
    """A folder where SQLite needs a journal file of the base (``-wal``, ``-shm``,
    ``-journal``): SQLite then fails in ways that read like a read-only folder."""
    for side in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")):
        if side.is_dir():
            return DatabaseOpenError(
                f"« {side.name} », à côté de la base « {path.name} », est un dossier : SQLite a "
                "besoin de ce nom pour le journal de la base. Déplacez ou renommez ce dossier, "
                "puis réessayez. La base n'a pas été modifiée."
            )
    return None


def diagnose_sqlite_error(path: Path, exc: sqlite3.Error) -> DatabaseOpenError:
    """The error to show for an SQLite error met while opening ``path``.

    Damage is only claimed for the codes that mean damage (corrupt page, not a database);
    a full disk, a read-only medium, a lock or a failing device are said as such.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    name = path.name
    if primary == 11 or "malformed" in text:  # SQLITE_CORRUPT
        return CorruptDatabaseError(_corrupt_message(name))
    if primary == 26 or "not a database" in text:  # SQLITE_NOTADB
        return CorruptDatabaseError(_corrupt_message(name))
    if primary in (5, 6) or "locked" in text or "busy" in text:  # SQLITE_BUSY, SQLITE_LOCKED
        return DatabaseLockedError(_locked_message(name))
    if primary == 13 or "full" in text:  # SQLITE_FULL
        return DiskFullError(_disk_full_message(path))
    free = _free_bytes(path.parent)
    if free is not None and free < MIN_FREE_BYTES:
        return DiskFullError(_disk_full_message(path))
    side_folder = _side_folder_error(path)
    if side_folder is not None:
        return side_folder
    if primary in (8, 3, 14, 23) or "readonly" in text or "read-only" in text:
        # SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH
        if not os.access(path, os.R_OK):
            return diagnose_os_error(path, PermissionError(errno.EACCES, "accès refusé"))
        return DatabaseReadOnlyError(_read_only_message(path), path)
    if not _folder_writable(path.parent) or (path.exists() and not os.access(path, os.W_OK)):
        return DatabaseReadOnlyError(_read_only_message(path), path)
    return DatabaseOpenError(
        f"Erreur de lecture ou d'écriture sur le disque en ouvrant « {name} » ({exc}). "
        "Vérifiez le support (clé USB, lecteur réseau), puis réessayez. Le fichier n'a pas été "
        "modifié."
    )


# --------------------------------------------------------------------------------------------
# Alembic: revisions and the tables each set of revisions should hold.
# --------------------------------------------------------------------------------------------
def alembic_config():  # noqa: ANN201 - alembic.config.Config, imported only when needed
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _declared(value: ast.expr) -> tuple[str, ...]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return (value.value,)
    if isinstance(value, ast.Tuple | ast.List):
        return tuple(e.value for e in value.elts if isinstance(e, ast.Constant))
    return ()


@cache
def _revision_graph() -> dict[str, tuple[str, ...]] | None:
    """``revision → down revisions``, read from the migration files without importing Alembic.

    Opening an up-to-date base is the common case at every start: reading two assignments per
    file costs a few milliseconds, where loading Alembic and its script directory cost about
    0.4 s. None when the sources are not there (a build shipping bytecode only): Alembic then
    answers."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, tuple[str, ...]] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None and target.id in (
                        "revision", "down_revision"
                    ):
                        found[target.id] = _declared(node.value)
        if found.get("revision"):
            graph[found["revision"][0]] = found.get("down_revision", ())
    return graph or None


@cache
def script_heads() -> frozenset[str]:
    graph = _revision_graph()
    if graph is not None:
        parents = {p for downs in graph.values() for p in downs}
        return frozenset(r for r in graph if r not in parents)
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


@cache
def known_revisions() -> frozenset[str]:
    graph = _revision_graph()
    if graph is not None:
        return frozenset(graph)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def model_tables() -> frozenset[str]:
    """The tables the ORM models declare, plus Alembic's version table: the schema at the
    heads (a test checks that migrating to the heads gives exactly these)."""
    from desktop_app.models.base import Base

    return frozenset(Base.metadata.tables) | {"alembic_version"}


@cache
def migrated_tables(revisions: frozenset[str]) -> frozenset[str]:
    """The tables a database at ``revisions`` holds, found by migrating an in-memory database
    (so this stays true whatever the migrations do, without a list to keep up to date)."""
    from alembic import command

    engine = create_engine("sqlite://")
    _make_transactional(engine)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            for revision in sorted(revisions):
                command.upgrade(cfg, revision)
            rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            return frozenset(r[0] for r in rows if not r[0].startswith("sqlite_"))
    finally:
        engine.dispose()


def expected_tables(revisions: frozenset[str]) -> frozenset[str]:
    """The tables of a base at ``revisions``: the models' tables at the heads, otherwise what
    migrating an empty base to those revisions creates."""
    if frozenset(revisions) == script_heads():
        return model_tables()
    return migrated_tables(frozenset(revisions))


def our_tables() -> frozenset[str]:
    """Every table of the current schema (the tables of older revisions are a subset)."""
    return expected_tables(script_heads())


# --------------------------------------------------------------------------------------------
# Inspecting a file without writing to it.
# --------------------------------------------------------------------------------------------
@dataclass
class FileState:
    """What ``inspect`` found. ``kind`` is ``new`` (no file), ``ours`` (a CNum Biblio base at
    ``revisions``) or ``unfinished`` (a first start that stopped before recording its version:
    our tables only, all empty)."""

    kind: Literal["new", "ours", "unfinished"]
    revisions: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)


def _readonly_connect(path: Path) -> sqlite3.Connection:
    return connect_read_only(path)


def inspect(path: Path, *, check_pages: bool = True) -> FileState:
    """Check a file without writing to it (see the module's docstring for what is refused).

    ``check_pages`` runs SQLite's ``quick_check`` over every page (tens of milliseconds for a
    large base): ``open_database`` looks once without it before taking the lock, then once
    with it, so a base is read through only once per opening."""
    path = Path(path)
    name = path.name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        parent_ok = path.parent.is_dir()
        if not parent_ok and path.parent.exists():
            raise DatabaseOpenError(
                f"« {path.parent} » n'est pas un dossier : la base ne peut pas y être créée."
            ) from None
        return FileState("new")
    except NotADirectoryError:
        raise DatabaseOpenError(
            f"« {path.parent} » n'est pas un dossier : la base ne peut pas y être créée."
        ) from None
    except OSError as exc:
        raise diagnose_os_error(path, exc) from exc
    if os.path.isdir(path):
        raise DatabaseOpenError(_is_a_folder_message(path))
    side_folder = _side_folder_error(path)
    if side_folder is not None:
        raise side_folder
    if st.st_size == 0:
        raise NotADatabaseError(
            f"Le fichier « {name} » est vide : ce n'est pas une base de données CNum Biblio. "
            "Il n'a pas été modifié. Choisissez un autre fichier ou restaurez une sauvegarde."
        )
    if not _open_in_this_process(path):
        # Reading the header with open()/close() would drop this process's SQLite locks on
        # the file (POSIX locks belong to the process), so it is skipped for a base we hold.
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise diagnose_os_error(path, exc) from exc
        if header != SQLITE_HEADER:
            raise NotADatabaseError(
                f"Le fichier « {name} » n'est pas une base de données CNum Biblio. "
                "Il n'a pas été modifié. Choisissez un autre fichier ou restaurez une sauvegarde."
            )
    try:
        conn = _readonly_connect(path)
        try:
            if check_pages:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    raise CorruptDatabaseError(_corrupt_message(name))
            tables = {
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                if not r[0].startswith("sqlite_")
            }
            revisions: set[str] = set()
            if "alembic_version" in tables:
                revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
            empty = all(
                conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() is None
                for t in tables & our_tables()
            ) if not revisions else False
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise diagnose_sqlite_error(path, exc) from exc
    return _classify(name, tables, revisions, empty)


def _classify(name: str, tables: set[str], revisions: set[str], empty: bool) -> FileState:
    ours = our_tables()
    if not tables:
        return FileState("new")  # a header and nothing else: nothing to lose
    if not revisions:
        if "alembic_version" in tables and tables <= ours and empty:
            return FileState("unfinished", tables=tables)
        if "alembic_version" in tables and tables <= ours:
            raise CorruptDatabaseError(
                f"La base « {name} » contient des données mais pas sa version : elle est "
                "incomplète. Elle n'a pas été modifiée. Restaurez la dernière sauvegarde."
            )
        raise NotADatabaseError(_not_ours_message(name))
    unknown = revisions - known_revisions()
    if unknown:
        if not (tables - {"alembic_version"}) & ours:
            raise NotADatabaseError(_not_ours_message(name))
        raise DatabaseTooNewError(
            f"La base « {name} » a été enregistrée par une version plus récente de CNum Biblio. "
            "Installez la dernière version de l'application pour l'ouvrir. "
            "Le fichier n'a pas été modifié."
        )
    if tables - ours:
        raise NotADatabaseError(_not_ours_message(name))
    expected = expected_tables(frozenset(revisions))
    missing = expected - tables
    if missing:
        raise CorruptDatabaseError(
            f"La base « {name} » est endommagée : il lui manque des tables "
            f"({', '.join(sorted(missing))}). Elle n'a pas été modifiée. "
            "Restaurez la dernière sauvegarde."
        )
    ahead = tables - expected
    if ahead:
        raise CorruptDatabaseError(
            f"La base « {name} » est incohérente : la version de schéma qu'elle indique "
            f"({', '.join(sorted(revisions))}) ne correspond pas à ses tables "
            f"({', '.join(sorted(ahead))} en trop). Elle n'a pas été modifiée. Restaurez la "
            "dernière sauvegarde, ou demandez de l'aide à l'assistance."
        )
    return FileState("ours", revisions=set(revisions), tables=tables)


def inspect_file(path: Path) -> set[str]:
    """Check an existing file without writing to it; return its schema revisions.

    Raises a ``DatabaseOpenError`` subclass with a French message when the file must not be
    opened. A missing file returns an empty set (a new database).
    """
    return inspect(path).revisions


def set_aside_files(db_path: Path) -> list[Path]:
    """Damaged copies of this base that were renamed aside by a restore."""
    db_path = Path(db_path)
    try:
        return sorted(db_path.parent.glob(f"{db_path.stem}{SET_ASIDE_MARK}*{db_path.suffix}"))
    except OSError:
        return []


# --------------------------------------------------------------------------------------------
# The writer lock (portable: also serves the command line, so no Qt here).
# --------------------------------------------------------------------------------------------
def lock_path_for(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; lock one far from the holder's details


def _os_try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _os_unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_lock_holder(db_path: Path) -> LockHolder:
    try:
        raw = lock_path_for(db_path).read_text(encoding="utf-8", errors="replace")
        data = json.loads(raw or "{}")
    except (OSError, ValueError):
        return LockHolder()
    if not isinstance(data, dict):
        return LockHolder()
    pid = data.get("pid")
    return LockHolder(
        pid=pid if isinstance(pid, int) else None,
        host=str(data.get("host", "")),
        user=str(data.get("user", "")),
        since=str(data.get("since", "")),
        program=str(data.get("program", "")),
    )


class _HeldLock:
    def __init__(self, fd: int, key: str, base_fd: int | None = None) -> None:
        self.fd = fd
        self.key = key
        self.base_fd = base_fd  # holds the writer byte of the base (Linux), see _writer_byte
        self.count = 1


# A byte of the base file that SQLite never locks (it locks 0x40000000 … 0x400001FF).
_WRITER_BYTE = 0x40000000 + 4096


class _WriterByteTaken(Exception):
    pass


def _writer_byte(db_path: Path) -> int | None:
    """Lock the base's writer byte (Linux: an open-file-description lock); return the
    descriptor holding it, None where this cannot be done.

    The lock file can be deleted while the application runs (the README says it may be, when
    no CNum Biblio runs); a second window would then create a new one, lock it, and write too.
    The base file itself cannot go away under its writer, and this byte stays locked as long
    as the writer holds it, whatever is deleted. Raises ``_WriterByteTaken`` when another
    process holds it."""
    if not _ofd_locks_available():
        return None
    try:
        fd = os.open(db_path, os.O_RDWR)
    except OSError:
        return None  # no base yet, or one that cannot be written (read only: no writer)
    try:
        _ofd_lock(fd, read=False, start=_WRITER_BYTE, length=1)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise _WriterByteTaken from exc
        return None
    return fd


_locks: dict[str, _HeldLock] = {}
_locks_guard = threading.Lock()


def _lock_key(db_path: Path) -> str:
    return os.path.normcase(str(Path(db_path).resolve()))


def _open_in_this_process(db_path: Path) -> bool:
    with _locks_guard:
        return _lock_key(db_path) in _locks


class WriterLock:
    """The right to write to one base, for as long as it is held (``release()`` gives it back).

    Inside one process the lock is shared (counted): the application may hold several
    ``Database`` objects on one file, e.g. while it replaces one by another.
    """

    def __init__(self, db_path: Path, program: str = "", *, probe: bool = False) -> None:
        """``probe``: only to learn whether another process holds it — the base's writer byte
        is then left alone (opening and closing the base would drop this process's SQLite
        locks on it, and it may have the base open read-only)."""
        self.db_path = Path(db_path)
        self._held: _HeldLock | None = None
        key = _lock_key(db_path)
        with _locks_guard:
            held = _locks.get(key)
            if held is not None:
                held.count += 1
                self._held = held
                return
            lock_path = lock_path_for(db_path)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            base_fd: int | None = None
            try:
                if not _os_try_lock(fd):
                    holder = read_lock_holder(db_path)
                    raise DatabaseInUseError(_in_use_message(self.db_path.name, holder), holder)
                try:
                    base_fd = None if probe else _writer_byte(self.db_path)
                except _WriterByteTaken:
                    holder = LockHolder()  # its lock file was deleted: who is unknown
                    raise DatabaseInUseError(
                        _in_use_message(self.db_path.name, holder), holder
                    ) from None
                details = {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "user": _user_name(),
                    "since": datetime.now().isoformat(timespec="seconds"),
                    "program": program,
                }
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, json.dumps(details, ensure_ascii=False).encode("utf-8"))
            except BaseException:
                os.close(fd)
                if base_fd is not None:
                    os.close(base_fd)
                raise
            held = _HeldLock(fd, key, base_fd)
            _locks[key] = held
            self._held = held

    def release(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        with _locks_guard:
            held.count -= 1
            if held.count > 0:
                return
            _locks.pop(held.key, None)
            try:
                os.ftruncate(held.fd, 0)  # no stale details left for the next reader
                _os_unlock(held.fd)
            except OSError:
                pass
            finally:
                os.close(held.fd)
            if held.base_fd is not None:
                # closing a descriptor of the base drops this process's SQLite locks on it:
                # the Database is closed by now (it releases its lock last)
                with suppress(OSError):
                    os.close(held.base_fd)

    @property
    def held(self) -> bool:
        return self._held is not None


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service accounts
        return ""


def is_open_elsewhere(db_path: Path) -> LockHolder | None:
    """Who holds the base open for writing in another process, or None (CLI guard, GUI banner)."""
    if _open_in_this_process(db_path) or not lock_path_for(db_path).exists():
        return None
    try:
        lock = WriterLock(db_path, probe=True)
    except DatabaseInUseError as exc:
        return exc.holder
    except OSError:
        return None
    lock.release()
    return None


# --------------------------------------------------------------------------------------------
# Engine, sessions, the Database object.
# --------------------------------------------------------------------------------------------
def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # Power cuts are common where the application runs: FULL syncs the WAL at every commit.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _set_reader_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _make_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, start transactions, and start them with BEGIN.

    The sqlite3 module only opens a transaction before INSERT/UPDATE/DELETE: DDL (the first
    schema) then runs statement by statement, and reads run outside the write's transaction.
    With ``BEGIN`` issued at the start of every SQLAlchemy transaction, a unit of work, and all
    the migrations of one opening, are each one transaction.
    """

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001 - a sqlalchemy Connection
        conn.exec_driver_sql("BEGIN")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """The engine of one base; ``read_only``: every connection is ``connect_read_only``."""
    engine = create_engine(
        f"sqlite:///{Path(path).resolve()}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # an error's text never carries the values (names, phones…)
    )
    if read_only:

        @event.listens_for(engine, "do_connect")
        def _connect(*_args: object) -> sqlite3.Connection:
            return connect_read_only(path)

        event.listen(engine, "connect", _set_reader_pragmas)
    else:
        event.listen(engine, "connect", _set_sqlite_pragmas)
    _make_transactional(engine)
    return engine


# SQLite's unix locking: a connection's SHARED lock on the base is a read lock on these bytes,
# the one that may checkpoint and delete the WAL takes a write lock on them; the ``-shm`` file's
# byte 128 ("DMS") tells whether a process is the first to use the shared memory.
_SHARED_FIRST = 0x40000000 + 2
_SHARED_SIZE = 510
_SHM_DMS = 128


class _WalGuard:
    """Read locks that keep the writer visible to every other SQLite, whatever else its process
    does with the base file (Linux only: elsewhere locks are not shared by the whole process).

    SQLite's own locks are POSIX record locks: any ``close()`` of the base file in this process
    (Qt sniffing a file's type for a file dialog, a file picked as an attachment) drops them all.
    Another program's connection closing would then take the write lock, checkpoint and DELETE
    the ``-wal`` and ``-shm`` files this process still writes into, and a power cut would lose
    every record saved afterwards; another one opening would believe it is the first and reset
    the shared memory. Open-file-description locks (``F_OFD_SETLK``) belong to our own file
    descriptor, so no one else's ``close()`` drops them; they conflict with the other programs'
    POSIX write locks exactly where SQLite's own read locks would.
    """

    def __init__(self, path: Path) -> None:
        self._fds: list[int] = []
        if not _ofd_locks_available():
            return
        for target, start, length in (
            (path, _SHARED_FIRST, _SHARED_SIZE),
            (path.with_name(path.name + "-shm"), _SHM_DMS, 1),
        ):
            try:
                fd = os.open(target, os.O_RDONLY)
            except OSError:
                continue
            try:
                _ofd_lock(fd, read=True, start=start, length=length)
            except OSError:
                log.warning("Verrou de garde non posé sur %s", target.name, exc_info=True)
                os.close(fd)
                continue
            self._fds.append(fd)

    def unlock(self) -> None:
        """Give the locks back (before the last connection closes: it may then checkpoint)."""
        for fd in self._fds:
            with suppress(OSError):
                _ofd_lock(fd, read=None, start=0, length=0)

    def close(self) -> None:
        """Close the descriptors, once no SQLite connection of this ``Database`` is open (a
        ``close()`` drops this process's POSIX locks on the file)."""
        fds, self._fds = self._fds, []
        for fd in fds:
            with suppress(OSError):
                os.close(fd)


def _ofd_locks_available() -> bool:
    import struct

    if not sys.platform.startswith("linux") or struct.calcsize("P") != 8:
        return False  # the struct below is 64-bit Linux's
    import fcntl

    return hasattr(fcntl, "F_OFD_SETLK")


def _ofd_lock(fd: int, *, read: bool | None, start: int, length: int) -> None:
    """``F_OFD_SETLK`` (never waits): a read lock, or none (``read=None``) from ``start``."""
    import fcntl
    import struct

    kind = fcntl.F_UNLCK if read is None else (fcntl.F_RDLCK if read else fcntl.F_WRLCK)
    # struct flock on 64-bit Linux: short l_type, short l_whence, off_t l_start, off_t l_len,
    # pid_t l_pid (0 for OFD locks), padding
    fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", kind, os.SEEK_SET, start, length, 0))


_WRITE_WORDS = ("insert", "update", "delete", "replace", "create", "drop", "alter")


class Database:
    """An open, migrated database file. Use ``session()`` for each unit of work.

    ``read_only`` is True when another process holds the base for writing: reads work, and any
    write raises ``ReadOnlyDatabaseError`` before reaching the file.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        lock: WriterLock | None = None,
        read_only: bool = False,
        holder: LockHolder | None = None,
        read_only_medium: bool = False,
    ) -> None:
        self.path = Path(path)
        self.engine = engine
        self.read_only = read_only
        self.holder = holder
        # read-only because the file or its folder cannot be written, not because of a holder
        self.read_only_medium = read_only_medium
        self._lock = lock
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self.change_count = 0
        event.listen(self._sessions, "after_flush", self._on_flush)
        event.listen(self._sessions, "do_orm_execute", self._on_execute)
        if read_only:
            event.listen(engine, "before_cursor_execute", self._refuse_writes)
        self._keeper: sqlite3.Connection | None = None
        self._guard: _WalGuard | None = None
        try:
            with engine.connect() as conn:  # sets WAL first, then the keeper joins it
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            keeper = (
                connect_read_only(self.path) if read_only else sqlite3.connect(
                    str(self.path.resolve()), timeout=BUSY_TIMEOUT_MS / 1000,
                    check_same_thread=False,
                )
            )
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
            self._keeper = keeper
            # the -shm file exists now that a connection uses the WAL
            self._guard = _WalGuard(self.path) if lock is not None else None
        except Exception:
            engine.dispose()
            if lock is not None:
                lock.release()
            raise

    # -- change tracking (automatic backups skip a database that did not change) --
    def _on_flush(self, session: Session, _ctx: object) -> None:
        self.change_count += 1

    def _on_execute(self, state: object) -> None:
        if getattr(state, "is_insert", False) or getattr(state, "is_update", False) or getattr(
            state, "is_delete", False
        ):
            self.change_count += 1

    def _refuse_writes(self, _conn, _cursor, statement: str, *_args: object) -> None:  # noqa: ANN001
        if statement.lstrip().lower().startswith(_WRITE_WORDS):
            raise ReadOnlyDatabaseError(
                _read_only_write_message(self.path.name, medium=self.read_only_medium)
            )

    def mark_changed(self) -> None:
        self.change_count += 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def integrity_problems(self) -> list[str]:
        """SQLite's full integrity check plus foreign keys; an empty list when all is well."""
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            fk_rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems = [] if rows == ["ok"] else rows
        problems += [f"Référence cassée dans la table {r[0]} (ligne {r[1]})" for r in fk_rows]
        return problems

    def quick_check_ok(self) -> bool:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")] == ["ok"]

    def read_only_notice(self) -> str | None:
        """The banner text to show while the base is open read-only (None otherwise)."""
        if not self.read_only:
            return None
        if self.read_only_medium:
            return (
                "Lecture seule : le fichier de la base ou son dossier ne peut pas être modifié "
                "(clé USB protégée, CD, dossier partagé en lecture seule, fichier en lecture "
                "seule). Vous pouvez consulter et imprimer ; pour modifier, copiez la base dans "
                "un dossier où vous pouvez écrire."
            )
        where = self.holder.describe() if self.holder else "ailleurs"
        return (
            f"Lecture seule : la base est déjà ouverte {where}. Vous pouvez consulter et "
            "imprimer ; pour modifier, fermez l'autre fenêtre puis rouvrez CNum Biblio."
        )

    @property
    def closed(self) -> bool:
        return self._keeper is None and (self._lock is None or not self._lock.held)

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL), then release the lock."""
        self.engine.dispose()
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.unlock()
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            try:
                keeper.close()
            except sqlite3.Error:
                log.warning("Fermeture de la base %s", self.path, exc_info=True)
        if guard is not None:
            guard.close()
        if self._lock is not None:
            self._lock.release()


# --------------------------------------------------------------------------------------------
# Opening.
# --------------------------------------------------------------------------------------------
def _upgrade(engine: Engine, *, drop_first: set[str] | None = None) -> None:
    """All pending migrations in one transaction (``BEGIN`` … ``COMMIT``)."""
    with engine.begin() as conn:
        if drop_first:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for table in sorted(drop_first):
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"')
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        from alembic import command

        command.upgrade(cfg, "heads")


def _create_new(path: Path) -> None:
    """Build the whole schema in a temporary file beside ``path``, then rename it."""
    from desktop_app.services.atomic_files import atomic_path, remove_leftovers

    remove_leftovers(path.parent)  # a first start killed earlier left its temporary file
    with atomic_path(path) as tmp:
        engine = create_engine(f"sqlite:///{tmp.resolve()}", hide_parameters=True)
        _make_transactional(engine)
        try:
            _upgrade(engine)
        finally:
            engine.dispose()
        for suffix in ("-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)


def _evidence_of_data(path: Path) -> list[Path]:
    found: list[Path] = list(set_aside_files(path))
    with suppress(OSError):
        found += [b.path for b in list_backups_for(path)]
    return found


def _prepare_folder(path: Path, create_parent: bool) -> None:
    if path.parent.is_dir():
        if not _folder_writable(path.parent):
            raise DatabaseReadOnlyError(_read_only_message(path), path)
        return
    if not create_parent:
        raise DatabaseOpenError(_missing_folder_message(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            f"Le dossier « {path.parent} » ne peut pas être créé : "
            f"{_os_reason(exc)}. Choisissez un autre emplacement pour la base."
        ) from exc


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "le disque est plein"
    if exc.errno == errno.EROFS:
        return "le disque est en lecture seule"
    if isinstance(exc, PermissionError):
        return "accès refusé"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "un fichier porte déjà ce nom"
    return exc.strerror or str(exc)


def open_database(
    path: Path | str,
    *,
    access: Access = "auto",
    create_parent: bool = True,
    allow_new: bool = False,
    program: str = "",
) -> Database:
    """Open (creating or migrating as needed) the database at ``path``.

    ``access``: ``write`` requires the writer lock (``DatabaseInUseError`` when another process
    holds it: the application then offers read-only); ``read`` opens read-only without the
    lock; ``auto`` (command line, tests) takes the lock when free and otherwise opens
    read-only, so that reading commands work while the application is open and writing ones
    are refused. ``allow_new`` creates a new base even when backups or a set-aside copy of a
    base of this name exist beside it (the user said so).
    """
    path = Path(path)
    # read-only, refusing what must not be opened before anything else; the pages are read
    # through below, once, when the file can no longer change under us
    state = inspect(path, check_pages=False)
    if state.kind == "new":
        _prepare_folder(path, create_parent)
    lock: WriterLock | None = None
    holder: LockHolder | None = None
    medium = False  # read-only because nothing can be written there
    if access == "read":
        holder = is_open_elsewhere(path)
        medium = holder is None and not _writable(path)
    else:
        try:
            lock = WriterLock(path, program)
        except DatabaseInUseError as exc:
            if access == "write":
                raise
            holder = exc.holder
        except OSError as exc:  # no lock file possible: the folder cannot be written
            error = _diagnose_write_failure(path, exc)
            if access == "write" or state.kind != "ours" or not error.offer_read_only:
                raise error from exc
            medium = True  # the command line reads what it cannot write
        if lock is not None and state.kind == "ours" and not _writable(path):
            lock.release()  # the file itself is read-only (copied from a CD, an attachment)
            lock = None
            if access == "write":
                raise DatabaseReadOnlyError(_read_only_message(path), path)
            medium = True
    try:
        state = inspect(path)  # whole check; it may also have changed while we took the lock
        if lock is None and medium:
            if state.kind != "ours" or state.revisions != script_heads():
                raise DatabaseReadOnlyError(
                    _read_only_message(path) + " Elle doit d'abord être mise à jour par "
                    "l'application, dans un dossier où elle peut écrire."
                )
            engine = make_engine(path, read_only=True)
            return Database(path, engine, read_only=True, read_only_medium=True)
        if lock is None:
            if state.kind != "ours" or state.revisions != script_heads():
                raise DatabaseInUseError(
                    _in_use_message(path.name, holder or LockHolder())
                    + " Elle doit d'abord être mise à jour par l'application.",
                    holder or LockHolder(),
                )
            engine = make_engine(path, read_only=True)
            return Database(path, engine, read_only=True, holder=holder)
        if state.kind == "new":
            evidence = [] if allow_new else _evidence_of_data(path)
            if evidence:
                raise DatabaseMissingError(
                    f"La base « {path.name} » est introuvable dans « {path.parent} », mais "
                    f"{_describe_evidence(evidence)}. Aucune base vide n'a été "
                    "créée : restaurez la sauvegarde, ou vérifiez l'emplacement choisi.",
                    evidence,
                )
            if path.exists():  # an SQLite header without any table
                path.unlink()
            _create_new(path)
        elif state.kind == "unfinished":
            engine = make_engine(path)
            try:
                _upgrade(engine, drop_first=state.tables)
            finally:
                engine.dispose()
        elif state.revisions != script_heads():
            premigration_copy(path)
            engine = make_engine(path)
            try:
                _upgrade(engine)
            finally:
                engine.dispose()
        engine = make_engine(path)
        database = Database(path, engine, lock=lock)
        _make_private_files(path)
        _remove_interrupted_copies(path)
        return database
    except DatabaseError:
        if lock is not None:
            lock.release()
        raise
    except sqlite3.Error as exc:
        if lock is not None:
            lock.release()
        raise diagnose_sqlite_error(path, exc) from exc
    except OSError as exc:
        if lock is not None:
            lock.release()
        raise _diagnose_write_failure(path, exc) from exc
    except Exception as exc:
        if lock is not None:
            lock.release()
        inner = getattr(exc, "orig", None)
        if isinstance(inner, sqlite3.Error):
            raise diagnose_sqlite_error(path, inner) from exc
        if isinstance(exc, BackupError):
            raise DatabaseOpenError(
                f"La base « {path.name} » doit être mise à jour, mais la copie de sécurité "
                f"préalable n'a pas pu être faite : {exc} La base n'a pas été modifiée."
            ) from exc
        raise


def _writable(path: Path) -> bool:
    """The base file and its folder can be written (SQLite needs both: journal files)."""
    return _folder_writable(path.parent) and (not path.exists() or os.access(path, os.W_OK))


def _make_private_files(path: Path) -> None:
    """The base, its journal files, its lock and its backups readable by their owner only
    (they hold personal data); files an older version left readable are tightened here."""
    from desktop_app.paths import backups_dir_for, make_private, tighten_tree

    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")),
                 lock_path_for(path)):
        make_private(file)
    backups = backups_dir_for(path)
    if backups.is_dir():
        tighten_tree(backups)


def _remove_interrupted_copies(path: Path) -> None:
    """The hidden copies a killed restore or export left beside the base (``.….partiel-…``,
    each as large as the base and holding the same personal data) go once they are old enough
    not to be another process's write in progress."""
    from desktop_app.services.atomic_files import remove_leftovers

    with suppress(OSError):
        remove_leftovers(path.parent)


def _diagnose_write_failure(path: Path, exc: OSError) -> DatabaseOpenError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(_disk_full_message(path))
    if exc.errno == errno.EROFS or isinstance(exc, PermissionError):
        return DatabaseReadOnlyError(_read_only_message(path), path)
    return diagnose_os_error(path, exc)


def _describe_evidence(evidence: list[Path]) -> str:
    aside = [p for p in evidence if SET_ASIDE_MARK in p.name]
    backups = len(evidence) - len(aside)
    parts = []
    if backups:
        parts.append(f"{backups} sauvegarde{'s' if backups > 1 else ''}")
    if aside:
        parts.append(f"une copie mise de côté ({aside[-1].name})")
    several = backups > 1 or len(parts) > 1
    return " et ".join(parts) + (" s'y trouvent" if several else " s'y trouve")
