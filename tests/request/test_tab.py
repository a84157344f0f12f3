"""The tab as a user works with it: typing, reading messages, fixing, filing, validating,
seeing the deadlines, then reopening the application and finding everything."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.db import open_database
from desktop_app.services.formatting import date_long
from desktop_app.services.request import api, requests
from desktop_app.services.structure import get_structure
from desktop_app.views.context import AppContext
from desktop_app.views.request_tab import RequestTab

TODAY = date.today()


def _tab(qtbot, ctx) -> RequestTab:  # noqa: ANN001
    tab = RequestTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 900)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _keys(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Type ``text`` key by key; accented letters (which QTest.keyClicks cannot send) go as key
    events carrying the character, as a keyboard layout with that letter sends them."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def _type(qtbot, edit: QLineEdit, text: str) -> None:  # noqa: ANN001
    """Replace the text as a user does: select all, type, press Enter (leaves the field)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    _keys(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def cell(table, row: int, column: int) -> str:  # noqa: ANN001
    """The text a table shows at ``row``, ``column`` (tables are model views)."""
    return table.model().index(row, column).data()


def _error(tab: RequestTab, key: str) -> str:
    field = tab.form.fields[key]
    return field.error.text() if field.error.isVisibleTo(tab) else ""


def test_fill_check_fix_file_validate_and_reopen(qtbot, ctx, db_path: Path, monkeypatch) -> None:  # noqa: ANN001, E501
    tab = _tab(qtbot, ctx)
    assert "Aucune demande" in tab.banner.text()
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    form = tab.form
    assert "Demande n° 1 — Brouillon" in tab.banner.text()
    assert "à compléter" in tab.file_button.text()
    # pressed with points left, it lists them all (readable from the keyboard, unlike a
    # tooltip) and files nothing
    listed: list[str] = []
    monkeypatch.setattr("desktop_app.views.request_tab.info",
                        lambda _parent, _title, text: listed.append(text))
    tab.file_button.click()
    assert listed and listed[0].count("•") == len(tab._missing) > 3
    assert "Demande n° 1 — Brouillon" in tab.banner.text()

    _type(qtbot, form.name, "Commune de Saint-Léger-de-Fougeret")
    # A wrong check digit: the message appears as soon as the 14 digits are typed.
    form.siret.setFocus()
    qtbot.keyClicks(form.siret, "21580249700011")
    assert "clé de contrôle" in _error(tab, "siret")
    _type(qtbot, form.address, "1, place de l'Église")
    # A postal code that does not exist.
    _type(qtbot, form.postal_code, "58999")
    assert "n'existe pas" in _error(tab, "postal_code")
    _type(qtbot, form.postal_code, "58120")
    assert _error(tab, "postal_code") == ""
    assert form.commune_choice.count() == 10
    index = form.commune_choice.findData("58249")
    form.commune_choice.setCurrentIndex(index)
    form.commune_choice.activated.emit(index)
    assert form.commune.text() == "Saint-Léger-de-Fougeret"
    assert form.insee_code.text() == "58249"
    assert form.departement.text() == "Nièvre"
    assert form.region.text() == "Bourgogne-Franche-Comté"
    # A valid SIRET, but not this commune's SIREN.
    _type(qtbot, form.siret, "215 809 997 00012")
    assert "215802497" in _error(tab, "siret")
    _type(qtbot, form.siret, "215 802 497 00010")
    assert _error(tab, "siret") == ""

    # Votre besoin: a start date in the past is refused.
    form.start_date.setDate(form.start_date.date().addDays(-3))
    assert "est passée" in _error(tab, "start_date")
    form.start_date.setDate(form.start_date.date().addDays(40))
    assert _error(tab, "start_date") == ""

    # Votre motivation: a pasted text too long, with the live counter.
    form.motivation.setFocus()
    form.motivation.setPlainText("é" * 2501)
    assert form.motivation_counter.text().replace("\u202f", " ").replace("\xa0", " ") == (
        "2 501 / 2 500"
    )
    assert "retirez-en 1" in _error(tab, "motivation")
    form.motivation.clear()
    _keys(qtbot, form.motivation, "Des ateliers pour les aînés des hameaux.")
    assert form.motivation_counter.text() == "40 / 2\u202f500"
    assert _error(tab, "motivation") == ""

    # Vos informations de contact
    _type(qtbot, form.contact_first_name, "Marie-Thérèse")
    _type(qtbot, form.contact_last_name, "Lefèvre")
    _type(qtbot, form.contact_function, "Secrétaire de mairie")
    _type(qtbot, form.contact_email, "secretariat@")
    assert "n'est pas une adresse e-mail valide" in _error(tab, "contact_email")
    _type(qtbot, form.contact_email, "secretariat@mairie-exemple.fr")
    assert _error(tab, "contact_email") == ""
    _type(qtbot, form.contact_phone, "03 86 85")
    assert "10 chiffres" in _error(tab, "contact_phone")
    _type(qtbot, form.contact_phone, "03 86 85 12 35")
    assert _error(tab, "contact_phone") == ""

    # Signataire
    _type(qtbot, form.signatory_name, "Hélène Brossard")
    form.signatory_title.setCurrentText("Maire")

    # Only the commitments are missing now: the button says so.
    tab.save_now()
    assert tab.file_button.text() == "Pour dé&poser : 1 point à compléter…"
    assert "Cochez les cinq engagements" in tab.missing.text()
    for box in form.commitment_boxes:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert all(box.isChecked() for box in form.commitment_boxes)
    assert tab.file_button.isEnabled() and tab.file_button.text() == "Marquer comme dé&posée…"
    assert tab.missing.text() == ""

    # The structure section wrote "Paramètres de la structure".
    qtbot.waitUntil(lambda: get_structure_of(ctx).insee_code == "58249")
    assert get_structure_of(ctx).siret == "21580249700010"

    # File it.
    dialog = tab.file_dialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.platform_number, "CN-2026-01234")
    dialog.accept()
    assert "Non traitée" in tab.banner.text()
    # filed: read only but legible — the text stays dark and selectable, never disabled grey
    assert all(box.isEnabled() for box in form.sections)
    assert form.motivation.isReadOnly() and form.motivation.isEnabled()
    assert form.name.isReadOnly() and not form.posts_wanted.isEnabled()
    from PySide6.QtGui import QPalette

    disabled = form.posts_wanted.palette().color(QPalette.ColorGroup.Disabled,
                                                 QPalette.ColorRole.Text)
    assert disabled.name() == "#1a1a1a"
    locked = form.name.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    assert locked.name() == "#f3f5f7"
    assert tab.history.model().rowCount() == 2

    # Validate it with one post granted.
    dialog = tab.status_dialog()
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("validee"))
    _type(qtbot, dialog.committee, "COSELEC 12")
    dialog.posts_granted.setValue(1)
    qtbot.keyClicks(dialog.note, "Avis positif.")
    dialog.accept()
    assert "Postes attribués : 1" in tab.status_summary.text()
    due = api.add_months(TODAY, 1)
    assert "Sélectionner un candidat avant le" in tab.deadline_labels.text()
    assert str(due.year) in tab.deadline_labels.text()
    with ctx.db.session() as s:
        assert api.granted_posts(s) == 1
        assert api.validation_date(s) == TODAY

    # Reopen the application: everything is there.
    tab.close()
    ctx.db.close()
    db2 = open_database(db_path)
    try:
        tab2 = _tab(qtbot, AppContext(db2))
        assert "Demande n° 1 — Validée" in tab2.banner.text()
        assert tab2.form.motivation.toPlainText() == "Des ateliers pour les aînés des hameaux."
        assert tab2.form.contact_email.text() == "secretariat@mairie-exemple.fr"
        assert tab2.form.siret.text() == "21580249700010"
        assert all(box.isChecked() for box in tab2.form.commitment_boxes)
        history = tab2.history.model()
        assert [cell(tab2.history, r, 1) for r in range(history.rowCount())] == [
            "Validée", "Non traitée", "Brouillon"
        ]
        assert "COSELEC 12" in cell(tab2.history, 0, 2)
        assert "Sélectionner un candidat" in tab2.deadline_labels.text()
        # A later request for one more post: the first one stays reachable.
        qtbot.mouseClick(tab2.new_button, Qt.MouseButton.LeftButton)
        assert tab2.request_list.count() == 2
        assert "Demande n° 2 — Brouillon" in tab2.banner.text()
        assert tab2.form.contact_first_name.text() == "Marie-Thérèse"
        tab2.request_list.setCurrentRow(1)
        assert "Demande n° 1 — Validée" in tab2.banner.text()
        tab2.close()
    finally:
        db2.close()


