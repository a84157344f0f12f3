"""La Coop's screens driven as a user would: the session editor's La Coop fields, the person
form's birth year and commune, the « À saisir dans La Coop » page with its export and import,
the rooms of the settings and the planner per conseiller."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.models.profiles import Profile
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.lacoop import rooms as rooms_service
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.workshops.session_dialog import SessionDialog
from tests.screen_checks import assert_fits
from tests.typing_helpers import type_text
from tests.workshops.helpers import (
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)

TODAY = date(2026, 3, 2)
LONG_DEMARCHE = "Demande de carte nationale d’identité et de passeport pour un mineur à l’étranger"


@pytest.fixture
def lctx(ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime.combine(TODAY, datetime.min.time()).replace(hour=17)
    with ctx.db.session() as s:
        s.add(Profile(first_name="Camille", last_name="Martin-Lefèvre", email="c@x.fr",
                      status="recrute"))
        s.add(Profile(first_name="Yanis", last_name="Roussel", email="y@x.fr", status="recrute"))
        rooms_service.save_rooms(s, ["Salle d’animation Éléonore-Château", "Espace numérique"])
    return ctx


def profile_id(ctx, last: str) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return s.scalars(select(Profile.id).where(Profile.last_name == last)).one()


def open_dialog(qtbot, ctx, **kw) -> SessionDialog:  # noqa: ANN001, ANN003
    dialog = SessionDialog(ctx, **kw)
    dialog.confirm_warnings = lambda _messages: True  # the editor's question, answered
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def check_theme(dialog: SessionDialog, key: str) -> None:
    from PySide6.QtCore import Qt

    for i in range(dialog.themes.count()):
        item = dialog.themes.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(key)


def session_row(ctx, sid: int) -> ss.SessionDetail:  # noqa: ANN001
    with ctx.db.session() as s:
        return ss.get_session(s, sid)


def test_workshop_fields_saved_and_read_back(qtbot, lctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, lctx, kind="collectif",
                         start=datetime(2026, 3, 3, 15, 0))
    assert not dialog.admin_box.isVisibleTo(dialog)
    type_text(qtbot, dialog.title, "Faire ses démarches en ligne")
    check_theme(dialog, "navigation")
    assert not dialog.admin_box.isVisibleTo(dialog)
    check_theme(dialog, "demarches")
    assert dialog.admin_box.isVisibleTo(dialog)
    dialog.admin_themes["papiers"].setChecked(True)
    dialog.admin_themes["logement"].setChecked(True)
    type_text(qtbot, dialog.demarche_name, LONG_DEMARCHE)
    dialog.equipment["ordinateur"].setChecked(True)
    dialog.conseiller.setCurrentIndex(dialog.conseiller.findText("Camille Martin-Lefèvre"))
    dialog.room.setCurrentIndex(dialog.room.findText("Espace numérique"))
    dialog.anonymous.setValue(5)
    dialog.anonymous_counts["gender"]["feminin"].setValue(3)
    dialog.anonymous_counts["gender"]["masculin"].setValue(1)
    dialog.anonymous_counts["age"]["70_plus"].setValue(2)
    dialog.anonymous_counts["status"]["retraite"].setValue(4)
    assert mnemonic_clashes(dialog) == []
    assert_fits(dialog)
    dialog.accept()
    assert dialog.saved_ids, dialog.message.text()
    d = session_row(lctx, dialog.saved_ids[0])
    assert (sorted(d.admin_themes), d.demarche_name) == (["logement", "papiers"], LONG_DEMARCHE)
    assert d.conseiller_profile_id == profile_id(lctx, "Martin-Lefèvre")
    assert (d.conseiller_name, d.room) == ("Camille Martin-Lefèvre", "Espace numérique")
    assert d.anonymous == {"gender": {"feminin": 3, "masculin": 1}, "age": {"70_plus": 2},
                           "status": {"retraite": 4}}

    again = open_dialog(qtbot, lctx, session_id=d.id)
    assert again.admin_box.isVisibleTo(again)
    assert again.admin_themes["logement"].isChecked()
    assert not again.admin_themes["justice"].isChecked()
    assert again.demarche_name.text() == LONG_DEMARCHE
    assert again.conseiller_value() == (d.conseiller_profile_id, "Camille Martin-Lefèvre")
    assert again.room.currentText() == "Espace numérique"
    assert again.anonymous_counts["gender"]["feminin"].value() == 3
    assert again.anonymous_counts["status"]["retraite"].value() == 4
    # unticking the theme hides and drops the sub-themes
    check_theme(again, "demarches")
    from PySide6.QtCore import Qt

    for i in range(again.themes.count()):
        if again.themes.item(i).data(Qt.ItemDataRole.UserRole) == "demarches":
            again.themes.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not again.admin_box.isVisibleTo(again)
    again.accept()
    d = session_row(lctx, d.id)
    assert (d.admin_themes, d.demarche_name) == ([], "")


def test_anonymous_counts_over_the_total_are_refused(qtbot, lctx) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, lctx, kind="collectif", start=datetime(2026, 3, 3, 15, 0))
    type_text(qtbot, dialog.title, "Atelier mails")
    check_theme(dialog, "email")
    dialog.anonymous.setValue(2)
    dialog.anonymous_counts["age"]["18_24"].setValue(2)
    dialog.anonymous_counts["age"]["25_39"].setValue(1)
    dialog.accept()
    assert not dialog.saved_ids
    error = dialog.fields["anonymous"].error.text()
    assert "Par tranche d’âge, 3 participants anonymes sont répartis pour 2" in error
    assert dialog.fields["anonymous"].error.isVisibleTo(dialog)
    with lctx.db.session() as s:
        assert s.scalars(select(WorkshopSession)).all() == []
    dialog.mark_clean()  # what was typed is thrown away on purpose
    dialog.reject()


def test_individual_referral_and_a_named_mediator(qtbot, lctx) -> None:  # noqa: ANN001
    from tests.workshops.helpers import add_person

    pid = add_person(lctx.db, "Hélène", "Brossard-Delacroix")
    dialog = open_dialog(qtbot, lctx, kind="individuel", start=datetime(2026, 3, 4, 15, 0))
    assert not dialog.fields["anonymous"].isVisibleTo(dialog)
    dialog.set_person(pid)
    check_theme(dialog, "sante")
    assert not dialog.redirection.isEnabled()
    dialog.referred.setChecked(True)
    assert dialog.redirection.isEnabled()
    dialog.redirection.setCurrentIndex(dialog.redirection.findData("aide_demarches"))
    type_text(qtbot, dialog.referral, "France Services de Luzy")
    dialog.conseiller.setEditText("Jeanne Dupré-Saint-Aubin")
    assert mnemonic_clashes(dialog) == []
    assert_fits(dialog)
    dialog.accept()
    assert dialog.saved_ids, dialog.message.text()
    d = session_row(lctx, dialog.saved_ids[0])
    assert (d.referred, d.redirection, d.referral) == (
        True, "aide_demarches", "France Services de Luzy")
    assert (d.conseiller_profile_id, d.conseiller_name) == (None, "Jeanne Dupré-Saint-Aubin")
    again = open_dialog(qtbot, lctx, session_id=d.id)
    assert again.referred.isChecked()
    assert again.redirection.currentData() == "aide_demarches"
    assert again.conseiller_value() == (None, "Jeanne Dupré-Saint-Aubin")
    again.reject()


def test_person_birth_year_bracket_and_commune(qtbot, lctx) -> None:  # noqa: ANN001
    from desktop_app.services.workshops import participants as ps
    from desktop_app.views.workshops.participant_dialogs import ParticipantDialog

    dialog = ParticipantDialog(lctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.first_name, "Marie-Thérèse")
    type_text(qtbot, dialog.last_name, "Lefèvre-Château")
    dialog.birth_year.setValue(1955)  # 71 in 2026
    assert dialog.age.currentText() == "70 ans et plus"
    assert not dialog.age.isEnabled()
    dialog.gender.setCurrentIndex(dialog.gender.findData("feminin"))
    dialog.status.setCurrentIndex(dialog.status.findData("retraite"))
    type_text(qtbot, dialog.postal_code, "58240")
    names = [dialog.insee.itemText(i) for i in range(dialog.insee.count())]
    assert any(n.startswith("Saint-Pierre-le-Moûtier (INSEE 58264") for n in names), names
    dialog.insee.setCurrentIndex(dialog.insee.findData("58264"))
    assert dialog.commune.text() == "Saint-Pierre-le-Moûtier"
    assert mnemonic_clashes(dialog) == []
    assert_fits(dialog)
    dialog.accept()
    pid = dialog.participant_id
    assert pid
    with lctx.db.session() as s:
        p = ps.get_participant(s, pid)
    assert (p.birth_year, p.age_bracket, p.gender, p.social_status) == (
        1955, "70_plus", "feminin", "retraite")
    assert (p.postal_code, p.insee_code, p.commune) == ("58240", "58264",
                                                       "Saint-Pierre-le-Moûtier")
    again = ParticipantDialog(lctx, participant_id=pid)
    qtbot.addWidget(again)
    assert again.year_value() == 1955
    assert again.insee.currentData() == "58264"
    # no year: the bracket is typed, and kept
    again.birth_year.setValue(again.birth_year.minimum())
    assert again.age.isEnabled()
    again.age.setCurrentIndex(again.age.findData("40_59"))
    again.accept()
    with lctx.db.session() as s:
        p = ps.get_participant(s, pid)
    assert (p.birth_year, p.age_bracket) == (None, "40_59")


def test_person_birth_year_out_of_range_cannot_be_typed(qtbot, lctx) -> None:  # noqa: ANN001
    from desktop_app.views.workshops.participant_dialogs import ParticipantDialog

    dialog = ParticipantDialog(lctx)
    qtbot.addWidget(dialog)
    assert dialog.birth_year.maximum() == TODAY.year
    assert dialog.birth_year.minimum() + 1 == 1900
    dialog.birth_year.setValue(1850)
    assert dialog.year_value() is None


# -- the « À saisir dans La Coop » page and the planner per conseiller -------------------------
@pytest.fixture
def held(lctx):  # noqa: ANN001, ANN201
    """Three held sessions: two late (last week, two conseillers), one today."""
    from tests.workshops.helpers import add_session

    camille = profile_id(lctx, "Martin-Lefèvre")
    yanis = profile_id(lctx, "Roussel")
    ids = [
        add_session(lctx.db, datetime(2026, 2, 24, 14, 0), title="Atelier mails",
                    conseiller_profile_id=camille, conseiller_name="Camille Martin-Lefèvre"),
        add_session(lctx.db, datetime(2026, 2, 25, 14, 0), title="Banque en ligne",
                    conseiller_profile_id=yanis, conseiller_name="Yanis Roussel"),
        add_session(lctx.db, datetime(2026, 3, 2, 10, 0), title="Tablette du jour",
                    conseiller_profile_id=camille, conseiller_name="Camille Martin-Lefèvre"),
    ]
    return lctx, ids, camille


def make_tab(qtbot, ctx):  # noqa: ANN001, ANN201
    from desktop_app.views.workshops_tab import WorkshopsTab

    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    return tab


def shown_lines(page) -> list[str]:  # noqa: ANN001 - a LacoopPage
    """The lines of the page's list, as its view shows them."""
    model = page.items.model()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def choose_line(page, row: int) -> None:  # noqa: ANN001 - a LacoopPage
    page.items.setCurrentIndex(page.items.model().index(row, 0))


