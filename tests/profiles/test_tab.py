"""The "Profils reçus" tab driven as a user would: list, filters, import, the whole workflow,
quota, refusal and its cancellation, requests for profiles, CV, training attestation."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from desktop_app.models.profiles import STATUS_LIST_LABELS, Profile, ProfileBatch
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.profiles import records
from desktop_app.services.profiles.importer import read_import_bytes
from desktop_app.views.common.tables import ID_ROLE
from desktop_app.views.profiles.columns import COL_AVAILABLE, COL_POSTAL
from desktop_app.views.profiles.dialogs import (
    ContractDialog,
    ImportPreviewDialog,
    InterviewDialog,
    ProfileDialog,
    RefuseDialog,
    RequestProfilesDialog,
    RuptureDialog,
    TrainingDialog,
)
from desktop_app.views.profiles_tab import ProfilesTab
from tests.conftest import DEMO_TODAY
from tests.profiles.helpers import platform_csv, spreadsheet_csv
from tests.typing_helpers import type_text

QUOTA = ("Action non autorisée : quota atteint de conseillers validés par rapport au nombre de "
         "postes attribués")


@pytest.fixture
def tab(qtbot, ctx) -> ProfilesTab:  # noqa: ANN001
    with ctx.db.session() as s:
        s.add(RecruitmentRequest(status="validee", posts_granted=1, decision_on=date(2026, 2, 20)))
    ctx.clock = lambda: datetime.combine(DEMO_TODAY, time(9, 0))
    widget = ProfilesTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def demo_tab(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    demo_ctx.clock = lambda: datetime.combine(DEMO_TODAY, time(9, 0))
    widget = ProfilesTab(demo_ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def _visible_names(tab: ProfilesTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def _runner(handler):  # noqa: ANN001, ANN202
    """Replace the modal loop: ``handler(dialog)`` fills it, then it is accepted."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        handler(dialog)
        dialog.accept()
        return dialog.result()

    run.seen = seen  # type: ignore[attr-defined]
    return run


def test_demo_has_every_status_with_counts(demo_tab: ProfilesTab) -> None:
    combo = demo_tab.status_filter
    texts = [combo.itemText(i) for i in range(combo.count())]
    for label in STATUS_LIST_LABELS.values():
        entry = next(t for t in texts if t.startswith(label))
        assert int(entry.rsplit("(", 1)[1].rstrip(")")) >= 1, entry
    assert texts[1] == "Nouvelles candidatures (5)"
    combo.setCurrentIndex(2)  # Candidatures présélectionnées
    assert demo_tab.proxy.rowCount() == 3
    assert demo_tab.interviews_table.model().rowCount() == 2  # two upcoming in the demo
    assert demo_tab.pending_label.text().startswith("En attente de nouveaux profils depuis le")
    assert "Faire signer le contrat de " in demo_tab.deadlines_label.text()


