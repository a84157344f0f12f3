"""The main window as a user sees it: tabs, title, menus, French buttons, settings, backups."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.backups import list_backups
from desktop_app.paths import backups_dir_for
from desktop_app.services.structure import StructureInfo, get_structure, save_structure
from desktop_app.views.backup_dialogs import RestoreDialog
from desktop_app.views.main_window import MainWindow
from desktop_app.views.structure_form import StructureDialog
from tests.typing_helpers import type_text

TAB_TITLES = ["Demande de recrutement", "Profils reçus", "Ateliers", "Kit d'inclusion"]


def test_four_tabs_in_order_and_french_title(main_window) -> None:
    assert [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())] == TAB_TITLES
    assert main_window.windowTitle() == "CNum Biblio — Commune de Saint-Léger-de-Fougeret"
    assert str(main_window.ctx.db.path) in main_window.db_label.text()


def test_menus(main_window) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in main_window.menuBar().actions()}
    assert list(menus) == ["Fichier", "Édition", "Aller à", "Aide"]
    file_items = [a.text().replace("&", "") for a in menus["Fichier"].actions() if a.text()]
    for item in ("Sauvegarder maintenant", "Restaurer une sauvegarde…", "Vérifier la base", "Quitter"):
        assert item in file_items
    assert "Paramètres de la structure…" in [
        a.text().replace("&", "") for a in menus["Édition"].actions()
    ]


def test_ctrl_and_a_number_goes_to_that_tab(main_window, qtbot) -> None:
    """Ctrl+1 … Ctrl+4 from anywhere, listed in « Aller à » so they can be found; the focus
    lands on the tab bar, from where Tab enters the tab."""
    from tests.screen_checks import press_keys

    main_window.show()
    qtbot.waitExposed(main_window)
    view = next(a.menu() for a in main_window.menuBar().actions()
                if a.text().replace("&", "") == "Aller à")
    assert [a.text().replace("&", "") for a in view.actions()] == TAB_TITLES
    assert [a.shortcut().toString() for a in view.actions()] == [
        "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    for number, title in ((3, "Ateliers"), (1, TAB_TITLES[0]), (4, "Kit d'inclusion")):
        press_keys(main_window, f"Ctrl+{number}")
        assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == title
        assert main_window.tabs.tabBar().hasFocus()


def test_standard_buttons_are_in_french(app, qtbot) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Annuler", "Oui", "Non"}


def test_geometry_and_last_tab_are_remembered(demo_ctx, qtbot) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(700, 530)
    window.tabs.setCurrentIndex(2)
    window.close()
    assert QSettings().value("main_window/tab") in (2, "2")
    again = MainWindow(demo_ctx)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2
    assert (again.width(), again.height()) == (700, 530)
    again.backup_timer.stop()


def test_settings_dialog_checks_fields_then_updates_the_title(main_window, qtbot) -> None:
    dialog = StructureDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.name.clear()
    type_text(qtbot, form.name, "Mairie de Montreuil-sur-Lozon")
    form.siret.clear()
    type_text(qtbot, form.siret, "12345678901234")
    form.email.clear()
    type_text(qtbot, form.email, "mairie@@exemple")
    form.hours["mo"].setText("9h-12h, 14h")
    dialog.accept()
    assert dialog.result() == 0  # stays open
    assert "clé de contrôle" in form._fields["siret"].error.text()
    assert "adresse e-mail" in form._fields["email"].error.text()
    assert "Lundi" in form._fields["hours_mo"].error.text()
    form.siret.setText("21580999700012")
    form.email.setText("mairie@montreuil-exemple.fr")
    form.hours["mo"].setText("9h-12h, 14h-17h30")
    dialog.accept()
    assert dialog.result() == 1
    with main_window.ctx.db.session() as session:
        saved = get_structure(session)
    assert saved.opening_hours["mo"] == [("09:00", "12:00"), ("14:00", "17:30")]
    assert main_window.windowTitle() == "CNum Biblio — Mairie de Montreuil-sur-Lozon"


def test_backup_now_restore_and_check(main_window, qtbot, monkeypatch) -> None:
    ctx = main_window.ctx
    path = main_window.backup_now()
    assert path is not None and path.exists()
    with ctx.db.session() as session:
        save_structure(session, StructureInfo(name="Nom saisi par erreur"))
    dialog = RestoreDialog(ctx.db.path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and " ko" in dialog.list.item(0).text()
    monkeypatch.setattr("desktop_app.views.main_window.info", lambda *a: None)
    old_db = ctx.db
    assert main_window.restore_from(path)
    assert ctx.db is not old_db
    assert ctx.structure().name == "Commune de Saint-Léger-de-Fougeret"
    names = [b.path.name for b in list_backups(backups_dir_for(ctx.db.path))]
    assert any(n.startswith("avant-restauration-") for n in names)
    assert main_window.tabs.count() == 4


def test_a_restore_that_fails_leaves_the_window_on_its_base(main_window, monkeypatch) -> None:
    """Nothing restored (a full disk, a damaged backup): the base is opened again as it was,
    with the reason said; an unexpected failure puts the state before back first; and when
    the base cannot even be reopened, the program ends instead of showing a closed base."""
    import desktop_app.views.main_window as mw
    from desktop_app.backups import BackupError

    ctx = main_window.ctx
    backup = main_window.backup_now()
    with ctx.db.session() as session:
        save_structure(session, StructureInfo(name="Médiathèque de Lormes"))
    said: list[str] = []
    monkeypatch.setattr(mw, "warn", lambda _parent, title, text: said.append(f"{title}: {text}"))
    real_restore = mw.restore_into

    def full_disk(source, target):  # noqa: ANN001, ANN202
        if source == backup:
            raise BackupError("Le disque est plein. Rien n'a été restauré.")
        return real_restore(source, target)

    monkeypatch.setattr(mw, "restore_into", full_disk)
    old_db = ctx.db
    assert not main_window.restore_from(backup)
    assert ctx.db is not old_db and ctx.structure().name == "Médiathèque de Lormes"
    assert said == ["Restauration impossible: Le disque est plein. Rien n'a été restauré."]

    put_back: list[str] = []

    def half_done(source, target):  # noqa: ANN001, ANN202
        if source == backup:
            raise RuntimeError("interrompu")
        put_back.append(source.name)
        return real_restore(source, target)

    monkeypatch.setattr(mw, "restore_into", half_done)
    assert not main_window.restore_from(backup)
    assert put_back and put_back[0].startswith("avant-restauration-")
    assert ctx.structure().name == "Médiathèque de Lormes"

    exits: list[int] = []
    monkeypatch.setattr(mw, "restore_into", full_disk)
    monkeypatch.setattr(mw, "open_database", lambda *_a, **_k: (_ for _ in ()).throw(
        OSError(5, "Erreur d'entrée/sortie")))
    monkeypatch.setattr(mw.QApplication, "exit", lambda code=0: exits.append(code))
    assert not main_window.restore_from(backup)
    assert exits == [1] and "va se fermer" in said[-1]
    assert main_window._closing_without_base


def test_automatic_backup_only_when_something_changed(main_window, monkeypatch) -> None:
    folder = backups_dir_for(main_window.ctx.db.path)
    monkeypatch.setattr("desktop_app.views.main_window.AUTO_BACKUP_INTERVAL_S", 0)
    assert not main_window.maybe_auto_backup()  # nothing changed since opening
    with main_window.ctx.db.session() as session:
        save_structure(session, StructureInfo(name="Médiathèque de Lormes"))
    assert main_window.maybe_auto_backup()
    from desktop_app.views.common.operations import wait_for_background_work

    wait_for_background_work()
    assert len(list_backups(folder)) == 1
    assert not main_window.maybe_auto_backup()


def test_closing_backs_up_only_after_changes(demo_ctx, qtbot) -> None:
    folder = backups_dir_for(demo_ctx.db.path)
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.close()
    assert list_backups(folder) == []
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    with demo_ctx.db.session() as session:
        save_structure(session, StructureInfo(name="Bibliothèque de Corbigny"))
    window.close()
    assert len(list_backups(folder)) == 1


def test_export_venue_from_the_menu(main_window, tmp_path, monkeypatch) -> None:
    path = main_window.export_venue(tmp_path / "lieu.csv")
    assert path is not None and "Conseillers numériques" in path.read_text(encoding="utf-8")
    warnings = []
    monkeypatch.setattr("desktop_app.views.common.operations.show_message",
                        lambda parent, title, text: warnings.append(text))
    with main_window.ctx.db.session() as session:
        save_structure(session, StructureInfo(name="Bibliothèque sans SIRET"))
    assert main_window.export_venue(tmp_path / "autre.csv") is None
    assert "SIRET" in warnings[0]
    assert not (tmp_path / "autre.csv").exists()


def test_self_test_visit_lets_background_work_end(demo_ctx, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """The self-test's window visit returns only once the tabs' background fills are over: a
    thread left running aborted the process at exit or wrote into the removed folder. The
    work is slowed down, as on a loaded PC, so that it is still running when the visit ends."""
    import time

    from desktop_app.app import visit_main_window_offscreen
    from desktop_app.views.common import operations

    real_run = operations._Worker.run

    def slow_run(worker) -> None:  # noqa: ANN001
        time.sleep(0.3)
        real_run(worker)

    monkeypatch.setattr(operations._Worker, "run", slow_run)
    names = visit_main_window_offscreen(demo_ctx.db, tmp_path)
    assert names.split(", ") == [
        "Demande de recrutement", "Profils reçus", "Ateliers", "Kit d'inclusion"
    ]
    assert not operations.operations_running()


def test_the_restore_question_names_the_backup_chosen(main_window, qtbot, monkeypatch) -> None:
    path = main_window.backup_now()
    assert path is not None
    asked: list[str] = []

    class Chosen:
        def __init__(self, *_args: object) -> None:
            from desktop_app.backups import list_backups_for

            self.backup = list_backups_for(main_window.ctx.db.path)[0]

        def exec(self) -> int:
            return 1

        def chosen(self):  # noqa: ANN201
            return self.backup

    monkeypatch.setattr("desktop_app.views.main_window.RestoreDialog", Chosen)
    monkeypatch.setattr("desktop_app.views.main_window.ask",
                        lambda _parent, _title, text: asked.append(text) or False)
    main_window.restore_backup()
    assert len(asked) == 1
    question = asked[0]
    asking, size, _then = question.split("\n")
    assert "sauvegarde du " in asking and asking.endswith("\u00a0?")  # the mark never alone
    assert size.startswith("Taille de la sauvegarde : ") and size.endswith(" ko.")


def test_the_end_of_the_session_saves_what_is_typed_and_backs_up(qtbot, ctx) -> None:  # noqa: ANN001
    """Windows shutting down with the window open may end the program without closing it:
    the motivation just typed (its autosave not yet run) is written, and the closing backup
    made, when the system asks the program to commit its data."""
    from desktop_app.services.request import requests
    from desktop_app.views.request_tab import RequestTab

    with ctx.db.session() as session:
        requests.new_request(session, ctx.today())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    window.show()
    tab = window.show_tab(RequestTab)
    tab.form.motivation.setPlainText("Accompagner les habitants du canton vers les démarches.")
    window.save_before_session_end()
    with ctx.db.session() as session:
        saved = requests.current_request(session)
    assert saved is not None and saved.motivation.startswith("Accompagner les habitants")
    assert len(list_backups(backups_dir_for(ctx.db.path))) == 1
    assert not window.has_unsaved_backup()