def test_lacoop_page_lists_marks_unmarks_and_counts_late(qtbot, held) -> None:  # noqa: ANN001
    from desktop_app.views.common.tables import ID_ROLE

    ctx, ids, camille = held
    tab = make_tab(qtbot, ctx)
    page = tab.lacoop_page
    assert tab.inner_tabs.tabText(tab.inner_tabs.indexOf(page)) == "À saisir dans La Coop"
    tab.inner_tabs.setCurrentWidget(page)  # the page reads its list when shown
    texts = shown_lines(page)
    assert len(texts) == 3 and "Atelier mails" in texts[0] and texts[0].startswith("⚠")
    assert page.count.text() == "3 activités à saisir, dont 2 en retard"
    detail = page.detail.toPlainText()
    assert detail.index("Type :") < detail.index("Canaux d’accompagnement :") < detail.index(
        "Durée (min) :")
    assert "Thématique(s) d’accompagnement : Prendre en main du matériel" in detail
    choose_line(page, 0)
    page.mark_button.click()
    assert page.count.text() == "2 activités à saisir, dont 1 en retard"
    with ctx.db.session() as s:
        assert s.get(WorkshopSession, ids[0]).lacoop_entered_at is not None
    # the entered one stays listed (this week) with its mark, to be taken back
    model = page.items.model()
    row = next(i for i in range(model.rowCount()) if model.index(i, 0).data(ID_ROLE) == ids[0])
    assert shown_lines(page)[row].startswith("✔")
    choose_line(page, row)
    assert page.mark_button.isChecked()
    page.mark_button.click()
    assert page.count.text() == "3 activités à saisir, dont 2 en retard"
    with ctx.db.session() as s:
        assert s.get(WorkshopSession, ids[0]).lacoop_entered_at is None
    # one conseiller
    page.conseiller.setCurrentIndex(page.conseiller.findText("Yanis Roussel"))
    assert len(shown_lines(page)) == 1 and "Banque en ligne" in shown_lines(page)[0]
    assert page.count.text() == "1 activité à saisir, dont 1 en retard"


