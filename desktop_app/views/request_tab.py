"""Tab "Demande de recrutement": prepare, check, print and follow the request, then the posts
it brought.

Left: the structure's requests (the current one selected; older ones reachable), the
programme's deadlines in colour (a met one stays, shown as met with its date), and the
documents. Right, in three sub-tabs: the form ("Formulaire", read-only but legible once filed),
its status, the committee's opinion and history ("Suivi"), and the posts with their
conventions, cost, end of subsidy and the label ("Postes et financement").

Nothing typed is lost: every edit restarts a short timer, and leaving a field, switching
request or hiding the tab saves at once. "Annuler les modifications" puts back the state the
request had when it was opened (or last reset), structure section included.

The autosave writes one row in the GUI thread on purpose: it takes a few milliseconds, and the
operation runner holds keyboard input back while it works, which would swallow the letters typed
at that moment. Every other write (a new request, undoing, the dialogs) and both documents go
through the operation runner. The mouse wheel never changes an unfocused field (input safety),
so scrolling the form cannot change, and autosave, "Nombre de conseillers souhaités".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.formatting import date_short
from desktop_app.services.request import (
    api,
    conventions,
    label,
    posts,
    printing,
    requests,
    smic,
)
from desktop_app.services.structure import StructureInfo
from desktop_app.views.common import files
from desktop_app.views.common.forms import (
    FieldWithError,
    ask,
    ask_with_details,
    info,
    summarise,
)
from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.operations import run_operation
from desktop_app.views.common.tables import Column, RowsModel, setup_table
from desktop_app.views.common.tabs import tab_widget
from desktop_app.views.context import AppContext
from desktop_app.views.request.dialogs import FileDialog, SmicDialog, StatusDialog
from desktop_app.views.request.form import RequestForm
from desktop_app.views.request.post_dialogs import (
    ConventionDialog,
    GiveBackDialog,
    LabelDialog,
    PaymentDialog,
    PostDialog,
)
from desktop_app.views.request.posts_panel import PostsPanel
from desktop_app.views.tab_base import TabBase

AUTOSAVE_MS = 700
SUMMARY_LINES = 5  # fields named in the question of "Annuler les modifications"
LEVEL_STYLES = {
    "ok": "color: #1b5e20;",
    "soon": "color: #a65e00; font-weight: bold;",
    "late": "color: #b00020; font-weight: bold;",
    "met": "color: #33691e;",
}
LEVEL_PREFIX = {"ok": "", "soon": "Bientôt : ", "late": "En retard : ", "met": "✓ Fait : "}

# One line of "Historique", most recent first: (position, entry).
HistoryRow = tuple[int, requests.HistoryEntry]
HISTORY_COLUMNS: list[Column[HistoryRow]] = [
    Column("Date", lambda r: date_short(r[1].changed_on)),
    Column("Statut", lambda r: r[1].label),
    Column("Note", lambda r: r[1].note),
]


# The box's one letter. Eight buttons (a preview and a PDF for each of four documents) cannot
# each have one: with the form shown, the menus, the tab's buttons and the form's fields take
# every letter but K, W, X, Y and Z, which no wording of these buttons holds. Alt+X reaches the
# box (its first usable button); Tab and Maj+Tab go from button to button.
DOCUMENTS_TITLE = "Documents à e&xporter"


class _DocumentsBox(QGroupBox):
    """A box whose Alt+letter puts the focus on its first usable button (Qt's own group box
    would try the first one even when it is disabled, and do nothing)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            target = next(
                (b for b in self.findChildren(QPushButton) if b.isEnabled() and b.isVisible()),
                None,
            )
            if target is not None:
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)


