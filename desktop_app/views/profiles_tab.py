"""Tab "Profils reçus" (issue 4): import the platform's profiles, compare, decide within the
quota, interview, recruit, follow the contract and the initial training.

The tab is thin: every change goes through ``services.profiles`` in one unit of work, then
``ctx.notify("profiles")`` refreshes whatever shows profiles (the request tab's deadlines, the
workshop planner's training days). Dialogs are run through ``exec_dialog`` and the day through
``clock`` so that tests can drive both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.profiles import (
    MOBILITY,
    PIX_COMPETENCES,
    PIX_LEVELS,
    RUPTURE_REASONS,
    SITUATIONS,
    SOURCE_STRUCTURE,
    SOURCES,
    STATUS_LIST_LABELS,
    STATUS_PRESELECTED,
    STATUS_RECRUITED,
    STATUS_VALIDATED,
)
from desktop_app.services.formatting import date_long, date_short
from desktop_app.services.profiles import records, workflow
from desktop_app.services.profiles.importer import (
    ImportCancelled,
    ImportFileError,
    ImportPreview,
    ImportResult,
    apply_import,
    read_import,
)
from desktop_app.services.profiles.records import ProfileDetail
from desktop_app.services.profiles.workflow import FormError, WorkflowError
from desktop_app.views.pdf_actions import preview_pdf, save_pdf
from desktop_app.views.profiles.background import run_in_background
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
from desktop_app.views.profiles.table_model import (
    COL_NAME,
    ID_ROLE,
    ProfileFilterProxy,
    ProfileTableModel,
    fold,
)
from desktop_app.views.tab_base import TabBase
from desktop_app.views.widgets import ERROR_STYLE, OK_STYLE

LEVEL_COLORS = {"late": "#b00020", "soon": "#b35c00", "ok": "#1b5e20"}
TRI_STATE = (("Tous", None), ("Oui", True), ("Non", False))


def _tri_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for label, value in TRI_STATE:
        combo.addItem(label, value)
    return combo


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ProfilesTab(TabBase):
    TITLE = "Profils reçus"
    AREAS_SHOWN = ("request", "profiles")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        self.clock: Callable[[], date] = date.today
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.detail: ProfileDetail | None = None
        self._loading = False
        # Imports bigger than this are read and written off the GUI thread.
        self.background_bytes = 64 * 1024
        self.background_rows = 500
        self.import_task = None
        self.import_message = ""

        # -- toolbar and banner
        self.import_button = QPushButton("&Importer des profils…")
        self.add_button = QPushButton("A&jouter un profil")
        self.request_button = QPushButton("Demander d'autres &profils…")
        self.import_button.clicked.connect(self.choose_import_file)
        self.add_button.clicked.connect(self.add_profile)
        self.request_button.clicked.connect(self.request_profiles)
        toolbar = QHBoxLayout()
        for button in (self.import_button, self.add_button, self.request_button):
            toolbar.addWidget(button)
        toolbar.addStretch()
        self.quota_label = QLabel()
        toolbar.addWidget(self.quota_label)
        self.pending_label = QLabel()
        self.pending_label.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.deadlines_label = QLabel()
        self.deadlines_label.setWordWrap(True)

        # -- list page
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Tous les statuts", None)
        for status, label in STATUS_LIST_LABELS.items():
            self.status_filter.addItem(label, status)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Nom, e-mail, code postal ou commune")
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):
            button.setAccessibleName("Effacer la recherche")
        self.ccp1_filter = _tri_combo("ccp1Filter")
        self.cv_filter = _tri_combo("cvFilter")
        self.graduate_filter = _tri_combo("graduateFilter")
        self.pix_filter = QComboBox()
        self.pix_filter.addItem("Tous", None)
        self.pix_filter.addItem("Non partagé", 0)
        for level, label in PIX_LEVELS.items():
            self.pix_filter.addItem(f"{label} ou plus" if level < 3 else label, level)
        filters = QGridLayout()
        filters.addWidget(_labelled("&Statut", self.status_filter), 0, 0)
        filters.addWidget(self.status_filter, 0, 1, 1, 3)
        filters.addWidget(_labelled("&Rechercher", self.search), 0, 4)
        filters.addWidget(self.search, 0, 5, 1, 3)
        for n, (text, combo) in enumerate(
            (("Formation CC&P1", self.ccp1_filter), ("Pi&x", self.pix_filter),
             ("C&V", self.cv_filter), ("Dip&lômé", self.graduate_filter))
        ):
            filters.addWidget(_labelled(text, combo), 1, 2 * n)
            filters.addWidget(combo, 1, 2 * n + 1)
        self.model = ProfileTableModel(self)
        self.proxy = ProfileFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("profilesTable")
        self.table.setAccessibleName("Liste des profils")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((205, 152, 85, 110, 95, 40)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel()
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.count_label)

        # -- interviews and batches pages
        self.interviews_table = QTableWidget(0, 4)
        self.interviews_table.setAccessibleName("Entretiens à venir")
        self.interviews_table.setHorizontalHeaderLabels(["Date", "Candidat", "Lieu", "Jury"])
        self.batches_table = QTableWidget(0, 5)
        self.batches_table.setAccessibleName("Lots reçus")
        self.batches_table.setHorizontalHeaderLabels(
            ["Lot", "Fichier", "Ajoutés", "Mis à jour", "Refusés"]
        )
        for table in (self.interviews_table, self.batches_table):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
        self.interviews_table.cellDoubleClicked.connect(self._open_interview)
        self.pages = QTabWidget()
        self.pages.addTab(list_page, "Profils")
        self.pages.addTab(self.interviews_table, "Entretiens à venir")
        self.pages.addTab(self.batches_table, "Lots reçus")

        # -- detail panel
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.RichText)
        self.action_message = QLabel()
        self.action_message.setWordWrap(True)
        self.action_message.setVisible(False)
        self.action_buttons: dict[str, QPushButton] = {}
        self.actions_layout = actions = QGridLayout()
        for action, label in workflow.ACTION_LABELS.items():
            button = QPushButton(label)
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self.action_buttons[action] = button
            actions.addWidget(button, 0, 0)
        self.edit_button = QPushButton("&Modifier le profil…")
        self.cv_button = QPushButton("Joindre un CV (PDF)…")
        self.open_cv_button = QPushButton("&Ouvrir le CV")
        self.interview_button = QPushButton("Planifier un &entretien…")
        self.edit_interview_button = QPushButton("Notes de l'en&tretien…")
        self.edit_interview_button.setToolTip(
            "Modifier le dernier entretien de ce candidat et ses notes")
        self.signature_button = QPushButton("Contrat si&gné…")
        self.training_button = QPushButton("Ajouter une période de &formation…")
        self.delete_training_button = QPushButton("Supprimer la période")
        self.attestation_preview = QPushButton("Aperçu de l'attestation")
        self.attestation_save = QPushButton("Enregistrer l'attestation…")
        self.edit_button.clicked.connect(self.edit_profile)
        self.cv_button.clicked.connect(self.choose_cv)
        self.open_cv_button.clicked.connect(self.open_cv)
        self.interview_button.clicked.connect(self.schedule_interview)
        self.edit_interview_button.clicked.connect(self.edit_interview)
        self.signature_button.clicked.connect(self.record_signature)
        self.training_button.clicked.connect(self.add_training)
        self.delete_training_button.clicked.connect(self.delete_training)
        self.attestation_preview.clicked.connect(lambda: self.attestation(preview=True))
        self.attestation_save.clicked.connect(lambda: self.attestation(preview=False))
        tools = QGridLayout()
        for n, button in enumerate((self.edit_button, self.cv_button, self.open_cv_button,
                                    self.interview_button, self.edit_interview_button,
                                    self.signature_button)):
            tools.addWidget(button, n // 2, n % 2)
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        self.detail_info.setTextFormat(Qt.TextFormat.RichText)
        self.detail_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.interviews_info = QLabel()
        self.interviews_info.setWordWrap(True)
        self.trainings_list = QListWidget()
        self.trainings_list.setAccessibleName("Périodes de formation")
        self.trainings_list.setMaximumHeight(90)
        self.history_info = QLabel()
        self.history_info.setWordWrap(True)
        self.history_info.setTextFormat(Qt.TextFormat.RichText)
        self.training_box = QWidget()
        training_layout = QVBoxLayout(self.training_box)
        training_layout.setContentsMargins(0, 0, 0, 0)
        training_layout.addWidget(QLabel("<b>Formation initiale</b>"))
        training_layout.addWidget(self.trainings_list)
        training_buttons = QGridLayout()
        training_buttons.addWidget(self.training_button, 0, 0, 1, 2)
        training_buttons.addWidget(self.delete_training_button, 1, 0, 1, 2)
        training_buttons.addWidget(self.attestation_preview, 2, 0)
        training_buttons.addWidget(self.attestation_save, 2, 1)
        self.attestation_preview.setToolTip("Attestation employeur de départ en formation")
        self.attestation_save.setToolTip("Attestation employeur de départ en formation")
        training_layout.addLayout(training_buttons)
        panel = QWidget()
        panel.setObjectName("profileDetail")
        self.panel_layout = QVBoxLayout(panel)
        self.empty_label = QLabel("Sélectionnez un profil dans la liste pour voir son détail.")
        self.empty_label.setWordWrap(True)
        self.panel_layout.addWidget(self.empty_label)
        self.panel_layout.addWidget(self.detail_title)
        self.panel_layout.addWidget(self.action_message)
        self.panel_layout.addLayout(actions)
        self.panel_layout.addLayout(tools)
        self.panel_layout.addWidget(self.detail_info)
        self.panel_layout.addWidget(self.interviews_info)
        self.panel_layout.addWidget(self.training_box)
        self.panel_layout.addWidget(self.history_info)
        self.panel_layout.addStretch()
        self.detail_widgets: list[QWidget] = [
            self.detail_title, self.detail_info, self.interviews_info, self.training_box,
            self.history_info, self.edit_button, self.cv_button, self.open_cv_button,
            self.interview_button, self.edit_interview_button, self.signature_button,
            *self.action_buttons.values(),
        ]
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(380)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.deadlines_label)
        layout.addWidget(splitter, 1)

        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        for combo in (self.ccp1_filter, self.cv_filter, self.graduate_filter, self.pix_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.refresh()

    # ------------------------------------------------------------ loading

    def today(self) -> date:
        return self.clock()

    def refresh(self) -> None:
        today = self.today()
        with self.ctx.db.session() as session:
            rows = records.list_rows(session)
            quota = workflow.quota(session)
            pending = records.pending_request(session)
            deadlines = records.deadlines(session, today)
            upcoming = records.upcoming_interviews(session, datetime.combine(today, time()))
            batches = records.batches(session)
        selected = self.detail.id if self.detail else None
        self._loading = True
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._loading = False
        self.apply_filters()
        self.quota_label.setText(quota.text)
        self.quota_label.setStyleSheet(ERROR_STYLE if quota.reached else "")
        self.pending_label.setText(records.pending_text(pending) if pending else "")
        self.pending_label.setVisible(pending is not None)
        self.deadlines_label.setText(
            " · ".join(
                f'<span style="color:{LEVEL_COLORS.get(d.level, "#000")}">{escape(d.label, quote=False)}</span>'
                for d in deadlines
            )
        )
        self.deadlines_label.setVisible(bool(deadlines))
        self._fill_interviews(upcoming)
        self._fill_batches(batches)
        if selected is None or not self.select_profile(selected):
            self.show_detail(None)

    def _fill_interviews(self, upcoming: list[records.InterviewView]) -> None:
        table = self.interviews_table
        table.setRowCount(len(upcoming))
        for r, interview in enumerate(upcoming):
            for c, text in enumerate(
                (interview.when_text, interview.candidate, interview.place, interview.panel)
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, interview.profile_id)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.pages.setTabText(1, f"Entretiens à venir ({len(upcoming)})")

    def _fill_batches(self, batches: list[records.BatchView]) -> None:
        table = self.batches_table
        table.setRowCount(len(batches))
        for r, batch in enumerate(batches):
            for c, text in enumerate(
                (f"{batch.label} à {batch.received_at:%H:%M}", batch.file_name,
                 str(batch.added), str(batch.updated), str(batch.rejected))
            ):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    def apply_filters(self) -> None:
        if self._loading:
            return
        self.proxy.set_filters(
            status=self.status_filter.currentData(),
            text=fold(self.search.text().strip()),
            ccp1=self.ccp1_filter.currentData(),
            cv=self.cv_filter.currentData(),
            graduate=self.graduate_filter.currentData(),
            pix=self.pix_filter.currentData(),
        )
        counts = self.proxy.counts_by_status()
        self.status_filter.setItemText(0, f"Tous les statuts ({sum(counts.values())})")
        for i, (status, label) in enumerate(STATUS_LIST_LABELS.items(), start=1):
            self.status_filter.setItemText(i, f"{label} ({counts.get(status, 0)})")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} profil(s) affiché(s) sur {total}")

    # ------------------------------------------------------------ selection and detail

    def select_profile(self, profile_id: int) -> bool:
        """Select a profile in the list (clearing filters that hide it)."""
        source_row = self.model.row_of_id(profile_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.status_filter.setCurrentIndex(0)
            self.search.clear()
            for combo in (self.ccp1_filter, self.cv_filter, self.graduate_filter,
                          self.pix_filter):
                combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.show_detail(profile_id)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        self.show_detail(current.data(ID_ROLE) if current.isValid() else None)

    def _open_interview(self, row: int, _column: int) -> None:
        item = self.interviews_table.item(row, 0)
        if item is not None:
            self.pages.setCurrentIndex(0)
            self.select_profile(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_detail(self, profile_id: int | None) -> None:
        self._set_action_message("")
        detail = None
        if profile_id is not None:
            try:
                with self.ctx.db.session() as session:
                    detail = records.get_detail(session, profile_id)
            except WorkflowError:
                detail = None
        self.detail = detail
        self.empty_label.setVisible(detail is None)
        for widget in self.detail_widgets:
            widget.setVisible(detail is not None)
        if detail is None:
            return
        source = " — trouvé par la structure" if detail.source == SOURCE_STRUCTURE else ""
        self.detail_title.setText(
            f"<h2>{escape(detail.full_name, quote=False)}</h2><p><b>{escape(detail.status_label, quote=False)}</b>"
            f"{escape(source, quote=False)}</p>"
        )
        allowed = [a for a, _ in workflow.available_actions(detail.status)]
        for action, button in self.action_buttons.items():
            self.actions_layout.removeWidget(button)
            button.setVisible(action in allowed)
        # The actions of the status, in the programme's order, two per line without gaps.
        for n, action in enumerate(allowed):
            self.actions_layout.addWidget(self.action_buttons[action], n // 2, n % 2)
        self.interview_button.setVisible(detail.status == STATUS_PRESELECTED)
        self.edit_interview_button.setVisible(bool(detail.interviews))
        holding = detail.status in (STATUS_VALIDATED, STATUS_RECRUITED)
        self.signature_button.setVisible(holding)
        self.training_box.setVisible(holding or bool(detail.trainings))
        self.training_button.setEnabled(holding)
        self.open_cv_button.setEnabled(bool(records.cv_path(detail.cv_file)))
        self.detail_info.setText(self._info_html(detail))
        self.interviews_info.setText(self._interviews_html(detail))
        self.interviews_info.setVisible(bool(detail.interviews))
        self.trainings_list.clear()
        for training in detail.trainings:
            item = QListWidgetItem(training.text)
            item.setData(Qt.ItemDataRole.UserRole, training.id)
            self.trainings_list.addItem(item)
        self.delete_training_button.setEnabled(bool(detail.trainings))
        self.attestation_preview.setEnabled(holding)
        self.attestation_save.setEnabled(holding)
        history = "".join(
            f"<li>{date_short(e.event_date)} — <b>{escape(e.label, quote=False)}</b>"
            + (f" : {escape(e.detail, quote=False)}" if e.detail else "")
            + "</li>"
            for e in reversed(detail.events)
        )
        self.history_info.setText(f"<b>Historique</b><ul>{history}</ul>")

    @staticmethod
    def _info_html(detail: ProfileDetail) -> str:
        d = detail.data
        yes = {True: "Oui", False: "Non"}
        rows = [
            ("E-mail", d.email),
            ("Téléphone", d.phone or "—"),
            ("Résidence", " ".join(v for v in (d.postal_code, d.commune) if v) or "—"),
            ("Date de disponibilité", date_long(d.availability_date) or "—"),
            ("Mobilité géographique", MOBILITY.get(d.mobility, "—")),
            ("Situation", SITUATIONS.get(d.situation, "—")),
            ("Diplômé en médiation numérique",
             f"Oui — {d.diploma}" if d.graduate and d.diploma else yes[d.graduate]),
            ("Expérience en médiation numérique", yes[d.experience]),
            ("Formation CCP1", yes[d.ccp1]),
        ]
        if d.pix_shared:
            rows.append(("Pix — Degré de maîtrise", PIX_LEVELS.get(d.pix_level or 0, "—")))
            for name, label in PIX_COMPETENCES.items():
                rows.append((label, PIX_LEVELS.get(getattr(d, name) or 0, "—")))
        else:
            rows.append(("Pix", "Résultats non partagés"))
        cv = "Joint (PDF)" if detail.cv_file else (
            "Sur la plateforme" if d.cv_on_platform else "Aucun")
        rows.append(("CV", cv))
        rows.append(("Origine", SOURCES.get(detail.source, detail.source)
                     + (f" — {detail.batch_label}" if detail.batch_label else "")))
        if detail.refusal_reason:
            rows.append(("Motif du refus", detail.refusal_reason))
        if detail.validated_on:
            rows.append(("Candidature validée le", date_long(detail.validated_on)))
        if detail.recruitment_date:
            rows.append(("Date de recrutement", date_long(detail.recruitment_date)))
        if detail.contract_text:
            rows.append(("Contrat", detail.contract_text))
            rows.append(("Contrat signé", date_long(detail.contract_signed_on)
                         if detail.contract_signed_on else "Pas encore"))
        if detail.rupture_date:
            rows.append(("Rupture", f"{date_long(detail.rupture_date)} — "
                         f"{RUPTURE_REASONS.get(detail.rupture_reason, '')}"))
        html = "".join(
            f"<tr><td style='padding-right:8px; color:#444'>{escape(k, quote=False)}</td>"
            f"<td>{escape(v, quote=False)}</td></tr>"
            for k, v in rows
        )
        if d.experience_details:
            html += f"<tr><td colspan=2><i>{escape(d.experience_details, quote=False)}</i></td></tr>"
        if d.notes:
            html += f"<tr><td colspan=2>Notes : {escape(d.notes, quote=False)}</td></tr>"
        return f"<table>{html}</table>"

    @staticmethod
    def _interviews_html(detail: ProfileDetail) -> str:
        items = "".join(
            f"<li><b>{escape(i.when_text, quote=False)}</b>, {escape(i.place, quote=False)} — jury : {escape(i.panel, quote=False)}"
            + (f"<br/><i>{escape(i.notes, quote=False)}</i>" if i.notes else "") + "</li>"
            for i in detail.interviews
        )
        return f"<b>Entretiens</b><ul>{items}</ul>"

    def _set_action_message(self, text: str, ok: bool = False) -> None:
        self.action_message.setText(text)
        self.action_message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.action_message.setVisible(bool(text))

    def _changed(self, profile_id: int | None = None) -> None:
        self.ctx.notify("profiles")  # refreshes this tab too (AREAS_SHOWN)
        if profile_id is not None:
            self.select_profile(profile_id)

    # ------------------------------------------------------------ workflow

    def run_action(self, action: str) -> None:
        detail = self.detail
        if detail is None:
            return
        pid, today, name = detail.id, self.today(), detail.full_name
        if action == workflow.REFUSE:
            self._dialog(RefuseDialog(name, lambda reason: self._do(
                lambda s: workflow.refuse(s, pid, today, reason)), self), pid)
            return
        if action == workflow.VALIDATE:
            with self.ctx.db.session() as session:
                reached = workflow.quota(session).reached
            if reached:
                self._set_action_message(workflow.QUOTA_MESSAGE)
                return
            self._dialog(ContractDialog(name, lambda contract: self._do(
                lambda s: workflow.validate(s, pid, today, contract)), today, self), pid)
            return
        if action == workflow.RUPTURE:
            self._dialog(RuptureDialog(name, lambda values: self._do(
                lambda s: workflow.rupture(s, pid, today, *values)), today, self), pid)
            return
        try:
            self._do(lambda s: workflow.SIMPLE_ACTIONS[action](s, pid, today))
        except WorkflowError as exc:
            self._set_action_message(str(exc))
            return
        self._changed(pid)
        self._set_action_message(f"« {workflow.ACTION_LABELS[action]} » : fait.", ok=True)

    def _do(self, work: Callable) -> object:  # noqa: ANN401
        with self.ctx.db.session() as session:
            return work(session)

    def _dialog(self, dialog: QDialog, profile_id: int | None = None, *,
                select_result: bool = False) -> object:
        """Run a dialog; once accepted, refresh and select ``profile_id`` (or the new profile
        the dialog returned when ``select_result``)."""
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            result = getattr(dialog, "result_value", None)
            self._changed(result if select_result else profile_id)
            return result or True
        return None

    # ------------------------------------------------------------ records

    def add_profile(self) -> None:
        today = self.today()
        self._dialog(ProfileDialog("Ajouter un profil", lambda data: self._do(
            lambda s: records.add_profile(s, data, today)), parent=self), select_result=True)

    def edit_profile(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(ProfileDialog(
            f"Modifier le profil de {self.detail.full_name}",
            lambda data: self._do(lambda s: records.update_profile(s, pid, data, today)),
            self.detail.data, self,
        ), pid)

    def choose_cv(self) -> None:
        if self.detail is None:
            return
        settings = QSettings()
        folder = settings.value("last_cv_folder", str(Path.home()))
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Joindre un CV (PDF)", str(folder), "Documents PDF (*.pdf)"
        )
        if chosen:
            settings.setValue("last_cv_folder", str(Path(chosen).parent))
            self.attach_cv(Path(chosen))

    def attach_cv(self, path: Path) -> bool:
        if self.detail is None:
            return False
        pid, today = self.detail.id, self.today()
        try:
            self._do(lambda s: records.attach_cv(s, pid, path, today))
        except FormError as exc:
            self._set_action_message(" ".join(exc.errors.values()))
            return False
        except OSError as exc:
            self._set_action_message(f"Le CV n'a pas pu être copié : {exc.strerror}.")
            return False
        self._changed(pid)
        self._set_action_message("CV joint.", ok=True)
        return True

    def open_cv(self) -> None:
        if self.detail is None:
            return
        path = records.cv_path(self.detail.cv_file)
        if path is None:
            self._set_action_message("Le fichier du CV est introuvable dans le dossier des "
                                     "données : joignez-le de nouveau.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def schedule_interview(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        start = datetime.combine(today + timedelta(days=3), time(14, 0))
        self._dialog(InterviewDialog(
            self.detail.full_name,
            lambda v: self._do(lambda s: records.schedule_interview(s, pid, *v, today)),
            start, place=self.ctx.structure().venue_name, parent=self,
        ), pid)

    def edit_interview(self) -> None:
        """Change the latest interview (time, place, panel) and keep its notes."""
        if self.detail is None or not self.detail.interviews:
            return
        pid, today = self.detail.id, self.today()
        last = self.detail.interviews[-1]
        self._dialog(InterviewDialog(
            self.detail.full_name,
            lambda v: self._do(
                lambda s: records.schedule_interview(s, pid, *v, today, interview_id=last.id)),
            last.start, last.place, last.panel, last.notes, self,
        ), pid)

    def record_signature(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(SignatureDialog(
            lambda signed: self._do(lambda s: workflow.record_signature(s, pid, today, signed)),
            today, self.detail.contract_signed_on, self,
        ), pid)

    def add_training(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(TrainingDialog(
            self.detail.full_name,
            lambda v: self._do(lambda s: records.add_training(s, pid, *v, today)),
            today, self,
        ), pid)

    def delete_training(self) -> None:
        item = self.trainings_list.currentItem()
        if self.detail is None or item is None:
            self._set_action_message("Choisissez d'abord une période dans la liste.")
            return
        pid, today = self.detail.id, self.today()
        training_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._do(lambda s: records.delete_training(s, training_id, today))
        self._changed(pid)

    def attestation(self, *, preview: bool) -> Path | None:
        if self.detail is None:
            return None
        from desktop_app.documents.profiles.training_attestation import (
            build_training_attestation,
        )

        pid, today = self.detail.id, self.today()
        with self.ctx.db.session() as session:
            conseiller = records.current_conseiller(session, pid)
        structure = self.ctx.structure()
        if conseiller is None:
            return None

        def build(path: Path) -> None:
            build_training_attestation(path, structure, conseiller, today)

        file_name = f"attestation-formation-{fold(conseiller.full_name).replace(' ', '-')}.pdf"
        action = preview_pdf if preview else save_pdf
        return action(self, build, file_name)

    # ------------------------------------------------------------ import and requests

    def choose_import_file(self) -> None:
        settings = QSettings()
        folder = settings.value("last_import_folder", str(Path.home()))
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Importer des profils", str(folder), "Export des candidats (*.csv *.txt);;"
            "Tous les fichiers (*)"
        )
        if chosen:
            settings.setValue("last_import_folder", str(Path(chosen).parent))
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> None:
        """Preview, then write everything in one transaction once the user confirms.

        Small files are read at once; bigger ones are read and written off the GUI thread with
        a progress dialog and a cancel button (cancelling rolls everything back). The outcome
        is in ``import_message`` and on screen."""
        self.import_message = ""
        try:
            size = path.stat().st_size
        except OSError:
            size = 0

        def read(_progress: Callable[[int, int], bool] | None = None) -> ImportPreview:
            with self.ctx.db.session() as session:
                return read_import(path, session)

        if size <= self.background_bytes:
            try:
                preview = read()
            except ImportFileError as exc:
                self.show_import_error(str(exc))
                return
            self._confirm_import(preview)
            return
        self.import_task = run_in_background(
            self, f"Lecture de « {path.name} »…", read, self._confirm_import,
            self._import_failed,
        )

    def _confirm_import(self, preview: object) -> None:
        assert isinstance(preview, ImportPreview)
        task = getattr(self, "import_task", None)
        if task is not None and task.cancelled.is_set():
            self.import_message = "Import annulé : rien n'a été enregistré."
            return
        dialog = ImportPreviewDialog(preview, self)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            self.import_message = "Import annulé : rien n'a été enregistré."
            return

        def write(progress: Callable[[int, int], bool] | None = None) -> ImportResult:
            with self.ctx.db.session() as session:
                return apply_import(session, preview, progress=progress)

        if len(preview.to_add) + len(preview.to_update) <= self.background_rows:
            self._import_done(write())
            return
        self.import_task = run_in_background(
            self, "Enregistrement des profils…", write, self._import_done, self._import_failed
        )

    def _import_done(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self.import_task = None
        self.ctx.notify("profiles")
        self.pages.setCurrentIndex(0)
        self.import_message = (
            f"Lot reçu : {result.added} profil(s) ajouté(s), {result.updated} mis à jour, "
            f"{result.rejected} ligne(s) refusée(s)."
        )
        self.count_label.setText(f"{self.count_label.text()} — {self.import_message}")

    def _import_failed(self, exc: Exception) -> None:
        self.import_task = None
        if isinstance(exc, (ImportFileError, ImportCancelled)):
            self.show_import_error(str(exc))
            return
        raise exc

    def show_import_error(self, text: str) -> None:
        from desktop_app.views.widgets import warn

        self.import_message = text
        warn(self, "Import annulé" if "annulé" in text else "Import impossible", text)

    def request_profiles(self) -> None:
        def make_text(when: date, note: str) -> str:
            with self.ctx.db.session() as session:
                return records.request_email_text(session, when, note)

        self._dialog(RequestProfilesDialog(
            lambda v: self._do(lambda s: records.request_more_profiles(s, *v)),
            make_text, self.today(), self,
        ), self.detail.id if self.detail else None)