def test_search_filters_and_sort(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    type_text(qtbot, demo_tab.search, "eleo")
    assert _visible_names(demo_tab) == ["LEFÈVRE-CHÂTEAU Éléonore"]
    assert demo_tab.status_filter.itemText(0) == "Tous les statuts (1)"
    demo_tab.search.clear()
    demo_tab.ccp1_filter.setCurrentIndex(1)  # Oui
    ccp1 = [demo_tab.model.row_at(demo_tab.proxy.mapToSource(demo_tab.proxy.index(r, 0)).row())
            for r in range(demo_tab.proxy.rowCount())]
    assert ccp1 and all(r.ccp1 for r in ccp1)
    demo_tab.ccp1_filter.setCurrentIndex(0)
    demo_tab.pix_filter.setCurrentIndex(demo_tab.pix_filter.findData(3))
    assert all(t.split()[-1] for t in _visible_names(demo_tab))
    demo_tab.pix_filter.setCurrentIndex(0)
    demo_tab.table.sortByColumn(COL_POSTAL, Qt.SortOrder.AscendingOrder)
    postal = [demo_tab.proxy.index(r, COL_POSTAL).data() for r in range(demo_tab.proxy.rowCount())]
    assert postal == sorted(postal)
    demo_tab.table.sortByColumn(COL_AVAILABLE, Qt.SortOrder.DescendingOrder)
    rows = [demo_tab.model.row_at(demo_tab.proxy.mapToSource(demo_tab.proxy.index(r, 0)).row())
            for r in range(demo_tab.proxy.rowCount())]
    days = [r.availability_date for r in rows]
    assert days == sorted(days, reverse=True)


def test_import_preview_then_confirm(tab: ProfilesTab, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(spreadsheet_csv())

    def cancel(dialog: ImportPreviewDialog) -> int:
        assert dialog.tabs.tabText(0) == "Profils à ajouter (3)"
        return QDialog.DialogCode.Rejected

    tab.exec_dialog = cancel
    tab.import_file(path)
    assert tab.import_message == "Import annulé : rien n'a été enregistré."
    with tab.ctx.db.session() as s:
        assert s.scalar(select(func.count(Profile.id))) == 0  # nothing before confirmation
    tab.exec_dialog = _runner(lambda d: None)
    tab.import_file(path)
    assert tab.model.rowCount() == 3
    assert "3 profil(s) ajouté(s)" in tab.import_message
    assert tab.batches_table.model().rowCount() == 1
    assert tab.batches_table.model().index(0, 0).data().startswith("Lot reçu le ")
    # A second file: one update (same e-mail), the rest new
    path.write_bytes(platform_csv())
    tab.exec_dialog = _runner(
        lambda d: d.tabs.tabText(1) == "Profils à mettre à jour (3)" or pytest.fail(d.tabs.tabText(1)))
    tab.import_file(path)
    with tab.ctx.db.session() as s:
        assert s.scalar(select(func.count(ProfileBatch.id))) == 2


def test_unreadable_import_shows_message(tab: ProfilesTab, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("desktop_app.views.common.forms.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    tab.import_file(path)
    assert "ce n'est pas un fichier texte CSV" in shown[0]


def _add_profile(qtbot, tab: ProfilesTab, first: str, last: str, email: str) -> int:  # noqa: ANN001
    def fill(d: ProfileDialog) -> None:
        type_text(qtbot, d.last_name, last)
        type_text(qtbot, d.first_name, first)
        type_text(qtbot, d.email, email)
        type_text(qtbot, d.postal_code, "58120")
        d.ccp1.setCurrentIndex(d.ccp1.findData("oui"))

    tab.exec_dialog = _runner(fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.detail is not None and tab.detail.data.email == email
    return tab.detail.id


def _click(qtbot, tab: ProfilesTab, action: str) -> None:  # noqa: ANN001
    button = tab.action_buttons[action]
    assert button.isVisible(), action
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_whole_workflow_through_the_gui(qtbot, tab: ProfilesTab, tmp_path: Path,  # noqa: ANN001
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _add_profile(qtbot, tab, "Éloïse", "Château-Landon", "eloise.chateau@exemple.fr")
    assert tab.model.rowCount() == 1
    assert "(trouvé par la structure)" in tab.proxy.index(0, 0).data()
    assert "Nouvelle candidature" in tab.detail_title.text()
    _click(qtbot, tab, "preselect")
    assert tab.detail.status == "preselectionnee"

    def interview(d: InterviewDialog) -> None:
        d.place.setText("Mairie")
        type_text(qtbot, d.panel, "Mme la maire, M. le directeur")
        type_text(qtbot, d.notes, "Très motivée.")

    tab.exec_dialog = _runner(interview)
    qtbot.mouseClick(tab.interview_button, Qt.MouseButton.LeftButton)
    assert tab.interviews_table.model().rowCount() == 1
    assert "Très motivée." in tab.interviews_info.text()
    tab.exec_dialog = _runner(lambda d: d.notes.setPlainText("Retenue : très à l'aise à l'oral."))
    qtbot.mouseClick(tab.edit_interview_button, Qt.MouseButton.LeftButton)
    assert "très à l'aise à l'oral" in tab.interviews_info.text()
    assert tab.interviews_table.model().rowCount() == 1

    # Contract: French messages at the fields, the dialog stays open, nothing written.
    errors: dict[str, str] = {}

    def bad_contract(d: ContractDialog) -> None:
        d.contract_type.setCurrentIndex(d.contract_type.findData("cdd"))
        type_text(qtbot, d.salary, "-100")
        d.accept()
        assert d.result() != QDialog.DialogCode.Accepted
        errors.update({n: w.error.text() for n, w in d.fields.items() if w.error.text()})
        d.end.set_value(date(2026, 3, 1))
        d.start.set_value(date(2026, 3, 16))
        d.accept()
        errors["end_before_start"] = d.fields["end"].error.text()
        d.end.set_value(date(2028, 3, 15))
        d.salary.setText("1 802,50")

    tab.exec_dialog = _runner(bad_contract)
    _click(qtbot, tab, "validate")
    assert "« CDD » a une date de fin" in errors["end"]
    assert errors["salary"] == "Le salaire brut mensuel doit être supérieur à zéro."
    assert "doit être postérieure à la date de début" in errors["end_before_start"]
    assert tab.detail.status == "validee"
    assert "CDD à partir du 16/03/2026 jusqu'au 15/03/2028" in tab.detail_info.text()

    _click(qtbot, tab, "confirm_recruitment")
    assert tab.detail.status == "recrute"

    def training(d: TrainingDialog) -> None:
        d.start.set_value(date(2026, 3, 23))
        d.end.set_value(date(2026, 3, 27))
        type_text(qtbot, d.organisation, "Hub numérique Bourgogne")
        d.place.setText("Dijon")

    tab.exec_dialog = _runner(training)
    qtbot.mouseClick(tab.training_button, Qt.MouseButton.LeftButton)
    assert tab.trainings_list.count() == 1
    target = tmp_path / "attestation.pdf"
    monkeypatch.setattr("desktop_app.views.common.files.ask_save_path", lambda *a, **k: target)
    qtbot.mouseClick(tab.attestation_save, Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Attestation employeur de départ en formation" in text
    assert "Éloïse Château-Landon" in text and "23/03/2026" in text

    def rupture(d: RuptureDialog) -> None:
        d.when.set_value(date(2026, 9, 30))
        d.reason.setCurrentIndex(d.reason.findData("fin_subvention"))

    tab.exec_dialog = _runner(rupture)
    _click(qtbot, tab, "rupture")
    assert tab.detail.status == "rupture"
    history = tab.history_info.text()
    for label in ("Nouvelle candidature", "Candidat présélectionné", "Entretien planifié",
                  "Candidature validée", "Candidat recruté", "Période de formation ajoutée",
                  "Rupture notifiée"):
        assert label in history
    with tab.ctx.db.session() as s:
        p = s.get(Profile, pid)
        assert (p.rupture_reason, p.rupture_date) == ("fin_subvention", date(2026, 9, 30))


def test_quota_refusal_in_the_tab(qtbot, tab: ProfilesTab) -> None:  # noqa: ANN001
    first = _add_profile(qtbot, tab, "Zoé", "Roux", "zoe.roux@exemple.fr")

    def contract(d: ContractDialog) -> None:
        d.contract_type.setCurrentIndex(d.contract_type.findData("cdi"))
        d.salary.setText("1900")

    tab.exec_dialog = _runner(contract)
    _click(qtbot, tab, "validate")
    assert tab.detail.status == "validee" and tab.detail.id == first
    _add_profile(qtbot, tab, "Noé", "Benoît", "noe.benoit@exemple.fr")
    tab.exec_dialog = lambda d: pytest.fail("no contract dialog once the quota is reached")
    _click(qtbot, tab, "validate")
    assert tab.action_message.text().startswith(QUOTA + ". 1 candidat(s) pour 1 poste(s) "
                                                "attribué(s) : Zoé Roux (candidature validée).")
    assert tab.action_message.isVisible()
    assert tab.detail.status == "nouvelle"
    assert "Candidats validés : 1 sur 1" in tab.quota_label.text()


def test_refuse_then_cancel_refusal_in_the_tab(qtbot, tab: ProfilesTab) -> None:  # noqa: ANN001
    pid = _add_profile(qtbot, tab, "Loïc", "Bérard", "loic.berard@exemple.fr")

    def refuse(d: RefuseDialog) -> None:
        d.reason.setCurrentText("")
        d.accept()
        assert "pourquoi" in d.fields["reason"].error.text()
        d.reason.setCurrentIndex(1)

    tab.exec_dialog = _runner(refuse)
    _click(qtbot, tab, "refuse")
    assert tab.detail.status == "non_retenue"
    assert "Disponibilité trop tardive" in tab.detail_info.text()
    assert [b for b, w in tab.action_buttons.items() if w.isVisible()] == ["cancel_refusal"]
    _click(qtbot, tab, "cancel_refusal")
    assert tab.detail.status == "nouvelle" and tab.detail.id == pid
    assert "Désintérêt annulé" in tab.history_info.text()


def test_request_more_profiles(qtbot, tab: ProfilesTab, app) -> None:  # noqa: ANN001
    def fill(d: RequestProfilesDialog) -> None:
        type_text(qtbot, d.note, "Profils proches de Château-Chinon, s'il vous plaît.")
        assert "Château-Chinon" in d.text.toPlainText()
        qtbot.mouseClick(d.copy_button, Qt.MouseButton.LeftButton)
        assert "nouveaux profils" in app.clipboard().text()

    tab.exec_dialog = _runner(fill)
    qtbot.mouseClick(tab.request_button, Qt.MouseButton.LeftButton)
    assert tab.pending_label.text() == "En attente de nouveaux profils depuis le 2 mars 2026"
    assert not tab.pending_label.isHidden()


def test_cv_attached_and_opened(qtbot, tab: ProfilesTab, tmp_path: Path,  # noqa: ANN001
                                monkeypatch: pytest.MonkeyPatch) -> None:
    _add_profile(qtbot, tab, "Maïté", "Da Silva", "maite@exemple.fr")
    bad = tmp_path / "cv.pdf"
    bad.write_bytes(b"pas un pdf")
    monkeypatch.setattr("desktop_app.views.common.files.ask_open_path", lambda *a, **k: bad)
    qtbot.mouseClick(tab.cv_button, Qt.MouseButton.LeftButton)
    assert "n'est pas un fichier PDF" in tab.action_message.text()
    bad.write_bytes(b"%PDF-1.4\n%%EOF\n")
    qtbot.mouseClick(tab.cv_button, Qt.MouseButton.LeftButton)
    assert tab.open_cv_button.isEnabled()
    opened: list[str] = []
    monkeypatch.setattr("desktop_app.views.common.files.open_url",
                        lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(tab.open_cv_button, Qt.MouseButton.LeftButton)
    assert opened and Path(opened[0]).read_bytes() == bad.read_bytes()
    assert "fichiers" in Path(opened[0]).parts
    row = tab.proxy.index(0, 5)
    assert row.data() == "Oui" and tab.proxy.index(0, 0).data(ID_ROLE) == tab.detail.id


def test_edit_profile_every_field(qtbot, tab: ProfilesTab) -> None:  # noqa: ANN001
    pid = _add_profile(qtbot, tab, "Inès", "Huet", "ines.huet@exemple.fr")

    def edit(d: ProfileDialog) -> None:
        d.phone.setText("0386123456")
        d.commune.setText("Château-Chinon (Ville)")
        d.mobility.setCurrentIndex(d.mobility.findData("france"))
        d.situation["employed"].setChecked(True)  # independent facts: both at once
        d.situation["in_training"].setChecked(True)
        d.graduate.setChecked(True)
        d.diploma.setText("Licence professionnelle Médiation numérique")
        d.pix_shared.setChecked(True)
        d.pix_level.setCurrentIndex(d.pix_level.findData(2))
        d.pix_competences["pix_resources"].setChecked(True)
        d.availability.set_value(date(2026, 4, 1))

    tab.exec_dialog = _runner(edit)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        detail = records.get_detail(s, pid)
    assert detail.data.phone == "03 86 12 34 56" and detail.data.mobility == "france"
    assert detail.data.pix_level == 2 and detail.data.availability_date == date(2026, 4, 1)
    assert (detail.data.employed, detail.data.in_training, detail.data.job_seeker) == (
        True, True, False)
    assert (detail.data.pix_resources, detail.data.pix_professional) == (True, False)
    text = tab.detail_info.text()
    assert "France entière" in text and "En emploi, En formation" in text
    assert "Pix — Production de ressources :</span> Oui" in text
    assert "RNCP 40695" in text


def test_tab_and_dialogs_inputs_have_names(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    from desktop_app.views.accessibility import unnamed_inputs
    from desktop_app.views.profiles.dialogs import SignatureDialog

    demo_tab.show()
    with demo_tab.ctx.db.session() as s:
        recruited = next(r.id for r in records.list_rows(s) if r.status == "recrute")
    demo_tab.select_profile(recruited)
    assert unnamed_inputs(demo_tab) == []
    with demo_tab.ctx.db.session() as s:
        preview = read_import_bytes(platform_csv(), "a.csv", s)
    dialogs = [
        ProfileDialog("Ajouter un profil", lambda v: None),
        RefuseDialog("X", lambda v: None),
        ContractDialog("X", lambda v: None, DEMO_TODAY),
        RuptureDialog("X", lambda v: None, DEMO_TODAY),
        SignatureDialog(lambda v: None, DEMO_TODAY, None),
        TrainingDialog("X", lambda v: None, DEMO_TODAY),
        RequestProfilesDialog(lambda v: None, lambda d, n: "texte", DEMO_TODAY),
        ImportPreviewDialog(preview),
    ]
    dialogs.append(InterviewDialog("X", lambda v: None, datetime(2026, 3, 5, 14)))
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_inputs(dialog) == [], type(dialog).__name__


def _big_file(tmp_path: Path, count: int) -> Path:
    from desktop_app.services.profiles.importer import sample_csv

    rows = [{"Nom": f"Essai{n}", "Prénom": "Bérénice", "Email": f"essai{n}@exemple.fr",
             "Code postal": "58120", "Formation CCP1": "oui", "Expérience": "non",
             "Test PIX": "oui", "CV": "oui"} for n in range(count)]
    path = tmp_path / "gros.csv"
    path.write_bytes(sample_csv(rows).encode())
    return path


def test_big_import_runs_in_background(qtbot, tab: ProfilesTab, tmp_path: Path,  # noqa: ANN001
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.views.profiles_tab as module

    threads: list[bool] = []
    real = module.run_operation

    def watched(parent, work, **kw):  # noqa: ANN001, ANN003, ANN202
        def on_worker(job):  # noqa: ANN001, ANN202
            from PySide6.QtCore import QThread

            threads.append(QThread.currentThread() is not tab.thread())
            return work(job)

        return real(parent, on_worker, **kw)

    monkeypatch.setattr(module, "run_operation", watched)
    tab.exec_dialog = _runner(lambda d: None)
    tab.import_file(_big_file(tmp_path, 300))
    assert tab.import_message.startswith("Lot reçu")
    assert tab.model.rowCount() == 300
    assert threads == [True, True]  # reading and writing both off the GUI thread


def test_cancelled_background_import_writes_nothing(qtbot, tab: ProfilesTab, tmp_path: Path,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.views.profiles_tab as module

    monkeypatch.setattr("desktop_app.views.common.forms.QMessageBox.warning", lambda *a: None)

    def accept_then_cancel(dialog: QDialog) -> int:
        dialog.accept()
        return QDialog.DialogCode.Accepted

    tab.exec_dialog = accept_then_cancel
    real = module.run_operation

    def cancel_writing(parent, work, **kw):  # noqa: ANN001, ANN003, ANN202
        if kw["label"].startswith("Enregistrement"):
            kw["on_start"] = lambda dialog: dialog.canceled.emit()  # "Annuler" at once
        return real(parent, work, **kw)

    monkeypatch.setattr(module, "run_operation", cancel_writing)
    tab.import_file(_big_file(tmp_path, 400))
    assert tab.import_message == "Import annulé : rien n'a été enregistré."
    with tab.ctx.db.session() as s:
        assert s.scalar(select(func.count(Profile.id))) == 0
        assert s.scalar(select(func.count(ProfileBatch.id))) == 0
