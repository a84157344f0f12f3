"""The database: opening a file safely, SQLite settings, migrations at start-up, sessions.

Everything SQLite-specific lives here (pragmas, header and integrity checks, the backup API is in
``backups.py``); models and services use portable SQLAlchemy so that the same schema can later run
on PostgreSQL.

Opening is careful, because the file is the library's only copy of its records:
1. a file that is not an SQLite database, or a corrupt one, is refused and never written to;
2. a database written by a newer version of the application is refused and left untouched;
3. before migrating an existing file to a newer schema, a copy is made in ``backups/``;
4. only then is the file opened for writing and migrated.
Steps 1–3 read the file through a read-only connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desktop_app import models  # noqa: F401  (registers every table)
from desktop_app.paths import backups_dir_for

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseOpenError(Exception):
    """A database that cannot be opened; ``str(error)`` is a French message for the user."""

    offer_restore = False


class NotADatabaseError(DatabaseOpenError):
    offer_restore = True


class CorruptDatabaseError(DatabaseOpenError):
    offer_restore = True


class DatabaseTooNewError(DatabaseOpenError):
    pass


class DatabaseLockedError(DatabaseOpenError):
    pass


def _readonly_connect(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def inspect_file(path: Path) -> set[str]:
    """Check an existing file without writing to it; return its schema revisions.

    Raises a ``DatabaseOpenError`` subclass with a French message when the file must not be
    opened. An empty or missing file returns an empty set (a new database).
    """
    if not path.exists() or path.stat().st_size == 0:
        return set()
    name = path.name
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseOpenError(
            f"Le fichier « {name} » ne peut pas être lu : accès refusé. "
            "Vérifiez les droits sur le dossier ou choisissez un autre fichier."
        ) from exc
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"Le fichier « {name} » n'est pas une base de données CNum Biblio. "
            "Il n'a pas été modifié. Choisissez un autre fichier ou restaurez une sauvegarde."
        )
    try:
        conn = _readonly_connect(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                raise CorruptDatabaseError(_corrupt_message(name))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revisions: set[str] = set()
            if "alembic_version" in tables:
                revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():
            raise DatabaseLockedError(_locked_message(name)) from exc
        raise CorruptDatabaseError(_corrupt_message(name)) from exc
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(_corrupt_message(name)) from exc
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if user_tables and not revisions:
        raise NotADatabaseError(
            f"Le fichier « {name} » est une base SQLite, mais pas une base CNum Biblio. "
            "Il n'a pas été modifié."
        )
    unknown = revisions - known_revisions()
    if unknown:
        raise DatabaseTooNewError(
            f"La base « {name} » a été enregistrée par une version plus récente de CNum Biblio. "
            "Installez la dernière version de l'application pour l'ouvrir. "
            "Le fichier n'a pas été modifié."
        )
    return revisions


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


def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """An open, migrated database file. Use ``session()`` for each unit of work."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = Path(path)
        self.engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self.change_count = 0
        event.listen(self._sessions, "after_flush", self._on_flush)
        event.listen(self._sessions, "do_orm_execute", self._on_execute)

    # -- change tracking (automatic backups skip a database that did not change) --
    def _on_flush(self, session: Session, _ctx: object) -> None:
        self.change_count += 1

    def _on_execute(self, state: object) -> None:
        if getattr(state, "is_insert", False) or getattr(state, "is_update", False) or getattr(
            state, "is_delete", False
        ):
            self.change_count += 1

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

    def close(self) -> None:
        self.engine.dispose()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{Path(path).resolve()}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(path: Path | str) -> Database:
    """Open (creating or migrating as needed) the database at ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            f"Le dossier « {path.parent} » ne peut pas être créé : {exc.strerror}."
        ) from exc
    revisions = inspect_file(path)
    heads = script_heads()
    if revisions and revisions != heads:
        from desktop_app.backups import copy_database

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy_database(path, backups_dir_for(path) / f"avant-migration-{stamp}.sqlite")
    engine = make_engine(path)
    try:
        if revisions != heads:
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
    except Exception as exc:
        engine.dispose()
        if "locked" in str(exc).lower():
            raise DatabaseLockedError(_locked_message(path.name)) from exc
        if isinstance(exc, PermissionError) or "readonly" in str(exc).lower():
            raise DatabaseOpenError(
                f"La base « {path.name} » est en lecture seule. Copiez-la dans un dossier où "
                "vous pouvez écrire, ou vérifiez les droits du dossier."
            ) from exc
        raise
    return Database(path, engine)
