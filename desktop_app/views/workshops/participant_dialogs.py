"""A person: "Nouvelle personne" / "Modifier la personne", and the search that comes first.

``ParticipantDialog`` is a toolkit form: the save runs through the operation runner, a refused
field shows its message under it, and Escape asks before throwing away what was typed. A person
with the same name is not created twice unless the user confirms it is someone else
(``confirm_same_name``, a method so tests can answer it).

``ParticipantSearch`` is the toolkit's search-and-add field: Down enters the results, Enter
picks the highlighted person and never closes the window it sits in.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.workshops import AGE_BRACKETS, GENDERS, SOCIAL_STATUSES
from desktop_app.services.request import communes
from desktop_app.services.workshops import participants as ps
from desktop_app.views.common.forms import FormDialog, GuardedDialog, ask
from desktop_app.views.common.search_add import Found, SearchAdd
from desktop_app.views.context import AppContext


def ps_first_year() -> int:
    """The earliest birth year La Coop accepts."""
    return 1900


def fill_combo(combo: QComboBox, labels: dict[str, str]) -> None:
    for key, label in labels.items():
        combo.addItem(label, key)


def set_combo(combo: QComboBox, key: object) -> None:
    i = combo.findData(key)
    combo.setCurrentIndex(max(0, i))


class ParticipantDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        participant_id: int | None = None,
        first_name: str = "",
        last_name: str = "",
    ) -> None:
        super().__init__(
            "Modifier la personne" if participant_id else "Nouvelle personne", parent, ctx=ctx
        )
        self.participant_id = participant_id
        self.setObjectName("participantDialog")
        self._build_fields(first_name, last_name)
        if participant_id:
            self._load(participant_id)
        self.resize(520, 0)

    def _build_fields(self, first_name: str, last_name: str) -> None:
        self.first_name = self.row("first_name", "&Prénom", QLineEdit(first_name))
        self.last_name = self.row("last_name", "&Nom", QLineEdit(last_name))
        self.phone = self.row("phone", "&Téléphone", QLineEdit())
        self.phone.setPlaceholderText("facultatif, ex. 03 86 12 34 56")
        self.email = self.row("email", "E-&mail", QLineEdit())
        self.email.setPlaceholderText("facultatif")
        this_year = self.ctx.today().year
        self.birth_year = self.row("birth_year", "&Année de naissance", QSpinBox())
        # the lowest value stands for "unknown": the typed bracket is kept then
        self.birth_year.setRange(ps_first_year() - 1, this_year)
        self.birth_year.setSpecialValueText("Inconnue")
        self.birth_year.setValue(self.birth_year.minimum())
        self.birth_year.setAccessibleName("Année de naissance")
        self.age = self.row("age_bracket", "T&ranche d'âge", QComboBox())
        fill_combo(self.age, AGE_BRACKETS)
        self.birth_year.valueChanged.connect(self._year_changed)
        self.status = self.row("social_status", "&Statut", QComboBox())
        fill_combo(self.status, SOCIAL_STATUSES)
        self.gender = self.row("gender", "&Genre", QComboBox())
        fill_combo(self.gender, GENDERS)
        for combo in (self.age, self.status, self.gender):
            set_combo(combo, "nc")  # "Non communiqué" unless the person says
        self.postal_code = self.row("postal_code", "Co&de postal", QLineEdit())
        self.postal_code.setMaxLength(5)
        self.postal_code.setPlaceholderText("ex. 58240")
        self.postal_code.textChanged.connect(self._postal_code_changed)
        self.insee = self.row("insee_code", "Commune (code &INSEE)", QComboBox())
        self.insee.setAccessibleName("Commune du code postal, avec son code INSEE")
        self.insee.currentIndexChanged.connect(self._insee_changed)
        self._postal_code_changed()
        self.commune = self.row("commune", "&Commune de résidence", QLineEdit())
        self.helped_before = QCheckBox("Déjà accompagné(e) a&uparavant")
        self.form.addRow("", self.helped_before)
        self.notes = self.row("notes", "N&otes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)

    def _load(self, participant_id: int) -> None:
        with self.ctx.db.session() as s:
            data = ps.get_participant(s, participant_id)
        self.first_name.setText(data.first_name)
        self.last_name.setText(data.last_name)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        set_combo(self.age, data.age_bracket)
        if data.birth_year is not None:
            self.birth_year.setValue(data.birth_year)
        self.postal_code.setText(data.postal_code)
        set_combo(self.insee, data.insee_code)
        set_combo(self.status, data.social_status)
        set_combo(self.gender, data.gender)
        self.commune.setText(data.commune)
        self.helped_before.setChecked(data.helped_before)
        self.notes.setPlainText(data.notes)

    def value(self) -> ps.ParticipantInput:
        return ps.ParticipantInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            age_bracket=self.age.currentData(),
            social_status=self.status.currentData(),
            gender=self.gender.currentData(),
            commune=self.commune.text(),
            helped_before=self.helped_before.isChecked(),
            notes=self.notes.toPlainText(),
            birth_year=self.year_value(),
            postal_code=self.postal_code.text(),
            insee_code=self.insee.currentData() or "",
        )

    def year_value(self) -> int | None:
        year = self.birth_year.value()
        return None if year == self.birth_year.minimum() else year

    def _year_changed(self) -> None:
        """A known year gives La Coop's bracket, shown and not typed; unknown, the bracket
        typed before stays."""
        year = self.year_value()
        if year is None:
            self.age.setEnabled(True)
            if getattr(self, "_typed_age", None) is not None:
                set_combo(self.age, self._typed_age)
            return
        if self.age.isEnabled():
            self._typed_age = self.age.currentData()
        set_combo(self.age, ps.age_bracket(year, "nc", self.ctx.today().year))
        self.age.setEnabled(False)

    def _postal_code_changed(self) -> None:
        code = self.postal_code.text().strip()
        found = communes.for_postal_code(code) if len(code) == 5 else ()
        keep = self.insee.currentData()
        self.insee.blockSignals(True)
        self.insee.clear()
        self.insee.addItem("Non précisée" if found else "Tapez d'abord le code postal", "")
        for c in found:
            self.insee.addItem(f"{c.name} (INSEE {c.insee})", c.insee)
        self.insee.blockSignals(False)
        self.insee.setEnabled(bool(found))
        if keep and self.insee.findData(keep) > 0:
            set_combo(self.insee, keep)
        elif len(found) == 1:
            self.insee.setCurrentIndex(1)

    def _insee_changed(self) -> None:
        code = self.insee.currentData()
        if code and (c := communes.by_insee(code)) is not None:
            self.commune.setText(c.name)

    def confirm_same_name(self, message: str) -> bool:
        return ask(self, "Même nom", message + "\n\nCréer quand même une nouvelle fiche ?")

    def _save(self, data: ps.ParticipantInput, allow_same: bool) -> int:
        """Runs on the worker thread: no widget is touched here."""
        with self.ctx.db.session() as s:
            if self.participant_id:
                ps.update_participant(s, self.participant_id, data)
                return self.participant_id
            return ps.create_participant(s, data, allow_same_name=allow_same)

    def accept(self) -> None:
        data = self.value()
        allow_same = False
        while not self.run_save(
            lambda a=allow_same: self._save(data, a), changes=("workshops",),
            initiator=self.parentWidget(),
        ):
            refusal = self.last_outcome.error if self.last_outcome else None
            if not isinstance(refusal, ps.PossibleDuplicate) or allow_same:
                return
            if not self.confirm_same_name(str(refusal)):
                return  # the message stays shown in the form
            allow_same = True
        self.participant_id = int(self.result_value)  # type: ignore[arg-type]
        self.accept_saved()


class ParticipantSearch(SearchAdd):
    """Type part of a name (accents not needed), Down into the results, Enter picks."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self._find,
            parent,
            placeholder="Nom, prénom, commune ou téléphone…",
            empty_text="Aucune personne trouvée : créez-la avec « Nouvelle personne… ».",
            results_name="Personnes trouvées",
            max_height=96,
        )
        self.ctx = ctx
        self.field.setAccessibleName("Rechercher une personne")
        self.label = QLabel("&Rechercher une personne")
        self.label.setBuddy(self.field)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.label)

    @property
    def picked(self):  # noqa: ANN201 - the ``chosen`` signal, under the name callers use
        return self.chosen

    def _find(self, text: str) -> Found:
        with self.ctx.db.session() as s:
            found = ps.search(s, text, limit=30)
        rows = []
        for p in found:
            extra = " — ".join(x for x in (p.commune, p.phone) if x)
            rows.append(
                (p.id, f"{p.last_name.upper()} {p.first_name}" + (f" ({extra})" if extra else ""))
            )
        return rows

    def name_guess(self) -> tuple[str, str]:
        """What was typed, as (first name, last name), to pre-fill "Nouvelle personne"."""
        words = self.field.text().split()
        if len(words) >= 2:
            return words[0], " ".join(words[1:])
        return "", " ".join(words)


