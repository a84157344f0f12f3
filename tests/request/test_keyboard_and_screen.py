"""The request tab as a person on a 1366×768 office laptop uses it: every window fits the screen
with its buttons visible, the mouse wheel changes nothing it is not meant to, dates are typed as
people type them, and the request is filled and filed with the keyboard alone."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QWidget,
)

from desktop_app.services.request import requests
from desktop_app.services.structure import StructureInfo, get_structure, save_structure
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.common import input_safety
from desktop_app.views.request import dialogs as dialogs_module
from desktop_app.views.request.dialogs import FileDialog, SmicDialog, StatusDialog
from desktop_app.views.request_tab import RequestTab
from desktop_app.views.structure_form import StructureDialog
from tests.request.keyboard import alt, at, focus, is_on, press, replace, tab_to, when_modal
from tests.screen_checks import in_scroll_area, wheel
from tests.typing_helpers import type_text

TODAY = date(2026, 3, 2)
# The screen of a 1366×768 laptop without its 40 px taskbar.
LAPTOP = QRect(0, 0, 1366, 728)
LONG_NAME = "Communauté de communes des Vallées de l'Aubrac, du Haut-Morvan et des Amognes"
LONG_TEXT = (
    "Les habitants des hameaux, souvent âgés, n'ont plus de guichet de proximité : la "
    "bibliothèque accueillera des permanences numériques le mercredi et le samedi matin. "
) * 8


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Windows are fitted to the laptop's screen instead of the offscreen test screen."""
    monkeypatch.setattr(input_safety, "available_geometry", lambda widget=None: QRect(LAPTOP))
    return LAPTOP


@pytest.fixture
def pinned(ctx):  # noqa: ANN001, ANN201
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    return ctx


@pytest.fixture
def demo_pinned(demo_ctx):  # noqa: ANN001, ANN201
    demo_ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    return demo_ctx


def _tab(qtbot, ctx, size: tuple[int, int] = (1280, 660)) -> RequestTab:  # noqa: ANN001
    tab = RequestTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


def _draft(ctx) -> None:  # noqa: ANN001
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)


def _assert_fits(qtbot, window: QWidget) -> None:  # noqa: ANN001
    window.show()
    qtbot.waitExposed(window)
    frame = window.frameGeometry()
    assert LAPTOP.contains(frame), f"{window.windowTitle()} : {frame} dépasse {LAPTOP}"
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or in_scroll_area(button, window):
            continue
        corner = button.mapTo(window, QPoint(0, 0))
        where = QRect(corner, button.size())
        assert window.rect().contains(where), f"« {button.text()} » hors de la fenêtre"
        assert button.height() >= 20, f"« {button.text()} » écrasé"






# -- tests -----------------------------------------------------------------------------------
def test_every_window_fits_a_laptop_screen(qtbot, demo_pinned, laptop) -> None:  # noqa: ANN001
    with demo_pinned.db.session() as s:
        info = get_structure(s)
        save_structure(s, StructureInfo(**{
            **info.__dict__, "name": LONG_NAME, "address": "Hôtel communautaire, " * 4,
            "venue_name": "Médiathèque intercommunale " * 3,
        }))
    _draft(demo_pinned)
    tab = _tab(qtbot, demo_pinned, (1366, 660))  # the main window's room under its menus
    tab.form.motivation.setPlainText(LONG_TEXT)
    tab.form.contact_function.setText("Directrice générale adjointe des services " * 3)
    assert tab.minimumSizeHint().height() <= 620 and tab.minimumSizeHint().width() <= 1366
    for index in range(tab.sub_tabs.count()):
        tab.sub_tabs.setCurrentIndex(index)
        _assert_fits(qtbot, tab)

    current = tab._data
    file_dialog = tab.file_dialog()
    file_dialog.note.setPlainText(LONG_TEXT)
    with demo_pinned.db.session() as s:
        filed = next(r for r in requests.list_requests(s) if r.status == "non_traitee")
    status_dialog = StatusDialog(demo_pinned, filed, TODAY, tab)
    status_dialog.note.setPlainText(LONG_TEXT)
    status_dialog.committee.setText("COSELEC 12 — commission régionale Bourgogne " * 2)
    dialogs = [
        file_dialog, status_dialog, tab.smic_dialog(), StructureDialog(demo_pinned, tab),
    ]
    from desktop_app.views.first_run import FirstRunAssistant

    dialogs.append(FirstRunAssistant(demo_pinned))
    assert current is not None
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        _assert_fits(qtbot, dialog)
        assert mnemonic_clashes(dialog) == [], dialog.windowTitle()
        dialog.mark_clean()
        dialog.close()


