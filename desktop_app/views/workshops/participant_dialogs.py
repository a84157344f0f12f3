"""A person: "Nouvelle personne" / "Modifier la personne", and the search that comes first.

``ParticipantDialog.accept`` saves through the service; a person with the same name is not
created twice unless the user confirms it is someone else (``confirm_same_name``, a method so
tests can answer it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.db import Database
from desktop_app.models.workshops import AGE_BRACKETS, GENDERS, SOCIAL_STATUSES
from desktop_app.services.workshops import ValidationError
from desktop_app.services.workshops import participants as ps
from desktop_app.views.widgets import ERROR_STYLE, add_row, ask


def fill_combo(combo: QComboBox, labels: dict[str, str]) -> None:
    for key, label in labels.items():
        combo.addItem(label, key)


def set_combo(combo: QComboBox, key: object) -> None:
    i = combo.findData(key)
    combo.setCurrentIndex(max(0, i))


class ParticipantDialog(QDialog):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        participant_id: int | None = None,
        first_name: str = "",
        last_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.participant_id = participant_id
        self.setWindowTitle("Modifier la personne" if participant_id else "Nouvelle personne")
        self.setObjectName("participantDialog")
        form = QFormLayout()
        self.first_name = QLineEdit(first_name)
        self.last_name = QLineEdit(last_name)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("facultatif, ex. 03 86 12 34 56")
        self.email = QLineEdit()
        self.email.setPlaceholderText("facultatif")
        self.age = QComboBox()
        fill_combo(self.age, AGE_BRACKETS)
        self.status = QComboBox()
        fill_combo(self.status, SOCIAL_STATUSES)
        self.gender = QComboBox()
        fill_combo(self.gender, GENDERS)
        for combo in (self.age, self.status, self.gender):
            set_combo(combo, "nc")  # "Non communiqué" unless the person says
        self.commune = QLineEdit()
        self.helped_before = QCheckBox("Déjà accompagné(e) auparavant")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.fields = {
            "first_name": add_row(form, "&Prénom", self.first_name, with_error=True),
            "last_name": add_row(form, "&Nom", self.last_name, with_error=True),
            "phone": add_row(form, "&Téléphone", self.phone, with_error=True),
            "email": add_row(form, "&E-mail", self.email, with_error=True),
            "age_bracket": add_row(form, "Tr&anche d'âge", self.age, with_error=True),
            "social_status": add_row(form, "&Statut", self.status, with_error=True),
            "gender": add_row(form, "&Genre", self.gender, with_error=True),
            "commune": add_row(form, "&Commune de résidence", self.commune, with_error=True),
        }
        form.addRow("", self.helped_before)
        add_row(form, "N&otes", self.notes)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if participant_id:
            with db.session() as s:
                data = ps.get_participant(s, participant_id)
            self.first_name.setText(data.first_name)
            self.last_name.setText(data.last_name)
            self.phone.setText(data.phone)
            self.email.setText(data.email)
            set_combo(self.age, data.age_bracket)
            set_combo(self.status, data.social_status)
            set_combo(self.gender, data.gender)
            self.commune.setText(data.commune)
            self.helped_before.setChecked(data.helped_before)
            self.notes.setPlainText(data.notes)
        self.resize(480, 0)

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
        )

    def confirm_same_name(self, message: str) -> bool:
        return ask(self, "Même nom", message + "\n\nCréer quand même une nouvelle fiche ?")

    def accept(self) -> None:
        data = self.value()
        for f in self.fields.values():
            f.set_error(None)
        self.message.setVisible(False)
        allow_same = False
        while True:
            try:
                with self.db.session() as s:
                    if self.participant_id:
                        ps.update_participant(s, self.participant_id, data)
                    else:
                        self.participant_id = ps.create_participant(
                            s, data, allow_same_name=allow_same
                        )
            except ValidationError as exc:
                for key, msg in exc.errors.items():
                    if key in self.fields:
                        self.fields[key].set_error(msg)
                    else:
                        self.message.setText(msg)
                        self.message.setVisible(True)
                first = next((k for k in self.fields if k in exc.errors), None)
                if first:
                    self.fields[first].field.setFocus()
                return
            except ps.PossibleDuplicate as exc:
                if self.confirm_same_name(str(exc)):
                    allow_same = True
                    continue
                self.message.setText(str(exc))
                self.message.setVisible(True)
                return
            break
        super().accept()


class ParticipantSearch(QWidget):
    """A search field and its results: type part of a name, pick the person."""

    picked = Signal(int)  # participant id (double-click or Entrée)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.field = QLineEdit()
        self.field.setPlaceholderText("Nom, prénom, commune ou téléphone…")
        self.results = QListWidget()
        self.results.setAccessibleName("Personnes trouvées")
        self.results.setMaximumHeight(96)
        label = QLabel("&Rechercher une personne")
        label.setBuddy(self.field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self._pick_first)
        self.results.itemActivated.connect(
            lambda item: self.picked.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def _text_changed(self, _text: str) -> None:
        self.results.clear()  # never show results of an older search
        self._timer.start()

    def run_search(self) -> None:
        text = self.field.text().strip()
        self.results.clear()
        if not text:
            return
        with self.db.session() as s:
            found = ps.search(s, text, limit=30)
        for p in found:
            extra = " — ".join(x for x in (p.commune, p.phone) if x)
            item = QListWidgetItem(
                f"{p.last_name.upper()} {p.first_name}" + (f" ({extra})" if extra else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem(
                "Aucune personne trouvée : créez-la avec « Nouvelle personne… »."
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        else:
            self.results.setCurrentRow(0)

    def _pick_first(self) -> None:
        self._timer.stop()
        self.run_search()
        pid = self.current_id()
        if pid is not None:
            self.picked.emit(pid)

    def current_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def name_guess(self) -> tuple[str, str]:
        """What was typed, as (first name, last name), to pre-fill "Nouvelle personne"."""
        words = self.field.text().split()
        if len(words) >= 2:
            return words[0], " ".join(words[1:])
        return "", " ".join(words)


class ParticipantPickerDialog(QDialog):
    """Choose the person of an individual appointment: search, or create."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.participant_id: int | None = None
        self.setWindowTitle("Choisir la personne accompagnée")
        self.search = ParticipantSearch(db)
        self.search.picked.connect(self._picked)
        self.new_button = QPushButton("&Nouvelle personne…")
        self.new_button.clicked.connect(self.create_person)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch()
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(row)
        self.resize(460, 300)

    def _picked(self, pid: int) -> None:
        self.participant_id = pid
        super().accept()

    def create_person(self) -> None:
        first, last = self.search.name_guess()
        dialog = ParticipantDialog(self.db, self, first_name=first, last_name=last)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.participant_id:
            self._picked(dialog.participant_id)

    def accept(self) -> None:
        pid = self.search.current_id()
        if pid is None:
            return
        self._picked(pid)
