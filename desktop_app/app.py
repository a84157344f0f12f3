"""Start-up of the graphical application: QApplication, French translations, icon, error
dialog, opening the database (with plain messages when it cannot be), the first-start
assistant, then the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, __version__
from desktop_app.backups import list_backups, set_aside_and_restore_latest
from desktop_app.db import Database, DatabaseOpenError, open_database
from desktop_app.paths import backups_dir_for, default_db_path, demo_db_path, resource
from desktop_app.system_check import require_gui_libraries

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


def _offer_restore(path: Path, error: DatabaseOpenError) -> Database | None:
    """Tell the user; offer to put the latest backup in place (the bad file is kept aside)."""
    backups = list_backups(backups_dir_for(path))
    box = QMessageBox(QMessageBox.Icon.Critical, "Base de données illisible", str(error))
    restore_button = None
    if error.offer_restore and backups:
        box.setInformativeText(
            f"Dernière sauvegarde : {backups[0].taken_at:%d/%m/%Y à %H:%M}. La restaurer ? "
            "Le fichier actuel sera gardé à côté, renommé, sans être modifié."
        )
        restore_button = box.addButton(
            "Restaurer la dernière sauvegarde", QMessageBox.ButtonRole.AcceptRole
        )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return None
    set_aside_and_restore_latest(path)
    return open_database(path)


def open_for_gui(path: Path) -> Database | None:
    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        return _offer_restore(path, exc)


def run_gui(db_path: Path | None = None, demo: bool = False) -> int:
    require_gui_libraries()  # before Qt's platform plugin: name the missing Debian packages
    app = make_application(sys.argv[:1])
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
        except DatabaseOpenError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 1
    else:
        db = open_for_gui(Path(db_path) if db_path else default_db_path())
        if db is None:
            return 1
    ctx = AppContext(db)
    window = MainWindow(ctx)
    if assistant_needed(ctx):
        result = FirstRunAssistant(ctx).exec()
        if result == DEMO_REQUESTED:
            window.switch_to_demo()
    window.show()
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
    window.hide()
    window.deleteLater()
    QApplication.processEvents()
    return ", ".join(names)
