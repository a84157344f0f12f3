"""The selected session: what it is, who is registered, who waits, who came.

Registering starts with a search (a person is one record across sessions): type part of the
name, Down into the results, Enter registers the highlighted person and the field is ready for
the next one. The waiting list moves up by itself when someone registered cancels, and
"Rétablir l'inscription" takes that back (the person who moved up returns to the waiting list);
attendance is one click (or one Alt+letter) per person, once the session has started. Every write goes through the operation runner and
announces "workshops"; ``changed`` tells the tab to redraw its calendar.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.workshops import (
    AUTONOMY,
    EQUIPMENT,
    LEVELS,
    PLACE_TYPES,
    SESSION_KINDS,
    SESSION_STATUSES,
    THEMES,
)
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.workshops import WorkshopError
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.common.forms import ERROR_STYLE, OK_STYLE
from desktop_app.views.common.operations import run_operation
from desktop_app.views.common.tables import (
    Column,
    RowsModel,
    RowsProxy,
    select_id,
    selected_id,
    setup_table,
)
from desktop_app.views.context import AppContext
from desktop_app.views.personal_data.entry import add_person_data_action
from desktop_app.views.workshops.calendar_views import qdate
from desktop_app.views.workshops.participant_dialogs import ParticipantDialog, ParticipantSearch

ATTENDANCE_BUTTONS = (("present", "&Présent"), ("absent", "A&bsent"), ("excuse", "E&xcusé"))
REGISTRATION_COLUMNS: list[Column[rg.RegistrationRow]] = [
    Column("Nom", lambda r: f"{r.last_name.upper()} {r.first_name}"),
    Column("Inscription", lambda r: r.status_label),
    Column("Présence", lambda r: r.attendance_label),
    Column("Commune", lambda r: r.commune),
]
GREY, WAITING = QColor("#888888"), QColor("#8a5a00")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NOTES_SHOWN = 240  # characters of a session's notes shown in the panel (about three lines)


def _notes_preview(notes: str) -> tuple[str, bool]:
    """The notes as the panel shows them, and whether that is all of them: long notes (a
    programme pasted in) would push the participants out of a 768-pixel-high screen, so only
    their beginning is shown, cut at a word; the whole text is in the tooltip and the editor."""
    text = " ".join(notes.split())
    if len(text) <= NOTES_SHOWN:
        return text, True
    cut = text[:NOTES_SHOWN].rsplit(" ", 1)[0] or text[:NOTES_SHOWN]
    return f"{cut} … (la suite : survol ou « Modifier… »)", False


class SessionPanel(QWidget):
    """Shows one session; emits ``changed`` after anything it writes."""

    changed = Signal()
    edit_requested = Signal(int)
    cancel_requested = Signal(int)

    def _participant_of(self, registration_id: int) -> int | None:
        """The person of a registration row (« Données d'une personne… » on the table)."""
        row = self.model.row_of_id(registration_id)
        return None if row is None else self.model.row_at(row).participant_id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.session_id: int | None = None
        self.detail: ss.SessionDetail | None = None
        self.setObjectName("workshopsSessionPanel")
        self._build_heading()
        actions = self._build_actions()
        self.people_box = self._build_people()
        self.message = QLabel()
        self.message.setObjectName("sessionPanelMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        # no letter of its own (it would take the series' é): it gets the focus when offered,
        # and « Personne choisie » holds it too
        self.undo_button = QPushButton("Rétablir l'inscription")
        self.undo_button.setObjectName("undoUnregister")
        self.undo_button.setToolTip("Annuler la dernière désinscription")
        self.undo_button.clicked.connect(self.undo_unregister)
        self.undo_button.setVisible(False)
        self._withdrawal: rg.Withdrawal | None = None
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addLayout(actions)
        layout.addLayout(message_row)
        layout.addWidget(self.people_box, 1)
        self._rows = (actions, self.reg_row, self.att_row, message_row)
        self.setMinimumWidth(self.widest_row())
        self.show_session(None)

    def widest_row(self) -> int:
        """The width the panel needs with every button of every row shown (a series' button,
        « Rétablir l'inscription »): the panel takes it once and keeps it, so that choosing
        another session (or none) never moves the calendar, its legend or the splitter."""
        margins = self.layout().contentsMargins()
        widest = 0
        for row in self._rows:
            widths = [
                w.sizeHint().width()
                for i in range(row.count())
                if (w := row.itemAt(i).widget()) is not None and isinstance(w, QPushButton)
            ]
            if widths:
                widest = max(widest, sum(widths) + row.spacing() * (len(widths) - 1))
        return widest + margins.left() + margins.right()

    # -- building --
    def _build_heading(self) -> None:
        self.heading = QLabel("Aucune séance choisie")
        self.heading.setObjectName("sessionHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.info = QLabel(
            "Cliquez sur une séance du calendrier pour voir ses participants et noter les "
            "présences."
        )
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_actions(self) -> QHBoxLayout:
        self.edit_button = QPushButton("&Modifier…")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.session_id))
        self.done_button = QPushButton("Mar&quer réalisé")
        self.done_button.clicked.connect(self.mark_done)
        self.cancel_button = QPushButton("A&nnuler la séance")
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.session_id))
        actions = QHBoxLayout()
        for b in (self.edit_button, self.done_button, self.cancel_button):
            actions.addWidget(b)
        actions.addStretch()
        return actions

    def _build_people(self) -> QWidget:
        self.search = ParticipantSearch(self.ctx)
        self.search.chosen.connect(self.register)
        self.register_button = QPushButton("Ins&crire")
        self.register_button.clicked.connect(self._register_current)
        self.new_person_button = QPushButton("Nou&velle personne…")
        self.new_person_button.clicked.connect(self.create_and_register)
        # the letters of this screen are all taken (see ``exports.install_planner_actions``):
        # é, on the key of a French keyboard, for the series
        self.series_button = QPushButton("Inscrire à toute la s&érie")
        self.series_button.setToolTip(
            "Inscrire la personne cherchée à cette séance et aux suivantes de la série"
        )
        self.series_button.clicked.connect(self._register_series_current)
        # what is done to the person chosen in the table, now and then, shares one letter
        self.chosen_button = QPushButton("Personne chois&ie")
        self.chosen_button.setObjectName("chosenPerson")
        self.chosen_button.setToolTip("La personne choisie dans le tableau des participants")
        chosen_menu = QMenu(self.chosen_button)
        self.person_action = chosen_menu.addAction("&Fiche…", self.edit_person)
        self.person_action.setToolTip("Voir ou corriger la fiche de la personne choisie")
        self.unregister_action = chosen_menu.addAction("&Désinscrire", self.unregister)
        self.undo_action = chosen_menu.addAction("&Rétablir l'inscription", self.undo_unregister)
        self.chosen_button.setMenu(chosen_menu)
        reg_row = QHBoxLayout()
        for b in (
            self.register_button,
            self.series_button,
            self.new_person_button,
            self.chosen_button,
        ):
            reg_row.addWidget(b)
        reg_row.addStretch()
        self.reg_row = reg_row

        self.model: RowsModel[rg.RegistrationRow] = RowsModel(
            REGISTRATION_COLUMNS, lambda r: r.id, self
        )
        self.model.foreground = lambda r: (
            GREY if r.status == "annule" else WAITING if r.status == "attente" else None
        )
        self.proxy = RowsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table, "Participants inscrits et liste d'attente", sortable=False)
        self.table.setObjectName("registrationsTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        add_person_data_action(self.table, self.ctx, "P", record_of=self._participant_of)
        self.attendance_buttons: dict[str, QPushButton] = {}
        att_row = QHBoxLayout()
        for key, label in ATTENDANCE_BUTTONS:
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, k=key: self.set_attendance(k))
            self.attendance_buttons[key] = b
            att_row.addWidget(b)
        self.all_present_button = QPushButton("To&us présents")
        self.all_present_button.clicked.connect(self.mark_all_present)
        att_row.addWidget(self.all_present_button)
        att_row.addStretch()
        self.att_row = att_row

        box = QWidget()
        pl = QVBoxLayout(box)
        pl.setContentsMargins(0, 0, 0, 0)
        self.people_title = QLabel("<b>Participants</b>")
        pl.addWidget(self.people_title)
        pl.addWidget(self.search)
        pl.addLayout(reg_row)
        pl.addWidget(self.table, 1)
        pl.addLayout(att_row)
        return box

    # -- showing --
    def show_session(self, session_id: int | None) -> None:
        if session_id != self.session_id:  # the same one again (a redraw) keeps its message
            self.message.setVisible(False)
            self._offer_undo(None)
        self.session_id = session_id
        self.reload()

    def reload(self) -> None:
        """Read the session again. The person chosen in the table stays chosen (and current,
        for the arrow keys): marking a list is one person after the other, and a write here
        reloads the panel twice (here, then through the tab's refresh)."""
        keep = self.selected_registration()
        self.detail = None
        regs: list[rg.RegistrationRow] = []
        series_text = ""
        kit_text = ""
        if self.session_id is not None:
            try:
                with self.db.session() as s:
                    self.detail = ss.get_session(s, self.session_id)
                    regs = rg.registrations_for(s, self.session_id)
                    if self.detail.series_id:
                        series_text = sr.series_label(s, self.detail.series_id)
                    if self.detail.kit:
                        names = dict(cf.kit_categories(s))
                        kit_text = ", ".join(
                            f"{n} × {names.get(cid, '?')}" for cid, n in self.detail.kit.items()
                        )
            except WorkshopError:
                self.session_id = None
        d = self.detail
        has = d is not None
        for w in (self.edit_button, self.done_button, self.cancel_button, self.people_box):
            w.setEnabled(has)
        self.people_box.setVisible(has)
        if d is None:
            self.info.setToolTip("")
            self.heading.setText("Aucune séance choisie")
            self.info.setText(
                "Cliquez sur une séance du calendrier pour voir ses participants et noter les "
                "présences."
            )
            self.model.set_rows([])
            self._update_buttons()
            return
        self.heading.setText(d.title or f"Accompagnement — {d.person_name or 'personne à choisir'}")
        locale = QLocale()
        when = locale.toString(qdate(d.start.date()), "dddd d MMMM yyyy")
        lines = [
            f"<b>{_esc(SESSION_KINDS[d.kind])}</b> — {_esc(SESSION_STATUSES[d.status])}",
            f"{when}, {d.start:%H:%M} – {d.end:%H:%M} ({duration_minutes(d.duration_min)})",
            _esc(
                f"{PLACE_TYPES.get(d.place_type, '')} — {d.venue}"
                if d.venue
                else PLACE_TYPES.get(d.place_type, "")
            ),
            "Thématiques : " + _esc(", ".join(THEMES.get(t, t) for t in d.themes)),
        ]
        if d.level:
            lines.append(f"Niveau : {_esc(LEVELS[d.level])}")
        if d.equipment:
            lines.append("Matériel : " + _esc(", ".join(EQUIPMENT.get(e, e) for e in d.equipment)))
        if kit_text:
            lines.append("Kit réservé : " + _esc(kit_text))
        if d.kind == "collectif":
            seats = f"{d.registered} inscrit(s) sur {d.capacity} places"
            if d.waiting:
                seats += f" — {d.waiting} en liste d'attente"
            if d.anonymous_count:
                seats += f" — {d.anonymous_count} venu(s) sans inscription"
            lines.append(seats)
        else:
            if d.autonomy:
                lines.append(f"Autonomie : {_esc(AUTONOMY[d.autonomy])}")
            if d.referral:
                lines.append(f"Orientation : {_esc(d.referral)}")
        if series_text:
            lines.append(f"Série : {_esc(series_text)}")
        shown, whole = _notes_preview(d.notes)
        if shown:
            lines.append(f"<i>{_esc(shown)}</i>")
        self.info.setText("<br>".join(lines))
        self.info.setToolTip(
            f"<p style='white-space:pre-wrap'>{_esc(d.notes)}</p>" if not whole else ""
        )
        cancelled = d.status == "annule"
        self.cancel_button.setEnabled(not cancelled)
        started = self._started()
        self.done_button.setEnabled(d.status == "planifie" and started)
        self.done_button.setToolTip(
            "" if started else "La séance n'a pas encore commencé : elle ne peut pas être réalisée."
        )
        for w in (self.search, self.register_button, self.new_person_button):
            w.setVisible(d.kind == "collectif")
            w.setEnabled(not cancelled)
        self.series_button.setVisible(d.kind == "collectif" and d.series_id is not None)
        self.series_button.setEnabled(not cancelled)
        self._fill_table(regs)
        select_id(self.table, keep)  # a registration of another session is simply not there
        self._update_buttons()

    def _fill_table(self, regs: list[rg.RegistrationRow]) -> None:
        self.model.set_rows(regs)
        inscrits = sum(1 for r in regs if r.status == "inscrit")
        waiting = sum(1 for r in regs if r.status == "attente")
        title = f"<b>Participants</b> — {inscrits} inscrit(s)"
        if waiting:
            title += f", {waiting} en liste d'attente"
        self.people_title.setText(title)

    def selected_registration(self) -> int | None:
        return selected_id(self.table)

    def select_person(self, name_part: str) -> bool:
        """Select the row whose name contains ``name_part`` (keyboard users and tests)."""
        for i in range(self.proxy.rowCount()):
            if name_part.lower() in str(self.proxy.index(i, 0).data()).lower():
                self.table.selectRow(i)
                return True
        return False

    def _started(self) -> bool:
        """Attendance and "Réalisé" wait for the session to begin (services refuse it too)."""
        return self.detail is not None and self.detail.start <= self.ctx.now()

    def _update_buttons(self) -> None:
        selected = self.selected_registration() is not None
        open_session = self.detail is not None and self.detail.status != "annule"
        started = self._started()
        later = (
            ""
            if started or self.detail is None
            else f"Les présences se notent à partir du début de la séance "
            f"({self.detail.start:%d/%m/%Y} à {self.detail.start:%H:%M})."
        )
        for b in (*self.attendance_buttons.values(), self.all_present_button):
            b.setToolTip(later)
        for b in self.attendance_buttons.values():
            b.setEnabled(selected and open_session and started)
        self.unregister_action.setEnabled(
            selected
            and open_session
            and (self.detail is not None and self.detail.kind == "collectif")
        )
        self.all_present_button.setEnabled(open_session and started)
        self.person_action.setEnabled(selected)
        self.undo_action.setEnabled(self._withdrawal is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setVisible(True)

    # -- actions --
    def _offer_undo(self, withdrawal: rg.Withdrawal | None) -> None:
        self._withdrawal = withdrawal
        self.undo_button.setVisible(withdrawal is not None)
        self.undo_action.setEnabled(withdrawal is not None)

    def _run(self, action) -> str | None:  # noqa: ANN001 - a callable taking the Session
        """Run ``action(session)`` through the runner; its refusal is said in the panel.
        Any other change ends the offer to take a "Désinscrire" back."""
        self._offer_undo(None)

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                return action(s)

        outcome = run_operation(
            self,
            work,
            label="Enregistrement en cours…",
            ctx=self.ctx,
            changes=("workshops",),
            initiator=self,
            show_error=False,
            cancellable=False,
        )
        if not outcome.ok:
            if outcome.message:
                self._say(outcome.message, error=True)
            return None
        self.reload()
        self.changed.emit()
        result = outcome.value
        return result if isinstance(result, str) else ""

    def register(self, participant_id: int) -> None:
        if self.session_id is None:
            return
        sid = self.session_id
        result = self._run(lambda s: rg.register(s, sid, participant_id).message)
        if result:
            self._say(result)
            self.search.field.clear()
            self.search.field.setFocus()  # the next name can be typed at once

    def _register_current(self) -> None:
        pid = self.search.current_id()
        if pid is None:
            self._say("Cherchez d'abord la personne, puis choisissez-la dans la liste.", error=True)
            return
        self.register(pid)

    def _register_series_current(self) -> None:
        pid = self.search.current_id()
        if pid is None or self.session_id is None:
            self._say("Cherchez d'abord la personne, puis choisissez-la dans la liste.", error=True)
            return
        sid = self.session_id
        result = self._run(lambda s: rg.register_series(s, sid, pid))
        if result:
            self._say(result)
            self.search.field.clear()

    def create_and_register(self) -> None:
        first, last = self.search.name_guess()
        dialog = ParticipantDialog(self.ctx, self, first_name=first, last_name=last)
        if self.run_dialog(dialog) and dialog.participant_id:
            self.register(dialog.participant_id)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows a dialog modally; tests replace this to fill the dialog and accept it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def edit_person(self) -> None:
        reg = self.selected_registration()
        if reg is None:
            return
        with self.db.session() as s:
            row = next((r for r in rg.registrations_for(s, self.session_id) if r.id == reg), None)
        if row is None:
            return
        dialog = ParticipantDialog(self.ctx, self, participant_id=row.participant_id)
        if self.run_dialog(dialog):
            self.reload()
            self.changed.emit()

    def unregister(self) -> None:
        reg = self.selected_registration()
        if reg is None:
            return
        done: list[rg.Withdrawal] = []

        def action(s):  # noqa: ANN001, ANN202 - a Session, the message
            done.append(rg.withdraw(s, reg))
            return done[-1].message

        result = self._run(action)
        if result and done:
            self._say(result)
            self._offer_undo(done[-1])
            self.undo_button.setFocus()  # Espace takes it back at once

    def undo_unregister(self) -> None:
        withdrawal = self._withdrawal
        if withdrawal is None:
            return
        result = self._run(lambda s: rg.undo_withdraw(s, withdrawal))
        if result:
            self._say(result)

    def set_attendance(self, value: str) -> None:
        reg = self.selected_registration()
        if reg is None:
            return
        now = self.ctx.now()
        self._run(lambda s: rg.set_attendance(s, reg, value, now))

    def mark_all_present(self) -> None:
        sid = self.session_id
        if sid is None:
            return
        now = self.ctx.now()
        result = self._run(
            lambda s: f"{rg.mark_all_present(s, sid, now)} personne(s) notée(s) présente(s)."
        )
        if result:
            self._say(result)

    def mark_done(self) -> None:
        sid = self.session_id
        if sid is None:
            return
        self._run(lambda s: ss.set_status(s, sid, "realise"))
