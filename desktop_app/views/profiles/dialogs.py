"""Dialogs of "Profils reçus". Each one is thin: it collects values, hands them to a ``submit``
callback (which calls a service in one unit of work) and shows the French messages the
service raises at the field concerned, staying open until the input is accepted.

Tests drive them like a user: fill the widgets, call ``accept()``, read ``message`` or the
field errors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.profiles import (
    CONTRACT_TYPES,
    MOBILITY,
    PIX_COMPETENCES,
    PIX_LEVELS,
    REFUSAL_REASONS,
    RUPTURE_REASONS,
    SITUATIONS,
)
from desktop_app.services.profiles.importer import ImportPreview
from desktop_app.services.profiles.records import ProfileInput
from desktop_app.services.profiles.workflow import ContractInput, FormError, WorkflowError
from desktop_app.views.widgets import ERROR_STYLE, FieldWithError, add_row

NO_DATE = QDate(2000, 1, 1)


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QDateEdit):
    """A date input that may also be empty ("Aucune"), shown as JJ/MM/AAAA."""

    def __init__(self, value: date | None = None, *, optional: bool = False) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("Aucune")
        else:
            self.setMinimumDate(QDate(2000, 1, 2))
        self.set_value(value)

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(qdate(value))

    def value(self) -> date | None:
        d = self.date()
        if self.optional and d == NO_DATE:
            return None
        return date(d.year(), d.month(), d.day())


class FormDialog(QDialog):
    """A form with per-field errors, a general message line and OK / Annuler."""

    def __init__(self, title: str, submit: Callable[[object], object], parent: QWidget | None,
                 ok_text: str = "Enregistrer", *, scrollable: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        self.submit = submit
        self.result_value: object = None
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.form = QFormLayout()
        self.fields: dict[str, FieldWithError] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        if scrollable:
            # Long forms scroll on small screens (laptops of rural libraries).
            inner = QWidget()
            inner.setLayout(self.form)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(inner)
            layout.addWidget(scroll)
        else:
            layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra, 1)
        layout.addWidget(self.buttons)

    def row(self, name: str, label: str, widget: QWidget) -> QWidget:
        self.fields[name] = add_row(self.form, label, widget, with_error=True)
        return widget

    def values(self) -> object:
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, wrapper in self.fields.items():
            wrapper.set_error(errors.get(name))
        unknown = [m for n, m in errors.items() if n not in self.fields]
        self._set_message(" ".join(unknown))
        first = next((self.fields[n] for n in self.fields if n in errors), None)
        if first is not None:
            first.field.setFocus()

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        try:
            self.result_value = self.submit(self.values())
        except FormError as exc:
            self.show_errors(exc.errors)
            return
        except WorkflowError as exc:
            self.show_errors({})
            self._set_message(str(exc))
            return
        super().accept()


def _combo(items: dict, current: object = "", *, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, "")
    for value, label in items.items():
        combo.addItem(label, value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


def _yes_no(checked: bool, text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(checked)
    return box


class ProfileDialog(FormDialog):
    """"Ajouter un profil" / "Modifier le profil": every field of dispositif.md §5."""

    def __init__(self, title: str, submit: Callable, initial: ProfileInput | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, submit, parent, scrollable=True)
        d = initial or ProfileInput()
        self.last_name = self.row("last_name", "&Nom", QLineEdit(d.last_name))
        self.first_name = self.row("first_name", "&Prénom", QLineEdit(d.first_name))
        self.email = self.row("email", "&E-mail", QLineEdit(d.email))
        self.phone = self.row("phone", "&Téléphone", QLineEdit(d.phone))
        self.postal_code = self.row("postal_code", "Code p&ostal", QLineEdit(d.postal_code))
        self.postal_code.setMaxLength(5)
        self.commune = self.row("commune", "Co&mmune de résidence", QLineEdit(d.commune))
        self.availability = self.row(
            "availability_date", "&Date de disponibilité",
            DateField(d.availability_date, optional=True),
        )
        self.mobility = self.row("mobility", "Mo&bilité géographique",
                                 _combo(MOBILITY, d.mobility, empty="Non renseignée"))
        self.situation = self.row("situation", "&Situation",
                                  _combo(SITUATIONS, d.situation, empty="Non renseignée"))
        self.graduate = _yes_no(d.graduate, "Diplômé(e) en médiation numérique")
        self.form.addRow("", self.graduate)
        self.diploma = self.row("diploma", "Intitulé du d&iplôme", QLineEdit(d.diploma))
        self.experience = _yes_no(d.experience, "Expérience en médiation numérique")
        self.form.addRow("", self.experience)
        self.experience_details = self.row(
            "experience_details", "Dé&tail de l'expérience", QPlainTextEdit(d.experience_details)
        )
        self.experience_details.setFixedHeight(60)
        self.ccp1 = _yes_no(d.ccp1, "Formation CCP1 (déjà formé comme conseiller numérique)")
        self.form.addRow("", self.ccp1)
        self.pix_shared = _yes_no(d.pix_shared, "Résultats Pix partagés")
        self.form.addRow("", self.pix_shared)
        self.pix_level = self.row("pix_level", "Degré de &maîtrise Pix",
                                  _combo(PIX_LEVELS, d.pix_level, empty="Non renseigné"))
        self.pix_competences: dict[str, QComboBox] = {}
        for name, label in PIX_COMPETENCES.items():
            self.pix_competences[name] = self.row(
                name, label, _combo(PIX_LEVELS, getattr(d, name), empty="Non renseigné")
            )
        self.cv_on_platform = _yes_no(d.cv_on_platform, "CV disponible sur la plateforme")
        self.form.addRow("", self.cv_on_platform)
        self.notes = self.row("notes", "N&otes", QPlainTextEdit(d.notes))
        self.notes.setFixedHeight(60)
        self.graduate.toggled.connect(self._sync)
        self.pix_shared.toggled.connect(self._sync)
        self._sync()
        self.resize(780, 720)

    def _sync(self) -> None:
        self.diploma.setEnabled(self.graduate.isChecked())
        for combo in (self.pix_level, *self.pix_competences.values()):
            combo.setEnabled(self.pix_shared.isChecked())

    def values(self) -> ProfileInput:
        def level(combo: QComboBox) -> int | None:
            return combo.currentData() or None

        return ProfileInput(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            postal_code=self.postal_code.text(),
            commune=self.commune.text(),
            availability_date=self.availability.value(),
            mobility=self.mobility.currentData() or "",
            situation=self.situation.currentData() or "",
            graduate=self.graduate.isChecked(),
            diploma=self.diploma.text(),
            experience=self.experience.isChecked(),
            experience_details=self.experience_details.toPlainText(),
            ccp1=self.ccp1.isChecked(),
            pix_shared=self.pix_shared.isChecked(),
            pix_level=level(self.pix_level),
            pix_professional=level(self.pix_competences["pix_professional"]),
            pix_resources=level(self.pix_competences["pix_resources"]),
            pix_citizen=level(self.pix_competences["pix_citizen"]),
            cv_on_platform=self.cv_on_platform.isChecked(),
            notes=self.notes.toPlainText(),
        )


class RefuseDialog(FormDialog):
    """"Ce profil ne correspond pas": a usual reason or free text."""

    def __init__(self, name: str, submit: Callable, parent: QWidget | None = None) -> None:
        super().__init__("Ce profil ne correspond pas", submit, parent, ok_text="Ne pas retenir")
        intro = QLabel(
            f"{name} ne sera pas retenu(e). Le candidat n'est pas prévenu et reste disponible "
            "pour d'autres structures ; vous pourrez « Annuler le désintérêt »."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(REFUSAL_REASONS)
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText("Choisissez ou écrivez le motif")
        self.row("reason", "&Motif", self.reason)

    def values(self) -> str:
        return self.reason.currentText()


class ContractDialog(FormDialog):
    """"Valider cette candidature": recruitment date and contract."""

    def __init__(self, name: str, submit: Callable, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Valider cette candidature", submit, parent, ok_text="Valider")
        intro = QLabel(f"Recrutement de {name} : date et contrat de travail.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.recruitment_date = self.row("recruitment_date", "Date de &recrutement",
                                         DateField(today))
        self.contract_type = self.row(
            "contract_type", "&Type de contrat",
            _combo(CONTRACT_TYPES, "", empty="Choisir…"),
        )
        self.start = self.row("start", "Date de &début", DateField(today))
        self.end = self.row("end", "Date de &fin (aucune pour un CDI)",
                            DateField(None, optional=True))
        self.salary = self.row("salary", "&Salaire brut mensuel (€)", QLineEdit())
        self.salary.setPlaceholderText("par exemple 1 802,50")
        self.contract_type.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        kind = self.contract_type.currentData()
        no_end = kind in ("cdi", "titulaire")
        if no_end:
            self.end.set_value(None)
        self.end.setEnabled(not no_end)

    def values(self) -> ContractInput:
        return ContractInput(
            recruitment_date=self.recruitment_date.value(),
            contract_type=self.contract_type.currentData() or "",
            start=self.start.value(),
            end=self.end.value(),
            salary=self.salary.text(),
        )


class RuptureDialog(FormDialog):
    def __init__(self, name: str, submit: Callable, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Rupture", submit, parent, ok_text="Notifier la rupture")
        intro = QLabel(f"Fin anticipée du contrat de {name}.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.when = self.row("date", "&Date de la rupture", DateField(today))
        self.reason = self.row("reason", "&Motif", _combo(RUPTURE_REASONS, "", empty="Choisir…"))

    def values(self) -> tuple[date | None, str]:
        return self.when.value(), self.reason.currentData() or ""


class SignatureDialog(FormDialog):
    def __init__(self, submit: Callable, today: date, current: date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Contrat signé", submit, parent)
        self.signed_on = self.row("signed_on", "Contrat &signé le (« Aucune » : pas encore)",
                                  DateField(current or today, optional=True))

    def values(self) -> date | None:
        return self.signed_on.value()


class InterviewDialog(FormDialog):
    def __init__(self, name: str, submit: Callable, start: datetime, place: str = "",
                 panel: str = "", notes: str = "", parent: QWidget | None = None) -> None:
        super().__init__(f"Entretien avec {name}", submit, parent)
        self.start = QDateTimeEdit(
            QDateTime(qdate(start.date()), QTime(start.hour, start.minute))
        )
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.row("start", "&Date et heure", self.start)
        self.place = self.row("place", "&Lieu", QLineEdit(place))
        self.panel = self.row("panel", "&Jury (qui fait passer l'entretien)", QLineEdit(panel))
        self.panel.setPlaceholderText("par exemple : la maire, le directeur de la médiathèque")
        self.notes = self.row("notes", "&Notes d'entretien", QPlainTextEdit(notes))
        self.notes.setFixedHeight(90)
        self.setMinimumWidth(600)

    def values(self) -> tuple[datetime, str, str, str]:
        dt = self.start.dateTime()
        d, t = dt.date(), dt.time()
        when = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        return when, self.place.text(), self.panel.text(), self.notes.toPlainText()


class TrainingDialog(FormDialog):
    def __init__(self, name: str, submit: Callable, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Période de formation de {name}", submit, parent)
        self.start = self.row("start", "&Premier jour", DateField(today))
        self.end = self.row("end", "&Dernier jour", DateField(today))
        self.organisation = self.row("organisation", "&Organisme de formation", QLineEdit())
        self.place = self.row("place", "&Lieu", QLineEdit())

    def values(self) -> tuple[date | None, date | None, str, str]:
        return self.start.value(), self.end.value(), self.organisation.text(), self.place.text()


class RequestProfilesDialog(FormDialog):
    """"Demander d'autres profils": date, note, and the e-mail text to copy."""

    def __init__(self, submit: Callable, make_text: Callable[[date, str], str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Demander d'autres profils", submit, parent,
                         ok_text="Enregistrer la demande")
        self.make_text = make_text
        self.when = self.row("date", "&Date de la demande", DateField(today))
        self.note = self.row("note", "&Note (ajoutée au message)", QPlainTextEdit())
        self.note.setFixedHeight(60)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(220)
        label = QLabel("&Texte à copier dans un e-mail au programme")
        label.setBuddy(self.text)
        self.copy_button = QPushButton("&Copier le texte")
        self.copy_button.clicked.connect(self.copy)
        self.extra.addWidget(label)
        self.extra.addWidget(self.text)
        self.extra.addWidget(self.copy_button)
        self.when.dateChanged.connect(self._update)
        self.note.textChanged.connect(self._update)
        self._update()
        self.resize(620, 560)

    def _update(self) -> None:
        when = self.when.value() or date.today()
        self.text.setPlainText(self.make_text(when, self.note.toPlainText()))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("Texte copié ✓")

    def values(self) -> tuple[date | None, str]:
        return self.when.value(), self.note.toPlainText()


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class ImportPreviewDialog(QDialog):
    """What an import will do; nothing is written before "Importer"."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Importer des profils — {preview.file_name}")
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"<b>{preview.file_name}</b> ({preview.format_description}) : "
            f"{len(preview.to_add)} profil(s) à ajouter, {len(preview.to_update)} à mettre à "
            f"jour (même e-mail), {len(preview.rejected)} ligne(s) refusée(s). "
            "Rien n'est enregistré avant de cliquer sur « Importer »."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        for note in preview.notes:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            _table(["Ligne", "Candidat", "E-mail", "Code postal"],
                   [[str(r.line), r.full_name, r.email, r.postal_code] for r in preview.to_add],
                   "Profils à ajouter"),
            f"Profils à ajouter ({len(preview.to_add)})",
        )
        self.tabs.addTab(
            _table(["Ligne", "Candidat", "E-mail", "Changements"],
                   [[str(r.line), r.full_name, r.email,
                     "; ".join(r.changes) or "aucun changement"] for r in preview.to_update],
                   "Profils à mettre à jour"),
            f"Profils à mettre à jour ({len(preview.to_update)})",
        )
        self.tabs.addTab(
            _table(["Ligne", "Motif du refus", "Contenu de la ligne"],
                   [[str(r.line), r.reason, r.text] for r in preview.rejected],
                   "Lignes refusées"),
            f"Lignes refusées ({len(preview.rejected)})",
        )
        if preview.rejected and not (preview.to_add or preview.to_update):
            self.tabs.setCurrentIndex(2)
        layout.addWidget(self.tabs)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Importer")
        self.import_button.setEnabled(bool(preview.to_add or preview.to_update))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 480)
