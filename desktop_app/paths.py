"""Where things live: user data, backups, logs and bundled resources.

One helper for resources works from a source checkout and from a PyInstaller build alike
(`sys._MEIPASS`), so no module ever builds a resource path by hand. The data folder can be
moved with the environment variable ``CNUM_BIBLIO_HOME`` (tests, portable installs).

The data folder holds personal data (candidates, people helped): on Linux and macOS it, the
database, backups, attached files and logs are readable by the user's account only (folders
0700, files 0600), and what an older version left readable is tightened at start-up. On
Windows the folder is the per-user ``AppData`` one, whose access list is already the user's.

Logs never hold personal data: ``PrivateLogFormatter`` removes SQL parameters, e-mail
addresses and phone numbers from every line (values are never logged on purpose; this catches
what a library or an exception's text would carry), and logs older than ``LOG_KEEP_DAYS`` are
deleted.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
import time
from pathlib import Path

from platformdirs import user_data_dir

from desktop_app import APP_NAME

DB_FILE_NAME = "cnum-biblio.sqlite"
DEMO_DB_FILE_NAME = "cnum-biblio-demo.sqlite"


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
LOG_KEEP_DAYS = 90
_POSIX = os.name == "posix"


def make_private(path: Path) -> bool:
    """Owner-only access to ``path`` (0700 for a folder, 0600 for a file); True when its mode
    changed. Links are left alone (their target may not be ours); failures are ignored (a
    file on a FAT key has no modes): the data stays usable."""
    if not _POSIX:
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False
    wanted = PRIVATE_DIR_MODE if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE_MODE
    if stat.S_IMODE(info.st_mode) == wanted:
        return False
    try:
        os.chmod(path, wanted)
    except OSError:
        return False
    return True


def private_dir(path: Path) -> Path:
    """``path`` created when missing (with its parents), owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    make_private(path)
    return path


def tighten_tree(root: Path) -> int:
    """Every folder and file under ``root`` (and itself) made owner-only; how many changed."""
    changed = int(make_private(root))
    for folder, dirs, names in os.walk(root):
        for name in (*dirs, *names):
            changed += make_private(Path(folder) / name)
    return changed


def data_dir() -> Path:
    """The user's data folder, created when missing, readable by its owner only."""
    override = os.environ.get("CNUM_BIBLIO_HOME")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILE_NAME


def backups_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database they protect, in ``backups/``."""
    return Path(db_path).resolve().parent / "backups"


def logs_dir() -> Path:
    return private_dir(data_dir() / "logs")


def files_dir() -> Path:
    """Attached files (CVs…) copied into the data folder."""
    return private_dir(data_dir() / "fichiers")


# -- logs without personal data ------------------------------------------------------------------
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(|$|\n))", re.DOTALL)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers as people type them (06 12 34 56 78, 06.12…, +33 6…), and any "+" number
_PHONE = re.compile(
    r"(?<![\w-])(?:(?:\+33|0033)\s?\(?0?\)?\s?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?![\w])"
    r"|\+\d(?:[\s.\-]?\d){7,13}(?![\w])"
)


def redact(text: str) -> str:
    """``text`` without SQL parameters, e-mail addresses or phone numbers."""
    text = _PARAMETERS.sub("[parameters: masqués]", text)
    text = _EMAIL.sub("<e-mail masqué>", text)
    return _PHONE.sub("<numéro masqué>", text)


class PrivateLogFormatter(logging.Formatter):
    """A formatter whose every line (message, traceback) goes through ``redact``."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def error_summary(exc: BaseException) -> str:
    """What a log may say of an error: its type, and for a database statement the operation
    and the table ("IntegrityError sur INSERT participant"), never a value."""
    statement = getattr(exc, "statement", None)
    if isinstance(statement, str):
        found = re.match(r"\s*(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM)\s+\"?(\w+)",
                         statement, re.IGNORECASE | re.DOTALL)
        if found:
            operation = found.group(1).split()[0].upper()
            return f"{type(exc).__name__} sur {operation} {found.group(2)}"
    return type(exc).__name__


def purge_old_logs(folder: Path, keep_days: int = LOG_KEEP_DAYS, now: float | None = None) -> int:
    """Delete log files not written for ``keep_days`` days; how many went."""
    limit = (now if now is not None else time.time()) - keep_days * 86400
    removed = 0
    for path in folder.glob("*.log*"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
