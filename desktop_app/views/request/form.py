"""The request form: six sections with the programme's wording, checked at the field.

A message appears under a field once the user has left it (or, for the SIRET and the postal
code, as soon as enough digits are typed), and disappears as soon as the value is fixed. The
form knows nothing of the database: the tab reads ``values()`` and saves them (autosave).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.request import COMMITMENTS, COMMITMENTS_INTRO, MISSIONS
from desktop_app.models.structure import STRUCTURE_TYPES
from desktop_app.services import validation
from desktop_app.services.dates import DateInputError, DateRange, add_months
from desktop_app.services.request import communes
from desktop_app.services.request.requests import (
    CANDIDATE_QUESTION,
    MOTIVATION_MAX,
    MOTIVATION_PROMPT,
    RequestData,
    check_request_fields,
    check_structure_section,
)
from desktop_app.services.structure import StructureInfo
from desktop_app.views.common.date_fields import DateField
from desktop_app.views.common.forms import (
    ERROR_STYLE,
    FieldWithError,
    LabelColumns,
    add_row,
    legible_when_locked,
    required_note,
    show_read_only,
)
from desktop_app.views.structure_form import SIGNATORY_TITLES, civility_choice, set_civility

START_YEARS_AHEAD = 3  # a post wished to start more than three years ahead is a typing slip


def start_date_range(today: date) -> DateRange:
    """Plausible start dates: those of older requests (read back as they were) up to three
    years ahead. A past date of a draft is refused by the service, with its own message."""
    return DateRange(
        add_months(today, -12 * 10), add_months(today, 12 * START_YEARS_AHEAD),
        "La date de démarrage",
    )


class RequestForm(QWidget):
    """The form's widgets; ``changed`` fires on every edit (the tab autosaves on it)."""

    changed = Signal()
    left_field = Signal()  # a field was left: the tab saves at once

    def __init__(self, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()  # the tab passes its context's day
        self._data = RequestData()
        self._structure = StructureInfo()
        self._loading = False
        self._accepted_start: date | None = None  # the start date last read as a date
        self._touched: set[str] = set()
        self.fields: dict[str, FieldWithError] = {}
        # What belongs to a field's row below it and must be seen while typing into it (the
        # motivation's « 2 969 / 2 500 » says when the text is too long)
        self.row_companions: dict[QWidget, tuple[QWidget, ...]] = {}
        self.sections: list[QGroupBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(required_note())  # what the « * » of the labels means
        layout.addWidget(self._structure_section())
        layout.addWidget(self._need_section())
        layout.addWidget(self._motivation_section())
        layout.addWidget(self._contact_section())
        layout.addWidget(self._commitments_section())
        layout.addWidget(self._signatory_section())
        layout.addStretch()
        legible_when_locked(self)
        # one label column for the six sections (their forms sized each its own)
        self.label_columns = LabelColumns([box.layout() for box in self.sections])
        self.label_columns.align()

    # -- building --------------------------------------------------------------------------
    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.sections.append(box)
        return box, form

    def _line(
        self, form: QFormLayout, key: str, label: str, placeholder: str = "", *,
        required: bool = False,
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        self.fields[key] = add_row(form, label, edit, with_error=True, required=required)
        edit.textChanged.connect(lambda _t, k=key: self._edited(k))
        edit.editingFinished.connect(lambda k=key: self._left(k))
        return edit

    def _structure_section(self) -> QGroupBox:
        box, form = self._group("Votre structure")
        hint = QLabel(
            "Ces informations sont celles des « Paramètres de la structure » : les modifier ici "
            "les modifie aussi là-bas, et inversement."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow(hint)
        self.structure_type = QComboBox()
        for value, label in STRUCTURE_TYPES.items():
            self.structure_type.addItem(label, value)
        self.fields["structure_type"] = add_row(
            form, "&Type de structure", self.structure_type, with_error=True, required=True
        )
        self.structure_type.currentIndexChanged.connect(lambda _i: self._left("structure_type"))
        self.name = self._line(form, "name", "Nom de la structure", "Commune de …", required=True)
        self.siret = self._line(form, "siret", "&SIRET", "14 chiffres", required=True)
        self.address = self._line(form, "address", "Ad&resse", "1, place de la Mairie", required=True)
        self.postal_code = self._line(form, "postal_code", "&Code postal", "5 chiffres", required=True)
        self.postal_code.setMaxLength(5)
        self.commune_choice = _LazyChoice()
        self.commune_choice.before_use = self._load_commune_choice
        self.commune_choice.setObjectName("commune_choice")
        self.commune_choice.setEnabled(False)
        self.commune_choice.setPlaceholderText("Tapez le code postal")
        add_row(form, "Communes de ce code postal", self.commune_choice)
        self.commune_choice.activated.connect(self._commune_chosen)
        self.commune = self._line(form, "commune", "Co&mmune", required=True)
        self.insee_code = self._line(form, "insee_code", "Code INSEE", "rempli par la commune choisie", required=True)
        self.insee_code.setReadOnly(True)
        self.departement = self._line(form, "departement", "Département", required=True)
        self.departement.setReadOnly(True)
        self.region = self._line(form, "region", "Région", required=True)
        self.region.setReadOnly(True)
        self.postal_code.textChanged.connect(self._postal_code_typed)
        return box

    def _need_section(self) -> QGroupBox:
        box, form = self._group("Votre besoin")
        self.posts_wanted = QSpinBox()
        self.posts_wanted.setRange(0, 50)
        self.fields["posts_wanted"] = add_row(
            form, "Nom&bre de conseillers souhaités", self.posts_wanted, with_error=True, required=True
        )
        self.posts_wanted.valueChanged.connect(lambda _v: self._left("posts_wanted"))
        self.start_date = DateField(
            None, optional=True, today=self.today, valid=start_date_range(self.today),
            yearless="upcoming",  # « 1er septembre » typed in December is next September
        )
        self.start_date.setObjectName("start_date")
        self.fields["start_date"] = add_row(
            form, "Date de démarra&ge souhaitée", self.start_date, with_error=True, required=True
        )
        self.start_date.dateChanged.connect(lambda _d: self._left("start_date"))
        # Left with the same date typed again (no dateChanged): the field cleared its own
        # message, the service's (« est passée ») is shown again; a date refused as typed is
        # announced too, so that the tab counts it among what filing still needs.
        self.start_date.edit.editingFinished.connect(self._start_date_left)
        self.candidate_identified = QComboBox()
        self.candidate_identified.addItem("Non", False)
        self.candidate_identified.addItem("Oui", True)
        # « ? » kept with its last word: the label wraps on three lines at 1366 px
        add_row(form, CANDIDATE_QUESTION.replace("déjà", "dé&jà", 1).replace(" ?", "\u00a0?"),
                self.candidate_identified)
        self.candidate_identified.currentIndexChanged.connect(self._candidate_toggled)
        self.candidate_name = self._line(form, "candidate_name", "Nom du candidat &identifié")
        self.candidate_email = self._line(form, "candidate_email", "E-mail du candidat")
        return box

    def _motivation_section(self) -> QGroupBox:
        box, form = self._group("Votre motivation")
        prompt = QLabel(MOTIVATION_PROMPT[0].upper() + MOTIVATION_PROMPT[1:])
        prompt.setWordWrap(True)
        form.addRow(prompt)
        self.motivation = QPlainTextEdit()
        self.motivation.setObjectName("motivation")
        self.motivation.setMinimumHeight(160)
        self.motivation.setTabChangesFocus(True)
        self.fields["motivation"] = add_row(form, "Moti&vation", self.motivation, with_error=True, required=True)
        self.motivation_counter = QLabel()
        self.motivation_counter.setObjectName("motivation_counter")
        self.motivation_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.motivation_counter)
        self.row_companions[self.fields["motivation"]] = (self.motivation_counter,)
        self.motivation.textChanged.connect(self._motivation_typed)
        return box

    def _contact_section(self) -> QGroupBox:
        box, form = self._group("Vos informations de contact")
        self.contact_first_name = self._line(form, "contact_first_name", "Prén&om", required=True)
        self.contact_last_name = self._line(form, "contact_last_name", "Nom", required=True)
        self.contact_function = self._line(
            form, "contact_function", "Votre fonction", "Secrétaire de mairie", required=True
        )
        self.contact_email = self._line(form, "contact_email", "E-mai&l", "prenom.nom@mairie.fr", required=True)
        self.contact_phone = self._line(form, "contact_phone", "Télép&hone", "03 86 12 34 56", required=True)
        return box

    def _commitments_section(self) -> QGroupBox:
        box, form = self._group("Vos engagements")
        form.addRow(QLabel(f"<b>{COMMITMENTS_INTRO} :</b>"))
        self.commitment_boxes: list[QCheckBox] = []
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        for text in COMMITMENTS:
            # no style sheet of its own: it would keep Qt's pale disabled grey over the
            # form's locked palette, and a filed request's commitments could hardly be read
            check = QCheckBox(text)
            check.toggled.connect(lambda _c: self._left("commitments"))
            inner.addWidget(check)
            self.commitment_boxes.append(check)
        self.fields["commitments"] = FieldWithError(holder)
        form.addRow(self.fields["commitments"])
        missions = QLabel(
            "<b>Les trois missions prioritaires du conseiller numérique :</b><ol>"
            + "".join(f"<li>{m}</li>" for m in MISSIONS)
            + "</ol>"
        )
        missions.setWordWrap(True)
        form.addRow(missions)
        return box

    def _signatory_section(self) -> QGroupBox:
        box, form = self._group("Signataire")
        # The settings' civility (shared with them, as the structure section is), before the
        # name as the engagement writes it. No Alt+letter: the letters of its label are taken
        # in this tab already; Tab reaches it.
        self.signatory_civility = civility_choice()
        self.signatory_civility.setObjectName("signatory_civility")
        self.signatory_civility.setToolTip(
            "Enregistrée dans les « Paramètres de la structure ». Les documents écrivent "
            "« Je soussignée » (Madame) ou « Je soussigné » (Monsieur) ; avec « — », "
            "« Je soussigné(e) »."
        )
        add_row(form, "Civilité du signataire", self.signatory_civility)
        self.signatory_civility.currentIndexChanged.connect(
            lambda _i: self._left("signatory_civility")
        )
        self.signatory_name = self._line(form, "signatory_name", "Nom du signataire", required=True)
        self.signatory_title = QComboBox()
        self.signatory_title.setEditable(True)
        self.signatory_title.addItems(SIGNATORY_TITLES)
        self.fields["signatory_title"] = add_row(
            form, "&Qualité du signataire", self.signatory_title, with_error=True, required=True
        )
        self.signatory_title.currentTextChanged.connect(lambda _t: self._edited("signatory_title"))
        self.signature_place = self._line(form, "signature_place", "Lieu de signature", required=True)
        return box

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(
            self, "label_columns"
        ):
            self.label_columns.align()

    # -- values ----------------------------------------------------------------------------
    def set_values(self, data: RequestData, structure: StructureInfo, *, editable: bool) -> None:
        self._loading = True
        try:
            self._data, self._structure = data, structure
            self._touched.clear()
            self.structure_type.setCurrentIndex(max(self.structure_type.findData(structure.structure_type), 0))
            for key in ("name", "siret", "address", "postal_code", "commune", "insee_code",
                        "departement", "region"):
                getattr(self, key).setText(getattr(structure, key))
            self._show_saved_commune(structure)
            self.posts_wanted.setValue(data.posts_wanted)
            # a new draft proposes today, as the programme's form does; it may be cleared
            self.start_date.set_value(data.start_date or self.today)
            self._accepted_start = data.start_date or self.today
            self.candidate_identified.setCurrentIndex(1 if data.candidate_identified else 0)
            for key in ("candidate_name", "candidate_email", "contact_first_name",
                        "contact_last_name", "contact_function", "contact_email",
                        "contact_phone", "signatory_name", "signature_place"):
                getattr(self, key).setText(getattr(data, key))
            self.motivation.setPlainText(data.motivation)
            for check, ok in zip(self.commitment_boxes, data.commitments, strict=True):
                check.setChecked(ok)
            self.signatory_title.setCurrentText(data.signatory_title)
            set_civility(self.signatory_civility, structure.signatory_civility)
            for field in self.fields.values():
                field.set_error(None)
            for box in self.sections:
                _set_editable(box, editable)
            for always in (self.insee_code, self.departement, self.region):
                always.setReadOnly(True)  # filled from the commune chosen
            self.commune_choice.setEnabled(editable and self.commune_choice.count() > 0)
            self._candidate_toggled()
            self._motivation_typed()
            # a value longer than its field shows its beginning, not its last words (setText
            # leaves the cursor at the end: a 120-character mayor's name read « …d'Hautpoulé »)
            for edit in self.findChildren(QLineEdit):
                edit.setCursorPosition(0)
        finally:
            self._loading = False

    def values(self) -> tuple[RequestData, StructureInfo]:
        structure = replace(
            self._structure,
            structure_type=self.structure_type.currentData(),
            name=self.name.text().strip(),
            siret=validation.digits_only(self.siret.text()),
            address=self.address.text().strip(),
            postal_code=self.postal_code.text().strip(),
            commune=self.commune.text().strip(),
            insee_code=self.insee_code.text().strip(),
            departement=self.departement.text().strip(),
            region=self.region.text().strip(),
            signatory_civility=self.signatory_civility.currentData() or "",
        )
        identified = bool(self.candidate_identified.currentData())
        data = replace(
            self._data,
            posts_wanted=self.posts_wanted.value(),
            start_date=self._start_date(),
            candidate_identified=identified,
            candidate_name=self.candidate_name.text().strip() if identified else "",
            candidate_email=self.candidate_email.text().strip() if identified else "",
            motivation=self.motivation.toPlainText(),
            contact_first_name=self.contact_first_name.text().strip(),
            contact_last_name=self.contact_last_name.text().strip(),
            contact_function=self.contact_function.text().strip(),
            contact_email=self.contact_email.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            commitments=tuple(c.isChecked() for c in self.commitment_boxes),
            signatory_name=self.signatory_name.text().strip(),
            signatory_title=self.signatory_title.currentText().strip(),
            signature_place=self.signature_place.text().strip(),
        )
        return data, structure

    def _start_date(self) -> date | None:
        """The start date typed; while what is typed is not a date, the one last accepted (the
        autosave never writes a half-typed date)."""
        with suppress(DateInputError):
            self._accepted_start = self.start_date.value()
        return self._accepted_start

    def set_today(self, today: date) -> None:
        """The context's day: the past-date rule and the start date's plausible range use it."""
        self.today = today
        self.start_date.today = today
        self.start_date.set_range(start_date_range(today))

    # -- checks ----------------------------------------------------------------------------
    def errors(self) -> dict[str, str]:
        data, structure = self.values()
        errors = {**check_structure_section(structure), **check_request_fields(data, self.today)}
        if typed := self.start_date.input_error():
            errors["start_date"] = typed
        return errors

    def refresh_errors(self, *, all_fields: bool = False) -> dict[str, str]:
        """Show the messages of the fields already left (or of every field)."""
        errors = self.errors()
        for key, field in self.fields.items():
            shown = all_fields or key in self._touched
            field.set_error(errors.get(key) if shown else None)
        return errors

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        full = (key == "siret" and len(validation.digits_only(self.siret.text())) >= 14) or (
            key == "postal_code" and len(self.postal_code.text().strip()) == 5
        )
        if full:
            self._touched.add(key)
        if key in self._touched:
            self.refresh_errors()
        self.changed.emit()

    def _left(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        if key in ("postal_code", "siret", "structure_type"):
            self._touched.update({"insee_code"} if self.insee_code.text() else set())
        self.refresh_errors()
        self.changed.emit()
        self.left_field.emit()

    def _start_date_left(self) -> None:
        if self._loading or self.start_date.edit.isReadOnly():
            return
        self._left("start_date")

    def _candidate_toggled(self) -> None:
        identified = bool(self.candidate_identified.currentData())
        for key in ("candidate_name", "candidate_email"):
            self.fields[key].setVisible(identified)
            label = self.fields[key].parentWidget().layout().labelForField(self.fields[key])
            if label is not None:
                label.setVisible(identified)
        if not self._loading:
            self._left("candidate_identified")

    def _motivation_typed(self) -> None:
        length = len(self.motivation.toPlainText())
        locale = QLocale()
        self.motivation_counter.setText(
            f"{locale.toString(length)} / {locale.toString(MOTIVATION_MAX)}"
        )
        over = length > MOTIVATION_MAX
        self.motivation_counter.setStyleSheet(ERROR_STYLE + " font-weight: bold;" if over else "")
        self.motivation_counter.setAccessibleName(
            f"{length} caractères sur {MOTIVATION_MAX}" + (" : texte trop long" if over else "")
        )
        if self._loading:
            return
        if over:
            self._touched.add("motivation")
        if "motivation" in self._touched:
            self.refresh_errors()
        self.changed.emit()

    # -- postal code → commune -------------------------------------------------------------
    def _postal_code_typed(self, text: str) -> None:
        if self._loading:
            return
        found = self._fill_commune_choice(text.strip(), self.insee_code.text().strip())
        if len(found) == 1:
            self.apply_commune(found[0])
        elif found and self.insee_code.text().strip() not in {c.insee for c in found}:
            for key in ("insee_code", "departement", "region"):
                getattr(self, key).clear()

    def _show_saved_commune(self, structure: StructureInfo) -> None:
        """The commune as saved, without reading the list of communes (17 Mo in memory): the
        list of the code's communes is read when the choice is first used (focus or opened)
        or a postal code is typed, so opening the tab stays light at start-up."""
        self.commune_choice.pending = True
        self.commune_choice.blockSignals(True)
        self.commune_choice.clear()
        if structure.insee_code and structure.commune:
            label = f"{structure.commune} ({structure.postal_code})"
            if structure.departement:
                label += f" — {structure.departement}"
            self.commune_choice.addItem(label, structure.insee_code)
            self.commune_choice.setCurrentIndex(0)
        self.commune_choice.setEnabled(bool(structure.insee_code and structure.commune))
        self.commune_choice.setPlaceholderText("Tapez le code postal")
        self.commune_choice.blockSignals(False)

    def _load_commune_choice(self) -> None:
        """The communes of the saved postal code, the saved one chosen (see above)."""
        self._fill_commune_choice(self.postal_code.text().strip(), self.insee_code.text().strip())

    def _fill_commune_choice(self, postal_code: str, insee: str) -> tuple[communes.Commune, ...]:
        self.commune_choice.pending = False
        found = communes.for_postal_code(postal_code) if len(postal_code) == 5 else ()
        self.commune_choice.blockSignals(True)
        self.commune_choice.clear()
        for commune in found:
            self.commune_choice.addItem(commune.label, commune.insee)
        self.commune_choice.setEnabled(bool(found))
        self.commune_choice.setCurrentIndex(self.commune_choice.findData(insee))
        self.commune_choice.setPlaceholderText(
            f"{len(found)} commune(s) : choisissez la vôtre" if found else "Tapez le code postal"
        )
        self.commune_choice.blockSignals(False)
        return found

    def _commune_chosen(self, index: int) -> None:
        commune = communes.by_insee(self.commune_choice.itemData(index) or "")
        if commune is not None:
            self.apply_commune(commune)

    def apply_commune(self, commune: communes.Commune) -> None:
        """Fill commune, INSEE code, département and région from the chosen commune."""
        self.commune.setText(commune.name)
        self.insee_code.setText(commune.insee)
        self.departement.setText(commune.departement)
        self.region.setText(commune.region)
        self.commune_choice.setCurrentIndex(self.commune_choice.findData(commune.insee))
        if not self.signature_place.text().strip():
            self.signature_place.setText(commune.name)
        self._left("insee_code")


class _LazyChoice(QComboBox):
    """A choice filled by ``before_use`` the first time it is focused or opened while
    ``pending``: the keyboard (Tab, then arrows or Alt+↓) and the mouse both get the full
    list."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = False
        self.before_use: Callable[[], None] | None = None

    def _use(self) -> None:
        if self.pending and self.before_use is not None:
            self.pending = False
            self.before_use()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        self._use()
        super().focusInEvent(event)

    def showPopup(self) -> None:  # noqa: N802 (Qt API)
        self._use()
        super().showPopup()


def _set_editable(box: QWidget, editable: bool) -> None:
    """A filed request is read, not typed into: its text fields become read-only (their text
    can still be selected and copied) and its choices are locked, both dark on light (the
    form is ``legible_when_locked``) instead of the disabled light grey that is hard to
    read."""
    for widget in box.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            show_read_only(widget, not editable)
        elif isinstance(widget, (QComboBox, QCheckBox, QAbstractSpinBox, QAbstractButton)):
            widget.setEnabled(editable)
