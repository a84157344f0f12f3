"""The main window: four tabs, the menus, the status bar, automatic backups.

The main window is the only controller of the application's life cycle (opening another
database, restoring a backup, closing); the tabs only show and change data.
"""

from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, startup_gc
from desktop_app.backups import BackupError, make_backup, restore_into
from desktop_app.db import open_database
from desktop_app.errors import describe_user_error
from desktop_app.paths import data_dir, demo_db_path
from desktop_app.services.integrity import check_database
from desktop_app.views.about_dialog import AboutDialog
from desktop_app.views.backup_dialogs import (
    RestoreDialog,
    TextReportDialog,
    backup_moment,
    backup_size,
)
from desktop_app.views.common import files
from desktop_app.views.common.forms import ask, info, warn
from desktop_app.views.common.input_safety import available_geometry, install_input_safety
from desktop_app.views.common.operations import (
    Outcome,
    run_operation,
    start_operation,
    wait_for_background_work,
)
from desktop_app.views.common.tabs import LazyPage, tab_widget
from desktop_app.views.context import AppContext
from desktop_app.views.help_dialog import HelpDialog
from desktop_app.views.structure_form import StructureDialog

if TYPE_CHECKING:
    from desktop_app.views.preload import Preloader

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TabSpec:
    """A tab of the main window, named without importing it: a tab's module (and what it
    imports) is loaded, and the tab built and filled, only when it is first shown."""

    title: str
    module: str
    class_name: str
    warm_up: str | None = None  # "module:function(session, today)", read while idle (preload)

    def build(self, ctx: AppContext) -> QWidget:
        cls = getattr(importlib.import_module(self.module), self.class_name)
        return cls(ctx)


TAB_SPECS = (
    TabSpec("Demande de recrutement", "desktop_app.views.request_tab", "RequestTab"),
    TabSpec("Profils reçus", "desktop_app.views.profiles_tab", "ProfilesTab"),
    TabSpec("Ateliers", "desktop_app.views.workshops_tab", "WorkshopsTab",
            "desktop_app.services.workshops.warm_up:warm_up"),
    TabSpec("Kit d'inclusion", "desktop_app.views.kit_tab", "KitTab"),
)


class _TabSlot(LazyPage):
    """Holds the place of a tab until it is first shown (``tabs.LazyPage``)."""

    def __init__(self, spec: TabSpec, ctx: AppContext) -> None:
        super().__init__(lambda: spec.build(ctx))
        self.spec = spec
        self.setObjectName(f"slot{spec.class_name}")

    def built(self, content: QWidget) -> None:
        startup_gc.freeze_more()  # the tab lives as long as the window


AUTO_BACKUP_INTERVAL_S = 30 * 60
AUTO_BACKUP_POLL_MS = 60 * 1000