PICKER_ROWS = 12  # people the picker's results show without scrolling


class ParticipantPickerDialog(GuardedDialog):
    """Choose the person of an individual appointment: search (Enter picks), or create."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.participant_id: int | None = None
        self.setWindowTitle("Choisir la personne accompagnée")
        self.search = ParticipantSearch(ctx)
        self.search.chosen.connect(self._picked)
        self.new_button = QPushButton("&Nouvelle personne…")
        self.new_button.clicked.connect(self.create_person)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Choisir")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch()
        row.addWidget(buttons)
        # here the results are what the dialog is for: the list takes the room the search
        # field leaves (in the session panel it stays a few rows under its field), about a
        # dozen people at once, and the dialog is no taller than that
        results = self.search.results
        results.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX: no limit
        rows = max(results.fontMetrics().height() + 2, 16) * PICKER_ROWS
        results.setMinimumHeight(rows + 2 * results.frameWidth())
        search_layout = self.search.layout()
        assert isinstance(search_layout, QVBoxLayout)
        search_layout.setStretchFactor(results, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search, 1)
        layout.addLayout(row)
        self.resize(520, self.sizeHint().height())

    def _picked(self, pid: int) -> None:
        self.participant_id = pid
        self.mark_clean()  # choosing is the point of this dialog: nothing to discard
        super().accept()

    def create_person(self) -> None:
        first, last = self.search.name_guess()
        dialog = ParticipantDialog(self.ctx, self, first_name=first, last_name=last)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.participant_id:
            self._picked(dialog.participant_id)

    def accept(self) -> None:
        pid = self.search.current_id()
        if pid is None:
            return
        self._picked(pid)
