"""Where things live: user data, backups, logs and bundled resources.

One helper for resources works from a source checkout and from a PyInstaller build alike
(`sys._MEIPASS`), so no module ever builds a resource path by hand. The data folder can be
moved with the environment variable ``CNUM_BIBLIO_HOME`` (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from desktop_app import APP_NAME

DB_FILE_NAME = "cnum-biblio.sqlite"
DEMO_DB_FILE_NAME = "cnum-biblio-demo.sqlite"


def data_dir() -> Path:
    """The user's data folder, created when missing."""
    override = os.environ.get("CNUM_BIBLIO_HOME")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILE_NAME


def backups_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database they protect, in ``backups/``."""
    return Path(db_path).resolve().parent / "backups"


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def files_dir() -> Path:
    """Attached files (CVs…) copied into the data folder."""
    path = data_dir() / "fichiers"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
