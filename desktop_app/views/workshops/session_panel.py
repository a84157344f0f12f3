"""The selected session: what it is, who is registered, who waits, who came.

Registering starts with a search (a person is one record across sessions); the waiting list
moves up by itself when someone registered cancels; attendance is one click per person.
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
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.db import Database
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
from desktop_app.views.widgets import ERROR_STYLE, OK_STYLE
from desktop_app.views.workshops.calendar_views import qdate
from desktop_app.views.workshops.participant_dialogs import ParticipantDialog, ParticipantSearch

ATTENDANCE_BUTTONS = (("present", "&Présent"), ("absent", "A&bsent"), ("excuse", "E&xcusé"))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SessionPanel(QWidget):
    """Shows one session; emits ``changed`` after anything it writes."""

    changed = Signal()
    edit_requested = Signal(int)
    cancel_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.session_id: int | None = None
        self.detail: ss.SessionDetail | None = None
        self.setObjectName("workshopsSessionPanel")
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

        self.edit_button = QPushButton("&Modifier…")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.session_id))
        self.done_button = QPushButton("Marquer ré&alisé")
        self.done_button.clicked.connect(self.mark_done)
        self.cancel_button = QPushButton("A&nnuler la séance")
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.session_id))
        actions = QHBoxLayout()
        for b in (self.edit_button, self.done_button, self.cancel_button):
            actions.addWidget(b)
        actions.addStretch()
        # part B's documents for one session ("Feuille d'émargement", "Attestations") go here
        self.document_actions = QHBoxLayout()

        self.search = ParticipantSearch(db)
        self.search.picked.connect(self.register)
        self.register_button = QPushButton("&Inscrire")
        self.register_button.clicked.connect(self._register_current)
        self.new_person_button = QPushButton("Nou&velle personne…")
        self.new_person_button.clicked.connect(self.create_and_register)
        reg_row = QHBoxLayout()
        reg_row.addWidget(self.register_button)
        reg_row.addWidget(self.new_person_button)
        reg_row.addStretch()

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("registrationsTable")
        self.table.setAccessibleName("Participants inscrits et liste d'attente")
        self.table.setHorizontalHeaderLabels(["Nom", "Inscription", "Présence", "Commune"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.attendance_buttons: dict[str, QPushButton] = {}
        att_row = QHBoxLayout()
        for key, label in ATTENDANCE_BUTTONS:
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, k=key: self.set_attendance(k))
            self.attendance_buttons[key] = b
            att_row.addWidget(b)
        self.all_present_button = QPushButton("&Tous présents")
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.unregister_button = QPushButton("&Désinscrire")
        self.unregister_button.clicked.connect(self.unregister)
        att_row.addWidget(self.all_present_button)
        self.person_button = QPushButton("&Fiche…")
        self.person_button.setToolTip("Voir ou corriger la fiche de la personne choisie")
        self.person_button.setAccessibleName("Fiche de la personne choisie")
        self.person_button.clicked.connect(self.edit_person)
        att_row.addStretch()
        reg_row.addWidget(self.person_button)
        reg_row.addWidget(self.unregister_button)

        self.message = QLabel()
        self.message.setObjectName("sessionPanelMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.people_box = QWidget()
        pl = QVBoxLayout(self.people_box)
        pl.setContentsMargins(0, 0, 0, 0)
        self.people_title = QLabel("<b>Participants</b>")
        pl.addWidget(self.people_title)
        pl.addWidget(self.search)
        pl.addLayout(reg_row)
        pl.addWidget(self.table, 1)
        pl.addLayout(att_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addLayout(actions)
        layout.addLayout(self.document_actions)
        layout.addWidget(self.message)
        layout.addWidget(self.people_box, 1)
        self.show_session(None)

    # -- showing --
    def show_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.message.setVisible(False)
        self.reload()

    def reload(self) -> None:
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
            self.heading.setText("Aucune séance choisie")
            self.info.setText(
                "Cliquez sur une séance du calendrier pour voir ses participants et noter les "
                "présences."
            )
            self.table.setRowCount(0)
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
        if d.notes:
            lines.append(f"<i>{_esc(d.notes)}</i>")
        self.info.setText("<br>".join(lines))
        cancelled = d.status == "annule"
        self.cancel_button.setEnabled(not cancelled)
        self.done_button.setEnabled(d.status == "planifie")
        for w in (self.search, self.register_button, self.new_person_button):
            w.setVisible(d.kind == "collectif")
            w.setEnabled(not cancelled)
        self._fill_table(regs)
        self._update_buttons()

    def _fill_table(self, regs: list[rg.RegistrationRow]) -> None:
        self.table.setRowCount(len(regs))
        for i, r in enumerate(regs):
            cells = [
                f"{r.last_name.upper()} {r.first_name}",
                r.status_label,
                r.attendance_label,
                r.commune,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if r.status == "annule":
                    item.setForeground(QColor("#888888"))
                elif r.status == "attente":
                    item.setForeground(QColor("#8a5a00"))
                self.table.setItem(i, c, item)
        inscrits = sum(1 for r in regs if r.status == "inscrit")
        waiting = sum(1 for r in regs if r.status == "attente")
        title = f"<b>Participants</b> — {inscrits} inscrit(s)"
        if waiting:
            title += f", {waiting} en liste d'attente"
        self.people_title.setText(title)

    def selected_registration(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_person(self, name_part: str) -> bool:
        """Select the row whose name contains ``name_part`` (keyboard users and tests)."""
        for i in range(self.table.rowCount()):
            if name_part.lower() in self.table.item(i, 0).text().lower():
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        selected = self.selected_registration() is not None
        open_session = self.detail is not None and self.detail.status != "annule"
        for b in self.attendance_buttons.values():
            b.setEnabled(selected and open_session)
        self.unregister_button.setEnabled(
            selected
            and open_session
            and (self.detail is not None and self.detail.kind == "collectif")
        )
        self.all_present_button.setEnabled(open_session)
        self.person_button.setEnabled(selected)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setVisible(True)

    # -- actions --
    def _run(self, action) -> str | None:  # noqa: ANN001 - a callable taking the Session
        try:
            with self.db.session() as s:
                result = action(s)
        except WorkshopError as exc:
            self._say(str(exc), error=True)
            return None
        keep = self.selected_registration()
        self.reload()
        if keep is not None:
            for i in range(self.table.rowCount()):
                if self.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == keep:
                    self.table.selectRow(i)
        self.changed.emit()
        return result if isinstance(result, str) else ""

    def register(self, participant_id: int) -> None:
        if self.session_id is None:
            return
        sid = self.session_id
        result = self._run(lambda s: rg.register(s, sid, participant_id).message)
        if result:
            self._say(result)
            self.search.field.clear()

    def _register_current(self) -> None:
        pid = self.search.current_id()
        if pid is None:
            self._say("Cherchez d'abord la personne, puis choisissez-la dans la liste.", error=True)
            return
        self.register(pid)

    def create_and_register(self) -> None:
        first, last = self.search.name_guess()
        dialog = ParticipantDialog(self.db, self, first_name=first, last_name=last)
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
        dialog = ParticipantDialog(self.db, self, participant_id=row.participant_id)
        if self.run_dialog(dialog):
            self.reload()
            self.changed.emit()

    def unregister(self) -> None:
        reg = self.selected_registration()
        if reg is None:
            return
        result = self._run(lambda s: rg.unregister(s, reg))
        if result:
            self._say(result)

    def set_attendance(self, value: str) -> None:
        reg = self.selected_registration()
        if reg is None:
            return
        self._run(lambda s: rg.set_attendance(s, reg, value))

    def mark_all_present(self) -> None:
        sid = self.session_id
        if sid is None:
            return
        result = self._run(
            lambda s: f"{rg.mark_all_present(s, sid)} personne(s) notée(s) présente(s)."
        )
        if result:
            self._say(result)

    def mark_done(self) -> None:
        sid = self.session_id
        if sid is None:
            return
        try:
            with self.db.session() as s:
                ss.set_status(s, sid, "realise")
        except WorkshopError as exc:
            self._say(str(exc), error=True)
            return
        self.reload()
        self.changed.emit()
