"""Start-up of the graphical application: QApplication, French translations, icon, error
dialog, opening the database (with plain messages when it cannot be), the first-start
assistant, then the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, __version__
from desktop_app.paths import default_db_path, demo_db_path, resource
from desktop_app.system_check import require_gui_libraries
from desktop_app.views.pyside_imports import skip_feature_source_scan

skip_feature_source_scan()  # before SQLAlchemy and the views: each would have its source read

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the splash is shown
    from desktop_app.db import Database, DatabaseOpenError

ORGANIZATION = "CNum Biblio"


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource("icons", f"cnum-biblio-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up in French (also used by tests and the self-test)."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    install_translations(app)
    app.setWindowIcon(app_icon())
    return app


def install_translations(app: QApplication) -> None:
    if getattr(app, "_cnum_translators", None):
        return
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(app)
        if translator.load(name, folder) or translator.load(name, str(resource("translations"))):
            app.installTranslator(translator)
            translators.append(translator)
    app._cnum_translators = translators  # type: ignore[attr-defined]


# -- opening the base: every refusal is explained, and only real remedies are offered --
QUIT, RESTORE, READ_ONLY, NEW_BASE = "quit", "restore", "read-only", "new"


def ask_user(title: str, text: str, informative: str, choices: list[tuple[str, str]]) -> str:
    """Show a critical box with one button per (key, label); return the key chosen (QUIT when
    the box is closed). Tests replace this function to answer for the user."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if informative:
        box.setInformativeText(informative)
    buttons = {}
    for key, label in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole if key == QUIT else QMessageBox.ButtonRole.AcceptRole
        )
        buttons[box.addButton(label, role)] = key
    _run_box(box)
    return buttons.get(box.clickedButton(), QUIT)


def _run_box(box: QMessageBox) -> None:
    """``exec()`` the box; also say it on stderr (one line, for a start from a terminal), and
    close it by itself in start-up smoke checks (``CNUM_BIBLIO_QUIT_AFTER_MS``)."""
    from desktop_app.views import splash

    splash.dismiss()  # never a box hidden behind the splash
    text = " ".join(f"{box.text()} {box.informativeText()}".split())
    print(f"cnum-biblio : {text}", file=sys.stderr)
    quit_after = os.environ.get("CNUM_BIBLIO_QUIT_AFTER_MS")
    if quit_after:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(quit_after), box.reject)
    box.exec()


def show_critical(text: str) -> None:
    _run_box(QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text))


def _opening_choices(path: Path, error: DatabaseOpenError) -> tuple[str, list[tuple[str, str]]]:
    """What to offer for ``error``: restore only from a backup that passed every check,
    read-only only when another process writes to the base."""
    from desktop_app.backups import latest_good_backup
    from desktop_app.db import DatabaseMissingError

    choices: list[tuple[str, str]] = []
    informative = ""
    if error.offer_read_only:
        choices.append((READ_ONLY, "Ouvrir en lecture seule"))
        informative = (
            "En lecture seule, vous pouvez consulter et imprimer, mais rien ne peut être "
            "modifié."
        )
    elif error.offer_restore:
        good = latest_good_backup(path)
        if good is not None:
            informative = (
                f"Dernière sauvegarde utilisable : {good.taken_at:%d/%m/%Y à %H:%M}. La "
                "restaurer ? Le fichier actuel, s'il existe, sera gardé à côté, renommé, sans "
                "être modifié."
            )
            choices.append((RESTORE, "Restaurer la dernière sauvegarde"))
        elif isinstance(error, DatabaseMissingError):
            informative = (
                "Aucune de ces sauvegardes n'est utilisable. Vous pouvez créer une base vide : "
                "les fichiers présents ne seront pas touchés."
            )
            choices.append((NEW_BASE, "Créer une base vide"))
        else:
            from desktop_app.paths import backups_dir_for

            # the message above says « restaurez une sauvegarde »: there is none to offer
            informative = (
                "Aucune sauvegarde utilisable de cette base n'a été trouvée (dossier "
                f"« {backups_dir_for(path)} »). Si vous avez une copie de la base (clé USB, "
                "autre ordinateur), quittez et mettez-la à sa place ; sinon, déplacez ce fichier ailleurs (gardez-le : il peut être examiné) "
                "et relancez CNum Biblio pour commencer une base vide."
            )
    choices.append((QUIT, "Quitter"))
    return informative, choices


