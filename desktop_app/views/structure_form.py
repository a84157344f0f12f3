""""Paramètres de la structure": the form, its dialog, checked as the user leaves each field.

The same ``StructureForm`` serves the settings dialog and the first-start assistant. Both are
dialogs of the view toolkit: the form sits in a scroll area and the window never grows taller
than the screen (1366×768 laptops), so "Enregistrer" stays on screen; the save runs through the
operation runner and announces "structure" to the tabs.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.structure import SIGNATORY_CIVILITIES, STRUCTURE_TYPES
from desktop_app.services import opening_hours, validation
from desktop_app.services.structure import (
    StructureInfo,
    check_structure,
    get_structure,
    save_structure,
)
from desktop_app.views.common import files, input_safety
from desktop_app.views.common.forms import FieldWithError, FormDialog, LabelColumns, add_row
from desktop_app.views.context import AppContext

SIGNATORY_TITLES = ["Maire", "Maire adjoint", "Maire adjointe", "Président", "Présidente",
                    "Directeur", "Directrice", "Secrétaire général", "Secrétaire générale"]
LOGO_MAX_SIDE = 600
PREFERRED_HEIGHT = 780  # the whole form without scrolling, where the screen allows it


def civility_choice() -> QComboBox:
    """« — », « Madame », « Monsieur »: the signatory's civility, "" (not said) first. A fixed
    list, so that the documents only ever agree with a civility they know. On the focused
    choice the arrows choose, or the first letter: « M » is Madame, « M » again after a pause
    Monsieur."""
    choice = QComboBox()
    for value, label in SIGNATORY_CIVILITIES.items():
        choice.addItem(label, value)
    return choice


def set_civility(choice: QComboBox, value: str) -> None:
    """Show ``value``; a value the list does not hold (written by another program) shows « — »
    and is saved as not said."""
    choice.setCurrentIndex(max(choice.findData(value), 0))


def preferred_height(widget: QWidget | None) -> int:
    """``PREFERRED_HEIGHT``, or the screen's free height minus the window frame when smaller."""
    return min(PREFERRED_HEIGHT, input_safety.available_geometry(widget).height() - 40)