def get_structure_of(ctx):  # noqa: ANN001, ANN201
    with ctx.db.session() as s:
        return get_structure(s)


def test_autosave_and_undo(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    asked: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        "desktop_app.views.request_tab.ask_with_details",
        lambda _parent, _title, summary, details, **_kw: asked.append((summary, details)) or True,
    )
    with demo_ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = _tab(qtbot, demo_ctx)
    assert tab.request_list.count() == 3
    form = tab.form
    assert not tab.undo_button.isEnabled()
    form.motivation.setFocus()
    _keys(qtbot, form.motivation, "Texte tapé puis annulé")
    assert tab.undo_button.isEnabled()

    def saved() -> str:
        with demo_ctx.db.session() as s:
            return requests.current_request(s).motivation

    # Saved without leaving the field (the timer), so a crash would not lose it.
    qtbot.waitUntil(lambda: saved() == "Texte tapé puis annulé", timeout=3000)
    assert "Enregistré automatiquement" in tab.save_state.text()
    _type(qtbot, form.name, "Commune renommée par erreur")
    assert get_structure_of(demo_ctx).name == "Commune renommée par erreur"

    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][0].startswith("2 champs reviendront")
    assert "Nom de la structure" in asked[0][0] and "Votre motivation" in asked[0][0]
    assert form.motivation.toPlainText() == ""
    assert saved() == ""
    assert get_structure_of(demo_ctx).name == "Commune de Saint-Léger-de-Fougeret"
    assert form.name.text() == "Commune de Saint-Léger-de-Fougeret"
    assert not tab.undo_button.isEnabled()


