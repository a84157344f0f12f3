"""Dialogs of the request's life: filing it, recording a later status, the dated Smic.

Each is a ``FormDialog``: ``accept()`` reads the fields, then saves through ``run_save`` (off the
GUI thread); a refusal of the services stays in the dialog as a French message, and the tabs
learn of a success through ``ctx.notify`` with the dialog as initiator. Tests drive them by
filling the fields and calling ``accept()``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.models.request import REQUEST_STATUSES
from desktop_app.services.dates import DateRange, add_months
from desktop_app.services.french import plural
from desktop_app.services.request import requests, smic
from desktop_app.views.common.amount_field import AmountSpin
from desktop_app.views.common.date_fields import DateField
from desktop_app.views.common.forms import FormDialog, ask_with_details
from desktop_app.views.context import AppContext

# The first Smic of the built-in table; a value before it is a typing slip.
SMIC_EARLIEST = smic.EARLIEST


def _note() -> QPlainTextEdit:
    note = QPlainTextEdit()
    note.setTabChangesFocus(True)  # Tab goes on to the buttons, as in every other field
    note.setFixedHeight(80)  # stays under its label instead of floating in a taller row
    return note


def _laid_out(dialog: FormDialog) -> None:
    """The rows at the top, spare height below them."""
    dialog.content_layout.addStretch()


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FileDialog(FormDialog):
    """"Marquer comme déposée": the day it was filed and the platform's file number."""

    def __init__(self, ctx: AppContext, request_id: int, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Marquer la demande comme déposée", parent, ctx=ctx)
        self.request_id = request_id
        self.today = today
        self.form.addRow(_intro(
            "Déposez d'abord la demande sur la plateforme nationale, puis notez ici la date et "
            "le numéro de dossier. La demande passe au statut « Non traitée »."
        ))
        # Filed today or in the last years; never in the future (the service says so too).
        self.filed_on = DateField(
            today, today=today,
            valid=DateRange(add_months(today, -36), today, "La date de dépôt"),
        )
        self.row("filed_on", "&Date de dépôt", self.filed_on)
        self.platform_number = QLineEdit()
        self.platform_number.setPlaceholderText("facultatif")
        self.row("platform_number", "N° de d&ossier sur la plateforme", self.platform_number)
        self.note = _note()
        self.row("note", "&Note", self.note)
        _laid_out(self)

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        filed_on = self.filed_on.value()
        number, note, today = self.platform_number.text(), self.note.toPlainText(), self.today

        def save() -> None:
            with self.ctx.db.session() as session:
                requests.file_request(
                    session, self.request_id, filed_on=filed_on, platform_number=number,
                    note=note, today=today,
                )

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()


class StatusDialog(FormDialog):
    """A later step: the committee's opinion, or the request abandoned or cancelled."""

    def __init__(self, ctx: AppContext, data: requests.RequestData, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Changer le statut de la demande", parent, ctx=ctx)
        self.data = data
        self.today = today
        self.status = QComboBox()
        # nothing chosen at first: a status is a decision, never what Enter happens to confirm
        self.status.addItem("— Choisissez le nouveau statut —", None)
        for value in requests.TRANSITIONS.get(data.status, ()):
            if value != "non_traitee":
                self.status.addItem(REQUEST_STATUSES[value], value)
        self.row("status", "&Nouveau statut", self.status)
        earliest = data.filed_on or add_months(today, -36)
        self.changed_on = DateField(
            today, today=today, valid=DateRange(earliest, today, "La date du changement"),
        )
        self.row("changed_on", "&Date", self.changed_on)
        self.committee = QLineEdit(data.committee)
        self.committee.setPlaceholderText("COSELEC 12")
        self.row("committee", "N° du &comité de sélection", self.committee)
        self.posts_granted = QSpinBox()
        self.posts_granted.setRange(0, 50)
        self.posts_granted.setValue(data.posts_wanted)
        self.row("posts_granted", "Nombre de &postes attribués", self.posts_granted)
        self.posts_granted.valueChanged.connect(self._granted_changed)
        self.note = _note()
        self.row("note", "N&ote (facultative)", self.note)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        _laid_out(self)

    def _status_changed(self) -> None:
        value = self.status.currentData()
        self.committee.setEnabled(value in requests.DECISIONS)
        self.posts_granted.setEnabled(value == "validee")
        self.ok_button.setEnabled(value is not None)
        self._granted_changed()

    def _beyond_wanted(self) -> str | None:
        if self.status.currentData() != "validee":
            return None
        return requests.granted_beyond_wanted(self.data.posts_wanted, self.posts_granted.value())

    def _granted_changed(self) -> None:
        """A grant above the posts wished for is said under the field as it is typed."""
        self.fields["posts_granted"].set_error(self._beyond_wanted())

    def _confirm_beyond_wanted(self) -> bool:
        """Asked once more on saving, « Non » by default: the number fixes the recruitments."""
        warning = self._beyond_wanted()
        if warning is None:
            return True
        granted = self.posts_granted.value()
        if ask_with_details(
            self, "Nombre de postes attribués", f"{warning}\n\nEnregistrer {granted} postes "
            "attribués ?", [], yes=f"&Oui, {granted} postes attribués",
            no="&Non, corriger le nombre", icon=QMessageBox.Icon.Warning,
        ):
            return True
        self.posts_granted.setFocus()
        self.posts_granted.selectAll()
        return False

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        request_id, status = self.data.id, self.status.currentData()
        if status is None:
            self.show_errors({"status": "Choisissez le nouveau statut de la demande."})
            return
        if not requests.TRANSITIONS.get(status) and not self._confirm_final(status):
            return
        if not self._confirm_beyond_wanted():
            return
        changed_on, note = self.changed_on.value(), self.note.toPlainText()
        committee, posts, today = self.committee.text(), self.posts_granted.value(), self.today

        def save() -> None:
            with self.ctx.db.session() as session:
                requests.change_status(
                    session, request_id, status, changed_on=changed_on, note=note,
                    committee=committee, posts_granted=posts, today=today,
                )

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()
        elif not self.fields["posts_granted"].has_error():
            self._granted_changed()  # a refusal of another field cleared the warning

    def _confirm_final(self, status: str) -> bool:
        """A status after which nothing can change (refused, abandoned, cancelled) is asked
        again, « Non » by default, saying what it ends."""
        label = REQUEST_STATUSES[status]
        lines = [f"La demande n° {self.data.number} passera à « {label} ».",
                 "Ce changement est définitif : la demande ne pourra plus changer de statut."]
        if self.data.status == "validee":
            count = self.data.posts_granted
            lines.append(
                "Son poste attribué ne comptera plus pour les recrutements." if count == 1
                else f"Ses {plural(count, 'poste attribué')} ne compteront plus pour les "
                "recrutements."
            )
        return ask_with_details(
            self, "Changer le statut de la demande", "\n\n".join(lines), [],
            yes=f"&Oui, passer à « {label} »", no="&Non, ne rien changer",
            icon=QMessageBox.Icon.Warning,
        )


class SmicDialog(FormDialog):
    """A new gross monthly Smic from a date on (the official values up to 2026 are built in);
    proposes the next 1 January after the latest value."""

    def __init__(self, ctx: AppContext, current: smic.SmicValue, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Ajouter une valeur du Smic", parent, ctx=ctx)
        self.form.addRow(_intro(
            f"Dernière valeur connue : {current.label}. Quand le Smic est revalorisé (le plus "
            "souvent au 1er janvier), saisissez le nouveau montant brut mensuel (35 h) et la "
            "date à partir de laquelle il s'applique : les coûts des postes en tiennent compte."
        ))
        proposed = date(max(current.valid_from.year + 1, SMIC_EARLIEST.year), 1, 1)
        self.valid_from = DateField(
            proposed, today=today,
            valid=DateRange(SMIC_EARLIEST, add_months(today, 36), "La date d'entrée en vigueur"),
        )
        self.row("valid_from", "En &vigueur à partir du", self.valid_from)
        self.amount = AmountSpin()  # the keypad's dot is the decimal mark
        self.amount.setRange(0, 100_000)
        self.amount.setDecimals(2)
        self.amount.setSuffix(" €")
        self.amount.setValue(float(current.monthly_gross))
        self.row("amount", "Smic &brut mensuel", self.amount)
        _laid_out(self)

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        valid_from = self.valid_from.value()
        amount = self.amount.amount()

        def save() -> None:
            with self.ctx.db.session() as session:
                smic.set_smic(session, valid_from, amount)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()
