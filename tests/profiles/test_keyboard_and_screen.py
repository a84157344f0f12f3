""""Profils reçus" tried as a person would on an office laptop (1366×768, a 40 px taskbar) and
with the keyboard only: the failed-import box, Tab out of the tables, Alt+letters, the wheel,
typed dates, every dialog on screen, and the list on ten thousand profiles."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from sqlalchemy import func, select

from desktop_app.models.profiles import Profile, TrainingSession
from desktop_app.services.profiles import records
from desktop_app.services.profiles.importer import (
    ImportFileError,
    ImportPreview,
    ImportRow,
    RejectedRow,
    read_import_bytes,
)
from desktop_app.services.profiles.records import ProfileInput, ProfileRow
from desktop_app.services.text import fold
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.common.tables import selected_id
from desktop_app.views.profiles.columns import COL_AVAILABLE, COL_NAME, COL_STATUS
from desktop_app.views.profiles.dialogs import (
    ContractDialog,
    ImportPreviewDialog,
    InterviewDialog,
    ProfileDialog,
    RefuseDialog,
    RequestProfilesDialog,
    RuptureDialog,
    SignatureDialog,
    TrainingDialog,
)
from desktop_app.views.profiles_tab import ProfilesTab
from tests.conftest import DEMO_TODAY
from tests.profiles.helpers import platform_csv
from tests.screen_checks import wheel
from tests.typing_helpers import type_text

SCREEN_W, SCREEN_H = 1366, 768 - 40
LONG = ("Communauté de communes du Haut-Morvan et des Vallées de l'Yonne et de la Cure, "
        "médiathèque intercommunale Éléonore-Lefèvre-Château ")
PINNED = datetime.combine(DEMO_TODAY, time(9, 0))


@pytest.fixture
def demo_tab(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    demo_ctx.clock = lambda: PINNED
    widget = ProfilesTab(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def _status_id(tab: ProfilesTab, status: str) -> int:
    with tab.ctx.db.session() as s:
        return next(r.id for r in records.list_rows(s) if r.status == status)


def _keys(window: QWidget, sequence: str) -> None:
    """Alt+letter as the keyboard sends it (through the window, so shortcuts apply)."""
    QTest.keySequence(window.windowHandle(), QKeySequence(sequence))


def _activate(qtbot, window: QWidget) -> None:  # noqa: ANN001
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)




# ---------------------------------------------------------------- the failed import


@pytest.mark.parametrize("slow", [False, True])
def test_enter_on_the_import_error_leaves_a_responsive_window(
    qtbot, demo_tab: ProfilesTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
    slow: bool,
) -> None:
    """The freeze: Enter on "Import impossible" opened "Veuillez patienter" over it. The box is
    now shown once the operation has ended; Enter closes it and nothing else appears."""
    import desktop_app.services.profiles.importer as module  # the tab calls it from there

    real_read = module.read_import

    def read(path, session):  # noqa: ANN001, ANN202
        if slow:
            clock.sleep(0.6)  # past the progress dialog's delay
        return real_read(path, session)

    monkeypatch.setattr(module, "read_import", read)
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    seen: list[str] = []

    def press_enter() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QProgressDialog) and not slow:
            seen.append("progress")
        if isinstance(modal, QMessageBox):
            seen.append(modal.windowTitle())
            visible_progress = [w for w in QApplication.topLevelWidgets()
                                if isinstance(w, QProgressDialog) and w.isVisible()]
            assert not visible_progress, "progress dialog still shown under the error box"
            QTest.keyClick(modal, Qt.Key.Key_Return)
            return
        if len(seen) < 200:
            QTimer.singleShot(25, press_enter)

    QTimer.singleShot(25, press_enter)
    demo_tab.import_file(path)
    assert seen and seen[-1] == "Import impossible"
    assert "ce n'est pas un fichier texte CSV" in demo_tab.import_message
    qtbot.wait(600)  # nothing pops up afterwards (no late "Veuillez patienter")
    assert QApplication.activeModalWidget() is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()]
    opened: list[QDialog] = []
    demo_tab.exec_dialog = lambda d: opened.append(d) or QDialog.DialogCode.Rejected
    qtbot.mouseClick(demo_tab.add_button, Qt.MouseButton.LeftButton)
    assert opened  # the window still answers


def test_import_read_failure_is_not_a_bug(qtbot, demo_tab: ProfilesTab, tmp_path: Path,  # noqa: ANN001
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.services.profiles.importer as module  # the tab calls it from there

    def read(path, session):  # noqa: ANN001, ANN202
        raise ImportFileError("Le fichier « x.csv » ne peut pas être lu : accès refusé.")

    monkeypatch.setattr(module, "read_import", read)
    shown: list[str] = []
    monkeypatch.setattr("desktop_app.views.common.forms.QMessageBox.warning",
                        lambda parent, title, text: shown.append(f"{title} | {text}"))
    demo_tab.import_file(tmp_path / "x.csv")
    assert shown == ["Import impossible | Le fichier « x.csv » ne peut pas être lu : accès refusé."]


# ---------------------------------------------------------------- keyboard


def test_tab_leaves_the_tables(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    _activate(qtbot, demo_tab)
    demo_tab.table.setFocus()
    qtbot.waitUntil(demo_tab.table.hasFocus)
    qtbot.keyClick(demo_tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(demo_tab.table, Qt.Key.Key_Tab)
    assert not demo_tab.table.hasFocus()
    for index, table in ((1, demo_tab.interviews_table), (2, demo_tab.batches_table)):
        demo_tab.pages.setCurrentIndex(index)
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert not table.hasFocus(), table.objectName()


def test_enter_on_an_interview_opens_the_profile(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    _activate(qtbot, demo_tab)
    demo_tab.pages.setCurrentIndex(1)
    table = demo_tab.interviews_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    candidate = table.currentIndex().siblingAtColumn(1).data()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert demo_tab.pages.currentIndex() == 0
    assert demo_tab.detail is not None and demo_tab.detail.full_name == candidate


def test_refusing_then_undoing_a_profile_with_the_keyboard_only(qtbot, main_window) -> None:  # noqa: ANN001
    """Alt+H, the name, Tab to the list, Down, Alt+C, Alt+M, the reason, Alt+R; then Alt+N."""
    window = main_window
    window.ctx.clock = lambda: PINNED
    tab = window.show_tab(ProfilesTab)
    window.resize(1366, 700)
    _activate(qtbot, window)
    pid = _status_id(tab, "nouvelle")
    with tab.ctx.db.session() as s:
        last_name = s.get(Profile, pid).last_name
    _keys(window, "Alt+H")
    assert tab.search.hasFocus()
    type_text(qtbot, tab.search, last_name)
    for _ in range(6):
        if tab.table.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.detail is not None and tab.detail.id == pid
    assert mnemonic_clashes(window) == []

    problems: list[str] = []

    def refuse_with_keys(dialog: QDialog) -> int:
        """The real modal dialog, driven from its own event loop with keys only."""
        assert isinstance(dialog, RefuseDialog)

        def drive() -> None:
            if QApplication.activeWindow() is not dialog:
                QTimer.singleShot(20, drive)
                return
            try:
                assert mnemonic_clashes(dialog) == []
                _keys(dialog, "Alt+M")
                assert dialog.reason.lineEdit().hasFocus()
                type_text(qtbot, dialog.reason.lineEdit(), "Trop éloigné du lieu de travail")
                _keys(dialog, "Alt+R")  # "Ne pas retenir" (pressed as Qt animates a click)
            except AssertionError as exc:
                problems.append(str(exc) or "assertion")
            # never a hang: the dialog is closed if the keys did not close it
            QTimer.singleShot(3000, dialog, lambda: dialog.done(0))

        QTimer.singleShot(0, drive)
        return dialog.exec()

    tab.exec_dialog = refuse_with_keys
    _keys(window, "Alt+C")  # "Ce profil ne correspond pas"
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.status == "non_retenue")
    assert problems == []
    assert "Trop éloigné du lieu de travail" in tab.detail_info.text()
    _activate(qtbot, window)  # what the window manager does when the dialog closes
    # the keyboard continues from the list, where the profile is still chosen: never from a
    # decision button (after « Présélectionner » the first one offered was the refusal)
    qtbot.waitUntil(tab.table.hasFocus)
    assert tab.detail.id == pid and selected_id(tab.table) == pid
    assert mnemonic_clashes(window) == []
    _keys(window, "Alt+N")  # "Annuler le désintérêt"
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.status == "nouvelle")
    assert tab.detail.id == pid
    assert "Désintérêt annulé" in tab.history_info.text()


def test_no_mnemonic_clash_in_any_status(qtbot, main_window) -> None:  # noqa: ANN001
    window = main_window
    tab = window.show_tab(ProfilesTab)
    window.show()
    for status in ("nouvelle", "preselectionnee", "non_retenue", "validee", "recrute",
                   "rupture"):
        tab.select_profile(_status_id(tab, status))
        assert tab.detail is not None and tab.detail.status == status
        assert mnemonic_clashes(window) == [], status
        decisions = [b for b in tab.action_buttons.values() if b.isVisible()]
        assert decisions and all("&" in b.text() for b in decisions), status


def _dialogs(tab: ProfilesTab) -> list[QDialog]:
    """Every dialog of the tab, filled with long French text."""
    today, opts = DEMO_TODAY, {"ctx": tab.ctx, "today": DEMO_TODAY}
    name = "Marie-Éléonore de La Tour-d'Auvergne-Lefèvre-Château"
    initial = ProfileInput(last_name="de La Tour-d'Auvergne-Lefèvre-Château",
                           first_name="Marie-Éléonore", email="marie.eleonore@exemple.fr",
                           commune=LONG, diploma=LONG, graduate=True, experience=True,
                           experience_details=LONG * 4, notes=LONG * 6, pix_shared=True)
    with tab.ctx.db.session() as s:
        base = read_import_bytes(platform_csv(), "candidats.csv", s)
    rows = [ImportRow(n, "Lefèvre-Château" * 3, "Éléonore", f"e{n}@exemple.fr", "58120")
            for n in range(2, 400)]
    preview = ImportPreview(
        file_name="export-candidats-plateforme-conseiller-numerique-2026-03-02.csv",
        encoding=base.encoding, separator=base.separator, columns=base.columns,
        to_add=rows, to_update=rows[:50],
        rejected=[RejectedRow(n, LONG, LONG * 2) for n in range(400, 500)],
        notes=[LONG * 3, "Ancien format : " + LONG * 2],
    )
    interview = InterviewDialog(name, lambda v: None, datetime(2026, 3, 5, 14), LONG, LONG,
                                LONG * 8, tab, **opts)
    return [
        ProfileDialog(f"Modifier le profil de {name}", lambda v: None, initial, tab, **opts),
        RefuseDialog(name, lambda v: None, tab, **opts),
        ContractDialog(name, lambda v: None, today, tab, ctx=tab.ctx),
        RuptureDialog(name, lambda v: None, today, tab, ctx=tab.ctx),
        SignatureDialog(lambda v: None, today, None, tab, ctx=tab.ctx),
        interview,
        TrainingDialog(name, lambda v: None, today, tab, ctx=tab.ctx),
        RequestProfilesDialog(lambda v: None, lambda d, n: LONG * 40, today, tab, ctx=tab.ctx),
        ImportPreviewDialog(preview, tab),
    ]


def test_every_dialog_fits_the_screen_with_its_buttons(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    for dialog in _dialogs(demo_tab):
        dialog.show()
        qtbot.waitExposed(dialog)
        frame = dialog.frameGeometry()
        title = dialog.windowTitle()
        assert frame.width() <= SCREEN_W and frame.height() <= SCREEN_H, (title, frame)
        inside = dialog.rect()
        for button in dialog.buttons.buttons():
            assert button.isVisible(), (title, button.text())
            corner = button.mapTo(dialog, QPoint(button.width() - 1, button.height() - 1))
            assert inside.contains(corner), (title, button.text())
        assert mnemonic_clashes(dialog) == [], title
        dialog.done(0)


def test_the_tab_fits_the_screen(qtbot, main_window) -> None:  # noqa: ANN001
    window = main_window
    tab = window.show_tab(ProfilesTab)
    window.resize(SCREEN_W, SCREEN_H - 30)
    window.show()
    qtbot.waitExposed(window)
    tab.select_profile(_status_id(tab, "recrute"))
    frame = window.frameGeometry()
    assert frame.width() <= SCREEN_W and frame.height() <= SCREEN_H
    for button in (tab.import_button, tab.add_button, tab.request_button):
        assert button.isVisible() and button.visibleRegion().boundingRect().width() > 20


# ---------------------------------------------------------------- wheel and dates


def test_the_wheel_does_not_change_unfocused_fields(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    with demo_tab.ctx.db.session() as s:
        before = s.scalar(select(func.count(Profile.id)))
    demo_tab.search.setFocus()
    index = demo_tab.status_filter.currentIndex()
    wheel(demo_tab.status_filter)
    wheel(demo_tab.pix_filter)
    assert demo_tab.status_filter.currentIndex() == index
    assert demo_tab.pix_filter.currentIndex() == 0
    dialog = ProfileDialog("Ajouter un profil", lambda v: pytest.fail("saved by a wheel"),
                           ProfileInput(pix_shared=True), demo_tab, ctx=demo_tab.ctx)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    dialog.last_name.setFocus()
    for combo in (dialog.mobility, dialog.ccp1, dialog.pix_level):
        wheel(combo)
        wheel(combo, 1)
        assert combo.currentIndex() == 0
    contract = ContractDialog("X", lambda v: pytest.fail("saved by a wheel"), DEMO_TODAY,
                              demo_tab, ctx=demo_tab.ctx)
    qtbot.addWidget(contract)
    _activate(qtbot, contract)
    contract.salary.setFocus()
    wheel(contract.contract_type)
    wheel(contract.start.edit)
    assert contract.contract_type.currentIndex() == 0
    assert contract.start.value() == DEMO_TODAY
    with demo_tab.ctx.db.session() as s:
        assert s.scalar(select(func.count(Profile.id))) == before


def _type_date(qtbot, field, text: str) -> None:  # noqa: ANN001
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    field.edit.editingFinished.emit()


def test_training_dates_typed_and_implausible_ones_refused(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    pid = _status_id(demo_tab, "recrute")
    demo_tab.select_profile(pid)
    before = demo_tab.trainings_list.count()
    messages: dict[str, str] = {}

    def fill(d: TrainingDialog) -> int:
        d.show()
        type_text(qtbot, d.organisation, "Campus Éléonore-de-Nevers")
        _type_date(qtbot, d.start, "13042026")
        _type_date(qtbot, d.end, "17/04/2202")  # the slip of the issue
        messages["field"] = d.fields["end"].error.text()
        d.accept()
        assert d.result() != QDialog.DialogCode.Accepted
        _type_date(qtbot, d.end, "17/6/27")  # plausible date, but more than a year
        d.accept()
        assert d.result() != QDialog.DialogCode.Accepted
        messages["year"] = d.fields["end"].error.text()
        _type_date(qtbot, d.end, "17/4/26")
        assert d.end.text() == "17/04/2026"
        d.accept()
        return d.result()

    demo_tab.exec_dialog = fill
    qtbot.mouseClick(demo_tab.training_button, Qt.MouseButton.LeftButton)
    assert messages["field"] == ("Le dernier jour de formation ne peut pas être après le "
                                 "02/03/2031.")
    assert messages["year"].startswith("Une période de formation dure au plus un an")
    assert demo_tab.trainings_list.count() == before + 1
    with demo_tab.ctx.db.session() as s:
        added = s.scalars(select(TrainingSession).where(
            TrainingSession.organisation == "Campus Éléonore-de-Nevers")).one()
        assert (added.start_date, added.end_date) == (date(2026, 4, 13), date(2026, 4, 17))


def test_interview_typed_date_and_time(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    pid = _status_id(demo_tab, "preselectionnee")
    demo_tab.select_profile(pid)

    def fill(d: InterviewDialog) -> int:
        _type_date(qtbot, d.start.date_field, "12/3/26")
        d.start.time_field.edit.setText("10h30")
        d.start.time_field.edit.editingFinished.emit()
        d.place.setText("Mairie")
        d.panel.setText("Mme la maire")
        d.accept()
        return d.result()

    demo_tab.exec_dialog = fill
    qtbot.mouseClick(demo_tab.interview_button, Qt.MouseButton.LeftButton)
    with demo_tab.ctx.db.session() as s:
        starts = [i.start for i in records.get_detail(s, pid).interviews]
    assert datetime(2026, 3, 12, 10, 30) in starts


# ---------------------------------------------------------------- ten thousand profiles


def test_ten_thousand_profiles_sort_and_search_whole(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    """Ten thousand rows sort by each column and are searched whole (the speed of it is
    measured by ``make bench``, not here: a timed test fails on a loaded machine)."""
    statuses = ("nouvelle", "preselectionnee", "non_retenue", "validee", "recrute")
    rows = [
        ProfileRow(n, f"Lefèvre-Château{n % 997}", f"Éléonore{n % 89}", f"p{n}@exemple.fr",
                   f"{58000 + n % 400}", "Château-Chinon", date(2026, 1 + n % 12, 1 + n % 28)
                   if n % 7 else None, bool(n % 2), bool(n % 3), n % 4 or None, bool(n % 5),
                   bool(n % 2), statuses[n % 5], "plateforme")
        for n in range(1, 10_001)
    ]
    demo_tab.model.set_rows(rows)
    demo_tab.apply_filters()
    assert demo_tab.proxy.rowCount() == 10_000
    demo_tab.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    first = demo_tab.proxy.index(0, COL_NAME).data()
    assert first.startswith("LEFÈVRE-CHÂTEAU996 ")  # natural order: 996 after 99
    demo_tab.table.sortByColumn(COL_AVAILABLE, Qt.SortOrder.DescendingOrder)
    assert demo_tab.proxy.index(0, COL_AVAILABLE).data() == "—"  # no date sorts last
    demo_tab.table.sortByColumn(COL_STATUS, Qt.SortOrder.DescendingOrder)
    demo_tab.search.setText("eleonore1")
    shown = demo_tab.proxy.rowCount()
    expected = sum(1 for r in rows if fold(r.first_name).startswith("eleonore1"))
    assert shown == expected > 0
    assert all("Éléonore1" in demo_tab.model.row_at(
        demo_tab.proxy.mapToSource(demo_tab.proxy.index(r, 0)).row()).first_name
        for r in range(shown))

