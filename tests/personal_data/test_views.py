"""The dialogs as a user meets them: search, details, export, erase with the backups' question;
the retention review erasing only what stays ticked; the lock's wrong and right password; the
menu's letters. Every modal question is stubbed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.backups import make_backup
from desktop_app.services.personal_data import lock
from desktop_app.views.accessibility import mnemonic_of
from desktop_app.views.common import files
from desktop_app.views.personal_data import person_dialog as pd
from desktop_app.views.personal_data import retention_review as rr
from desktop_app.views.personal_data.lock_screen import UnlockDialog
from desktop_app.views.personal_data.menu import install_menu
from desktop_app.views.personal_data.settings_dialogs import LockDialog, RetentionDialog
from tests.personal_data.helpers import LAST, build
from tests.screen_checks import assert_fits


def test_search_show_export_erase(ctx, qtbot, tmp_path: Path,  # noqa: ANN001
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    world = build(ctx.db, tmp_path)
    make_backup(ctx.db.path)
    dialog = pd.PersonDataDialog(ctx, None, "kerbrat")
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    assert dialog.model.rowCount() == 1
    qtbot.waitUntil(dialog.reading_done)  # read in the background, the window free meanwhile
    html = dialog.details.toPlainText()
    for text in ("Profils reçus — profil de candidat", "Ateliers — fiche de participant",
                 "Kit d'inclusion — prêt", "Inscription à « Premiers pas sur tablette »",
                 "Mentions dans d'autres notes", "Sans emploi", "Présent",
                 "Ses fiches (celles que l'export et l'effacement concernent)"):
        assert text in html, text
    alone = pd.PersonDataDialog(ctx, None, "Autre")  # one record: the heading agrees
    qtbot.addWidget(alone)
    alone.show()
    qtbot.waitUntil(alone.reading_done)
    assert "Sa fiche (celle que l'export et l'effacement concernent)" in alone.details.toPlainText()
    alone.close()
    target = tmp_path / "export.json"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    dialog.json_button.click()
    assert len(json.loads(target.read_text(encoding="utf-8"))["sources"]) == 3

    questions: list[str] = []

    def answer(_parent, title: str, summary: str, details, **_kw) -> bool:  # noqa: ANN001
        questions.append(title)
        return True

    monkeypatch.setattr(pd, "ask_with_details", answer)
    monkeypatch.setattr(pd, "info", lambda *a: None)
    ctx.clock = lambda: datetime.now().replace(microsecond=0)
    dialog.erase_button.click()
    assert questions == ["Effacer une personne", "Sauvegardes plus anciennes"]
    assert dialog.model.rowCount() == 0
    assert LAST.encode() not in ctx.db.path.read_bytes()
    assert not list((ctx.db.path.parent / "backups").glob("test-*.sqlite"))
    assert world.cv.exists() is False


def test_correction_dialog_refuses_then_saves(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    build(ctx.db, tmp_path)
    dialog = pd.PersonDataDialog(ctx, None, "kerbrat")
    qtbot.addWidget(dialog)
    form = pd.CorrectionDialog(ctx, dialog.selected(), dialog)
    form.email.setText("pas un mail")
    form.accept()
    assert form.result() == 0 and form.fields["email"].error.text()
    form.email.setText("gwen@exemple-rgpd.fr")
    form.accept()
    assert form.result() == 1
    dialog.search.setText("gwen@exemple-rgpd.fr")
    dialog.run_search()
    assert dialog.model.rowCount() == 1


def test_retention_review_erases_only_ticked(ctx, qtbot, tmp_path: Path,  # noqa: ANN001
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = build(ctx.db, tmp_path)
    ctx.clock = lambda: datetime(2027, 4, 9, 9, 0)
    items = rr.due_now(ctx)
    dialog = rr.RetentionReviewDialog(ctx, items)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    keep = {f"P{w.participant_id}", f"C{w.profile_id}", f"E{w.loan_id}"}
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in keep:
            item.setCheckState(Qt.CheckState.Unchecked)
    monkeypatch.setattr(rr, "info", lambda *a: None)
    dialog.accept()
    assert dialog.anonymised == 1
    assert {i.ref.token for i in rr.due_now(ctx)} == keep


def test_unlock_wrong_then_right_password(ctx, qtbot) -> None:  # noqa: ANN001
    with ctx.db.session() as s:
        lock.set_password(s, "mairie-2026", "mairie-2026", 10)
    dialog = UnlockDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("mauvais")
    dialog.accept()
    assert dialog.isVisible() and "incorrect" in dialog.message.text()
    dialog.password.setText("mairie-2026")
    dialog.accept()
    assert dialog.result() == 1


def test_lock_and_retention_settings(ctx, qtbot) -> None:  # noqa: ANN001
    dialog = LockDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    assert "verrou retirer" in dialog.findChild(type(dialog.message), "lockRecovery").text()
    dialog.password.setText("abc")
    dialog.repeated.setText("abc")
    dialog.accept()
    assert dialog.result() == 0
    dialog.password.setText("mairie-2026")
    dialog.repeated.setText("mairie-2026")
    dialog.idle.setValue(5)
    dialog.accept()
    with ctx.db.session() as s:
        assert lock.check_password(s, "mairie-2026") and lock.idle_minutes(s) == 5
    durations = RetentionDialog(ctx)
    qtbot.addWidget(durations)
    durations.participants.setValue(48)
    durations.accept()
    from desktop_app.services.personal_data.settings import get_retention

    with ctx.db.session() as s:
        assert get_retention(s).participants_months == 48


def test_menu_letters_are_unique(ctx, qtbot) -> None:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    window.ctx = ctx
    menu = window.menuBar().addMenu("É&dition")
    menu.addAction("&Paramètres de la structure…")
    install_menu(window, menu)
    for target in (menu, menu.findChild(QMenu, "privacyMenu")):
        letters = [mnemonic_of(a.text()) for a in target.actions() if a.text()]
        assert len(letters) == len(set(letters)), letters


def test_tabs_open_the_person_of_the_selected_row(ctx, qtbot, tmp_path: Path,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QTableView

    from desktop_app.views.common.tables import select_id
    from desktop_app.views.kit_tab import KitTab
    from desktop_app.views.profiles_tab import ProfilesTab

    world = build(ctx.db, tmp_path)
    opened: list[str] = []
    monkeypatch.setattr(pd, "open_person_data", lambda _p, _c, text: opened.append(text))
    profiles = ProfilesTab(ctx)
    qtbot.addWidget(profiles)
    assert select_id(profiles.table, world.profile_id)
    profiles.findChild(QAction, "personDataC").trigger()
    kit = KitTab(ctx)
    qtbot.addWidget(kit)
    action = kit.findChild(QAction, "personDataE")
    table = action.parent()
    assert isinstance(table, QTableView)
    kit.loans.loan_filter.setCurrentIndex(kit.loans.loan_filter.findData("all"))
    kit.loans.refresh()
    assert select_id(table, world.loan_id)
    action.trigger()
    assert opened == [f"C{world.profile_id}", f"E{world.loan_id}"]
    assert [m.token for m in pd._find(ctx.db, opened[1])] == [f"C{world.profile_id}"]


def test_main_window_offers_the_person_data(main_window) -> None:  # noqa: ANN001
    edit = next(a.menu() for a in main_window.menuBar().actions()
                if a.text().replace("&", "") == "Édition")
    texts = [a.text().replace("&", "") for a in edit.actions() if a.text()]
    assert "Données d'une personne…" in texts and "RGPD" in texts
    letters = [mnemonic_of(a.text()) for a in edit.actions() if a.text()]
    assert len(letters) == len(set(letters)), letters
    assert main_window.person_data_action.text() == "&Données d'une personne…"