def test_demo_requests_posts_and_smic(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = _tab(qtbot, demo_ctx)
    titles = [tab.request_list.item(i).text() for i in range(tab.request_list.count())]
    assert titles[0].startswith("Demande n° 2 — Non traitée")
    assert titles[1].startswith("Demande n° 1 — Validée")
    tab.request_list.setCurrentRow(1)
    assert tab.history.model().rowCount() == 4
    assert "Avis du comité de sélection : « Positif »" in tab.status_summary.text()
    tab.sub_tabs.setCurrentIndex(2)
    panel = tab.posts_panel
    assert panel.posts_model.rowCount() == 2  # the two posts granted by COSELEC 12
    assert "1\u00a0823,03" in panel.smic_label.text()  # rich text: the unbreakable space Qt keeps
    # The Smic: the user adds the next value, the panel then says it uses it.
    dialog = tab.smic_dialog()
    qtbot.addWidget(dialog)
    assert dialog.valid_from.value() == date(2027, 1, 1)
    dialog.amount.setValue(1850.00)
    dialog.accept()
    with demo_ctx.db.session() as s:
        from desktop_app.services.request import smic

        assert smic.smic_on(s, date(2027, 6, 1)).monthly_gross == smic.Decimal("1850.00")
        assert smic.smic_on(s, date(2026, 6, 1)).monthly_gross == smic.Decimal("1823.03")


def test_pdf_buttons(qtbot, demo_ctx, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    tab = _tab(qtbot, demo_ctx)
    target = tmp_path / "engagement.pdf"
    monkeypatch.setattr(
        "desktop_app.views.common.files.ask_save_path", lambda *a, **k: target
    )
    qtbot.mouseClick(tab.pdf_buttons["engagement"][1], Qt.MouseButton.LeftButton)
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "Formulaire d'engagement" in text
    opened: list = []
    monkeypatch.setattr(
        "desktop_app.views.common.files.open_url",
        lambda url: opened.append(url) or True,
    )
    path = tab.preview("recap")
    assert path is not None and path.exists() and opened
    assert len(PdfReader(str(path)).pages) >= 2


def test_settings_dialog_and_request_stay_in_step(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from desktop_app.views.structure_form import StructureDialog

    with demo_ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = _tab(qtbot, demo_ctx)
    dialog = StructureDialog(demo_ctx)
    qtbot.addWidget(dialog)
    form = dialog.form
    _type(qtbot, form.postal_code, "58180")  # one commune: filled at once
    assert form.commune.text() == "Marzy"
    assert form.insee_code.text() == "58160"
    assert form.departement.text() == "Nièvre"
    _type(qtbot, form.siret, "21580160600017")
    dialog.accept()
    # The request's "Votre structure" section shows the new values.
    assert tab.form.postal_code.text() == "58180"
    assert tab.form.insee_code.text() == "58160"
    assert tab.form.commune.text() == "Marzy"
    assert not set(tab.form.errors()) & set(requests.STRUCTURE_FIELDS)  # SIREN is Marzy's


def test_closing_the_window_saves_what_was_typed(qtbot, main_window, demo_ctx) -> None:  # noqa: ANN001
    main_window.show()
    tab = main_window.show_tab(RequestTab)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    tab.form.contact_function.setFocus()
    tab.form.contact_function.selectAll()
    _keys(qtbot, tab.form.contact_function, "Directrice générale des services")
    tab.hide()  # what closing the window does to the tab, before the timer fired
    with demo_ctx.db.session() as s:
        assert requests.current_request(s).contact_function == "Directrice générale des services"


def test_deadlines_in_colour(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    from sqlalchemy import update

    from desktop_app.models.profiles import Profile

    with demo_ctx.db.session() as s:  # no candidate chosen yet
        s.execute(update(Profile).values(validated_on=None))
        validated_on = api.validation_date(s)
    tab = _tab(qtbot, demo_ctx)

    def pin(days: int) -> None:
        day = validated_on + timedelta(days=days)
        demo_ctx.clock = lambda: datetime(day.year, day.month, day.day, 9, 0)

    pin(10)
    tab.refresh()
    assert "#1b5e20" in tab.deadline_labels.text()  # green: three weeks left
    pin(27)
    tab.refresh()
    assert "Bientôt : Sélectionner un candidat avant le" in tab.deadline_labels.text()
    pin(40)
    tab.refresh()
    assert "En retard : Sélectionner un candidat avant le" in tab.deadline_labels.text()
    assert "#b00020" in tab.deadline_labels.text()
    # once a candidate is validated the deadline is met, with its date, and never due again
    chosen = validated_on + timedelta(days=12)
    with demo_ctx.db.session() as s:
        s.execute(update(Profile).where(Profile.status == "recrute").values(
            validated_on=chosen, contract_signed_on=chosen + timedelta(days=3)))
    tab.refresh()
    text = tab.deadline_labels.text()
    assert "Sélectionner un candidat avant" not in text
    assert f"✓ Fait : Candidat sélectionné le {date_long(chosen)}" in text