def open_for_gui(path: Path, *, default_location: bool = True) -> Database | None:
    """Open the base for the application (the writer lock required), asking the user what to
    do when it cannot be; None when the user quits or nothing could be opened."""
    from desktop_app.backups import BackupError, set_aside_and_restore_latest
    from desktop_app.db import DatabaseOpenError, open_database
    from desktop_app.errors import describe_user_error

    try:
        return open_database(
            path, access="write", create_parent=default_location, program="application"
        )
    except DatabaseOpenError as exc:
        error = exc
    informative, choices = _opening_choices(path, error)
    answer = ask_user("Base de données", str(error), informative, choices)
    try:
        if answer == READ_ONLY:
            return open_database(path, access="read")
        if answer == NEW_BASE:
            return open_database(path, access="write", allow_new=True, program="application")
        if answer == RESTORE:
            set_aside_and_restore_latest(path)
            return open_database(path, access="write", program="application")
    except (DatabaseOpenError, BackupError, OSError) as exc:
        ask_user("Base de données", describe_user_error(exc) or str(exc), "", [(QUIT, "Quitter")])
    return None


def _data_folder_problem() -> str | None:
    """A French message when the data folder cannot be created or written, else None."""
    from desktop_app.errors import describe_os_error
    from desktop_app.paths import data_dir

    try:
        data_dir()
    except OSError as exc:
        return (
            "Le dossier des données de CNum Biblio ne peut pas être créé. "
            f"{describe_os_error(exc)}"
        )
    return None


def run_gui(db_path: Path | None = None, demo: bool = False) -> int:
    require_gui_libraries()  # before Qt's platform plugin: name the missing Debian packages
    app = make_application(sys.argv[:1])
    from desktop_app.views import splash

    splash.show(APP_NAME, __version__, app.windowIcon().pixmap(64, 64))
    problem = _data_folder_problem()
    if problem is not None:
        show_critical(problem)
        return 1
    splash.message("Ouverture de la base…")
    from desktop_app.db import DatabaseOpenError
    from desktop_app.views import error_dialog
    from desktop_app.views.context import AppContext
    from desktop_app.views.first_run import DEMO_REQUESTED, FirstRunAssistant, assistant_needed
    from desktop_app.views.main_window import MainWindow

    error_dialog.setup_logging()
    error_dialog.install()
    if demo:
        from desktop_app.services.demo import open_demo_database

        try:
            db = open_demo_database(demo_db_path())
        except (DatabaseOpenError, OSError) as exc:
            from desktop_app.errors import describe_user_error

            show_critical(describe_user_error(exc) or str(exc))
            return 1
    else:
        if db_path:
            db = open_for_gui(Path(db_path), default_location=False)
        else:
            db = open_for_gui(default_db_path())
        if db is None:
            return 1
    ctx = AppContext(db)
    from desktop_app.views.personal_data import startup as privacy

    if not privacy.before_show(ctx):  # files tightened; the lock's password, if one is set
        ctx.db.close()
        return 0
    splash.message("Préparation de la fenêtre…")
    window = MainWindow(ctx)
    if assistant_needed(ctx):
        splash.dismiss()
        result = FirstRunAssistant(ctx).exec()
        if result == DEMO_REQUESTED:
            window.switch_to_demo()
    window.show()
    splash.dismiss()
    splash.log_event("window")
    from desktop_app import startup_gc

    # what start-up built (modules, models, the first tab) lives as long as the program: out of
    # the collector's sight, a full collection no longer walks it (see startup_gc)
    startup_gc.freeze_long_lived()
    privacy.after_show(window, ctx)  # idle lock; what is past its retention date, for review
    window.preload_other_tabs()
    quit_after = os.environ.get("CNUM_BIBLIO_QUIT_AFTER_MS")
    if quit_after:  # start-up smoke checks (tests, installers): close normally after a delay
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(quit_after), window.close)
    code = app.exec()
    ctx.db.close()
    return code


def visit_main_window_offscreen(db: Database, workdir: Path) -> str:
    """For the self-test: open the main window, visit every tab, grab each one."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_application()
    from desktop_app.views.context import AppContext
    from desktop_app.views.main_window import MainWindow

    ctx = AppContext(db)
    window = MainWindow(ctx)
    window.show()
    names = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        image = window.grab()
        if image.isNull():
            raise RuntimeError(f"onglet {window.tabs.tabText(index)} non affiché")
        names.append(window.tabs.tabText(index))
    window.backup_timer.stop()
    # the tabs fill their tables in the background: that work ends (and its results reach the
    # window) before the window goes, as when a person closes it — else the threads outlive
    # the window, abort the process at exit or still write in the self-test's folder
    from desktop_app.views.common.operations import operations_running, wait_for_background_work

    wait_for_background_work()
    QApplication.processEvents()  # what the results asked for (a timer may start a fill)
    while operations_running():
        wait_for_background_work()
        QApplication.processEvents()
    window.hide()
    window.deleteLater()
    QApplication.processEvents()
    return ", ".join(names)