def test_lacoop_page_reads_when_shown_and_after_a_change(qtbot, held) -> None:  # noqa: ANN001
    from tests.workshops.helpers import add_session

    ctx, _ids, _camille = held
    tab = make_tab(qtbot, ctx)
    page = tab.lacoop_page
    assert shown_lines(page) == []  # a hidden sub-tab: nothing read at the tab's opening
    tab.shift(-1)
    assert shown_lines(page) == []  # nor when the planner moves
    tab.inner_tabs.setCurrentWidget(page)
    assert len(shown_lines(page)) == 3
    # a change announced elsewhere, the page shown: read again once the action is over
    add_session(ctx.db, datetime(2026, 3, 1, 9, 0), title="Séance ajoutée ailleurs")
    ctx.notify("workshops")
    qtbot.waitUntil(lambda: len(shown_lines(page)) == 4)
    assert page.count.text() == "4 activités à saisir, dont 3 en retard"
    # hidden when the change comes: read when shown again
    tab.inner_tabs.setCurrentIndex(0)
    add_session(ctx.db, datetime(2026, 3, 1, 11, 0), title="Une autre")
    ctx.notify("workshops")
    assert len(shown_lines(page)) == 4
    tab.inner_tabs.setCurrentWidget(page)
    assert len(shown_lines(page)) == 5


