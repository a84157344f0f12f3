"""The session editor: "Nouvel atelier", "Nouvel accompagnement", "Modifier la séance".

Saving goes through the services in one unit of work. Field errors show under their field,
clashes (the conseiller busy, kit units missing) in red at the bottom and nothing is written;
warnings (public holiday, closed hours, training day) are asked about (``confirm_warnings``, a
method so tests can answer it) and the session is saved only if the user goes on.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
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
from desktop_app.services.workshops import ConflictError, ValidationError, WarningsNotAccepted
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.widgets import ERROR_STYLE, FieldWithError, add_row, ask
from desktop_app.views.workshops.participant_dialogs import (
    ParticipantPickerDialog,
    fill_combo,
    set_combo,
)

NO_REPEAT = ""


class SessionDialog(QDialog):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        session_id: int | None = None,
        kind: str = "collectif",
        start: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.session_id = session_id
        self.saved_ids: list[int] = []
        self.series_id: int | None = None
        self.participant_id: int | None = None
        self.setObjectName("sessionDialog")
        with db.session() as s:
            self.kit_categories = cf.kit_categories(s)
            venue = ss.default_venue(s)
            existing = ss.get_session(s, session_id) if session_id else None
            self.series_text = (
                sr.series_label(s, existing.series_id) if existing and existing.series_id else ""
            )
        self._build(venue)
        if existing is not None:
            self.setWindowTitle("Modifier la séance")
            self._load(existing)
        else:
            self.setWindowTitle(
                "Nouvel accompagnement individuel" if kind == "individuel" else "Nouvel atelier"
            )
            set_combo(self.kind, kind)
            start = start or datetime.combine(date.today(), time(14, 0))
            self.date.setDate(QDate(start.year, start.month, start.day))
            self.time.setTime(QTime(start.hour, start.minute))
            if kind == "individuel":
                self.duration.setValue(45)
        self._kind_changed()
        self._repeat_changed()

    # -- building --
    def _build(self, venue: str) -> None:
        self.kind = QComboBox()
        fill_combo(self.kind, SESSION_KINDS)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText("ex. Premiers pas sur tablette")
        self.level = QComboBox()
        self.level.addItem("Non précisé", None)
        fill_combo(self.level, LEVELS)
        self.person = QLineEdit()
        self.person.setReadOnly(True)
        self.person.setPlaceholderText("Aucune personne choisie")
        self.person.setAccessibleName("Personne accompagnée")
        self.choose_person = QPushButton("C&hoisir…")
        self.choose_person.setAccessibleName("Choisir la personne accompagnée")
        self.choose_person.clicked.connect(self.pick_person)
        person_row = QWidget()
        pl = QHBoxLayout(person_row)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.person, 1)
        pl.addWidget(self.choose_person)
        person_row.setFocusProxy(self.person)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dddd d MMMM yyyy")
        self.date.dateChanged.connect(self._repeat_changed)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(5, cf.MAX_DURATION_MIN)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Durée en minutes")
        self.duration.setValue(60)
        duration_row = QWidget()
        dl = QHBoxLayout(duration_row)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.duration)
        for minutes in ss.DURATION_PRESETS:
            button = QPushButton(f"{minutes}")
            button.setAccessibleName(f"Durée {minutes} minutes")
            button.setToolTip(f"{minutes} minutes")
            button.setMaximumWidth(40)
            button.clicked.connect(lambda _c=False, m=minutes: self.duration.setValue(m))
            dl.addWidget(button)
        duration_row.setFocusProxy(self.duration)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, ss.MAX_CAPACITY)
        self.capacity.setValue(10)
        self.capacity.setSuffix(" places")
        self.anonymous = QSpinBox()
        self.anonymous.setRange(0, ss.MAX_CAPACITY)
        self.anonymous.setToolTip(
            "Personnes venues sans inscription nominative, comptées pour le bilan d'activité"
        )
        self.place_type = QComboBox()
        fill_combo(self.place_type, PLACE_TYPES)
        self.venue = QLineEdit(venue)
        self.venue.setMaxLength(300)
        self.status = QComboBox()
        fill_combo(self.status, SESSION_STATUSES)
        self.autonomy = QComboBox()
        self.autonomy.addItem("Non précisé", None)
        fill_combo(self.autonomy, AUTONOMY)
        self.referral = QLineEdit()
        self.referral.setMaxLength(200)
        self.referral.setPlaceholderText("ex. France Services, CAF, CPAM, mairie…")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)

        left = QFormLayout()
        self.fields: dict[str, FieldWithError] = {}
        self.fields["kind"] = add_row(left, "T&ype", self.kind, with_error=True)
        self.fields["title"] = add_row(left, "&Titre", self.title, with_error=True)
        self.fields["level"] = add_row(left, "Ni&veau", self.level, with_error=True)
        self.fields["participant"] = add_row(left, "&Personne", person_row, with_error=True)
        self.fields["start"] = add_row(left, "&Date", self.date, with_error=True)
        add_row(left, "&Heure de début", self.time)
        self.fields["duration_min"] = add_row(left, "Du&rée", duration_row, with_error=True)
        self.fields["capacity"] = add_row(left, "Pla&ces", self.capacity, with_error=True)
        self.fields["anonymous_count"] = add_row(
            left, "Venus s&ans inscription", self.anonymous, with_error=True
        )
        self.fields["place_type"] = add_row(left, "Type de &lieu", self.place_type, with_error=True)
        self.fields["venue"] = add_row(left, "L&ieu", self.venue, with_error=True)
        self.fields["status"] = add_row(left, "&Statut", self.status, with_error=True)
        self.fields["autonomy"] = add_row(
            left, "A&utonomie atteinte", self.autonomy, with_error=True
        )
        self.fields["referral"] = add_row(left, "&Orientation vers", self.referral, with_error=True)
        add_row(left, "&Notes", self.notes)
        self._left_form = left

        # right column: themes, equipment, kit, repetition / scope
        self.themes = QListWidget()
        self.themes.setAccessibleName("Thématiques")
        for key, label in THEMES.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(item)
        self.themes.setMinimumHeight(230)
        themes_label = QLabel("Thé&matiques (une ou plusieurs)")
        themes_label.setBuddy(self.themes)
        self.fields["themes"] = FieldWithError(self.themes)

        equipment_box = QGroupBox("Matériel utilisé")
        grid = QGridLayout(equipment_box)
        self.equipment: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(EQUIPMENT.items()):
            box = QCheckBox(label)
            self.equipment[key] = box
            grid.addWidget(box, i // 3, i % 3)
        self.equipment_error = QLabel()
        self.equipment_error.setStyleSheet(ERROR_STYLE)
        self.equipment_error.setVisible(False)
        grid.addWidget(self.equipment_error, 2, 0, 1, 3)

        kit_box = QGroupBox("Kit d'inclusion réservé (appareils)")
        kit_form = QFormLayout(kit_box)
        self.kit: dict[int, QSpinBox] = {}
        for cid, name in self.kit_categories:
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setMaximumWidth(90)
            self.kit[cid] = spin
            add_row(kit_form, name, spin)
        if not self.kit_categories:
            kit_form.addRow(QLabel("Aucun matériel du kit n'est réservable."))

        self.repeat_box = QGroupBox("Répétition")
        rl = QFormLayout(self.repeat_box)
        self.repeat = QComboBox()
        self.repeat.addItem("Pas de répétition", NO_REPEAT)
        for key in ("weekly", "biweekly", "monthly_rank"):
            self.repeat.addItem("", key)
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        add_row(rl, "&Répéter", self.repeat)
        self.until_radio = QRadioButton("&Jusqu'au")
        self.count_radio = QRadioButton("Pour un nom&bre de séances")
        self.until_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.until_radio)
        group.addButton(self.count_radio)
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.until.setAccessibleName("Date de la dernière séance")
        self.count = QSpinBox()
        self.count.setRange(1, sr.MAX_OCCURRENCES)
        self.count.setValue(6)
        self.count.setAccessibleName("Nombre de séances")
        rl.addRow(self.until_radio, self.until)
        rl.addRow(self.count_radio, self.count)
        self.repeat_error = QLabel()
        self.repeat_error.setStyleSheet(ERROR_STYLE)
        self.repeat_error.setWordWrap(True)
        self.repeat_error.setVisible(False)
        rl.addRow(self.repeat_error)

        self.scope_box = QGroupBox("Appliquer la modification à")
        sl = QVBoxLayout(self.scope_box)
        self.series_info = QLabel()
        self.series_info.setWordWrap(True)
        self.scope_one = QRadioButton("Cette séance seu&lement")
        self.scope_from = QRadioButton("Cette séance et les sui&vantes de la série")
        self.scope_one.setChecked(True)
        sl.addWidget(self.series_info)
        sl.addWidget(self.scope_one)
        sl.addWidget(self.scope_from)

        right = QVBoxLayout()
        right.addWidget(themes_label)
        right.addWidget(self.fields["themes"], 1)
        right.addWidget(equipment_box)
        right.addWidget(kit_box)

        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addWidget(self.repeat_box)
        left_box.addWidget(self.scope_box)
        left_box.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left_box, 3)
        columns.addLayout(right, 2)
        body = QWidget()
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.problems = QLabel()
        self.problems.setObjectName("sessionProblems")
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(980, 720)

    def _load(self, d: ss.SessionDetail) -> None:
        set_combo(self.kind, d.kind)
        self.kind.setEnabled(False)  # a workshop does not turn into an appointment
        self.title.setText(d.title)
        set_combo(self.level, d.level)
        self.participant_id = d.participant_id
        self.person.setText(d.person_name)
        self.date.setDate(QDate(d.start.year, d.start.month, d.start.day))
        self.time.setTime(QTime(d.start.hour, d.start.minute))
        self.duration.setValue(d.duration_min)
        if d.capacity:
            self.capacity.setValue(d.capacity)
        self.anonymous.setValue(d.anonymous_count)
        set_combo(self.place_type, d.place_type)
        self.venue.setText(d.venue)
        set_combo(self.status, d.status)
        set_combo(self.autonomy, d.autonomy)
        self.referral.setText(d.referral)
        self.notes.setPlainText(d.notes)
        self.set_themes(d.themes)
        for key, box in self.equipment.items():
            box.setChecked(key in d.equipment)
        for cid, spin in self.kit.items():
            spin.setValue(d.kit.get(cid, 0))
        self.series_id = d.series_id

    # -- reactions --
    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        self._left_form.setRowVisible(field, visible)

    def _kind_changed(self) -> None:
        individual = self.kind.currentData() == "individuel"
        self._set_row_visible(self.fields["level"], not individual)
        self._set_row_visible(self.fields["capacity"], not individual)
        self._set_row_visible(self.fields["anonymous_count"], not individual)
        self._set_row_visible(self.fields["participant"], individual)
        self._set_row_visible(self.fields["autonomy"], individual)
        self._set_row_visible(self.fields["referral"], individual)
        self.repeat_box.setVisible(self.session_id is None)
        self.scope_box.setVisible(self.session_id is not None and self.series_id is not None)
        if self.series_id is not None:
            self.series_info.setText(f"Cette séance fait partie d'une série : {self.series_text}.")

    def _repeat_changed(self) -> None:
        first = self.date.date().toPython()
        for i in range(1, self.repeat.count()):
            self.repeat.setItemText(i, sr.rule_label(self.repeat.itemData(i), first))
        repeating = self.repeat.currentData() != NO_REPEAT
        for w in (self.until_radio, self.count_radio, self.until, self.count):
            w.setEnabled(repeating)
        if self.until.date() <= self.date.date():
            self.until.setDate(self.date.date().addMonths(2))

    def set_themes(self, keys: list[str]) -> None:
        for i in range(self.themes.count()):
            item = self.themes.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_themes(self) -> list[str]:
        return [
            self.themes.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.themes.count())
            if self.themes.item(i).checkState() == Qt.CheckState.Checked
        ]

    def pick_person(self) -> None:
        dialog = ParticipantPickerDialog(self.db, self)
        if self.run_dialog(dialog) and dialog.participant_id:
            self.set_person(dialog.participant_id)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows a dialog modally; tests replace this to fill the dialog and accept it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def set_person(self, participant_id: int) -> None:
        from desktop_app.services.workshops.participants import get_participant

        with self.db.session() as s:
            p = get_participant(s, participant_id)
        self.participant_id = participant_id
        self.person.setText(f"{p.first_name} {p.last_name}")
        self.fields["participant"].set_error(None)

    # -- saving --
    def value(self) -> ss.SessionInput:
        start = datetime.combine(self.date.date().toPython(), self.time.time().toPython())
        individual = self.kind.currentData() == "individuel"
        return ss.SessionInput(
            kind=self.kind.currentData(),
            title=self.title.text(),
            themes=self.checked_themes(),
            level=None if individual else self.level.currentData(),
            place_type=self.place_type.currentData(),
            venue=self.venue.text(),
            start=start.replace(second=0, microsecond=0),
            duration_min=self.duration.value(),
            capacity=None if individual else self.capacity.value(),
            equipment=[k for k, box in self.equipment.items() if box.isChecked()],
            kit={cid: spin.value() for cid, spin in self.kit.items() if spin.value()},
            notes=self.notes.toPlainText(),
            status=self.status.currentData(),
            autonomy=self.autonomy.currentData() if individual else None,
            referral=self.referral.text() if individual else "",
            participant_id=self.participant_id if individual else None,
            anonymous_count=0 if individual else self.anonymous.value(),
        )

    def confirm_warnings(self, messages: list[str]) -> bool:
        text = "\n".join(f"• {m}" for m in messages)
        return ask(self, "À vérifier", f"{text}\n\nEnregistrer quand même ?")

    def _clear_errors(self) -> None:
        for f in self.fields.values():
            f.set_error(None)
        self.equipment_error.setVisible(False)
        self.repeat_error.setVisible(False)
        self.problems.setVisible(False)

    def _show_errors(self, errors: dict[str, str]) -> None:
        other = []
        for key, msg in errors.items():
            if key in self.fields:
                self.fields[key].set_error(msg)
            elif key == "equipment":
                self.equipment_error.setText(msg)
                self.equipment_error.setVisible(True)
            elif key in ("rule", "until", "count"):
                self.repeat_error.setText(msg)
                self.repeat_error.setVisible(True)
            else:
                other.append(msg)
        if other:
            self.show_problem("\n".join(other))
        first = next((k for k in self.fields if k in errors), None)
        if first:
            self.fields[first].field.setFocus()

    def show_problem(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.setVisible(True)

    def _save(self, data: ss.SessionInput, allow: bool) -> list[int]:
        with self.db.session() as s:
            if self.session_id is not None:
                if self.series_id is not None and self.scope_from.isChecked():
                    sr.update_from(s, self.session_id, data, allow_warnings=allow)
                else:
                    ss.update_session(s, self.session_id, data, allow_warnings=allow)
                return [self.session_id]
            rule = self.repeat.currentData()
            if rule:
                until = self.until.date().toPython() if self.until_radio.isChecked() else None
                count = self.count.value() if self.count_radio.isChecked() else None
                return sr.create_series(
                    s, data, rule, until=until, count=count, allow_warnings=allow
                )
            return [ss.create_session(s, data, allow_warnings=allow)]

    def save(self) -> bool:
        self._clear_errors()
        data = self.value()
        allow = False
        while True:
            try:
                self.saved_ids = self._save(data, allow)
            except ValidationError as exc:
                self._show_errors(exc.errors)
                return False
            except ConflictError as exc:
                lines = "\n".join(f"• {m}" for m in exc.messages)
                self.show_problem(f"Enregistrement impossible :\n{lines}")
                return False
            except WarningsNotAccepted as exc:
                if not self.confirm_warnings(exc.messages):
                    lines = "\n".join(f"• {m}" for m in exc.messages)
                    self.show_problem(f"Non enregistré. À vérifier :\n{lines}")
                    return False
                allow = True
                continue
            return True

    def accept(self) -> None:
        if self.save():
            super().accept()
