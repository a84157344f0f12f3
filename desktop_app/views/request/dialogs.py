"""Dialogs of the request's life: filing it, recording a later status, the dated Smic.

Each dialog does its work in ``accept()`` (through the services) and stays open with a French
message when the work is refused, so tests drive them by filling the fields and calling
``accept()``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.request import REQUEST_STATUSES
from desktop_app.services.request import cost, requests
from desktop_app.views.context import AppContext
from desktop_app.views.request.form import from_qdate, to_qdate
from desktop_app.views.widgets import ERROR_STYLE, add_row


class _Dialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _date_edit(self, value: date) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setDate(to_qdate(value))
        return edit

    def _note(self) -> QPlainTextEdit:
        note = QPlainTextEdit()
        note.setTabChangesFocus(True)
        note.setMaximumHeight(80)
        return note

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)


class FileDialog(_Dialog):
    """"Marquer comme déposée": the day it was filed and the platform's file number."""

    def __init__(self, ctx: AppContext, request_id: int, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Marquer la demande comme déposée", today, parent)
        self.request_id = request_id
        intro = QLabel(
            "Déposez d'abord la demande sur la plateforme nationale, puis notez ici la date et "
            "le numéro de dossier. La demande passe au statut « Non traitée »."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.filed_on = self._date_edit(today)
        add_row(self.form, "&Date de dépôt", self.filed_on)
        self.platform_number = QLineEdit()
        self.platform_number.setPlaceholderText("facultatif")
        add_row(self.form, "N° de &dossier sur la plateforme", self.platform_number)
        self.note = self._note()
        add_row(self.form, "&Note", self.note)

    def accept(self) -> None:
        try:
            with self.ctx.db.session() as session:
                requests.file_request(
                    session, self.request_id, filed_on=from_qdate(self.filed_on.date()),
                    platform_number=self.platform_number.text(),
                    note=self.note.toPlainText(), today=self.today,
                )
        except requests.RequestError as exc:
            self.show_error(str(exc))
            return
        self.ctx.notify("request")
        super().accept()


class StatusDialog(_Dialog):
    """A later step: the committee's opinion, or the request abandoned or cancelled."""

    def __init__(self, ctx: AppContext, data: requests.RequestData, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Changer le statut de la demande", today, parent)
        self.data = data
        self.status = QComboBox()
        for value in requests.TRANSITIONS.get(data.status, ()):
            if value != "non_traitee":
                self.status.addItem(REQUEST_STATUSES[value], value)
        add_row(self.form, "&Nouveau statut", self.status)
        self.changed_on = self._date_edit(today)
        add_row(self.form, "&Date", self.changed_on)
        self.committee = QLineEdit(data.committee)
        self.committee.setPlaceholderText("COSELEC 12")
        add_row(self.form, "N° du &comité de sélection", self.committee)
        self.posts_granted = QSpinBox()
        self.posts_granted.setRange(0, 50)
        self.posts_granted.setValue(data.posts_wanted)
        add_row(self.form, "Nombre de &postes attribués", self.posts_granted)
        self.note = self._note()
        add_row(self.form, "N&ote (facultative)", self.note)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()

    def _status_changed(self) -> None:
        value = self.status.currentData()
        self.committee.setEnabled(value in requests.DECISIONS)
        self.posts_granted.setEnabled(value == "validee")
        self.ok_button.setEnabled(value is not None)

    def accept(self) -> None:
        try:
            with self.ctx.db.session() as session:
                requests.change_status(
                    session, self.data.id, self.status.currentData(),
                    changed_on=from_qdate(self.changed_on.date()), note=self.note.toPlainText(),
                    committee=self.committee.text(), posts_granted=self.posts_granted.value(),
                    today=self.today,
                )
        except requests.RequestError as exc:
            self.show_error(str(exc))
            return
        self.ctx.notify("request")
        super().accept()


class SmicDialog(_Dialog):
    """The gross monthly Smic from a date on (a dated, editable parameter)."""

    def __init__(self, ctx: AppContext, current: cost.SmicValue, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Montant du Smic", today, parent)
        intro = QLabel(
            "Le financement de l'État se calcule sur le Smic brut mensuel. Saisissez le montant "
            "en vigueur et la date à partir de laquelle il s'applique."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.valid_from = self._date_edit(current.valid_from)
        add_row(self.form, "En &vigueur à partir du", self.valid_from)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 100_000)
        self.amount.setDecimals(2)
        self.amount.setSuffix(" €")
        self.amount.setValue(float(current.monthly_gross))
        add_row(self.form, "Smic &brut mensuel", self.amount)

    def accept(self) -> None:
        try:
            with self.ctx.db.session() as session:
                cost.set_smic(
                    session, from_qdate(self.valid_from.date()),
                    Decimal(str(round(self.amount.value(), 2))),
                )
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.ctx.notify("request")
        super().accept()
