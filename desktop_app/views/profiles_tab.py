"""Tab "Profils reçus": import the platform's profiles, compare, decide within the quota,
interview, recruit, follow the contract and the initial training.

The tab is thin: every change is a ``services.profiles`` call run by the shared operation runner
(off the GUI thread, one unit of work, a French message when refused), announced with
``ctx.notify("profiles", initiator=self)`` so the request tab's deadlines and the workshop
planner's training days follow; the tab then reloads itself and selects the profile concerned.
Dialogs run through ``exec_dialog`` and the day comes from the context's clock, so tests can
drive both.

Reading stays within the issue's 100 ms on the GUI thread at scale 100 (``benchmarks/profiles``):
the list is one query of plain columns, filtered once by the proxy per reading; a list read again
unchanged is not reset, and a detail read again unchanged is not redrawn; a profile's detail is
read once per choice. A change announced by another tab is read at once when this tab is shown,
otherwise when it is next shown.

The chosen profile is the list's selected row, and only that: when a filter, the search or a
decision hides it, nothing is chosen any more (the detail says so, the decisions are disabled),
never the neighbour Qt makes current when the proxy removes the current row; a decision keeps
the filters. Only an explicit request for one profile (a new profile, an interview opened)
clears the filters that hide it, and the line under the list says so. After a decision, focus
goes back to the list, never to another decision (the refusal among them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.profiles import (
    CCP1_MEANING,
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
from desktop_app.services.profiles.records import ProfileDetail, ProfileRow
from desktop_app.services.profiles.training import INITIAL_TITLE, training_plan
from desktop_app.services.profiles.workflow import FormError, WorkflowError
from desktop_app.services.progress import Cancelled
from desktop_app.views.common import files
from desktop_app.views.common.forms import ERROR_STYLE, OK_STYLE, warn
from desktop_app.views.common.labels import WrappedLabel, escape
from desktop_app.views.common.operations import Job, Outcome, run_operation
from desktop_app.views.common.search_add import EntryLineEdit
from desktop_app.views.common.tables import (
    RowsModel,
    RowsProxy,
    rows_table,
    select_id,
    selected_id,
)
from desktop_app.views.common.tabs import tab_widget
from desktop_app.views.personal_data.entry import add_person_data_action
from desktop_app.views.profiles.columns import (
    BATCH_COLUMNS,
    COL_NAME,
    INTERVIEW_COLUMNS,
    ProfileFilters,
    profile_model,
    status_counts,
)
from desktop_app.views.profiles.dialogs import (
    ContractDialog,
    ImportPreviewDialog,
    InterviewDialog,
    PixCertificationDialog,
    ProfileDialog,
    RefuseDialog,
    RequestProfilesDialog,
    RuptureDialog,
    SignatureDialog,
    TrainingDialog,
)
from desktop_app.views.tab_base import TabBase

if TYPE_CHECKING:
    from desktop_app.services.profiles.importer import ImportPreview, ImportResult
    from desktop_app.services.request.api import Deadline

LEVEL_COLORS = {"late": "#b00020", "soon": "#b35c00", "ok": "#1a1a1a", "met": "#1b5e20"}
LEVEL_PREFIX = {"late": "En retard : ", "soon": "Bientôt : ", "met": "✓ "}
TRI_STATE = (("Tous", None), ("Oui", True), ("Non", False))
CHANGES = ("profiles",)
CANCELLED_IMPORT = "Import annulé : rien n'a été enregistré."
NO_CHOICE = "Aucun profil choisi : sélectionnez un profil dans la liste pour voir son détail."

# The decision buttons with their Alt+letter. The window (the main window's menus "&Fichier",
# "É&dition", "&Aide" included) shows the buttons of one status at a time, so letters are
# unique among what is visible: Alt+N always undoes the last decision ("A&nnuler …"), Alt+R
# is "recruté" for a validated candidate and "Rupture" for a recruited one.
ACTION_BUTTONS: dict[str, str] = {
    workflow.PRESELECT: "&Présélectionner ce candidat",
    workflow.REFUSE: "Ce profil ne &correspond pas",
    workflow.CANCEL_REFUSAL: "A&nnuler le désintérêt",
    workflow.CANCEL_PRESELECTION: "A&nnuler la présélection",
    workflow.VALIDATE: "&Valider cette candidature",
    workflow.CANCEL_VALIDATION: "A&nnuler le recrutement",
    workflow.CONFIRM_RECRUITMENT: "Candidat &recruté",
    workflow.RUPTURE: "&Rupture",
    workflow.CANCEL_RUPTURE: "A&nnuler la rupture",
}


def deadlines_html(deadlines: Sequence[Deadline]) -> str:
    """Each deadline still to meet on its own line (it says whom and what to do, which a line
    shared with the others cut in the middle), then the ones met together on one line. The
    level is written as well as coloured, as in the request tab."""
    def span(d: Deadline) -> str:
        return (f'<span style="color:{LEVEL_COLORS.get(d.level, "#000")}">'
                + LEVEL_PREFIX.get(d.level, "") + f"{escape(d.label, quote=False)}</span>")

    lines = [span(d) for d in deadlines if d.level != "met"]
    met = [span(d) for d in deadlines if d.level == "met"]
    if met:
        lines.append(" · ".join(met))
    return "<br>".join(lines)


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


def _button(text: str, slot: Callable[[], object], tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _=False: slot())
    if tooltip:
        button.setToolTip(tooltip)
    return button


class ProfilesTab(TabBase):
    TITLE = "Profils reçus"
    AREAS_SHOWN = ("request", "profiles")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.detail: ProfileDetail | None = None
        self._detail_day: date | None = None  # the day the detail's deadlines were written for
        self.filters = ProfileFilters()
        self.import_message = ""
        self._loading = False
        self._selecting = False  # the tab sets the chosen row itself (and shows its detail)
        self._stale = False  # another tab changed what this hidden tab shows
        self._left: int | None = None  # the chosen profile that has just left the list
        # the list as the last reading gave it, in the query's order: a reading equal to it
        # changed nothing (two lists compared in order; a set of thousands of rows built
        # twice per reading cost more)
        self._rows_read: list[ProfileRow] | None = None
        toolbar = self._build_toolbar()
        self.pages = self._build_pages()
        detail = self._build_detail()
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.deadlines_label)
        layout.addWidget(splitter, 1)
        self._tab_order()
        self.refresh()

    def _tab_order(self) -> None:
        """Tab follows the filters as they are laid out, then reaches the list."""
        chain = (self.status_filter, self.search, self.ccp1_filter, self.pix_filter,
                 self.cv_filter, self.graduate_filter, self.table)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ building

    def _build_toolbar(self) -> QHBoxLayout:
        self.import_button = _button("&Importer des profils…", self.choose_import_file)
        self.add_button = _button("A&jouter un profil", self.add_profile)
        self.request_button = _button("Demander d'autres profi&ls…", self.request_profiles)
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
        return toolbar

    def _build_filters(self) -> QGridLayout:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Tous les statuts", None)
        for status, label in STATUS_LIST_LABELS.items():
            self.status_filter.addItem(label, status)
        # Down or Enter goes to the results: with the keyboard alone, the list was five Tabs
        # away, past the four filters laid after the search
        self.search = EntryLineEdit()
        self.search.moved.connect(lambda step: self._enter_list() if step > 0 else None)
        self.search.entered.connect(self._enter_list)
        self.search.setPlaceholderText("Nom, e-mail, code postal ou commune")
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):
            button.setAccessibleName("Effacer la recherche")
        self.ccp1_filter = _tri_combo("ccp1Filter")
        self.cv_filter = _tri_combo("cvFilter")
        self.graduate_filter = _tri_combo("graduateFilter")
        self.pix_filter = QComboBox()
        self.pix_filter.setObjectName("pixFilter")
        self.pix_filter.addItem("Tous", None)
        self.pix_filter.addItem("Non partagé", 0)
        for level, label in PIX_LEVELS.items():
            self.pix_filter.addItem(f"{label} ou plus" if level < 3 else label, level)
        filters = QGridLayout()
        filters.addWidget(_labelled("&Statut", self.status_filter), 0, 0)
        filters.addWidget(self.status_filter, 0, 1, 1, 3)
        filters.addWidget(_labelled("Rec&hercher", self.search), 0, 4)
        filters.addWidget(self.search, 0, 5, 1, 3)
        # Letters left by the menus, the toolbar and the detail panel: "CV" and "Diplômé"
        # are reached with Tab.
        for n, (text, combo) in enumerate(
            (("Formation CCP&1", self.ccp1_filter), ("Pi&x", self.pix_filter),
             ("CV", self.cv_filter), ("Diplômé", self.graduate_filter))
        ):
            filters.addWidget(_labelled(text, combo), 1, 2 * n)
            filters.addWidget(combo, 1, 2 * n + 1)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        for combo in (self.ccp1_filter, self.cv_filter, self.graduate_filter, self.pix_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        return filters

    def _build_list_page(self) -> QWidget:
        filters = self._build_filters()
        self.model: RowsModel = profile_model(self)
        self.proxy = RowsProxy(self)
        self.table: QTableView = rows_table(
            "profilesTable", self.model, self.proxy, widths=(215, 100, 85, 55, 95, 40))
        self.table.setAccessibleName("Liste des profils")
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        choice = self.table.selectionModel()
        choice.currentRowChanged.connect(self._on_choice_changed)
        choice.selectionChanged.connect(self._on_choice_changed)
        add_person_data_action(self.table, self.ctx, "C")  # right click: the RGPD dialog
        self.count_label = QLabel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        return page

    def _build_pages(self) -> QTabWidget:
        self.interviews_model: RowsModel = RowsModel(INTERVIEW_COLUMNS, lambda i: i.id, self)
        self.interviews_table = rows_table("interviewsTable", self.interviews_model,
                                           widths=(140, 200, 200))
        self.interviews_table.setAccessibleName("Entretiens à venir")
        self.interviews_table.setToolTip("Entrée ou double-clic : ouvrir le profil du candidat")
        self.interviews_table.activated.connect(self._open_interview)
        self.interviews_table.doubleClicked.connect(self._open_interview)
        self.batches_model: RowsModel = RowsModel(BATCH_COLUMNS, lambda b: b.id, self)
        # « Lot reçu le 03/12/2026 à 14:47 » whole, at the font in use (190 px cut it)
        lot = self.fontMetrics().horizontalAdvance("Lot reçu le 30/12/2026 à 23:59") + 24
        self.batches_table = rows_table("batchesTable", self.batches_model,
                                        widths=(lot, 300, 80, 90))
        self.batches_table.setAccessibleName("Lots reçus")
        self.batches_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        pages = tab_widget()
        pages.addTab(self._build_list_page(), "Profils")
        pages.addTab(self.interviews_table, "Entretiens à venir")
        pages.addTab(self.batches_table, "Lots reçus")
        # the detail follows the interview moved to (arrows), as it follows the list; back on
        # the list, it is the list's choice again
        self.interviews_table.selectionModel().currentRowChanged.connect(self._interview_moved)
        pages.currentChanged.connect(self._page_changed)
        return pages

    def _interview_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        source = self.interviews_table.model().mapToSource(current)  # type: ignore[attr-defined]
        profile_id = self.interviews_model.row_at(source.row()).profile_id
        if profile_id != (self.detail.id if self.detail else None):
            self.show_detail(profile_id)

    def _page_changed(self, index: int) -> None:
        if index == 0:
            self._on_choice_changed()
        elif index == 1:
            current = self.interviews_table.currentIndex()
            if current.isValid():
                self._interview_moved(current, QModelIndex())

    def _build_actions(self) -> QGridLayout:
        self.action_buttons: dict[str, QPushButton] = {}
        self.actions_layout = QGridLayout()
        for action in workflow.ACTION_LABELS:
            button = _button(ACTION_BUTTONS[action], lambda a=action: self.run_action(a))
            button.setObjectName(f"action_{action}")
            button.setAccessibleName(workflow.ACTION_LABELS[action])
            self.action_buttons[action] = button
            self.actions_layout.addWidget(button, 0, 0)
        return self.actions_layout

    def _build_tools(self) -> QGridLayout:
        self.edit_button = _button("&Modifier le profil…", self.edit_profile)
        self.cv_button = _button("J&oindre un CV (PDF)…", self.choose_cv)
        self.open_cv_button = _button("Ouvrir le CV", self.open_cv)
        self.interview_button = _button("Planifier un &entretien…", self.schedule_interview)
        self.edit_interview_button = _button(
            "Notes de l'en&tretien…", self.edit_interview,
            "Modifier le dernier entretien de ce candidat et ses notes")
        self.signature_button = _button("Contrat si&gné…", self.record_signature)
        self.tool_buttons = (self.edit_button, self.cv_button, self.open_cv_button,
                             self.interview_button, self.edit_interview_button,
                             self.signature_button)
        self.tools_layout = QGridLayout()
        for n, button in enumerate(self.tool_buttons):
            self.tools_layout.addWidget(button, n // 2, n % 2)
        return self.tools_layout

    def _build_training(self) -> QWidget:
        tip = "Attestation employeur de départ en formation"
        self.training_button = _button("Ajouter une &période de formation…", self.add_training)
        self.delete_training_button = _button("S&upprimer la période", self.delete_training)
        self.pix_button = _button("Certification Pix…", self.record_pix_certification)
        tip += " pour la période choisie dans la liste (une attestation par départ)"
        self.attestation_preview = _button("Aperçu de l'attestation",
                                           lambda: self.attestation(preview=True), tip)
        self.attestation_save = _button("&Enregistrer l'attestation…",
                                        lambda: self.attestation(preview=False), tip)
        self.trainings_list = QListWidget()
        self.trainings_list.setAccessibleName("Périodes de formation")
        self.trainings_list.setMaximumHeight(90)
        self.training_plan_label = self._rich_label()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>Formation</b> — {escape(INITIAL_TITLE, quote=False)}, puis modules "
                       "thématiques")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.training_plan_label)
        layout.addWidget(self.trainings_list)
        buttons = QGridLayout()
        buttons.addWidget(self.training_button, 0, 0, 1, 2)
        buttons.addWidget(self.delete_training_button, 1, 0)
        buttons.addWidget(self.pix_button, 1, 1)
        buttons.addWidget(self.attestation_preview, 2, 0)
        buttons.addWidget(self.attestation_save, 2, 1)
        layout.addLayout(buttons)
        return box

    def _rich_label(self) -> QLabel:
        return WrappedLabel(rich=True, fills_width=True)  # the detail panel's width

    def _build_detail(self) -> QScrollArea:
        self.detail_title = self._rich_label()
        self.action_message = QLabel()
        self.action_message.setWordWrap(True)
        self.action_message.setVisible(False)
        actions = self._build_actions()
        tools = self._build_tools()
        self.detail_info = self._rich_label()
        self.detail_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.interviews_info = QLabel()
        self.interviews_info.setWordWrap(True)
        self.history_info = self._rich_label()
        self.training_box = self._build_training()
        panel = QWidget()
        panel.setObjectName("profileDetail")
        self.panel_layout = QVBoxLayout(panel)
        self.empty_label = QLabel(NO_CHOICE)
        self.empty_label.setObjectName("noProfileChosen")
        self.empty_label.setWordWrap(True)
        self.panel_layout.addWidget(self.empty_label)
        self.panel_layout.addWidget(self.detail_title)
        self.panel_layout.addWidget(self.action_message)
        self.panel_layout.addLayout(actions)
        self.panel_layout.addLayout(tools)
        for widget in (self.detail_info, self.interviews_info, self.training_box,
                       self.history_info):
            self.panel_layout.addWidget(widget)
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
        return scroll

    # ------------------------------------------------------------ loading

    def today(self) -> date:
        return self.ctx.today()

    def _on_changed(self, area: str, initiator: object = None) -> None:
        """A change announced by another tab: read again now when this tab is shown, else
        when it is next shown (not at each change made elsewhere)."""
        if self.isVisible():
            super()._on_changed(area, initiator)
        elif area in self.AREAS_SHOWN:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        today = self.today()
        with self.ctx.db.session() as session:
            rows = records.list_rows(session)
            quota = workflow.quota(session)
            pending = records.pending_request(session)
            deadlines = records.deadlines(session, today)
            upcoming = records.upcoming_interviews(session, datetime.combine(today, time()))
            batches = records.batches(session)
        selected = self.detail.id if self.detail else None
        if rows != self._rows_read:  # e.g. only the request changed: no reset
            self._loading = True
            # keeps the order the person chose; the proxy filters the new rows once, with the
            # criteria it already has (apply_filters runs at each change of a filter)
            self.model.set_rows(rows)
            self._loading = False
            self._rows_read = rows
        self._show_counts()
        self.quota_label.setText(quota.text)
        style = ERROR_STYLE if quota.reached else ""
        if self.quota_label.styleSheet() != style:
            self.quota_label.setStyleSheet(style)
        self.pending_label.setText(records.pending_text(pending) if pending else "")
        self.pending_label.setVisible(pending is not None)
        self.deadlines_label.setText(deadlines_html(deadlines))
        self.deadlines_label.setVisible(bool(deadlines))
        if self.interviews_model.rows() != upcoming:
            self.interviews_model.set_rows(upcoming)
        interviews_title = f"Entretiens à venir ({len(upcoming)})"
        if self.pages.tabText(1) != interviews_title:  # a new title lays the tab bar out again
            self.pages.setTabText(1, interviews_title)
        if self.batches_model.rows() != batches:
            self.batches_model.set_rows(batches)
        if selected is None or not self.select_profile(selected, clear_filters=False):
            # still naming the profile that left the list, while it stays hidden
            self.show_detail(None, left=self._left if selected is None else selected)

    def apply_filters(self) -> None:
        """A filter or the search changed. The chosen profile stays chosen, scrolled into view,
        when it still shows; when it is hidden nothing is chosen any more. Qt, removing the
        current row from the proxy, makes a neighbour current: that is never taken as a
        choice (the change of row is ignored while filtering, then put right)."""
        if self._loading:
            return
        chosen = self.detail.id if self.detail else None
        self._selecting = True
        try:
            self._filter()
            shown = chosen is not None and select_id(self.table, chosen)
            if not shown:
                self._clear_choice()
        finally:
            self._selecting = False
        if chosen is None:
            self._set_empty_text(self._empty_text())  # the profile that left may show again
        elif not shown:
            self.show_detail(None, left=chosen)

    def _filter(self) -> None:
        """The criteria read from the widgets, the list filtered once, the counts shown."""
        self.filters = ProfileFilters(
            status=self.status_filter.currentData(),
            ccp1=self.ccp1_filter.currentData(),
            cv=self.cv_filter.currentData(),
            graduate=self.graduate_filter.currentData(),
            pix=self.pix_filter.currentData(),
        )
        self.proxy.set_filter(self.search.text(), self.filters.predicate, keep_predicate=False)
        self._show_counts()

    def _show_counts(self) -> None:
        """The status combo's counts and the line under the list."""
        counts = status_counts(self.model, self.proxy, self.filters)
        self.status_filter.setItemText(0, f"Tous les statuts ({sum(counts.values())})")
        for i, (status, label) in enumerate(STATUS_LIST_LABELS.items(), start=1):
            self.status_filter.setItemText(i, f"{label} ({counts.get(status, 0)})")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} profil(s) affiché(s) sur {total}")

    # ------------------------------------------------------------ selection and detail

    def _clear_filters(self) -> None:
        """Every criterion back to "Tous", the list filtered once (not once per widget)."""
        widgets = (self.status_filter, self.search, self.ccp1_filter, self.cv_filter,
                   self.graduate_filter, self.pix_filter)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in widgets:
                if isinstance(combo, QComboBox):
                    combo.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._filter()

    def select_profile(self, profile_id: int, *, clear_filters: bool = True) -> bool:
        """Choose a profile in the list and show its detail, read once (not also by the change
        of the current row). When the filters hide it: with ``clear_filters`` (an explicit
        request for this profile) they are cleared and the line under the list says so;
        without, nothing is chosen and False is returned (the caller says why)."""
        if self.model.row_of_id(profile_id) is None:
            return False
        cleared = False
        self._selecting = True
        try:
            shown = select_id(self.table, profile_id)
            if not shown and clear_filters:
                self._clear_filters()
                cleared = True
                shown = select_id(self.table, profile_id)
            if not shown:
                self._clear_choice()
        finally:
            self._selecting = False
        if not shown:
            return False
        self.show_detail(profile_id)
        if cleared and self.detail is not None:
            self.count_label.setText(f"{self.count_label.text()} — filtres effacés pour "
                                     f"afficher {self.detail.full_name}")
        return True

    def _clear_choice(self) -> None:
        """No row current nor selected (the change of row is ignored by the caller)."""
        choice = self.table.selectionModel()
        if choice.currentIndex().isValid() or choice.hasSelection():
            choice.clear()

    def _empty_text(self) -> str:
        """Why nothing is chosen: the profile that has just left the list, while the filters or
        the search hide it."""
        row = None if self._left is None else self.model.row_of_id(self._left)
        if row is None or self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            return NO_CHOICE
        return (f"Aucun profil choisi : {self.model.row_at(row).full_name} ne correspond pas "
                "aux filtres ou à la recherche de la liste. Sélectionnez un profil dans la "
                "liste pour voir son détail.")

    def _enter_list(self) -> None:
        """From the search, into the list: the chosen profile if it shows, else the first."""
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if selected_id(self.table) is None:
            self.table.selectRow(0)

    def _set_empty_text(self, text: str) -> None:
        if self.empty_label.text() != text:
            self.empty_label.setText(text)

    def _on_choice_changed(self, *_args: object) -> None:
        """The person moved in the list: the chosen profile is the selected row. A row made
        current without being selected (Qt does so when the list takes focus with no current
        row) is no choice, and is not left current: Down or Home then chooses the first row,
        not the second."""
        if self._loading or self._selecting:
            return
        chosen = selected_id(self.table)
        if chosen is None and self.table.currentIndex().isValid():
            self._selecting = True
            try:
                self.table.selectionModel().clearCurrentIndex()
            finally:
                self._selecting = False
        if chosen != (self.detail.id if self.detail else None):
            self.show_detail(chosen)

    def _open_interview(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        source = self.interviews_table.model().mapToSource(index)  # type: ignore[attr-defined]
        interview = self.interviews_model.row_at(source.row())
        self.pages.setCurrentIndex(0)
        self.select_profile(interview.profile_id)
        self.table.setFocus()

    def show_detail(self, profile_id: int | None, *, left: int | None = None) -> None:
        """The detail of ``profile_id``; None: no profile chosen (``left``: the profile that
        the filters, the search or a decision have just taken out of the list)."""
        self._set_action_message("")
        detail = None
        if profile_id is not None:
            try:
                with self.ctx.db.session() as session:
                    detail = records.get_detail(session, profile_id)
            except WorkflowError:
                detail = None
        today = self.today()
        if detail is not None and detail == self.detail and today == self._detail_day:
            # already shown as it is (the list read again after a change elsewhere): only
            # whether the CV file is still there may have changed
            self.open_cv_button.setEnabled(bool(records.cv_path(detail.cv_file)))
            return
        self.detail, self._detail_day = detail, today
        self._left = left if detail is None else None
        self.empty_label.setVisible(detail is None)
        for widget in self.detail_widgets:  # hidden and disabled: no decision without a choice
            widget.setVisible(detail is not None)
            widget.setEnabled(detail is not None)
        if detail is None:
            self._set_empty_text(self._empty_text())
            return
        source = " — trouvé par la structure" if detail.source == SOURCE_STRUCTURE else ""
        self.detail_title.setText(
            f"<h2>{escape(detail.full_name, quote=False)}</h2>"
            f"<p><b>{escape(detail.status_label, quote=False)}</b>{escape(source, quote=False)}</p>"
        )
        self._show_actions(detail)
        holding = detail.status in (STATUS_VALIDATED, STATUS_RECRUITED)
        self.interview_button.setVisible(detail.status == STATUS_PRESELECTED)
        self.edit_interview_button.setVisible(bool(detail.interviews))
        self.signature_button.setVisible(holding)
        self.open_cv_button.setEnabled(bool(records.cv_path(detail.cv_file)))
        self._pack(self.tools_layout, [b for b in self.tool_buttons if not b.isHidden()])
        self.detail_info.setText(self._info_html(detail))
        self.interviews_info.setText(self._interviews_html(detail))
        self.interviews_info.setVisible(bool(detail.interviews))
        self._show_trainings(detail, holding)
        history = "".join(
            f"<li>{date_short(e.event_date)} — <b>{escape(e.label, quote=False)}</b>"
            + (f" : {escape(e.detail, quote=False)}" if e.detail else "")
            + "</li>"
            for e in reversed(detail.events)
        )
        self.history_info.setText(f"<b>Historique</b><ul>{history}</ul>")

    def _show_actions(self, detail: ProfileDetail) -> None:
        """The actions of the status, in the programme's order, two per line without gaps."""
        allowed = [a for a, _ in workflow.available_actions(detail.status)]
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
        self._pack(self.actions_layout, [self.action_buttons[a] for a in allowed])

    @staticmethod
    def _pack(grid: QGridLayout, shown: list[QPushButton]) -> None:
        """Two buttons per line, without the gaps hidden buttons would leave."""
        for n in reversed(range(grid.count())):
            item = grid.itemAt(n)
            if item is not None and item.widget() is not None:
                grid.removeWidget(item.widget())
        for n, button in enumerate(shown):
            grid.addWidget(button, n // 2, n % 2)

    def _show_trainings(self, detail: ProfileDetail, holding: bool) -> None:
        self.training_box.setVisible(holding or bool(detail.trainings))
        self.training_button.setEnabled(holding)
        self.trainings_list.clear()
        for training in detail.trainings:
            item = QListWidgetItem(training.text)
            item.setToolTip(training.text)  # the list is narrow: the whole line on hover
            item.setData(Qt.ItemDataRole.UserRole, training.id)
            self.trainings_list.addItem(item)
        if detail.trainings:
            self.trainings_list.setCurrentRow(0)
        self.delete_training_button.setEnabled(bool(detail.trainings))
        self.pix_button.setEnabled(holding)
        self.attestation_preview.setEnabled(holding)
        self.attestation_save.setEnabled(holding)
        start = detail.contract_start or detail.recruitment_date
        plan = training_plan(start if holding else None, detail.contract_end,
                             detail.trainings, detail.pix_certified_on, self.today())
        lines = "".join(
            f'<li style="color:{LEVEL_COLORS.get(d.level, "#000")}">'
            + ("✓ " if d.level == "met" else "") + f"{escape(d.label, quote=False)}</li>"
            for d in plan.deadlines
        ) + "".join(f"<li><i>{escape(n, quote=False)}</i></li>" for n in plan.notes)
        if holding and plan.start is not None:
            lines = ("<li>Échéance de la formation initiale retenue : un an après le début du "
                     "contrat.</li>" + lines)
        self.training_plan_label.setText(f"<ul>{lines}</ul>" if lines else "")
        self.training_plan_label.setVisible(bool(lines))

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
            ("Situation", ", ".join(label for name, label in SITUATIONS.items()
                                    if getattr(d, name)) or "Non renseignée"),
            ("Diplômé en médiation numérique",
             f"Oui — {d.diploma}" if d.graduate and d.diploma else yes[d.graduate]),
            ("Expérience en médiation numérique", yes[d.experience]),
            ("Formation CCP1", {True: "Oui", False: "Non"}.get(d.ccp1, "inconnu")
             + f" (CCP1 : {CCP1_MEANING})"),
        ]
        if d.pix_shared:
            rows.append(("Pix — Degré de maîtrise", PIX_LEVELS.get(d.pix_level or 0, "—")))
            for name, label in PIX_COMPETENCES.items():
                value = getattr(d, name)
                rows.append((f"Pix — {label}", "—" if value is None else yes[bool(value)]))
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
            if detail.salary_notice:
                rows.append(("Attention", detail.salary_notice))
            rows.append(("Contrat signé", date_long(detail.contract_signed_on)
                         if detail.contract_signed_on else "Pas encore"))
        if detail.pix_certified_on:
            rows.append(("Certification Pix", date_long(detail.pix_certified_on)))
        if detail.rupture_date:
            rows.append(("Rupture", f"{date_long(detail.rupture_date)} — "
                         f"{RUPTURE_REASONS.get(detail.rupture_reason, '')}"))
        # one line per fact, the name in grey: a rich-text table (two columns) was laid out
        # several times per choice and cost about a third of showing a profile
        lines = [
            f"<span style='color:#444'>{escape(k, quote=False)} :</span> "
            f"{escape(v, quote=False)}"
            for k, v in rows
        ]
        if d.experience_details:
            lines.append(f"<i>{escape(d.experience_details, quote=False)}</i>")
        if d.notes:
            lines.append(f"Notes : {escape(d.notes, quote=False)}")
        return "<br/>".join(lines)

    @staticmethod
    def _interviews_html(detail: ProfileDetail) -> str:
        items = "".join(
            f"<li><b>{escape(i.when_text, quote=False)}</b>, {escape(i.place, quote=False)}"
            f" — jury : {escape(i.panel, quote=False)}"
            + (f"<br/><i>{escape(i.notes, quote=False)}</i>" if i.notes else "") + "</li>"
            for i in detail.interviews
        )
        return f"<b>Entretiens</b><ul>{items}</ul>"

    def _set_action_message(self, text: str, ok: bool = False) -> None:
        self.action_message.setText(text)
        style = OK_STYLE if ok else ERROR_STYLE
        if self.action_message.styleSheet() != style:  # each call would style it again
            self.action_message.setStyleSheet(style)
        self.action_message.setVisible(bool(text))

    def _reload(self, profile_id: int | None = None, *, clear_filters: bool = False) -> None:
        """After the tab's own change (already announced to the other tabs): the filters stay,
        so a profile that no longer matches them leaves the list and nothing is chosen, unless
        ``clear_filters`` (a new profile is shown whatever the filters)."""
        self.refresh()
        if profile_id is None or (self.detail is not None and self.detail.id == profile_id):
            return
        if not self.select_profile(profile_id, clear_filters=clear_filters):
            self.show_detail(None, left=profile_id)

    # ------------------------------------------------------------ running work

    def _session_call(self, work: Callable[[Any], object]) -> Callable[[], object]:
        """``work(session)`` in its own unit of work, for the worker thread."""
        db = self.ctx.db

        def call() -> object:
            with db.session() as session:
                return work(session)

        return call

    def _operation(self, work: Callable[[Any], object], label: str) -> Outcome[object]:
        """A change run off the GUI thread; a refusal comes back as ``outcome.message``."""
        call = self._session_call(work)
        return run_operation(self, lambda _job: call(), label=label, ctx=self.ctx,
                             changes=CHANGES, initiator=self, show_error=False,
                             cancellable=False)

    def _dialog(self, dialog: QDialog, profile_id: int | None = None, *,
                select_result: bool = False) -> object:
        """Run a dialog (it saves and announces the change itself); once accepted, reload and
        select ``profile_id`` (or the new profile the dialog returned when ``select_result``)."""
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            result = getattr(dialog, "result_value", None)
            if select_result:
                self._reload(result, clear_filters=True)  # type: ignore[arg-type]
            else:
                self._reload(profile_id)
            return result or True
        return None

    def _form_options(self) -> dict[str, Any]:
        return {"ctx": self.ctx, "today": self.today(), "initiator": self}

    # ------------------------------------------------------------ workflow

    def run_action(self, action: str) -> None:
        detail = self.detail
        if detail is None:
            return
        pid, today, name = detail.id, self.today(), detail.full_name
        call = self._session_call
        if action == workflow.REFUSE:
            if self._dialog(RefuseDialog(name, lambda reason: call(
                    lambda s: workflow.refuse(s, pid, today, reason))(), self,
                    **self._form_options()), pid):
                self.action_buttons_focus()
            return
        if action == workflow.VALIDATE:
            with self.ctx.db.session() as session:
                refusal = (workflow.quota_refusal(session)
                           if workflow.quota(session).reached else "")
            if refusal:
                self._set_action_message(refusal)
                return
            if self._dialog(ContractDialog(name, lambda contract: call(
                    lambda s: workflow.validate(s, pid, today, contract))(), today, self,
                    ctx=self.ctx, initiator=self), pid):
                self.action_buttons_focus()
            return
        if action == workflow.RUPTURE:
            if self._dialog(RuptureDialog(name, lambda values: call(
                    lambda s: workflow.rupture(s, pid, today, *values))(), today, self,
                    ctx=self.ctx, initiator=self), pid):
                self.action_buttons_focus()
            return
        simple = workflow.SIMPLE_ACTIONS[action]
        outcome = self._operation(lambda s: simple(s, pid, today),
                                  f"« {workflow.ACTION_LABELS[action]} »…")
        if not outcome.ok:
            self._set_action_message(outcome.message or "")
            return
        self._reload(pid)
        self._set_action_message(f"« {workflow.ACTION_LABELS[action]} » : fait.", ok=True)
        self.action_buttons_focus()

    def action_buttons_focus(self) -> None:
        """After a decision, focus goes back to the list, where the profile is still chosen
        (or, when the decision took it out of the filtered list, nothing is). Never to the
        first decision now offered: after « Présélectionner » that was the refusal, and Enter
        or Space would have refused the candidate."""
        self.table.setFocus()

    # ------------------------------------------------------------ records

    def add_profile(self) -> None:
        today = self.today()
        self._dialog(ProfileDialog("Ajouter un profil", lambda data: self._session_call(
            lambda s: records.add_profile(s, data, today))(), parent=self,
            **self._form_options()), select_result=True)

    def edit_profile(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(ProfileDialog(
            f"Modifier le profil de {self.detail.full_name}",
            lambda data: self._session_call(
                lambda s: records.update_profile(s, pid, data, today))(),
            self.detail.data, self, **self._form_options(),
        ), pid)

    def choose_cv(self) -> None:
        if self.detail is None:
            return
        chosen = files.ask_open_path(self, "cv", "Joindre un CV (PDF)", "Documents PDF (*.pdf)")
        if chosen is not None:
            self.attach_cv(chosen)

    def attach_cv(self, path: Path) -> bool:
        if self.detail is None:
            return False
        pid, today = self.detail.id, self.today()
        outcome = self._operation(lambda s: records.attach_cv(s, pid, path, today),
                                  "Copie du CV…")
        if not outcome.ok:
            message = outcome.message or ""
            if isinstance(outcome.error, OSError):
                message = f"Le CV n'a pas pu être copié : {message}"
            self._set_action_message(message)
            return False
        self._reload(pid)
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
        files.open_document(self, path)

    def schedule_interview(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        start = datetime.combine(records.first_interview_day(today), time(14, 0))
        self._dialog(InterviewDialog(
            self.detail.full_name,
            lambda v: self._session_call(
                lambda s: records.schedule_interview(s, pid, *v, today))(),
            start, place=self.ctx.structure().venue_name, parent=self, **self._form_options(),
        ), pid)

    def edit_interview(self) -> None:
        """Change the latest interview (time, place, panel) and keep its notes."""
        if self.detail is None or not self.detail.interviews:
            return
        pid, today = self.detail.id, self.today()
        last = self.detail.interviews[-1]
        self._dialog(InterviewDialog(
            self.detail.full_name,
            lambda v: self._session_call(lambda s: records.schedule_interview(
                s, pid, *v, today, interview_id=last.id))(),
            last.start, last.place, last.panel, last.notes, self, **self._form_options(),
        ), pid)

    def record_signature(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(SignatureDialog(
            lambda signed: self._session_call(
                lambda s: workflow.record_signature(s, pid, today, signed))(),
            today, self.detail.contract_signed_on, self, name=self.detail.full_name,
            validated_on=self.detail.validated_on, ctx=self.ctx, initiator=self,
        ), pid)

    def add_training(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()

        def add(session: Any, start: date | None, end: date | None,  # noqa: ANN401
                organisation: str, place: str, kind: str = "cours", hours: str = "",
                title: str = "") -> int:
            errors = workflow.check_training_period(start, end)
            if errors:
                raise FormError(errors)
            return records.add_training(session, pid, start, end, organisation, place, today,
                                        kind=kind, hours=hours, title=title)

        self._dialog(TrainingDialog(
            self.detail.full_name,
            lambda v: self._session_call(lambda s: add(s, *v))(),
            today, self, ctx=self.ctx, initiator=self,
        ), pid)

    def record_pix_certification(self) -> None:
        if self.detail is None:
            return
        pid, today = self.detail.id, self.today()
        self._dialog(PixCertificationDialog(
            lambda when: self._session_call(
                lambda s: records.record_pix_certification(s, pid, when, today))(),
            today, self.detail.pix_certified_on, self, ctx=self.ctx, initiator=self,
        ), pid)

    def delete_training(self) -> None:
        item = self.trainings_list.currentItem()
        if self.detail is None or item is None:
            self._set_action_message("Choisissez d'abord une période dans la liste.")
            return
        pid, today = self.detail.id, self.today()
        training_id = int(item.data(Qt.ItemDataRole.UserRole))
        outcome = self._operation(lambda s: records.delete_training(s, training_id, today),
                                  "Suppression de la période…")
        if outcome.ok:
            self._reload(pid)
        else:
            self._set_action_message(outcome.message or "")

    def attestation(self, *, preview: bool) -> Path | None:
        """The training attestation of the selected conseiller, written off the GUI thread
        (``services.profiles.printing``, also used by the command line)."""
        if self.detail is None:
            return None
        from desktop_app.services.profiles import printing  # loads ReportLab: only when used

        pid, today, db = self.detail.id, self.today(), self.ctx.db
        item = self.trainings_list.currentItem()
        training_id = int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

        def build(path: Path) -> None:
            printing.write_training_attestation(db, path, today, pid, training_id)

        file_name = printing.attestation_file_name(self.detail.full_name)
        label = "Préparation de l'attestation…"
        if preview:
            return files.preview_pdf(self, build, file_name, label=label)
        return files.save_pdf(self, build, file_name, label=label)

    # ------------------------------------------------------------ import and requests

    def choose_import_file(self) -> None:
        chosen = files.ask_open_path(
            self, "import-profils", "Importer des profils",
            "Export des candidats (*.csv *.txt);;Tous les fichiers (*)",
        )
        if chosen is not None:
            self.import_file(chosen)

    def import_file(self, path: Path) -> None:
        """Read off the GUI thread, show the preview, then write everything in one
        transaction once the person confirms ("Annuler" during the writing rolls it all back).
        The outcome is in ``import_message`` and on screen; an error box is shown only once
        the operation is over, so its Enter reaches nothing else."""
        self.import_message = ""
        db = self.ctx.db
        # loaded when a file is imported, not when the tab opens
        from desktop_app.services.profiles import importer

        def read(_job: Job) -> ImportPreview:
            with db.session() as session:
                return importer.read_import(path, session)

        outcome = run_operation(self, read, label=f"Lecture de « {path.name} »…",
                                ctx=self.ctx, show_error=False)
        if outcome.cancelled:
            self.import_message = CANCELLED_IMPORT
            return
        if not outcome.ok or outcome.value is None:
            self.show_import_error(outcome.message or "")
            return
        self._confirm_import(outcome.value)

    def _confirm_import(self, preview: ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, self)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            self.import_message = CANCELLED_IMPORT
            return
        db = self.ctx.db
        accept_missing = dialog.missing_accepted
        from desktop_app.services.profiles import importer

        def write(job: Job) -> ImportResult:
            try:
                with db.session() as session:
                    return importer.apply_import(session, preview, progress=job.progress,
                                                 accept_missing=accept_missing)
            except importer.ImportCancelled as exc:  # the runner knows one cancellation
                raise Cancelled() from exc

        outcome = run_operation(self, write, label="Enregistrement des profils…",
                                ctx=self.ctx, changes=CHANGES, initiator=self,
                                show_error=False)
        if outcome.cancelled:
            self.import_message = CANCELLED_IMPORT
            self.refresh()
            return
        if not outcome.ok or outcome.value is None:
            self.show_import_error(outcome.message or "")
            return
        self._import_done(outcome.value)

    def _import_done(self, result: ImportResult) -> None:
        self.refresh()
        self.pages.setCurrentIndex(0)
        self.import_message = (
            f"Lot reçu : {result.added} profil(s) ajouté(s), {result.updated} mis à jour, "
            f"{result.rejected} ligne(s) refusée(s)."
        )
        self.count_label.setText(f"{self.count_label.text()} — {self.import_message}")

    def show_import_error(self, text: str) -> None:
        self.import_message = text
        warn(self, "Import annulé" if "annulé" in text else "Import impossible", text)

    def request_profiles(self) -> None:
        db = self.ctx.db

        def make_text(when: date, note: str) -> str:
            with db.session() as session:
                return records.request_email_text(session, when, note)

        self._dialog(RequestProfilesDialog(
            lambda v: self._session_call(lambda s: records.request_more_profiles(s, *v))(),
            make_text, self.today(), self, ctx=self.ctx, initiator=self,
        ), self.detail.id if self.detail else None)
