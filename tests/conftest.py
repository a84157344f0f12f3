"""Shared fixtures: offscreen Qt, one QApplication set up in French, an isolated data folder and
QSettings per test, and a fresh temporary database per test."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_TMP = Path(tempfile.mkdtemp(prefix="cnum-tests-"))
os.environ["CNUM_BIBLIO_HOME"] = str(_SESSION_TMP / "home")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from desktop_app.views.pyside_imports import skip_feature_source_scan  # noqa: E402

skip_feature_source_scan()  # as the application does at start-up

from desktop_app.db import Database, open_database  # noqa: E402

QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_SESSION_TMP / "qsettings"))

# The demo data is anchored on this day in tests, so dates in assertions do not drift.
DEMO_TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CNUM_BIBLIO_HOME", str(home))
    QSettings().clear()
    return home


@pytest.fixture
def app(qapp):  # noqa: ANN001, ANN201 - pytest-qt's QApplication, set up like the real one
    from desktop_app.app import make_application

    return make_application()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "test.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from desktop_app.services.demo import seed_demo

    seed_demo(db, today=DEMO_TODAY)
    return db


@pytest.fixture
def ctx(app, db: Database):  # noqa: ANN001, ANN201
    from desktop_app.views.context import AppContext

    return AppContext(db)


@pytest.fixture
def demo_ctx(app, demo_db: Database):  # noqa: ANN001, ANN201
    from desktop_app.views.context import AppContext

    return AppContext(demo_db)


@pytest.fixture
def main_window(qtbot, demo_ctx):  # noqa: ANN001, ANN201
    from desktop_app.views.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    return window