class RequestTab(TabBase):
    TITLE = "Demande de recrutement"
    AREAS_SHOWN = ("structure", "request", "profiles")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        install_input_safety()
        self._current_id: int | None = None
        self._last_id: int | None = None
        self._data: requests.RequestData | None = None
        self._checkpoint: requests.FormState | None = None
        self._dirty = False
        # What the form showed when last loaded or written, and what the bar said then: a
        # field left without a change (or typed back as it was) writes nothing and says
        # nothing new — after « Annuler les modifications » the bar went on to say
        # « Enregistré automatiquement » as soon as the field was left.
        self._saved: tuple[requests.RequestData, StructureInfo] | None = None
        self._settled = ""
        self._shown_id: int | None = None
        self._missing: list[str] = []  # what filing still needs, as the button says
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._left_column())
        splitter.addWidget(self._right_side())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    # -- layout ------------------------------------------------------------------------------
    def _left_column(self) -> QWidget:
        column = QWidget()
        column.setMinimumWidth(260)
        column.setMaximumWidth(380)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 6, 0)
        self._requests_list(layout)
        layout.addWidget(self._deadlines_box(), 1)
        layout.addWidget(self._documents_box())
        return column

    def _requests_list(self, layout: QVBoxLayout) -> None:
        caption = QLabel("D&emandes de la structure")
        self.request_list = QListWidget()
        self.request_list.setAccessibleName("Demandes de la structure")
        self.request_list.setWordWrap(True)
        caption.setBuddy(self.request_list)
        self.request_list.currentItemChanged.connect(self._request_selected)
        self.new_button = QPushButton("&Nouvelle demande")
        self.new_button.clicked.connect(self.new_request)
        layout.addWidget(caption)
        layout.addWidget(self.request_list, 1)
        layout.addWidget(self.new_button)

    def _deadlines_box(self) -> QGroupBox:
        deadlines = QGroupBox("Délais du dispositif")
        dl = QVBoxLayout(deadlines)
        self.deadline_labels = QLabel()
        self.deadline_labels.setWordWrap(True)
        self.deadline_labels.setTextFormat(Qt.TextFormat.RichText)
        self.deadline_labels.setObjectName("deadlines")
        self.deadline_labels.setAlignment(Qt.AlignmentFlag.AlignTop)
        # met deadlines stay listed with their dates: the list scrolls rather than being cut
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.deadline_labels)
        scroll.setMinimumHeight(110)
        # Tab reaches it (the arrows scroll a long list): a frame shows where the focus is,
        # which a frameless scroll area would not.
        scroll.setObjectName("deadlinesScroll")
        scroll.setStyleSheet(
            "QScrollArea#deadlinesScroll { border: 2px solid transparent; }"
            " QScrollArea#deadlinesScroll:focus { border: 2px solid palette(highlight); }"
        )
        dl.addWidget(scroll)
        return deadlines

    def _documents_box(self) -> QGroupBox:
        docs = _DocumentsBox(DOCUMENTS_TITLE)
        grid = QVBoxLayout(docs)
        self.pdf_buttons: dict[str, tuple[QPushButton, QPushButton]] = {}
        for key in (*printing.KINDS, *printing.POST_KINDS):
            title = printing.TITLES[key]
            grid.addWidget(QLabel(f"<b>{title}</b>"))
            row = QHBoxLayout()
            preview = QPushButton("Aperçu")
            preview.setAccessibleName(f"Aperçu — {title}")
            save = QPushButton("Enregistrer le PDF…")
            save.setAccessibleName(f"Enregistrer le PDF — {title}")
            preview.clicked.connect(lambda _c=False, k=key: self.preview(k))
            save.clicked.connect(lambda _c=False, k=key: self.save_pdf(k))
            row.addWidget(preview)
            row.addWidget(save)
            grid.addLayout(row)
            self.pdf_buttons[key] = (preview, save)
        # where the last PDF went: saving said nothing, and the file was looked for
        self.documents_message = QLabel()
        self.documents_message.setObjectName("documents_message")
        self.documents_message.setWordWrap(True)
        self.documents_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.documents_message.setVisible(False)
        grid.addWidget(self.documents_message)
        return docs

    def _right_side(self) -> QWidget:
        self.sub_tabs = tab_widget()
        self.sub_tabs.setObjectName("requestSubTabs")
        self.sub_tabs.addTab(self._form_page(), "Formulaire")
        self.sub_tabs.addTab(self._follow_page(), "Suivi")
        self.sub_tabs.addTab(self._posts_page(), "Postes et financement")
        return self.sub_tabs

    def _form_page(self) -> QWidget:
        form_page = QWidget()
        fl = QVBoxLayout(form_page)
        fl.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #eef3f8; padding: 6px;")
        fl.addWidget(self.banner)
        self.form = RequestForm(self.ctx.today())
        self.form.changed.connect(self._form_changed)
        self.form.left_field.connect(self.save_now)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        # Tab goes from field to field (each brought into view below); the scroll area itself
        # would be a stop that shows nothing focused.
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form.installEventFilter(self)
        self.form_scroll.viewport().installEventFilter(self)
        fl.addWidget(self.form_scroll, 1)
        # Alt+letter jumps to a field anywhere in the long form: bring it into view.
        QApplication.instance().focusChanged.connect(self._show_focused)
        bar = QHBoxLayout()
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.undo_button = QPushButton("Ann&uler les modifications")
        self.undo_button.clicked.connect(self.undo_changes)
        self.file_button = QPushButton("Marquer comme dé&posée…")
        self.file_button.clicked.connect(self.open_file_dialog)
        bar.addWidget(self.save_state, 1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.file_button)
        fl.addLayout(bar)
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b00020;")
        fl.addWidget(self.missing)
        return form_page

    def _follow_page(self) -> QWidget:
        follow = QWidget()
        sl = QVBoxLayout(follow)
        self.status_summary = QLabel()
        self.status_summary.setWordWrap(True)
        self.status_summary.setObjectName("status_summary")
        sl.addWidget(self.status_summary)
        caption = QLabel("&Historique")
        self.history_model: RowsModel[HistoryRow] = RowsModel(HISTORY_COLUMNS, lambda r: r[0])
        self.history = QTableView()
        self.history.setModel(self.history_model)
        # most recent first, as written: a history is read in its own order
        setup_table(self.history, "Historique de la demande", sortable=False)
        caption.setBuddy(self.history)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        sl.addWidget(caption)
        sl.addWidget(self.history, 1)
        row = QHBoxLayout()
        self.status_button = QPushButton("&Changer le statut…")
        self.status_button.clicked.connect(self.open_status_dialog)
        row.addStretch()
        row.addWidget(self.status_button)
        sl.addLayout(row)
        return follow

    def _posts_page(self) -> QWidget:
        self.posts_panel = PostsPanel()
        panel = self.posts_panel
        panel.add_post.connect(lambda: self.post_dialog(None).exec())
        panel.edit_post.connect(lambda pid: self.post_dialog(pid).exec())
        panel.give_back.connect(lambda pid: self.give_back_dialog(pid).exec())
        panel.undo_give_back.connect(self.undo_give_back)
        panel.add_convention.connect(lambda pid: self.convention_dialog(pid, None).exec())
        panel.edit_convention.connect(lambda pid, cid: self.convention_dialog(pid, cid).exec())
        panel.add_payment.connect(lambda pid, cid: self.payment_dialog(pid, cid).exec())
        panel.add_smic.connect(self.open_smic_dialog)
        panel.sign_label.connect(lambda: self.label_dialog().exec())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tables and buttons take the focus
        return scroll

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.form.isAncestorOf(new):
            self._keep_in_view(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # the form grew (a message under a field) or its view shrank (more points to complete
        # under it): the field being typed into may have been pushed out of view
        if type(event) is QResizeEvent and watched in (self.form, self.form_scroll.viewport()):
            self._keep_in_view(QApplication.focusWidget())
        return super().eventFilter(watched, event)

    def _keep_in_view(self, widget: QWidget | None) -> None:
        """The whole row of the field being typed into in view: its label, the field, the
        message under it and what goes with it below (the motivation's counter). Qt's
        ``ensureWidgetVisible`` brings only a text field's cursor into view: reached with
        Alt+V, the motivation showed its first lines at the bottom of the view and the rest of
        what was typed could not be seen."""
        if widget is None or not self.form.isAncestorOf(widget):
            return
        row = widget
        parent = widget
        while parent is not None and parent is not self.form:
            if isinstance(parent, FieldWithError):
                row = parent
                break
            parent = parent.parentWidget()
        rect = QRect(row.mapTo(self.form, QPoint(0, 0)), row.size())
        holder = row.parentWidget()
        layout = holder.layout() if holder is not None else None
        if isinstance(layout, QFormLayout) and (label := layout.labelForField(row)) is not None:
            rect = rect.united(QRect(label.mapTo(self.form, QPoint(0, 0)), label.size()))
        for companion in self.form.row_companions.get(row, ()):
            if companion.isVisible():  # the motivation's counter, under its field
                rect = rect.united(QRect(companion.mapTo(self.form, QPoint(0, 0)), companion.size()))
        bar = self.form_scroll.verticalScrollBar()
        height = self.form_scroll.viewport().height()
        top, bottom = rect.top() - 10, rect.bottom() + 10
        if bottom - top > height or top < bar.value():
            bar.setValue(top)
        elif bottom > bar.value() + height:
            bar.setValue(bottom - height)

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.save_now()
        with self.ctx.db.session() as session:
            all_requests = requests.list_requests(session)
        ids = [r.id for r in all_requests]
        # Stay on an older request the user is reading; otherwise follow the current one (a
        # request just created, here or by another window, becomes the one shown).
        if self._current_id not in ids or self._current_id == self._last_id:
            self._current_id = ids[-1] if ids else None
        self._last_id = ids[-1] if ids else None
        self.request_list.blockSignals(True)
        self.request_list.clear()
        for data in reversed(all_requests):  # current first
            item = QListWidgetItem(data.title + ("\n(demande en cours)" if data.id == ids[-1] else ""))
            item.setData(Qt.ItemDataRole.UserRole, data.id)
            self.request_list.addItem(item)
            if data.id == self._current_id:
                self.request_list.setCurrentItem(item)
        self.request_list.blockSignals(False)
        self._load_current(reset_checkpoint=False)

    def _load_current(self, *, reset_checkpoint: bool = True) -> None:
        today = self.ctx.today()
        self.form.set_today(today)
        with self.ctx.db.session() as session:
            if self._current_id is None:
                self._data = None
                structure = requests.get_structure(session)
            else:
                self._data = requests.get_request(session, self._current_id)
                structure = requests.structure_for(session, self._data)
            can_new = requests.can_start_new_request(session)
        data = self._data or requests.RequestData(number=0)
        self.form.set_values(data, structure, editable=bool(self._data and self._data.is_draft))
        self._saved = self.form.values()
        if self._current_id != self._shown_id or not (self._data and self._data.is_draft):
            # another request, or one just filed: what the bar said was about a draft's typing
            self._shown_id = self._current_id
            self._settled = ""
            self.save_state.setText("")
        if self._data is not None and (
            reset_checkpoint
            or self._checkpoint is None
            or self._checkpoint.request.id != self._data.id
            or self._checkpoint.request.status != self._data.status
        ):
            # What "Annuler les modifications" goes back to: the values as the form shows them.
            form_data, form_structure = self.form.values()
            self._checkpoint = requests.FormState(form_data, form_structure)
        self.new_button.setEnabled(can_new)
        self.new_button.setToolTip(
            "" if can_new else "Une demande en brouillon existe déjà : complétez-la d'abord."
        )
        if self._data is None:
            self.banner.setText(
                "Aucune demande pour l'instant. Cliquez sur « Nouvelle demande » pour préparer "
                "la demande d'accueil d'un conseiller numérique."
            )
        elif self._data.is_draft:
            notice = conventions.programme_notice(today)
            self.banner.setText(
                f"<b>{self._data.title}</b> — remplissez le formulaire ; il est enregistré au fur "
                "et à mesure. Quand tout est complet, déposez la demande sur la plateforme "
                "nationale puis cliquez sur « Marquer comme déposée »."
                + (f"<br/><b>{notice}</b>" if notice else "")
            )
        else:
            self.banner.setText(
                f"<b>{self._data.title}</b> — la demande est déposée : le formulaire se lit "
                "tel qu'il a été déposé, sans modification possible. Son suivi est dans "
                "l'onglet « Suivi », les postes dans « Postes et financement »."
            )
        self._dirty = False
        self._refresh_side()

    def _refresh_side(self) -> None:
        """Status, history, deadlines, buttons: what depends on the saved data."""
        today = self.ctx.today()
        with self.ctx.db.session() as session:
            # what is due first (late, soon, later), what was met after
            deadlines = sorted(api.deadlines(session, today),
                               key=lambda d: ("late", "soon", "ok", "met").index(d.level))
            if self._current_id is not None:
                self._data = requests.get_request(session, self._current_id)
            plan = printing.plan_for(session, today)
            label_state = label.state(session)
        self.posts_panel.set_values(plan, label_state)
        data = self._data
        if deadlines:
            self.deadline_labels.setText(
                "<br/>".join(
                    f'<span style="{LEVEL_STYLES[d.level]}">{LEVEL_PREFIX[d.level]}{d.label}</span>'
                    for d in deadlines
                )
            )
        else:
            self.deadline_labels.setText("Aucun délai en cours.")
        for key, (preview, save) in self.pdf_buttons.items():
            usable = (
                data is not None if key in printing.KINDS
                else bool(plan.posts) if key == printing.FINANCING else label_state.eligible
            )
            preview.setEnabled(usable)
            save.setEnabled(usable)
        self._refresh_history(data)
        self._refresh_file_button()
        self._refresh_undo()

    def _refresh_history(self, data: requests.RequestData | None) -> None:
        self.history_model.set_rows([])
        self.status_button.setEnabled(
            data is not None and bool([s for s in requests.TRANSITIONS.get(data.status, ())
                                       if s != "non_traitee"]) and not data.is_draft
        )
        if data is None:
            self.status_summary.setText("Aucune demande.")
            return
        lines = [f"<b>{data.title}</b>"]
        if data.filed_on:
            lines.append(
                f"Déposée le {date_short(data.filed_on)}"
                + (f" — dossier n° {data.platform_number}" if data.platform_number else "")
            )
        if data.decision_on:
            opinion = f"« {data.opinion_label} »" if data.opinion_label else ""
            lines.append(
                f"<b>Avis du comité de sélection : {opinion}</b> ({data.committee}, le "
                f"{date_short(data.decision_on)})"
            )
        if data.status == "validee":
            lines.append(f"<b>Postes attribués : {data.posts_granted}</b>")
        self.status_summary.setText("<br/>".join(lines))
        self.history_model.set_rows(list(enumerate(reversed(data.history))))

    def _refresh_file_button(self) -> None:
        data = self._data
        if data is None or not data.is_draft:
            self._missing = []
            self.file_button.setEnabled(False)
            self.file_button.setText("Marquer comme dé&posée…")
            self.file_button.setToolTip("")
            self.missing.setText("")
            return
        form_data, structure = self.form.values()
        missing = requests.missing_for_filing(form_data, structure, self.ctx.today())
        if typed := self.form.start_date.input_error():
            # what the field shows is no date: the one last accepted (which the autosave
            # keeps) is not what the person sees, so it cannot be filed as it is
            label_ = requests.REQUEST_FIELDS["start_date"]
            missing = [m for m in missing if not m.startswith(f"{label_} :")]
            missing.insert(0, f"{label_} : {typed}")
        self._missing = list(missing)
        # enabled either way: with points left, pressing it lists them all (keyboard included)
        self.file_button.setEnabled(True)
        if missing:
            count = len(missing)
            self.file_button.setText(
                f"Pour dé&poser : {count} point{'s' if count > 1 else ''} à compléter…"
            )
            shown = missing[:3] + (
                [f"… et {count - 3} autre{'s' if count > 4 else ''} : le bouton « Pour déposer » "
                 "les liste tous."]
                if count > 3 else []
            )
            self.missing.setText("À compléter avant le dépôt :\n• " + "\n• ".join(shown))
            self.file_button.setToolTip("\n".join(missing))
        else:
            self.file_button.setText("Marquer comme dé&posée…")
            self.file_button.setToolTip("")
            self.missing.setText("")

    def _refresh_undo(self) -> None:
        changed = False
        if self._data is not None and self._checkpoint is not None and self._data.is_draft:
            form_data, structure = self.form.values()
            changed = (
                replace(form_data, history=(), number=0)
                != replace(self._checkpoint.request, history=(), number=0)
                or structure != self._checkpoint.structure
            )
        self.undo_button.setEnabled(changed)

    # -- saving ------------------------------------------------------------------------------
    def _form_changed(self) -> None:
        if self._data is None or not self._data.is_draft:
            return  # a filed request is read, not edited: leaving one of its fields is no change
        if self.form.values() == self._saved:
            # nothing differs from what is saved (a field left as it was, a change typed
            # back): nothing to write, and the bar keeps saying what is true
            self._timer.stop()
            self._dirty = False
            self.save_state.setText(self._settled)
        else:
            self._dirty = True
            self._timer.start()
            self.save_state.setText("Modifications en cours…")
        self._refresh_file_button()
        self._refresh_undo()

    def save_pending(self) -> None:
        self.save_now()

    def save_now(self) -> None:
        """Write what the form shows (the draft and the structure section)."""
        self._timer.stop()
        if not self._dirty or self._data is None or not self._data.is_draft:
            return
        form_data, structure = self.form.values()
        structure_changed = False
        with self.ctx.db.session() as session:
            requests.save_draft(session, form_data)
            if self._data.is_draft:
                before = requests.get_structure(session)
                requests.save_structure_section(session, structure)
                structure_changed = requests.get_structure(session) != before
        self._dirty = False
        self._saved = (form_data, structure)
        self._settled = f"Enregistré automatiquement à {self.ctx.now().strftime('%H:%M')}"
        self.save_state.setText(self._settled)
        # A draft's fields matter to no other tab (quota and deadlines change only with the
        # status), so only a change of the structure's identity is announced.
        if structure_changed:
            self.ctx.notify("structure", initiator=self)

    def undo_changes(self) -> None:
        """Back to the state the request had when it was opened, once the person agreed: the
        question says how many fields go back (and lists them), as an autosaved form has no
        other way to get them back."""
        if self._checkpoint is None:
            return
        form_data, structure = self.form.values()
        undone = requests.changed_fields(
            requests.FormState(form_data, structure), self._checkpoint
        )
        if not undone:
            return
        count = len(undone)
        several = count > 1
        if not ask_with_details(
            self,
            "Annuler les modifications",
            f"{count} champ{'s' if several else ''} reviendr{'ont' if several else 'a'} à "
            f"{'leur' if several else 'sa'} valeur de l'ouverture de la demande :\n"
            f"{summarise(undone, SUMMARY_LINES)}\n\nAnnuler les modifications ?",
            undone if count > SUMMARY_LINES else [],  # the full list when summarised
            yes="&Annuler les modifications",
            no="&Garder la saisie",
        ):
            return
        self._timer.stop()
        self._dirty = False
        checkpoint = self._checkpoint

        def restore(job) -> None:  # noqa: ANN001 - an operations.Job
            with job.db.session() as session:
                requests.restore(session, checkpoint)

        outcome = run_operation(
            self, restore, label="Retour à l'état d'ouverture de la demande…", ctx=self.ctx,
            changes=("request", "structure"), initiator=self, cancellable=False,
        )
        self._load_current(reset_checkpoint=False)
        if outcome.ok:
            self._settled = (
                "Modifications annulées : la demande est revenue à son état de l'ouverture "
                f"(enregistré à {self.ctx.now().strftime('%H:%M')})."
            )
            self.save_state.setText(self._settled)

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.save_now()
        super().hideEvent(event)

    # -- actions -----------------------------------------------------------------------------
    def _request_selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        self.save_now()
        self._current_id = item.data(Qt.ItemDataRole.UserRole)
        self._load_current()

    def new_request(self) -> None:
        self.save_now()
        today = self.ctx.today()

        def create(job) -> requests.RequestData:  # noqa: ANN001 - an operations.Job
            with job.db.session() as session:
                return requests.new_request(session, today)

        outcome = run_operation(
            self, create, label="Création de la demande…", ctx=self.ctx, changes=("request",),
            initiator=self, show_error=False, cancellable=False,
        )
        if not outcome.ok:
            self.save_state.setText(outcome.message or "")
            return
        assert outcome.value is not None
        self._current_id = outcome.value.id
        self._checkpoint = None
        self.sub_tabs.setCurrentIndex(0)
        self.refresh()
        # The button has just disabled itself (one draft at a time): the focus goes to the
        # form's first field rather than to whatever Qt picks next, so typing goes on there.
        # A keyboard reason, so that the field draws its focus frame even after a click.
        self.form.structure_type.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def file_dialog(self) -> FileDialog:
        self.save_now()
        assert self._data is not None and self._data.id is not None
        return FileDialog(self.ctx, self._data.id, self.ctx.today(), self)

    def open_file_dialog(self) -> None:
        if self._missing:
            info(self, "Avant de déposer la demande",
                 "À compléter avant le dépôt :\n\n• " + "\n• ".join(self._missing))
            return
        self.file_dialog().exec()

    def status_dialog(self) -> StatusDialog:
        self.save_now()
        assert self._data is not None
        return StatusDialog(self.ctx, self._data, self.ctx.today(), self)

    def open_status_dialog(self) -> None:
        self.status_dialog().exec()

    def smic_dialog(self) -> SmicDialog:
        self.save_now()
        with self.ctx.db.session() as session:
            latest = smic.smic_values(session)[-1]
        return SmicDialog(self.ctx, latest, self.ctx.today(), self)

    def post_dialog(self, post_id: int | None) -> PostDialog:
        with self.ctx.db.session() as session:
            post = posts.get_post(session, post_id) if post_id is not None else None
            holders = posts.holders(session)
            number = posts.next_post_number(p.label for p in posts.list_posts(session))
        return PostDialog(self.ctx, post, holders, self.ctx.today(), self, number=number)

    def convention_dialog(self, post_id: int, convention_id: int | None) -> ConventionDialog:
        with self.ctx.db.session() as session:
            post = posts.get_post(session, post_id)
            employer = posts.default_employer_type(session)
            start = posts.default_convention_start(session, post_id, self.ctx.today())
        convention = next((c for c in post.conventions if c.id == convention_id), None)
        if convention is None and post.conventions:
            employer = post.conventions[-1].employer_type
        return ConventionDialog(self.ctx, post_id, convention, employer, self.ctx.today(), self,
                                start=start)

    def payment_dialog(self, post_id: int, convention_id: int) -> PaymentDialog:
        with self.ctx.db.session() as session:
            post = posts.get_post(session, post_id)
        convention = next(c for c in post.conventions if c.id == convention_id)
        return PaymentDialog(self.ctx, convention, self.ctx.today(), self)

    def give_back_dialog(self, post_id: int) -> GiveBackDialog:
        with self.ctx.db.session() as session:
            post = posts.get_post(session, post_id)
        return GiveBackDialog(self.ctx, post, self.ctx.today(), self)

    def undo_give_back(self, post_id: int) -> None:
        if not ask(self, "Poste rendu", "Annuler « poste rendu » ? Ses délais reprennent."):
            return

        def undo(job) -> None:  # noqa: ANN001 - an operations.Job
            with job.db.session() as session:
                posts.undo_give_back(session, post_id)

        run_operation(self, undo, label="Poste remis en cours…", ctx=self.ctx,
                      changes=("request",), initiator=self, cancellable=False)
        self._refresh_side()

    def label_dialog(self) -> LabelDialog:
        today = self.ctx.today()
        with self.ctx.db.session() as session:
            sheet = printing.label_sheet(session, today)
        return LabelDialog(self.ctx, sheet.mediator_name, sheet.signatory_name,
                           sheet.signatory_title, today, self)

    def open_smic_dialog(self) -> None:
        self.smic_dialog().exec()

    # -- documents ---------------------------------------------------------------------------
    def pdf_builder(self, kind: str) -> Callable[[Path], None]:
        """The writer of ``kind`` for the current request, run off the GUI thread by
        ``views.common.files`` (it opens its own unit of work through ``printing``)."""
        self.save_now()
        db, today, request_id = self.ctx.db, self.ctx.today(), self._current_id

        def build(target: Path) -> None:
            if kind in printing.POST_KINDS:
                printing.write_posts_document(db, kind, target, today)
            else:
                printing.write(db, kind, target, today, request_id)

        return build

    def _file_name(self, kind: str) -> str:
        return printing.file_name(kind, self._data.number if self._data else 0)

    def preview(self, kind: str) -> Path | None:
        return files.preview_pdf(self, self.pdf_builder(kind), self._file_name(kind))

    def save_pdf(self, kind: str) -> Path | None:
        path = files.save_pdf(self, self.pdf_builder(kind), self._file_name(kind))
        if path is not None:
            self.documents_message.setText(f"« {printing.TITLES[kind]} » enregistré : {path}")
            self.documents_message.setToolTip(str(path))
            self.documents_message.setVisible(True)
        return path