class StructureForm(QWidget):
    """Every field of the structure's identity, with a message under each wrong one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._logo: bytes | None = None
        self._fields: dict[str, FieldWithError] = {}
        layout = QVBoxLayout(self)
        boxes = [self._identity_box(), self._signatory_box(), self._venue_box()]
        for box in boxes:
            layout.addWidget(box)
        # one label column for the three sections: the signatory's fields stood 5 px left of
        # the identity's (each form sizes its own column)
        self.label_columns = LabelColumns([box.layout() for box in boxes])
        self.label_columns.align()
        for name, widget in (("name", self.name), ("siret", self.siret),
                             ("postal_code", self.postal_code), ("phone", self.phone),
                             ("email", self.email)):
            widget.editingFinished.connect(lambda n=name: self._check_field(n))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(
            self, "label_columns"
        ):
            self.label_columns.align()

    # -- building --
    def _identity_box(self) -> QGroupBox:
        identity = QGroupBox("Identité de la structure")
        form = QFormLayout(identity)
        self.type_combo = QComboBox()
        for value, label in STRUCTURE_TYPES.items():
            self.type_combo.addItem(label, value)
        add_row(form, "&Type de structure", self.type_combo)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Commune de …")
        self._fields["name"] = add_row(form, "&Nom de la structure *", self.name, with_error=True)
        self.siret = QLineEdit()
        self.siret.setPlaceholderText("14 chiffres")
        self._fields["siret"] = add_row(form, "&SIRET", self.siret, with_error=True)
        self.address = QLineEdit()
        add_row(form, "&Adresse", self.address)
        self.postal_code = QLineEdit()
        self.postal_code.setMaxLength(5)
        self._fields["postal_code"] = add_row(form, "Code &postal", self.postal_code, with_error=True)
        self.commune_choice = QComboBox()
        self.commune_choice.setEnabled(False)
        # « Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson (51290) — Marne » would set the
        # form's width (a horizontal scroll bar in a 680 px window); the list opens wider
        self.commune_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.commune_choice.setMinimumContentsLength(24)
        add_row(form, "Communes de ce code postal", self.commune_choice)
        self.commune = QLineEdit()
        add_row(form, "&Commune", self.commune)
        # Filled from the offline commune file when a commune is chosen (request area).
        self.insee_code = QLineEdit()
        self.insee_code.setReadOnly(True)
        add_row(form, "Code INSEE", self.insee_code)
        self.departement = QLineEdit()
        self.departement.setReadOnly(True)
        add_row(form, "Département", self.departement)
        self.region = QLineEdit()
        self.region.setReadOnly(True)
        add_row(form, "Région", self.region)
        self.postal_code.textChanged.connect(self._postal_code_typed)
        self.commune_choice.activated.connect(self._commune_chosen)
        self.phone = QLineEdit()
        self._fields["phone"] = add_row(form, "Télép&hone", self.phone, with_error=True)
        self.email = QLineEdit()
        self._fields["email"] = add_row(form, "E-&mail", self.email, with_error=True)
        self._logo_row(form)
        return identity

    def _logo_row(self, form: QFormLayout) -> None:
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel("Aucun logo")
        self.logo_preview.setMinimumSize(120, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px dashed #999;")
        self.logo_choose = QPushButton("Choisir une image…")
        self.logo_choose.clicked.connect(self._choose_logo)
        self.logo_remove = QPushButton("Retirer")
        self.logo_remove.clicked.connect(lambda: self._set_logo(None))
        logo_layout.addWidget(self.logo_preview)
        logo_layout.addWidget(self.logo_choose)
        logo_layout.addWidget(self.logo_remove)
        logo_layout.addStretch()
        logo_label = QLabel("&Logo")
        logo_label.setBuddy(self.logo_choose)
        form.addRow(logo_label, logo_row)

    def _signatory_box(self) -> QGroupBox:
        signatory = QGroupBox("Signataire des documents")
        sform = QFormLayout(signatory)
        # Before the name, as the documents write it (« Je soussignée Marie Dupont, Maire »).
        self.signatory_civility = civility_choice()
        add_row(sform, "Ci&vilité du signataire", self.signatory_civility)
        self.signatory_name = QLineEdit()
        add_row(sform, "Nom du si&gnataire", self.signatory_name)
        self.signatory_title = QComboBox()
        self.signatory_title.setEditable(True)
        self.signatory_title.addItems(SIGNATORY_TITLES)
        add_row(sform, "&Qualité (Maire, Présidente…)", self.signatory_title)
        return signatory

    def _venue_box(self) -> QGroupBox:
        venue = QGroupBox("Lieu d'accueil du public (la bibliothèque)")
        vform = QFormLayout(venue)
        self.venue_name = QLineEdit()
        add_row(vform, "Nom du l&ieu", self.venue_name)
        self.venue_address = QLineEdit()
        add_row(vform, "Adresse d&u lieu", self.venue_address)
        hint = QLabel("Horaires d'ouverture : une ligne par jour, par exemple 09:00-12:00, "
                      "14:00-18:30. Laissez vide un jour de fermeture.")
        hint.setWordWrap(True)
        vform.addRow(hint)
        self.hours: dict[str, QLineEdit] = {}
        for day in opening_hours.DAYS:
            edit = QLineEdit()
            edit.setPlaceholderText("fermé")
            self.hours[day] = edit
            self._fields[f"hours_{day}"] = add_row(
                vform, opening_hours.DAY_LABELS[day], edit, with_error=True
            )
            edit.editingFinished.connect(lambda d=day: self._check_day(d))
        return venue

    # -- values --
    def set_info(self, info: StructureInfo) -> None:
        index = self.type_combo.findData(info.structure_type)
        self.type_combo.setCurrentIndex(max(index, 0))
        self.name.setText(info.name)
        self.siret.setText(info.siret)
        self.address.setText(info.address)
        self.postal_code.setText(info.postal_code)
        self.commune.setText(info.commune)
        self.insee_code.setText(info.insee_code)
        self.departement.setText(info.departement)
        self.region.setText(info.region)
        self._fill_communes(info.postal_code, info.insee_code)
        self.phone.setText(info.phone)
        self.email.setText(info.email)
        set_civility(self.signatory_civility, info.signatory_civility)
        self.signatory_name.setText(info.signatory_name)
        self.signatory_title.setCurrentText(info.signatory_title)
        self.venue_name.setText(info.venue_name)
        self.venue_address.setText(info.venue_address)
        for day, edit in self.hours.items():
            edit.setText(opening_hours.format_day(info.opening_hours.get(day, [])))
        self._base = info
        self._set_logo(info.logo_png)

    def info(self, *, parse_hours: bool = True) -> StructureInfo:
        """The form's values; raises OpeningHoursError for badly typed hours (when parsed)."""
        hours = (
            {day: opening_hours.parse_day(edit.text(), day) for day, edit in self.hours.items()}
            if parse_hours
            else {}
        )
        base = getattr(self, "_base", StructureInfo())
        return replace(
            base,
            structure_type=self.type_combo.currentData(),
            name=self.name.text().strip(),
            siret=validation.digits_only(self.siret.text()),
            address=self.address.text().strip(),
            postal_code=self.postal_code.text().strip(),
            commune=self.commune.text().strip(),
            insee_code=self.insee_code.text().strip(),
            departement=self.departement.text().strip(),
            region=self.region.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            logo_png=self._logo,
            signatory_civility=self.signatory_civility.currentData() or "",
            signatory_name=self.signatory_name.text().strip(),
            signatory_title=self.signatory_title.currentText().strip(),
            venue_name=self.venue_name.text().strip(),
            venue_address=self.venue_address.text().strip(),
            opening_hours=hours,
        )

    # -- postal code → commune (offline file, see services/request/communes.py) --
    def _fill_communes(self, postal_code: str, insee: str) -> tuple:
        from desktop_app.services.request import communes

        found = communes.for_postal_code(postal_code) if len(postal_code) == 5 else ()
        self.commune_choice.clear()
        for commune in found:
            self.commune_choice.addItem(commune.label, commune.insee)
        self.commune_choice.setEnabled(bool(found))
        self.commune_choice.setCurrentIndex(self.commune_choice.findData(insee))
        # Several communes share a postal code (23 for 51290): an empty choice said nothing.
        self.commune_choice.setPlaceholderText(
            f"{len(found)} communes : choisissez la vôtre" if len(found) > 1
            else "Tapez le code postal"
        )
        return found

    def _postal_code_typed(self, text: str) -> None:
        found = self._fill_communes(text.strip(), self.insee_code.text().strip())
        if len(found) == 1:
            self._apply_commune(found[0].insee)
        elif self.insee_code.text().strip() not in {c.insee for c in found}:
            for edit in (self.insee_code, self.departement, self.region):
                edit.clear()

    def _commune_chosen(self, index: int) -> None:
        self._apply_commune(self.commune_choice.itemData(index) or "")

    def _apply_commune(self, insee: str) -> None:
        from desktop_app.services.request import communes

        commune = communes.by_insee(insee)
        if commune is None:
            return
        self.commune.setText(commune.name)
        self.insee_code.setText(commune.insee)
        self.departement.setText(commune.departement)
        self.region.setText(commune.region)
        self.commune_choice.setCurrentIndex(self.commune_choice.findData(insee))

    # -- checks --
    def _check_field(self, name: str) -> None:
        errors = check_structure(self.info(parse_hours=False))
        self._fields[name].set_error(errors.get(name))

    def _check_day(self, day: str) -> bool:
        try:
            opening_hours.parse_day(self.hours[day].text(), day)
        except opening_hours.OpeningHoursError as exc:
            self._fields[f"hours_{day}"].set_error(str(exc))
            return False
        self._fields[f"hours_{day}"].set_error(None)
        return True

    def validate(self) -> StructureInfo | None:
        """Show every message; return the values when all are valid."""
        days_ok = all([self._check_day(day) for day in self.hours])
        errors = check_structure(self.info(parse_hours=False))
        for name, field in self._fields.items():
            if not name.startswith("hours_"):
                field.set_error(errors.get(name))
        if errors:
            self._fields[next(iter(errors))].field.setFocus()
        if errors or not days_ok:
            return None
        return self.info()

    # -- logo --
    def _choose_logo(self) -> None:
        path = files.ask_open_path(
            self, "logo", "Choisir le logo", "Images (*.png *.jpg *.jpeg *.bmp *.gif)"
        )
        if path is None:
            return
        image = QImage(str(path))
        if image.isNull():
            self.logo_preview.setText("Image illisible")
            return
        if max(image.width(), image.height()) > LOGO_MAX_SIDE:
            image = image.scaled(LOGO_MAX_SIDE, LOGO_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        self._set_logo(bytes(data.data()))

    def _set_logo(self, data: bytes | None) -> None:
        self._logo = data
        self.logo_remove.setEnabled(data is not None)
        if not data:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Aucun logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.logo_preview.setPixmap(
            pixmap.scaled(120, 60, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
        )


class StructureDialog(FormDialog):
    """The settings dialog: saves only valid values; a wrong field keeps the dialog open."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Paramètres de la structure", parent, ctx=ctx, min_width=600)
        # ``form`` is the structure's fields here (callers and tests read ``dialog.form.name``);
        # the base's own row layout stays empty, this dialog adds no ``row()``.
        self.form = StructureForm()  # type: ignore[assignment]
        with ctx.db.session() as session:
            self.form.set_info(get_structure(session))
        self.add_widget(self.form)
        self.fields.update(self.form._fields)  # the service's messages go under their fields
        self.resize(680, preferred_height(parent))

    def accept(self) -> None:
        info = self.form.validate()
        if info is None:
            return
        if self.run_save(lambda: self._save(info), changes=("structure",), initiator=self):
            self.accept_saved()

    def _save(self, info: StructureInfo) -> None:
        with self.ctx.db.session() as session:
            save_structure(session, info)