class MainWindow(QMainWindow):
    _closing_without_base = False  # see _reopen_after_failed_restore

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_input_safety()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.tabs = tab_widget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self._central_layout = central_layout
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel()
        self.db_label.setObjectName("dbLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self._backed_up_at_change = ctx.db.change_count
        self._preloader: Preloader | None = None
        self._last_backup_time = time.monotonic()
        self._build_menus()
        # Another instance holds the base for writing: say so above the tabs, for as long as
        # this window shows it (saving is refused by the database with the same words).
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: #fff4e5; color: #6d3a00; padding: 6px; border-bottom: 1px solid #e0b070;"
        )
        self._central_layout.insertWidget(0, self.read_only_banner)
        self.tabs.currentChanged.connect(lambda _index: self._show_current_tab())
        self._build_tabs(start=self._saved_tab_index())
        ctx.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        self._restore_settings()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(AUTO_BACKUP_POLL_MS)
        self.backup_timer.timeout.connect(self.maybe_auto_backup)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # Windows' shutdown or log-off, a desktop session's end
            app.commitDataRequest.connect(self.save_before_session_end)
        self.backup_timer.start()

    # -- building --
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Fichier")
        self.backup_action = self._action("Sauvegarder &maintenant", self.backup_now)
        self.restore_action = self._action("&Restaurer une sauvegarde…", self.restore_backup)
        self.check_action = self._action("&Vérifier la base", self.check_base)
        self.open_data_action = self._action("Ouvrir le &dossier des données", self.open_data_folder)
        self.venue_export_action = self._action(
            "Exporter la &fiche du lieu (cartographie nationale)…", self.export_venue
        )
        self.quit_action = self._action("&Quitter", self.close, QKeySequence.StandardKey.Quit)
        for action in (self.backup_action, self.restore_action, self.check_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.venue_export_action)
        file_menu.addAction(self.open_data_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("É&dition")
        self.settings_action = self._action(
            "&Paramètres de la structure…", self.edit_structure, QKeySequence.StandardKey.Preferences
        )
        edit_menu.addAction(self.settings_action)
        self.rooms_action = self._action("Sa&lles…", self.edit_rooms)
        edit_menu.addAction(self.rooms_action)
        from desktop_app.views.personal_data.menu import install_menu

        self.person_data_action = install_menu(self, edit_menu)

        # the four tabs from the keyboard, from anywhere (Ctrl+1 … Ctrl+4, as in a browser),
        # listed in a menu so that the shortcuts can be found (« à »: every other letter of a
        # short name is already some field's Alt+letter in a tab)
        view_menu = bar.addMenu("Aller &à")
        self.tab_actions: list[QAction] = []
        for index, spec in enumerate(TAB_SPECS):
            action = self._action(f"&{spec.title}", lambda _c=False, i=index: self.go_to_tab(i),
                                  QKeySequence(f"Ctrl+{index + 1}"))
            view_menu.addAction(action)
            self.tab_actions.append(action)

        help_menu = bar.addMenu("&Aide")
        self.help_action = self._action(
            "&Guides d'utilisation", self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action(f"À &propos de {APP_NAME}", self.show_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def go_to_tab(self, index: int) -> None:
        """Show tab ``index`` and leave the focus on the tab bar: Tab goes on into the tab,
        the arrows to the next tabs."""
        self.tabs.setCurrentIndex(index)
        self.tabs.tabBar().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_rooms(self) -> None:
        from desktop_app.views.workshops.rooms_dialog import RoomsDialog

        RoomsDialog(self.ctx, self).exec()

    def _build_tabs(self, start: int | None = None) -> None:
        current = self.tabs.currentIndex() if start is None else start
        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        for spec in TAB_SPECS:
            self.tabs.addTab(_TabSlot(spec, self.ctx), spec.title)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self._show_current_tab()
        self._update_title()

    def _show_current_tab(self) -> None:
        slot = self.tabs.currentWidget()
        if isinstance(slot, _TabSlot):
            slot.ensure_built()

    def preload_other_tabs(self) -> None:
        """Once the window is up: load the code of the tabs not shown yet while it is idle, so
        that their first show builds widgets instead of importing modules (``preload``)."""
        from desktop_app.views.preload import Preloader

        slots = [self.tabs.widget(i) for i in range(self.tabs.count())]
        specs = [s.spec for s in slots if isinstance(s, _TabSlot) and s.content is None]
        self._preloader = Preloader(
            [spec.module for spec in specs], self, db=self.ctx.db, today=self.ctx.today(),
            warm_ups=[spec.warm_up for spec in specs if spec.warm_up],
        )
        self._preloader.start_when_idle()

    def tab(self, cls: type) -> QWidget:
        """The tab of class ``cls``, built now if it was not shown yet."""
        for i in range(self.tabs.count()):
            slot = self.tabs.widget(i)
            if isinstance(slot, _TabSlot) and slot.spec.class_name == cls.__name__:
                return slot.ensure_built()
        raise LookupError(cls)

    def show_tab(self, cls: type) -> QWidget:
        """Bring the tab of class ``cls`` to the front (building it if needed) and return it."""
        tab = self.tab(cls)
        self.tabs.setCurrentWidget(tab.parentWidget())
        return tab

    def built_tabs(self) -> list[QWidget]:
        """The tabs built so far (shown at least once, or asked for)."""
        slots = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [s.content for s in slots if isinstance(s, _TabSlot) and s.content is not None]

    # -- state --
    def _update_title(self) -> None:
        structure = self.ctx.structure()
        name = structure.name or "structure non renseignée"
        self.setWindowTitle(f"{APP_NAME} — {name}")
        demo = "  (base de démonstration)" if self.ctx.db.path.resolve() == demo_db_path().resolve() else ""
        self.db_label.setText(f"Base : {self.ctx.db.path}{demo}")
        notice = self.ctx.db.read_only_notice()
        self.read_only_banner.setText(notice or "")
        self.read_only_banner.setVisible(bool(notice))

    def _on_changed(self, area: str) -> None:
        if area == "structure":
            self._update_title()

    def _on_database_replaced(self) -> None:
        self._backed_up_at_change = self.ctx.db.change_count
        self._build_tabs()

    @staticmethod
    def _saved_tab_index() -> int:
        try:
            return int(QSettings().value("main_window/tab", 0))
        except (TypeError, ValueError):
            return 0

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First start: the whole screen on an office laptop (1366×768), 1200×800 on larger
            # screens; the input-safety filter then keeps the frame inside the screen.
            area = available_geometry(self)
            small = area.width() < 1400 or area.height() < 900
            self.resize(area.size() if small else QSize(1200, 800))

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/tab", self.tabs.currentIndex())

    # -- backups --
    def has_unsaved_backup(self) -> bool:
        return self.ctx.db.change_count != self._backed_up_at_change

    def maybe_auto_backup(self) -> bool:
        """Every 30 minutes at most, and only when something changed. Returns True if started."""
        if not self.has_unsaved_backup():
            return False
        if time.monotonic() - self._last_backup_time < AUTO_BACKUP_INTERVAL_S:
            return False
        self._start_background_backup()
        return True

    def _start_background_backup(self) -> None:
        self._backed_up_at_change = self.ctx.db.change_count
        self._last_backup_time = time.monotonic()
        path = self.ctx.db.path

        def done(outcome: Outcome[Path]) -> None:
            if outcome.ok and outcome.value is not None:
                self.statusBar().showMessage(
                    f"Sauvegarde automatique : {outcome.value.name}", 8000
                )
            elif outcome.message:
                self.statusBar().showMessage(outcome.message, 15000)

        start_operation(lambda _job: make_backup(path), on_done=done)

    def backup_now(self) -> Path | None:
        path = self.ctx.db.path
        wait_for_background_work()
        outcome = run_operation(
            self, lambda _job: make_backup(path), label="Sauvegarde en cours…",
            cancellable=False, error_title="Sauvegarde impossible",
        )
        if not outcome.ok or outcome.value is None:
            return None
        self._backed_up_at_change = self.ctx.db.change_count
        self._last_backup_time = time.monotonic()
        self.statusBar().showMessage(f"Sauvegarde vérifiée : {outcome.value}", 10000)
        return outcome.value

    def restore_backup(self) -> None:
        dialog = RestoreDialog(self.ctx.db.path, self)
        if not dialog.exec() or dialog.chosen() is None:
            return
        backup = dialog.chosen()
        if not ask(
            self,
            "Restaurer une sauvegarde",
            "Remplacer les données actuelles par celles de la sauvegarde du "
            f"{backup_moment(QLocale(), backup)}\u00a0?\n"
            f"Taille de la sauvegarde : {backup_size(QLocale(), backup)}.\n"
            "L'état actuel sera d'abord sauvegardé.",
        ):
            return
        self.restore_from(backup.path)

    def restore_from(self, backup_path: Path) -> bool:
        path = self.ctx.db.path
        wait_for_background_work()
        saved = run_operation(
            self, lambda _job: make_backup(path, kind="avant-restauration"),
            label="Sauvegarde de l'état actuel…", cancellable=False, show_error=False,
        )
        if not saved.ok or saved.value is None:
            warn(self, "Restauration annulée",
                 "L'état actuel n'a pas pu être sauvegardé, rien n'a été restauré.\n"
                 + (saved.message or ""))
            return False
        safety = saved.value
        self.ctx.db.close()
        try:
            restore_into(backup_path, path)
        except BackupError as exc:  # nothing was restored: the base is as it was
            self._reopen_after_failed_restore(path, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - state unknown: the state before goes back
            self._reopen_after_failed_restore(path, describe_user_error(exc) or str(exc), safety)
            return False
        try:
            new_db = open_database(path)
        except Exception as exc:  # noqa: BLE001 - the restored copy does not open
            self._reopen_after_failed_restore(path, describe_user_error(exc) or str(exc), safety)
            return False
        self.ctx.replace_db(new_db)
        info(self, "Sauvegarde restaurée",
             f"Les données ont été restaurées. L'état précédent est gardé dans {safety.name}.")
        return True

    def _reopen_after_failed_restore(self, path: Path, reason: str,
                                     safety: Path | None = None) -> None:
        """Open the base again after a restore that did not happen (``safety``: the copy of
        the state before, put back first when the restore may have changed the file). The
        window never stays on a closed base: when even that fails, it says so and the program
        ends, its data as the last backup left it."""
        if safety is not None:
            try:
                restore_into(safety, path)
            except BackupError as exc:
                reason += f"\nL'état d'avant n'a pas pu être remis : {exc}"
        try:
            new_db = open_database(path)
        except Exception as exc:  # noqa: BLE001 - said, then the program ends
            warn(self, "Restauration impossible",
                 f"{reason}\n\nLa base n'a pas pu être rouverte : "
                 f"{describe_user_error(exc) or exc}\nCNum Biblio va se fermer : relancez-le ; "
                 f"l'état d'avant la restauration est gardé dans "
                 f"{safety.name if safety else 'la dernière sauvegarde'}.")
            self._closing_without_base = True
            QApplication.exit(1)
            return
        self.ctx.replace_db(new_db)
        warn(self, "Restauration impossible", reason)

    def check_base(self) -> None:
        self.backup_now()
        db = self.ctx.db
        outcome = run_operation(self, lambda _job: check_database(db),
                                label="Vérification de la base…", cancellable=False)
        if not outcome.ok or outcome.value is None:
            return
        report = outcome.value
        title = "Vérification de la base"
        TextReportDialog(title, "\n".join(report.lines()), self).exec()

    # -- other actions --
    def edit_structure(self) -> None:
        StructureDialog(self.ctx, self).exec()

    def show_help(self) -> None:
        HelpDialog(self, start=max(self.tabs.currentIndex(), 0)).exec()

    def show_about(self) -> None:
        AboutDialog(self.ctx.db.path, self, extra_credits=getattr(self, "extra_credits", ())).exec()

    def export_venue(self, target: Path | None = None) -> Path | None:
        """The venue in the open-data standard, to send to the national map's team."""
        from desktop_app.services.mednum import write_venue_csv

        if target is None:
            target = files.ask_save_path(
                self, "export-lieu", "Exporter la fiche du lieu", "lieu-mediation-numerique.csv",
                "Fichiers CSV (*.csv)",
            )
            if target is None:
                return None
        structure = self.ctx.structure()
        outcome = files.write_file(
            self, lambda tmp: write_venue_csv(structure, tmp), target,
            label="Export de la fiche du lieu…", error_title="Fiche du lieu",
        )
        if not outcome.ok:
            return None
        self.statusBar().showMessage(f"Fiche du lieu enregistrée : {target}", 10000)
        return target

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))

    def switch_to_demo(self) -> None:
        from desktop_app.services.demo import open_demo_database

        self.ctx.replace_db(open_demo_database(demo_db_path()))

    def save_before_session_end(self, _manager: object = None) -> None:
        """The computer shuts down or the person logs off with the window open: Windows may end
        the process without closing the window, so what ``closeEvent`` would do is done here —
        what the tabs have pending is written and the closing backup made, at once (no progress
        window: the system waits a few seconds, then ends the program anyway)."""
        if self._closing_without_base:
            return
        self._save_settings()
        for tab in self.built_tabs():
            save = getattr(tab, "save_pending", None)
            if callable(save):
                try:
                    save()
                except Exception:  # noqa: BLE001 - the backup below still runs
                    log.exception("Enregistrement avant la fin de session")
        wait_for_background_work()
        if self.has_unsaved_backup():
            try:
                make_backup(self.ctx.db.path)
                self._backed_up_at_change = self.ctx.db.change_count
            except Exception:  # noqa: BLE001 - said in the log; the next start backs up again
                log.exception("Sauvegarde avant la fin de session")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """The closing backup runs before the window goes, with progress past 300 ms, so the
        process can end as soon as the window has closed."""
        if self._closing_without_base:  # a failed restore left no base open: nothing to save
            event.accept()
            return
        self._save_settings()
        self.backup_timer.stop()
        if self._preloader is not None:
            self._preloader.stop()  # at most the module being imported
        wait_for_background_work()
        if self.has_unsaved_backup():
            path = self.ctx.db.path
            outcome = run_operation(
                self, lambda _job: make_backup(path), label="Sauvegarde avant de quitter…",
                cancellable=False, show_error=False,
            )
            if outcome.ok:
                self._backed_up_at_change = self.ctx.db.change_count
            else:
                answer = QMessageBox.warning(
                    self,
                    "Sauvegarde impossible",
                    "La sauvegarde de fermeture n'a pas pu être faite :\n"
                    f"{outcome.message}\nQuitter quand même ?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    event.ignore()
                    self.backup_timer.start()
                    return
        event.accept()
        from desktop_app.views.splash import log_event

        log_event("closed")