def test_the_wheel_changes_no_unfocused_field(qtbot, pinned) -> None:  # noqa: ANN001
    _draft(pinned)
    tab = _tab(qtbot, pinned)
    form = tab.form
    form.name.setFocus()

    def saved() -> requests.RequestData:
        with pinned.db.session() as s:
            return requests.current_request(s)

    before = saved()
    shown = (form.posts_wanted.value(), form.candidate_identified.currentIndex(),
             form.start_date.text())
    for widget in (form.posts_wanted, form.posts_wanted.lineEdit(), form.candidate_identified,
                   form.start_date, form.start_date.edit):
        for _ in range(3):
            wheel(widget)
    qtbot.wait(900)  # longer than the autosave delay
    assert (form.posts_wanted.value(), form.candidate_identified.currentIndex(),
            form.start_date.text()) == shown
    after = saved()
    assert (after.posts_wanted, after.candidate_identified, after.start_date) == (
        before.posts_wanted, before.candidate_identified, before.start_date
    )
    assert "Modifications en cours" not in tab.save_state.text()


def test_start_date_typed_and_implausible_ones_refused(qtbot, pinned) -> None:  # noqa: ANN001
    _draft(pinned)
    tab = _tab(qtbot, pinned)
    field = tab.form.start_date

    def saved() -> date | None:
        tab.save_now()
        with pinned.db.session() as s:
            return requests.current_request(s).start_date

    for typed, wanted in (("1/9/26", date(2026, 9, 1)), ("15092026", date(2026, 9, 15)),
                          ("01/10/2026", date(2026, 10, 1)),
                          # without a year, a wished start is the next such day, never a past one
                          ("1er février", date(2027, 2, 1)), ("1", date(2026, 4, 1)),
                          ("12", date(2026, 3, 12))):
        field.edit.setFocus()
        replace(qtbot, typed)
        press(qtbot, Qt.Key.Key_Tab)
        assert field.value() == wanted, typed
        assert saved() == wanted
        assert field.text() == wanted.strftime("%d/%m/%Y")
    for typed, message in (("12/03/2202", "ne peut pas être après le 02/03/2029"),
                           ("31/02/2027", "n'est pas une date qui existe"),
                           ("demain", "n'est pas une date")):
        field.edit.setFocus()
        replace(qtbot, typed)
        press(qtbot, Qt.Key.Key_Tab)
        assert message in tab.form.fields["start_date"].error.text(), typed
        assert saved() == date(2026, 3, 12)  # the last accepted date is kept
    # A date already past is the service's message (a draft starts from today).
    field.edit.setFocus()
    replace(qtbot, "01/03/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert "est passée" in tab.form.fields["start_date"].error.text()


def test_dialog_dates_typed_and_refused_with_their_message(qtbot, demo_pinned, monkeypatch) -> None:  # noqa: ANN001, E501
    monkeypatch.setattr(dialogs_module, "ask_with_details", lambda *a, **k: True)
    with demo_pinned.db.session() as s:
        filed = next(r for r in requests.list_requests(s) if r.status == "non_traitee")
    dialog = StatusDialog(demo_pinned, filed, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData("abandonnee"))
    dialog.changed_on.edit.setText("3/3/2026")  # tomorrow
    dialog.accept()
    assert dialog.isVisible()
    assert "ne peut pas être après le 02/03/2026" in dialog.fields["changed_on"].error.text()
    dialog.changed_on.edit.setText("2/3/26")
    dialog.accept()
    assert dialog.result() == 1
    with demo_pinned.db.session() as s:
        assert requests.get_request(s, filed.id).status == "abandonnee"

    smic = SmicDialog(demo_pinned, requests_smic(demo_pinned), TODAY)
    qtbot.addWidget(smic)
    smic.show()
    smic.valid_from.edit.setText("01/01/1926")
    smic.accept()
    assert "ne peut pas être avant le 01/01/2021" in smic.fields["valid_from"].error.text()
    smic.valid_from.edit.setText("1/1/27")
    smic.accept()
    assert smic.result() == 1


def requests_smic(ctx):  # noqa: ANN001, ANN201
    from desktop_app.services.request import smic

    with ctx.db.session() as s:
        return smic.smic_on(s, TODAY)


def test_tab_leaves_the_tables(qtbot, demo_pinned) -> None:  # noqa: ANN001
    tab = _tab(qtbot, demo_pinned)
    for page, table in ((1, tab.history), (2, tab.posts_panel.posts_table)):
        tab.sub_tabs.setCurrentIndex(page)
        table.setFocus()
        assert is_on(table)
        press(qtbot, Qt.Key.Key_Tab)
        assert not is_on(table), table.objectName()
        text = table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert text  # the full text of a cut cell as a tooltip


def test_no_mnemonic_clash_in_the_main_window(qtbot, main_window) -> None:  # noqa: ANN001
    main_window.show()
    tab = main_window.show_tab(RequestTab)
    tab.request_list.setCurrentRow(0)
    for index in range(tab.sub_tabs.count()):
        tab.sub_tabs.setCurrentIndex(index)
        assert mnemonic_clashes(main_window) == [], tab.sub_tabs.tabText(index)
    tab.new_request()  # a draft: every field of the form enabled
    tab.form.candidate_identified.setCurrentIndex(1)  # the candidate's two fields shown
    tab.sub_tabs.setCurrentIndex(0)
    assert mnemonic_clashes(main_window) == []


def test_filing_a_request_with_the_keyboard_alone(qtbot, pinned) -> None:  # noqa: ANN001
    tab = _tab(qtbot, pinned, (1366, 660))
    form = tab.form
    tab.request_list.setFocus()
    alt(qtbot, "n")  # Nouvelle demande
    assert "Demande n° 1 — Brouillon" in tab.banner.text()

    # Votre structure
    at(qtbot, "t", form.structure_type)
    press(qtbot, Qt.Key.Key_Home)  # "Commune"
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(form.name)
    replace(qtbot, "Commune de Marzy")
    at(qtbot, "s", form.siret, "21580160600017")
    at(qtbot, "r", form.address, "1, place de l'Église")
    at(qtbot, "c", form.postal_code, "58180")  # one commune: filled at once
    assert form.commune.text() == "Marzy" and form.insee_code.text() == "58160"

    # Votre besoin
    at(qtbot, "b", form.posts_wanted, "2")
    at(qtbot, "g", form.start_date, "1/9/26")
    press(qtbot, Qt.Key.Key_Tab)
    assert form.start_date.value() == date(2026, 9, 1)
    assert is_on(form.candidate_identified)
    at(qtbot, "v", form.motivation)
    type_text(qtbot, focus(), "Des ateliers numériques pour les aînés des hameaux.")

    # Vos informations de contact
    at(qtbot, "o", form.contact_first_name, "Marie-Thérèse")
    press(qtbot, Qt.Key.Key_Tab)
    replace(qtbot, "Lefèvre")
    press(qtbot, Qt.Key.Key_Tab)
    replace(qtbot, "Secrétaire de mairie")
    at(qtbot, "l", form.contact_email, "secretariat@mairie-marzy.fr")
    at(qtbot, "h", form.contact_phone, "03 86 85 12 35")

    # Vos engagements: Tab to each box, Space ticks it.
    for box in form.commitment_boxes:
        tab_to(qtbot, box)
        press(qtbot, Qt.Key.Key_Space)
    assert all(box.isChecked() for box in form.commitment_boxes)

    # Signataire (the place was proposed by the commune)
    tab_to(qtbot, form.signatory_name)
    replace(qtbot, "Hélène Brossard")
    at(qtbot, "q", form.signatory_title, "Maire")
    press(qtbot, Qt.Key.Key_Tab)
    assert form.signature_place.text() == "Marzy"
    assert tab.file_button.isEnabled(), tab.missing.text()

    # "Marquer comme déposée…": the dialog, filled and saved with the keyboard.
    seen: list[str] = []

    def in_dialog(dialog: FileDialog) -> None:
        try:
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            assert dialog.filed_on.text() == "02/03/2026"
            at(qtbot, "o", dialog.platform_number, "CN-2026-04567")
            at(qtbot, "n", dialog.note)
            type_text(qtbot, focus(), "Déposée par la secrétaire.")
            press(qtbot, Qt.Key.Key_Tab)
            at(qtbot, "o", dialog.platform_number)
            press(qtbot, Qt.Key.Key_Return)  # "Enregistrer" is the default button
            seen.append("saisi")
        finally:
            if dialog.isVisible():  # never leave a modal dialog open: the test would hang
                seen.append(dialog.message.text() or "resté ouvert")
                dialog.done(0)

    waiting = when_modal(FileDialog, in_dialog)
    alt(qtbot, "p")
    waiting.stop()
    assert seen == ["saisi"]
    assert "Non traitée" in tab.banner.text()
    with pinned.db.session() as s:
        data = requests.current_request(s)
        structure = get_structure(s)
    assert (data.status, data.filed_on, data.platform_number) == (
        "non_traitee", TODAY, "CN-2026-04567"
    )
    assert data.posts_wanted == 2 and data.start_date == date(2026, 9, 1)
    assert data.contact_last_name == "Lefèvre" and data.signatory_name == "Hélène Brossard"
    assert structure.siret == "21580160600017" and structure.commune == "Marzy"


def test_logo_chosen_through_the_shared_picker(qtbot, pinned, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtGui import QColor, QImage

    image = QImage(1200, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#1b5e20"))
    path = tmp_path / "logo.png"
    image.save(str(path))
    asked: list[str] = []
    monkeypatch.setattr(
        "desktop_app.views.common.files.ask_open_path",
        lambda parent, purpose, *a: asked.append(purpose) or path,
    )
    dialog = StructureDialog(pinned)
    qtbot.addWidget(dialog)
    dialog.form.logo_choose.click()
    assert asked == ["logo"]
    logo = QImage.fromData(dialog.form.info(parse_hours=False).logo_png)
    assert (logo.width(), logo.height()) == (600, 200)  # scaled down to 600 px at most
    assert dialog.form.logo_remove.isEnabled()


def test_status_is_never_changed_by_a_bare_enter(qtbot, demo_pinned, monkeypatch) -> None:  # noqa: ANN001
    """A validated request offers only « Annulée »: Enter alone must not cancel it; chosen,
    it is asked again (« Non » by default), and refused there nothing changes."""
    asked: list[str] = []

    def answer(_parent, _title, summary, _details, **_kw) -> bool:  # noqa: ANN001
        asked.append(summary)
        return False

    monkeypatch.setattr(dialogs_module, "ask_with_details", answer)
    with demo_pinned.db.session() as s:
        validated = next(r for r in requests.list_requests(s) if r.status == "validee")
    dialog = StatusDialog(demo_pinned, validated, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status.currentData() is None and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.status, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_Down)
    assert dialog.status.currentData() == "annulee" and dialog.ok_button.isEnabled()
    dialog.accept()
    assert asked and "définitif" in asked[0] and "poste" in asked[0]
    assert dialog.isVisible()
    with demo_pinned.db.session() as s:
        assert requests.get_request(s, validated.id).status == "validee"