def test_planner_shows_one_conseiller_or_all(qtbot, held) -> None:  # noqa: ANN001
    ctx, ids, camille = held
    tab = make_tab(qtbot, ctx)
    tab.go_to(date(2026, 2, 24))
    tab.set_view("list")
    tab.period_filter.setCurrentIndex(tab.period_filter.findData("year"))
    assert tab.list_model.rowCount() == 3
    combo = tab.conseiller_filter
    combo.setCurrentIndex(combo.findText("Camille Martin-Lefèvre"))
    assert sorted(r.id for r in tab.list_model.rows()) == [ids[0], ids[2]]
    combo.setCurrentIndex(combo.findText("Yanis Roussel"))
    assert [r.id for r in tab.list_model.rows()] == [ids[1]]
    combo.setCurrentIndex(0)
    assert tab.list_model.rowCount() == 3


def test_export_and_import_through_the_page(qtbot, held, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from desktop_app.models.workshops import Registration
    from desktop_app.views.common import files
    from tests.workshops.helpers import add_person

    ctx, ids, _c = held
    pid = add_person(ctx.db, "Marie-Thérèse", "Lefèvre-Château", birth_year=1955,
                     postal_code="58240", insee_code="58264", commune="Saint-Pierre-le-Moûtier")
    with ctx.db.session() as s:  # she came to last week's workshop: a beneficiary
        s.add(Registration(session_id=ids[0], participant_id=pid, attendance="present"))
    tab = make_tab(qtbot, ctx)
    page = tab.lacoop_page
    target = tmp_path / "pour-la-coop.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    said: list[str] = []
    monkeypatch.setattr("desktop_app.views.workshops.lacoop_page.info",
                        lambda _parent, _title, text: said.append(text))
    page.export_button.click()
    assert said and said[0].startswith("1\u00a0personne(s) exportée(s)")
    ws = load_workbook(target)["Bénéficiaires"]
    assert [ws.cell(4, c).value for c in range(1, 6)] == [
        "Lefèvre-Château", "Marie-Thérèse", 1955, "Saint-Pierre-le-Moûtier", "58264"]

    # La Coop's "Bénéficiaires" export: metadata rows, then the table; one line damaged
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Export des bénéficiaires"])
    ws.append(["Exporté le 02/03/2026"])
    ws.append([])
    ws.append(["Nom", "Prénom", "Année de naissance", "Nom de la commune", "Code INSEE",
               "Code postal", "N° de téléphone", "E-mail", "Genre", "Tranche d’âge", "Statut",
               "Nombre d’accompagnements", "Notes supplémentaires"])
    ws.append(["Lefèvre-Château", "Marie-Thérèse", 1955, "Saint-Pierre-le-Moûtier", "58264",
               "58240", "-", "-", "Femme", "70 ans et plus", "Retraité", 2, "-"])
    ws.append(["Dupré", "Jeanne", 1988, "Luzy", "58152", "58170", "-", "-", "Femme",
               "25 - 39 ans", "En emploi", 1, "-"])
    ws.append(["", "Sans nom", "abc", "-", "-", "-", "-", "-", "-", "-", "-", 0, "-"])
    source = tmp_path / "export-la-coop.xlsx"
    wb.save(source)
    monkeypatch.setattr(files, "ask_open_path", lambda *a, **k: source)
    shown: list[tuple[str, list[str]]] = []
    page.show_report = lambda summary, lines: shown.append((summary, lines))
    page.review_doubt = lambda doubt: None
    page.import_button.click()
    assert shown, "le compte rendu n'a pas été montré"
    summary, lines = shown[0]
    assert "Bénéficiaires" in summary
    assert any("Refusé (ligne 7)" in line for line in lines), lines
    from desktop_app.models.workshops import Participant

    with ctx.db.session() as s:
        names = sorted(p.last_name for p in s.scalars(select(Participant)))
    assert names == ["Dupré", "Lefèvre-Château"]  # no duplicate of the known person
    page.import_button.click()
    with ctx.db.session() as s:
        assert s.scalar(select(__import__("sqlalchemy").func.count(Participant.id))) == 2


def test_rooms_edited_in_their_dialog(qtbot, lctx) -> None:  # noqa: ANN001
    from desktop_app.views.workshops.rooms_dialog import RoomsDialog

    dialog = RoomsDialog(lctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rooms.toPlainText() == "Salle d’animation Éléonore-Château\nEspace numérique"
    assert_fits(dialog)
    assert mnemonic_clashes(dialog) == []
    dialog.rooms.setPlainText("Espace numérique\n  Salle   du conseil \nespace NUMERIQUE\n")
    dialog.accept()
    with lctx.db.session() as s:
        assert rooms_service.rooms(s) == ["Espace numérique", "Salle du conseil"]
    too_long = RoomsDialog(lctx)
    qtbot.addWidget(too_long)
    too_long.rooms.setPlainText("S" * 150)
    too_long.accept()
    assert "trop long" in too_long.fields["rooms"].error.text()
    with lctx.db.session() as s:
        assert rooms_service.rooms(s) == ["Espace numérique", "Salle du conseil"]
    too_long.mark_clean()
    too_long.reject()
    # the session editor offers the new list
    editor = open_dialog(qtbot, lctx, kind="collectif", start=datetime(2026, 3, 3, 15, 0))
    assert [editor.room.itemText(i) for i in range(editor.room.count())] == [
        "Aucune salle", "Espace numérique", "Salle du conseil"]
    editor.reject()


def test_page_dialogs_fit_and_answer(qtbot, lctx) -> None:  # noqa: ANN001
    from desktop_app.services.lacoop.importer import Doubt
    from desktop_app.views.workshops.lacoop_page import DoubtDialog, ReportDialog

    report = ReportDialog(None, "Export « Bénéficiaires » de La Coop : …",
                          [f"Refusé (ligne {i}) : le nom manque." for i in range(4, 400)])
    qtbot.addWidget(report)
    report.show()
    assert_fits(report)
    assert report.text.verticalScrollBar().maximum() > 0  # the long report scrolls
    doubt = Doubt(7, "Marie-Thérèse Lefèvre-Château, née en 1955",
                  [(3, "Marie-Thérèse Lefèvre-Château (1956, Luzy)")])
    dialog = DoubtDialog(None, doubt)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    assert mnemonic_clashes(dialog) == []
    assert dialog.chosen() == 3
    dialog.choices[-1][0].setChecked(True)
    assert dialog.chosen() is None


def test_activity_report_per_conseiller_or_structure(held) -> None:  # noqa: ANN001
    from desktop_app.services.workshops.conflicts import conseiller_key
    from desktop_app.services.workshops.periods import Period
    from desktop_app.services.workshops.stats import compute_report

    ctx, _ids, camille = held
    period = Period(date(2026, 2, 1), date(2026, 3, 31))
    now = datetime(2026, 3, 2, 17, 0)
    with ctx.db.session() as s:
        everyone = compute_report(s, period, now)
        one = compute_report(s, period, now, conseiller=conseiller_key(camille, ""))
        nobody = compute_report(s, period, now, conseiller="nom:personne")
    assert (everyone.workshops, one.workshops, nobody.workshops) == (3, 2, 0)
    assert (everyone.conseiller, one.conseiller) == ("", "Camille Martin-Lefèvre")


def test_activity_report_panel_chooses_a_conseiller_and_says_so(
    qtbot, held, tmp_path, monkeypatch  # noqa: ANN001
) -> None:
    from pypdf import PdfReader
    from PySide6.QtCore import Qt

    from desktop_app.views.common import files
    from desktop_app.views.workshops.reports import ReportsPanel

    ctx, _ids, _camille = held
    panel = ReportsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1300, 700)
    panel.show()
    panel.set_period(date(2026, 2, 1), date(2026, 3, 31))
    assert panel.figures["workshops"].value.text() == "3"
    combo = panel.conseiller
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Toute la structure", "Camille Martin-Lefèvre", "Yanis Roussel"]
    # chosen with the keyboard, through the label's mnemonic
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.figures["workshops"].value.text() == "2"
    assert panel.period_label.text().startswith("Conseiller : Camille Martin-Lefèvre — période")
    suggested: list[str] = []

    def ask(_parent, _purpose, _title, name, _filter):  # noqa: ANN001, ANN202
        suggested.append(name)
        return tmp_path / name

    monkeypatch.setattr(files, "ask_save_path", ask)
    from desktop_app.views.workshops import exports

    told: list[str] = []
    monkeypatch.setattr(exports, "info", lambda _p, _t, text: told.append(text))
    panel.export_csv()
    qtbot.waitUntil(lambda: (tmp_path / suggested[0]).exists())
    assert suggested[0] == "bilan-activite-2026-02-01-au-2026-03-31-camille-martin-lefevre.csv"
    text = (tmp_path / suggested[0]).read_text(encoding="utf-8-sig")
    assert "Conseiller;Camille Martin-Lefèvre" in text
    assert "Ateliers collectifs;2" in text
    assert told and suggested[0] in told[-1]
    pdf = panel.print_pdf(save=True)
    assert pdf is not None and pdf.name.endswith("-camille-martin-lefevre.pdf")
    pdf_text = PdfReader(pdf).pages[0].extract_text()
    assert "Conseiller : Camille Martin-Lefèvre" in pdf_text
    # back to everyone: the structure's figures, and the files say so
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert panel.figures["workshops"].value.text() == "3"
    assert panel.report is not None and panel.report.scope_label() == "Toute la structure"


def test_activity_report_command_for_one_conseiller(held, tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    ctx, _ids, _camille = held
    path = ctx.db.path
    ctx.db.close()

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "export-stats", "--db", str(path),
             "--out", str(tmp_path / "b.csv"), "--from", "2026-02-01", "--to", "2026-03-31",
             *extra],
            capture_output=True, text=True, timeout=120,
        )

    done = run("--conseiller", "yanis ROUSSEL")
    assert done.returncode == 0, done.stderr
    assert "(Conseiller : Yanis Roussel)" in done.stdout and "1 séance(s)" in done.stdout
    text = (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert "Conseiller;Yanis Roussel" in text
    wrong = run("--conseiller", "Personne")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert wrong.stderr.strip().count("\n") == 0
    assert "aucun conseiller ne s'appelle « Personne »" in wrong.stderr
    assert "« Camille Martin-Lefèvre »" in wrong.stderr
