"""Dialogs of "Profils reçus", on the shared form base (``views.common.forms``).

Each one is thin: it collects values and hands them to a ``submit`` callable, which the tab
builds around a service and which runs off the GUI thread through ``run_save`` (so it opens its
own unit of work and touches no widget). The service's French messages land under the field
concerned and the dialog stays open until the input is accepted; Escape on a filled form asks
before throwing it away.

Dates are typed (``DateField``) with a plausible range; a date outside it is refused with its
message before anything is saved.

Tests drive them like a user: fill the widgets, call ``accept()``, read the field messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.profiles import (
    CCP1_MEANING,
    CONTRACT_TYPES,
    MOBILITY,
    PIX_COMPETENCES,
    PIX_LEVELS,
    REFUSAL_REASONS,
    RUPTURE_REASONS,
    SITUATIONS,
    TRAINING_COURSES,
    TRAINING_KINDS,
    TRAINING_MODULE,
)
from desktop_app.services.dates import DateInputError, DateRange, add_months, plausible_range
from desktop_app.services.profiles.records import (
    ProfileInput,
    interview_day_notes,
    signature_intro,
)
from desktop_app.services.profiles.workflow import ContractInput
from desktop_app.views.common import files, forms
from desktop_app.views.common.date_fields import DateField, DateTimeField
from desktop_app.views.common.forms import FormDialog, GuardedDialog, set_style
from desktop_app.views.common.labels import WrappedLabel, escape
from desktop_app.views.common.tables import Column, RowsModel, rows_table
from desktop_app.views.common.tabs import tab_widget
from desktop_app.views.profiles.columns import (
    IMPORT_ADD_COLUMNS,
    IMPORT_REJECTED_COLUMNS,
    IMPORT_UPDATE_COLUMNS,
)

if TYPE_CHECKING:  # the importer loads when a file is imported, not with the tab
    from desktop_app.services.profiles.importer import ImportPreview

Submit = Callable[[Any], object]
CHANGES = ("profiles",)

WARNING_STYLE = "color: #b35c00;"  # a point to check, not a refusal (red)


def _submit(dialog: ProfileForm) -> None:
    """Read the values in the GUI thread, save them through the runner, close when saved."""
    dialog.clear_errors()
    if not dialog.check_typed_fields():
        return
    values = dialog.values()
    if dialog.run_save(lambda: dialog.submit(values), changes=CHANGES,
                       initiator=dialog.initiator):
        dialog.accept_saved()


class ProfileForm(FormDialog):
    """What the profile dialogs share with the form base: the ``submit`` callable, the day
    the dates are checked against, and who announces the change."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None, *,
                 ok_text: str = "&Enregistrer", ctx: Any = None,  # noqa: ANN401
                 today: date | None = None, initiator: object = None) -> None:
        super().__init__(title, parent, ok_text=ok_text, ctx=ctx)
        self.submit = submit
        self.today = today or (ctx.today() if ctx is not None else date.today())
        self.initiator = initiator if initiator is not None else parent

    def date_field(self, value: date | None, what: str, *, optional: bool = False,
                   valid: DateRange | None = None) -> DateField:
        default = plausible_range(self.today)
        return DateField(value, optional=optional, today=self.today,
                         valid=valid or DateRange(default.earliest, default.latest, what))

    def intro(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.form.addRow(label)
        return label

    def values(self) -> object:  # noqa: D102 - each dialog says what it collects
        return None

    def accept(self) -> None:
        _submit(self)


def _combo(items: dict, current: object = "", *, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, "")
    for value, label in items.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _check(checked: bool, text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(checked)
    return box


class ProfileDialog(ProfileForm):
    """"Ajouter un profil" / "Modifier le profil": every field of dispositif.md §5."""

    def __init__(self, title: str, submit: Submit, initial: ProfileInput | None = None,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__(title, submit, parent, **kw)
        d = initial or ProfileInput()
        self._identity_rows(d)
        self._background_rows(d)
        self._pix_rows(d)
        self.cv_on_platform = self._checkbox(d.cv_on_platform, "CV disponible sur la plate&forme")
        self.notes = self.row("notes", "N&otes", QPlainTextEdit(d.notes))
        self.notes.setFixedHeight(60)
        self.graduate.toggled.connect(self._sync)
        self.pix_shared.toggled.connect(self._sync)
        self._sync()
        self.resize(780, 720)

    def _checkbox(self, checked: bool, text: str) -> QCheckBox:
        box = _check(checked, text)
        self.form.addRow("", box)
        return box

    def _identity_rows(self, d: ProfileInput) -> None:
        self.last_name = self.row("last_name", "&Nom", QLineEdit(d.last_name))
        self.first_name = self.row("first_name", "&Prénom", QLineEdit(d.first_name))
        self.email = self.row("email", "E-m&ail", QLineEdit(d.email))
        self.phone = self.row("phone", "&Téléphone", QLineEdit(d.phone))
        self.postal_code = self.row("postal_code", "&Code postal", QLineEdit(d.postal_code))
        self.postal_code.setMaxLength(5)
        self.commune = self.row("commune", "Co&mmune de résidence", QLineEdit(d.commune))
        self.availability = self.row("availability_date", "&Date de disponibilité",
                                     self.date_field(d.availability_date,
                                                     "La date de disponibilité", optional=True))

    def _background_rows(self, d: ProfileInput) -> None:
        self.mobility = self.row("mobility", "Mo&bilité géographique",
                                 _combo(MOBILITY, d.mobility, empty="Non renseignée"))
        # Independent facts, as on the platform: a person may be employed and in training.
        self.situation: dict[str, QCheckBox] = {}
        for name, label in SITUATIONS.items():
            self.situation[name] = self._checkbox(getattr(d, name), f"Situation : {label}")
        self.graduate = self._checkbox(d.graduate, "Dip&lômé(e) en médiation numérique")
        self.diploma = self.row("diploma", "Intitulé du d&iplôme", QLineEdit(d.diploma))
        self.experience = self._checkbox(d.experience, "Expérience en médiation numéri&que")
        self.experience_details = self.row(
            "experience_details", "Détail de l'e&xpérience", QPlainTextEdit(d.experience_details)
        )
        self.experience_details.setFixedHeight(60)
        self.ccp1 = self.row("ccp1", "Formation CCP&1", _combo(
            {"oui": "Oui", "non": "Non"},
            {True: "oui", False: "non"}.get(d.ccp1, ""), empty="Inconnu"))  # type: ignore[arg-type]
        self.ccp1.setToolTip(f"CCP1 : {CCP1_MEANING}")

    def _pix_rows(self, d: ProfileInput) -> None:
        self.pix_shared = self._checkbox(d.pix_shared, "Rés&ultats Pix partagés")
        self.pix_level = self.row("pix_level", "De&gré de maîtrise Pix",
                                  _combo(PIX_LEVELS, d.pix_level, empty="Non renseigné"))
        # The platform gives each competence as yes/no, not as a level.
        self.pix_competences: dict[str, QCheckBox] = {}
        for name, label in PIX_COMPETENCES.items():
            self.pix_competences[name] = self._checkbox(bool(getattr(d, name)),
                                                        f"Pix : {label}")

    def _sync(self) -> None:
        self.diploma.setEnabled(self.graduate.isChecked())
        for widget in (self.pix_level, *self.pix_competences.values()):
            widget.setEnabled(self.pix_shared.isChecked())

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
            job_seeker=self.situation["job_seeker"].isChecked(),
            employed=self.situation["employed"].isChecked(),
            in_training=self.situation["in_training"].isChecked(),
            graduate=self.graduate.isChecked(),
            diploma=self.diploma.text(),
            experience=self.experience.isChecked(),
            experience_details=self.experience_details.toPlainText(),
            ccp1={"oui": True, "non": False}.get(self.ccp1.currentData() or ""),
            pix_shared=self.pix_shared.isChecked(),
            pix_level=level(self.pix_level),
            pix_professional=self.pix_competences["pix_professional"].isChecked(),
            pix_resources=self.pix_competences["pix_resources"].isChecked(),
            pix_citizen=self.pix_competences["pix_citizen"].isChecked(),
            cv_on_platform=self.cv_on_platform.isChecked(),
            notes=self.notes.toPlainText(),
        )


class RefuseDialog(ProfileForm):
    """"Ce profil ne correspond pas": a usual reason or free text."""

    def __init__(self, name: str, submit: Submit, parent: QWidget | None = None,
                 **kw: Any) -> None:  # noqa: ANN401
        super().__init__("Ce profil ne correspond pas", submit, parent,
                         ok_text="Ne pas &retenir", **kw)
        self.intro(
            f"{name} ne sera pas retenu(e). Le candidat n'est pas prévenu et reste disponible "
            "pour d'autres structures ; vous pourrez « Annuler le désintérêt »."
        )
        self.reason = QComboBox()
        self.reason.setEditable(True)
        # Enter in an editable combo adds the typed text to its items by default: a long
        # reason became an item, the combo asked for its width (thousands of pixels) and the
        # dialog scrolled sideways, its text and the field cut off. The width follows the
        # usual reasons, never the typed text.
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reason.setMinimumContentsLength(max(len(r) for r in REFUSAL_REASONS))
        self.reason.addItems(REFUSAL_REASONS)
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText("Choisissez ou écrivez le motif")
        self.row("reason", "&Motif", self.reason)

    def values(self) -> str:
        return self.reason.currentText()


class ContractDialog(ProfileForm):
    """"Valider cette candidature": recruitment date and contract."""

    def __init__(self, name: str, submit: Submit, today: date,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__("Valider cette candidature", submit, parent, ok_text="&Valider",
                         today=today, **kw)
        self.intro(f"Recrutement de {name} : date et contrat de travail.")
        self.recruitment_date = self.row(
            "recruitment_date", "Date de &recrutement",
            self.date_field(today, "La date de recrutement"))
        self.contract_type = self.row(
            "contract_type", "&Type de contrat", _combo(CONTRACT_TYPES, "", empty="Choisir…"))
        self.start = self.row("start", "Date de &début",
                              self.date_field(today, "La date de début"))
        # A fixed-term contract of the programme can run a few years: up to ten ahead.
        self.end = self.row("end", "Date de &fin (vide pour un CDI)", self.date_field(
            None, "La date de fin", optional=True,
            valid=DateRange(add_months(today, -12), add_months(today, 120), "La date de fin")))
        self.salary = self.row("salary", "&Salaire brut mensuel (€)", QLineEdit())
        self.salary.setPlaceholderText("par exemple 1 802,50")
        self.contract_type.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        no_end = self.contract_type.currentData() in ("cdi", "titulaire")
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


class RuptureDialog(ProfileForm):
    def __init__(self, name: str, submit: Submit, today: date,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__("Rupture", submit, parent, ok_text="&Notifier la rupture",
                         today=today, **kw)
        self.intro(f"Fin anticipée du contrat de {name}.")
        self.when = self.row("date", "&Date de la rupture",
                             self.date_field(today, "La date de la rupture"))
        self.reason = self.row("reason", "&Motif", _combo(RUPTURE_REASONS, "", empty="Choisir…"))

    def values(self) -> tuple[date | None, str]:
        return self.when.value(), self.reason.currentData() or ""


class SignatureDialog(ProfileForm):
    """The day the contract was signed. It names whose contract and when it is due: opened from
    a deadline naming the candidate, it said only « Contrat signé »."""

    def __init__(self, submit: Submit, today: date, current: date | None,
                 parent: QWidget | None = None, *, name: str = "",
                 validated_on: date | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__(f"Contrat signé — {name}" if name else "Contrat signé", submit, parent,
                         today=today, **kw)
        if name:
            self.intro(signature_intro(name, validated_on))
        self.setMinimumWidth(520)  # the message under the date (a signature too early) reads
        self.signed_on = self.row(
            "signed_on", "Contrat &signé le (vide : pas encore signé)",
            self.date_field(current or today, "La date de signature", optional=True))

    def values(self) -> date | None:
        return self.signed_on.value()


class InterviewDialog(ProfileForm):
    """An interview's day and time, place, panel and notes. A Sunday, a public holiday or a day
    already past is said under the date as soon as it is typed, and asked about once when
    saved: none is refused (an interview held is recorded afterwards), but a mistyped day
    would otherwise be found out when nobody comes. The day the dialog opened with is never
    questioned again (reopening a held interview to add its notes)."""

    def __init__(self, name: str, submit: Submit, start: datetime, place: str = "",
                 panel: str = "", notes: str = "", parent: QWidget | None = None,
                 **kw: Any) -> None:  # noqa: ANN401
        super().__init__(f"Entretien avec {name}", submit, parent, **kw)
        default = plausible_range(self.today)
        self.opened_day = start.date()
        # a day typed without its year is the nearest such day: « 12/01 » typed in December
        # is next January (it was this year's, already past), « 25/11 » a week ago is the
        # interview just held
        self.start = DateTimeField(start, today=self.today, valid=DateRange(
            default.earliest, default.latest, "La date de l'entretien"), yearless="nearest")
        self.row("start", "&Date et heure", self.start)
        self.day_note = WrappedLabel(fills_width=True)
        self.day_note.setVisible(False)
        set_style(self.day_note, WARNING_STYLE)
        self.form.addRow("", self.day_note)  # under the field, as a rule's message
        self.start.dateTimeChanged.connect(self._show_day_notes)
        self.place = self.row("place", "&Lieu", QLineEdit(place))
        self.panel = self.row(
            "panel", "&Jury (qui fait passer l'entretien)", QLineEdit(panel), required=True
        )
        self.panel.setPlaceholderText("par exemple : la maire, le directeur de la médiathèque")
        self.notes = self.row("notes", "&Notes d'entretien", QPlainTextEdit(notes))
        self.notes.setFixedHeight(90)
        self.setMinimumWidth(600)

    def day_notes(self) -> list[str]:
        """What to check about the day typed (none for the day the dialog opened with)."""
        try:
            start = self.start.value()
        except DateInputError:
            return []
        if start.date() == self.opened_day:
            return []
        return interview_day_notes(start, self.today)

    def _show_day_notes(self, *_args: object) -> None:
        text = " ".join(self.day_notes())
        appears = bool(text) and not self.day_note.isVisibleTo(self)
        self.day_note.setText(text)
        self.day_note.setVisible(bool(text))
        self.start.date_field.edit.setAccessibleDescription(text)
        if appears:
            forms.grow_window_later(self.day_note)

    def accept(self) -> None:
        if self.check_typed_fields():
            notes = self.day_notes()
            self._show_day_notes()
            if notes and not forms.ask_with_details(
                self, "Date de l'entretien", "\n".join([*notes, "", "Garder cette date ?"]), [],
                yes="&Garder cette date", no="&Changer la date",
                icon=QMessageBox.Icon.Warning,
            ):
                self.start.setFocus()
                return
        super().accept()

    def values(self) -> tuple[datetime, str, str, str]:
        return self.start.value(), self.place.text(), self.panel.text(), self.notes.toPlainText()


class TrainingDialog(ProfileForm):
    """A training leave: courses or internship of the initial training towards the CCP1, or a
    thematic module; at most a year, dates plausible, hours as typed."""

    def __init__(self, name: str, submit: Submit, today: date,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__(f"Période de formation de {name}", submit, parent, today=today, **kw)
        self.intro(f"CCP1 : {CCP1_MEANING}. Formation initiale : 175 h de cours et 210 h de "
                   "stage (possible dans la structure), puis la certification Pix ; ensuite "
                   "2 modules thématiques la première année, puis 1 par an.")
        self.kind = self.row("kind", "&Type", _combo(TRAINING_KINDS, TRAINING_COURSES))
        self.title = self.row("title", "Th&ème du module", QLineEdit())
        self.start = self.row("start", "&Premier jour",
                              self.date_field(today, "Le premier jour de formation"))
        self.end = self.row("end", "&Dernier jour",
                            self.date_field(today, "Le dernier jour de formation"))
        self.hours = self.row("hours", "Nom&bre d'heures", QLineEdit())
        self.hours.setPlaceholderText("par exemple 35 ou 17,5")
        self.organisation = self.row("organisation", "&Organisme de formation", QLineEdit())
        self.place = self.row("place", "&Lieu", QLineEdit())
        self.kind.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.title.setEnabled(self.kind.currentData() == TRAINING_MODULE)

    def values(self) -> tuple[date | None, date | None, str, str, str, str, str]:
        return (self.start.value(), self.end.value(), self.organisation.text(),
                self.place.text(), self.kind.currentData() or "", self.hours.text(),
                self.title.text() if self.kind.currentData() == TRAINING_MODULE else "")


class PixCertificationDialog(ProfileForm):
    """The day the conseiller passed the Pix certification (empty: not yet)."""

    def __init__(self, submit: Submit, today: date, current: date | None,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__("Certification Pix", submit, parent, today=today, **kw)
        self.when = self.row(
            "pix_certified_on", "Certification Pix &obtenue le (vide : pas encore)",
            self.date_field(current or today, "La date de la certification", optional=True))

    def values(self) -> date | None:
        return self.when.value()


class RequestProfilesDialog(ProfileForm):
    """"Demander d'autres profils": date, note, and the e-mail text to copy."""

    def __init__(self, submit: Submit, make_text: Callable[[date, str], str], today: date,
                 parent: QWidget | None = None, **kw: Any) -> None:  # noqa: ANN401
        super().__init__("Demander d'autres profils", submit, parent,
                         ok_text="&Enregistrer la demande", today=today, **kw)
        self.make_text = make_text
        self.when = self.row("date", "&Date de la demande",
                             self.date_field(today, "La date de la demande"))
        self.note = self.row("note", "N&ote (ajoutée au message)", QPlainTextEdit())
        self.note.setFixedHeight(60)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(200)
        self.text.setProperty("ignore_in_snapshot", True)  # follows the note, not typed
        label = QLabel("&Texte à copier dans un e-mail au programme")
        label.setBuddy(self.text)
        self.copy_button = QPushButton("&Copier le texte")
        self.copy_button.setProperty("ignore_in_snapshot", True)
        self.copy_button.clicked.connect(self.copy)
        for widget in (label, self.text, self.copy_button):
            self.add_widget(widget)
        self.when.dateChanged.connect(self._update)
        self.note.textChanged.connect(self._update)
        self._update()
        self.resize(620, 560)

    def _update(self) -> None:
        try:
            when = self.when.value() or self.today
        except ValueError:
            when = self.today
        self.text.setPlainText(self.make_text(when, self.note.toPlainText()))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("Texte copié ✓")

    def values(self) -> tuple[date | None, str]:
        return self.when.value(), self.note.toPlainText()


def _table(columns: list[Column], rows: list, name: str,
           widths: tuple[int, ...] = (60, 220, 240)) -> QTableView:
    model: RowsModel = RowsModel(columns, lambda r: r.line)
    model.set_rows(rows)
    table = rows_table(name, model, widths=widths)
    table.setAccessibleName(name)
    model.setParent(table)
    return table


class ImportPreviewDialog(GuardedDialog):
    """What an import will do; nothing is written before "Importer"."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.saved_rejected: Path | None = None  # where the refused lines were saved
        self.setWindowTitle(f"Importer des profils — {preview.file_name}")
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary(preview))
        for note in preview.notes:
            label = QLabel(note)
            label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the file's header
            label.setWordWrap(True)
            layout.addWidget(label)
        # Columns missing: the person must say they want the import all the same.
        self.accept_missing = QCheckBox("J'ai compris : importer &quand même sans ces colonnes")
        if preview.missing_columns:
            missing = QLabel(preview.missing_text)
            missing.setWordWrap(True)
            missing.setStyleSheet("color: #b00020; font-weight: bold;")
            layout.addWidget(missing)
            layout.addWidget(self.accept_missing)
        self.accept_missing.setVisible(bool(preview.missing_columns))
        self.tabs = self._tables(preview)
        layout.addWidget(self.tabs, 1)
        # The reason of the refused line chosen, whole: the table's cell is cut to its width.
        self.rejected_detail = WrappedLabel("")
        self.rejected_detail.setTextFormat(Qt.TextFormat.PlainText)  # the file's own text
        self.rejected_detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.rejected_detail)
        self.rejected_table = self.tabs.widget(2)
        self.rejected_table.selectionModel().currentRowChanged.connect(self._show_rejected)
        self.tabs.currentChanged.connect(lambda _i: self._show_rejected())
        self._show_rejected()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # Once the import is written, only the number of refused lines is kept: they can be
        # saved first, whole, to be corrected in a spreadsheet and imported again.
        self.save_rejected_button = QPushButton("Enregistrer les &lignes refusées…")
        self.save_rejected_button.setToolTip(
            "Un fichier CSV avec chaque ligne refusée, son numéro et le motif du refus, "
            "à corriger dans un tableur puis à importer de nouveau.")
        self.save_rejected_button.setEnabled(bool(preview.rejected_total))
        self.save_rejected_button.clicked.connect(self.save_rejected)
        self.buttons.addButton(self.save_rejected_button,
                               QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Importer")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.accept_missing.toggled.connect(self._sync)
        self._sync()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1000, 560)  # fitted to the screen by the input safety

    def _show_rejected(self, *_args: object) -> None:
        """Under the table of refused lines, the current one's number, reason and content."""
        index = self.rejected_table.currentIndex()
        if self.tabs.currentIndex() != 2 or not self.preview.rejected:
            text = ""
        elif not index.isValid():
            text = ("Choisissez une ligne refusée (flèches) pour lire ici son motif en entier ; "
                    "« Enregistrer les lignes refusées… » les garde toutes dans un fichier.")
        else:
            source = self.rejected_table.model().mapToSource(index)  # type: ignore[attr-defined]
            row = self.rejected_table.model().sourceModel().row_at(source.row())  # type: ignore[attr-defined]
            content = row.text if len(row.text) <= 300 else row.text[:300] + " …"
            text = f"Ligne {row.line} : {row.reason}.\nContenu : {content}"
        self.rejected_detail.setText(text)
        self.rejected_detail.setVisible(bool(text))

    def save_rejected(self) -> Path | None:
        """Every refused line (not only those shown) to a CSV chosen by the person."""
        from desktop_app.services.profiles.importer import write_rejected_lines

        stem = Path(self.preview.file_name).stem or "profils"
        target = files.ask_save_path(
            self, "import-profils-refus", "Enregistrer les lignes refusées",
            f"{stem}-lignes-refusees.csv", "Fichier CSV (*.csv)")
        if target is None:
            return None
        preview = self.preview
        outcome = files.write_file(
            self, lambda tmp: write_rejected_lines(tmp, preview), target,
            label="Enregistrement des lignes refusées…",
            error_title="Lignes refusées non enregistrées")
        if not outcome.ok:
            return None
        self.saved_rejected = target
        self.save_rejected_button.setText("Lignes refusées enregistrées ✓")
        self.rejected_detail.setText(
            f"{outcome.value} ligne(s) refusée(s) enregistrée(s) dans « {target} ».")
        self.rejected_detail.setVisible(True)
        return target

    def _sync(self) -> None:
        rows = bool(self.preview.added_total or self.preview.updated_total)
        agreed = not self.preview.missing_columns or self.accept_missing.isChecked()
        self.import_button.setEnabled(rows and agreed)

    @property
    def missing_accepted(self) -> bool:
        return bool(self.preview.missing_columns) and self.accept_missing.isChecked()

    @staticmethod
    def _summary(preview: ImportPreview) -> QLabel:
        shown = ""
        if (len(preview.to_add) < preview.added_total
                or len(preview.to_update) < preview.updated_total
                or len(preview.rejected) < preview.rejected_total):
            shown = " Les tableaux montrent les premières lignes de chaque sorte."
        summary = QLabel(
            f"<b>{escape(preview.file_name)}</b> ({preview.format_description}) : "
            f"{preview.added_total} profil(s) à ajouter, {preview.updated_total} à mettre à "
            f"jour (même e-mail), {preview.rejected_total} ligne(s) refusée(s). "
            f"Rien n'est enregistré avant de cliquer sur « Importer ».{shown}"
        )
        summary.setWordWrap(True)
        return summary

    @staticmethod
    def _tables(preview: ImportPreview) -> QTabWidget:
        tabs = tab_widget()
        # the name and the e-mail get the room (the postal code, last, took what was left and
        # long names and addresses were cut)
        tabs.addTab(_table(IMPORT_ADD_COLUMNS, preview.to_add, "Profils à ajouter",
                           widths=(60, 380, 420)),
                    f"Profils à ajouter ({preview.added_total})")
        tabs.addTab(_table(IMPORT_UPDATE_COLUMNS, preview.to_update, "Profils à mettre à jour",
                           widths=(60, 280, 380)),
                    f"Profils à mettre à jour ({preview.updated_total})")
        tabs.addTab(_table(IMPORT_REJECTED_COLUMNS, preview.rejected, "Lignes refusées",
                           widths=(60, 520)),
                    f"Lignes refusées ({preview.rejected_total})")
        # the first kind that has lines: an update-only file opened on an empty table
        counts = (preview.added_total, preview.updated_total, preview.rejected_total)
        tabs.setCurrentIndex(next((i for i, n in enumerate(counts) if n), 0))
        return tabs
