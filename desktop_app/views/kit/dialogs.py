"""Dialogs of the kit tab. Each takes a ``save`` callable that runs the service in one unit of
work; a ``KitError`` keeps the dialog open with the message at the field (or at the bottom),
so nothing is half-written. Tests fill the widgets and call ``accept()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.kit import BORROWER_KINDS, CATEGORY_KINDS, CONDITIONS
from desktop_app.services.kit.catalog import (
    DEFAULT_FUNDING,
    EDITABLE_CONDITIONS,
    MAX_UNITS_AT_ONCE,
    CategoryInfo,
    ItemData,
    ItemInfo,
    KitError,
)
from desktop_app.services.kit.loans import LendRefusedError
from desktop_app.views.widgets import ERROR_STYLE, FieldWithError, add_row


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def parse_amount(text: str) -> Decimal | None:
    """ "1 234,50 €" → Decimal("1234.50"); "" → None; raises ValueError with a French message."""
    cleaned = (
        text.replace("€", "")
        .replace("\u202f", "")
        .replace("\xa0", "")
        .replace(" ", "")
        .replace(",", ".")
        .strip()
    )
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"« {text.strip()} » n'est pas un montant : écrivez par exemple 219,90."
        ) from None
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("Indiquez au plus deux chiffres après la virgule (centimes).")
    return value


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


class KitDialog(QDialog):
    """Shared frame: a form, a red message line, OK/Annuler; ``save`` may raise KitError."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.fields: dict[str, FieldWithError] = {}
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.result_value: object = None

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def row(self, name: str, label: str, widget: QWidget) -> QWidget:
        wrapper = add_row(self.form, label, widget, with_error=True)
        assert wrapper is not None
        self.fields[name] = wrapper
        return widget

    def clear_errors(self) -> None:
        for wrapper in self.fields.values():
            wrapper.set_error(None)
        self.message.setVisible(False)

    def show_error(self, error: Exception) -> None:
        errors = getattr(error, "errors", {}) or {}
        placed = False
        for name, text in errors.items():
            if name in self.fields:
                self.fields[name].set_error(text)
                placed = True
        if not placed or isinstance(error, LendRefusedError):
            self.message.setText(str(error))
            self.message.setVisible(True)
        first = next((self.fields[n] for n in errors if n in self.fields), None)
        if first is not None:
            first.field.setFocus()

    def run_save(self, save: Callable[[], object]) -> bool:
        self.clear_errors()
        try:
            self.result_value = save()
        except KitError as exc:
            self.show_error(exc)
            return False
        return True


# ---------------------------------------------------------------- items


class ItemDialog(KitDialog):
    """Add or edit equipment (one record per unit, several units at once when adding) or a
    consumable (a quantity and an alert threshold)."""

    def __init__(
        self,
        categories: list[CategoryInfo],
        save: Callable[[ItemData, int], object],
        *,
        consumable: bool,
        item: ItemInfo | None = None,
        locations: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if item is not None:
            title = f"Modifier {item.inventory_number}"
        else:
            title = "Ajouter un consommable" if consumable else "Ajouter du matériel"
        super().__init__(title, parent)
        self.setMinimumWidth(520)
        self.save = save
        self.consumable = consumable
        kind = "consommable" if consumable else "materiel"
        self.category = QComboBox()
        for category in categories:
            if category.kind == kind:
                self.category.addItem(category.name, category.id)
        self.row("category_id", "&Catégorie :", self.category)
        self.brand = self.row("brand", "&Marque :", QLineEdit())
        self.model = self.row("model", "&Désignation :" if consumable else "Mo&dèle :", QLineEdit())
        self.count = QSpinBox()
        self.count.setRange(1, MAX_UNITS_AT_ONCE)
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 1_000_000)
        self.serial = QLineEdit()
        if consumable:
            self.row("quantity", "&Quantité en stock :", self.quantity)
            self.row("alert_threshold", "&Seuil d'alerte :", self.threshold)
        else:
            self.row("serial", "N° de &série :", self.serial)
            if item is None:
                self.row("count", "&Nombre d'unités :", self.count)
                hint = QLabel(
                    "Chaque unité reçoit son propre numéro d'inventaire (KIT-0001, KIT-0002…)."
                )
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #555555;")
                self.form.addRow("", hint)
        self.acquired = QDateEdit()
        self.acquired.setCalendarPopup(True)
        self.acquired.setDisplayFormat("dd/MM/yyyy")
        self.acquired.setDate(QDate.currentDate())
        self.acquired.setMaximumDate(QDate.currentDate())
        self.row("acquired_on", "Date d'&acquisition :", self.acquired)
        self.value = QLineEdit()
        self.value.setPlaceholderText("ex. 219,90")
        if not consumable:
            self.row("value", "&Valeur (€) :", self.value)
        self.funding = QComboBox()
        self.funding.setEditable(True)
        self.funding.addItems([DEFAULT_FUNDING, "Budget communal (investissement)", "Don"])
        self.row("funding", "&Financement :", self.funding)
        self.condition = QComboBox()
        for value in EDITABLE_CONDITIONS:
            self.condition.addItem(CONDITIONS[value], value)
        if not consumable:
            self.row("condition", "É&tat :", self.condition)
        self.location = QComboBox()
        self.location.setEditable(True)
        self.location.addItems(locations or [])
        self.location.setCurrentText("")
        self.row("location", "&Emplacement :", self.location)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.row("notes", "N&otes :", self.notes)
        if item is not None:
            self._fill(item)
        self.finish_layout()

    def _fill(self, item: ItemInfo) -> None:
        self.category.setCurrentIndex(max(self.category.findData(item.category.id), 0))
        self.brand.setText(item.brand)
        self.model.setText(item.model)
        self.serial.setText(item.serial)
        if item.acquired_on:
            self.acquired.setDate(to_qdate(item.acquired_on))
        self.value.setText(amount_text(item.value))
        self.funding.setCurrentText(item.funding)
        self.condition.setCurrentIndex(max(self.condition.findData(item.condition), 0))
        self.location.setCurrentText(item.location)
        self.notes.setPlainText(item.notes)
        self.quantity.setValue(item.quantity or 0)
        self.threshold.setValue(item.alert_threshold or 0)

    def data(self) -> ItemData:
        """The form as ItemData; raises KitError when the value cannot be read."""
        try:
            value = parse_amount(self.value.text())
        except ValueError as exc:
            raise KitError(str(exc), {"value": str(exc)}) from None
        acquired = self.acquired.date()
        return ItemData(
            category_id=self.category.currentData() or 0,
            brand=self.brand.text(),
            model=self.model.text(),
            serial=self.serial.text(),
            acquired_on=date(acquired.year(), acquired.month(), acquired.day()),
            value=value,
            funding=self.funding.currentText(),
            condition=self.condition.currentData() or "neuf",
            location=self.location.currentText(),
            notes=self.notes.toPlainText(),
            quantity=self.quantity.value() if self.consumable else None,
            alert_threshold=self.threshold.value() if self.consumable else None,
        )

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.data(), self.count.value())):
            super().accept()


class CategoryDialog(KitDialog):
    def __init__(
        self, save: Callable[[str, str, bool, str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__("Nouvelle catégorie", parent)
        self.save = save
        self.name = self.row("name", "&Nom (au pluriel) :", QLineEdit())
        self.name.setPlaceholderText("ex. Liseuses")
        self.singular = self.row("singular", "Au &singulier :", QLineEdit())
        self.singular.setPlaceholderText("ex. liseuse (deviné si vide)")
        self.feminine = QCheckBox("Nom &féminin (« 2 liseuses demandées »)")
        self.form.addRow("", self.feminine)
        self.kind = QComboBox()
        for value, label in CATEGORY_KINDS.items():
            self.kind.addItem(label, value)
        self.row("kind", "&Genre :", self.kind)
        self.finish_layout()

    def accept(self) -> None:
        if self.run_save(
            lambda: self.save(
                self.name.text(),
                self.singular.text(),
                self.feminine.isChecked(),
                self.kind.currentData(),
            )
        ):
            super().accept()


class TextDialog(KitDialog):
    """One text (reason of a retirement, description of a breakdown), with an explanation."""

    def __init__(
        self,
        title: str,
        explanation: str,
        label: str,
        save: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.save = save
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(80)
        self.row("reason", label, self.text)
        self.finish_layout()

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.text.toPlainText())):
            super().accept()


class RepairDialog(KitDialog):
    def __init__(
        self, item: ItemInfo, save: Callable[[str, str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(f"{item.inventory_number} réparé", parent)
        self.save = save
        self.condition = QComboBox()
        for value in ("neuf", "bon", "use"):
            self.condition.addItem(CONDITIONS[value], value)
        self.condition.setCurrentIndex(1)
        self.row("condition", "&État après réparation :", self.condition)
        self.detail = self.row("detail", "&Intervention :", QLineEdit())
        self.detail.setPlaceholderText("ex. écran remplacé par le réparateur")
        self.finish_layout()

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.condition.currentData(), self.detail.text())):
            super().accept()


class StockDialog(KitDialog):
    def __init__(
        self, item: ItemInfo, save: Callable[[int, str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Stock de {item.inventory_number}", parent)
        self.save = save
        intro = QLabel(
            f"{item.description} : {item.quantity or 0} en stock. Indiquez une quantité positive "
            "pour une livraison, négative pour des exemplaires distribués."
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.delta = QSpinBox()
        self.delta.setRange(-1_000_000, 1_000_000)
        self.row("delta", "&Quantité (+ ou −) :", self.delta)
        self.detail = self.row("detail", "&Motif :", QLineEdit())
        self.detail.setPlaceholderText("ex. distribués à l'atelier « Démarches CAF »")
        self.finish_layout()

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.delta.value(), self.detail.text())):
            super().accept()


# ---------------------------------------------------------------- loans


@dataclass(frozen=True)
class ReservationChoice:
    source: str
    label: str  # shown in the list
    name: str  # borrower name proposed (the workshop's title)
    end: datetime
    items: tuple[ItemInfo, ...]


class LoanDialog(KitDialog):
    """A loan of several items. Items are added by number (typed or scanned + Enter); the
    service says, item by item, why one cannot go (lent, reserved, broken, retired)."""

    def __init__(
        self,
        find_item: Callable[[str], ItemInfo | None],
        save: Callable[[dict], object],
        *,
        now: datetime,
        reservations: list[ReservationChoice] | None = None,
        items: list[ItemInfo] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Nouveau prêt", parent)
        self.setMinimumWidth(560)
        self.find_item = find_item
        self.save = save
        self.kind = QComboBox()
        for value, label in BORROWER_KINDS.items():
            self.kind.addItem(label, value)
        self.row("borrower_kind", "&Prêté à :", self.kind)
        self.name = self.row("borrower_name", "&Nom :", QLineEdit())
        self.name.setPlaceholderText("Nom et prénom, ou nom de l'atelier ou de l'événement")
        self.phone = self.row("phone", "&Téléphone :", QLineEdit())
        self.id_checked = QCheckBox("Pièce d'&identité vérifiée")
        self.form.addRow("", self.id_checked)
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy HH:mm")
        default_due = (now + timedelta(days=7)).replace(hour=18, minute=0, second=0, microsecond=0)
        self.due.setDateTime(to_qdatetime(default_due))
        self.row("due", "&Retour prévu le :", self.due)
        self.reservation = QComboBox()
        self.reservation.addItem("Aucune", None)
        self._reservations = {choice.source: choice for choice in reservations or []}
        for choice in reservations or []:
            self.reservation.addItem(choice.label, choice.source)
        self.row("for_source", "Ré&servation :", self.reservation)
        self.reservation_hint = QLabel(
            "Pour un atelier ou un événement qui emporte le matériel qu'il a réservé."
        )
        self.reservation_hint.setStyleSheet("color: #555555;")
        self.reservation_hint.setWordWrap(True)
        self.form.addRow("", self.reservation_hint)

        self.scan = QLineEdit()
        self.scan.setPlaceholderText("Tapez ou scannez un n° d'inventaire, puis Entrée")
        self.add_button = QPushButton("Ajouter à la liste")
        scan_row = QWidget()
        scan_layout = QHBoxLayout(scan_row)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_layout.addWidget(self.scan, 1)
        scan_layout.addWidget(self.add_button)
        label = QLabel("Article à a&jouter :")
        label.setBuddy(self.scan)
        self.form.addRow(label, scan_row)
        self.items = QListWidget()
        self.items.setFixedHeight(110)
        self.row("items", "Articles prêté&s :", self.items)
        self.remove_button = QPushButton("Retirer l'article sélectionné de la liste")
        self.form.addRow("", self.remove_button)
        self.notes = self.row("notes", "Re&marques :", QLineEdit())
        self.scan.returnPressed.connect(self.add_scanned)
        self.add_button.clicked.connect(self.add_scanned)
        self.remove_button.clicked.connect(self.remove_selected)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.reservation.currentIndexChanged.connect(self._reservation_chosen)
        for item in items or []:
            self.add_item(item)
        self._kind_changed()
        self.finish_layout()
        # Enter in the scan field adds an item; it must not validate the whole dialog
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "personne"
        self.id_checked.setEnabled(person)
        self.reservation.setEnabled(not person)

    def _reservation_chosen(self) -> None:
        """A workshop taking what it reserved: its units go in the list, due at its end."""
        choice = self._reservations.get(self.reservation.currentData())
        if choice is None:
            return
        for item in choice.items:
            self.add_item(item)
        self.due.setDateTime(to_qdatetime(choice.end))
        if not self.name.text().strip():
            self.name.setText(choice.name)

    def item_ids(self) -> list[int]:
        return [
            self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
        ]

    def add_item(self, item: ItemInfo) -> None:
        if item.id in self.item_ids():
            return
        entry = QListWidgetItem(
            f"{item.inventory_number} — {item.description} ({item.category.name})"
        )
        entry.setData(Qt.ItemDataRole.UserRole, item.id)
        self.items.addItem(entry)

    def add_scanned(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        item = self.find_item(text)
        self.clear_errors()
        if item is None:
            self.fields["items"].set_error(f"Aucun article ne porte le numéro « {text} ».")
        else:
            self.add_item(item)
            self.scan.clear()
        self.scan.setFocus()

    def remove_selected(self) -> None:
        for entry in self.items.selectedItems():
            self.items.takeItem(self.items.row(entry))

    def request(self) -> dict:
        return {
            "borrower_kind": self.kind.currentData(),
            "borrower_name": self.name.text(),
            "phone": self.phone.text(),
            "id_checked": self.id_checked.isChecked() and self.kind.currentData() == "personne",
            "due": from_qdatetime(self.due.dateTime()),
            "item_ids": self.item_ids(),
            "notes": self.notes.text(),
            "for_source": self.reservation.currentData() if self.reservation.isEnabled() else None,
        }

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.request())):
            super().accept()


class ReturnDialog(KitDialog):
    """Items coming back: each one ticked, with its condition on return."""

    def __init__(
        self,
        title: str,
        lines: list[tuple[int, str]],
        save: Callable[[list, datetime], object],
        *,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.save = save
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setDateTime(to_qdatetime(now))
        self.row("when", "&Rendu le :", self.when)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("<b>Article rendu</b>"), 0, 0)
        grid.addWidget(QLabel("<b>État au retour</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Remarque</b>"), 0, 2)
        self.lines: list[tuple[int, QCheckBox, QComboBox, QLineEdit]] = []
        for n, (item_id, text) in enumerate(lines, start=1):
            check = QCheckBox(text)
            check.setChecked(True)
            combo = QComboBox()
            for value in ("neuf", "bon", "use", "en_panne"):
                combo.addItem(CONDITIONS[value], value)
            combo.setCurrentIndex(1)
            combo.setAccessibleName(f"État au retour de {text.split(' — ')[0]}")
            note = QLineEdit()
            note.setAccessibleName(f"Remarque sur {text.split(' — ')[0]}")
            note.setPlaceholderText("ex. écran rayé")
            note.setMinimumWidth(200)
            grid.addWidget(check, n, 0)
            grid.addWidget(combo, n, 1)
            grid.addWidget(note, n, 2)
            self.lines.append((item_id, check, combo, note))
        grid.setColumnStretch(2, 1)
        self.layout_.addWidget(grid_widget)
        self.setMinimumWidth(700)
        self.finish_layout()

    def set_line(
        self, item_id: int, *, returned: bool = True, condition: str = "bon", notes: str = ""
    ) -> None:
        for line_id, check, combo, note in self.lines:
            if line_id == item_id:
                check.setChecked(returned)
                combo.setCurrentIndex(combo.findData(condition))
                note.setText(notes)

    def returns(self) -> list[tuple[int, str, str]]:
        return [
            (item_id, combo.currentData(), note.text())
            for item_id, check, combo, note in self.lines
            if check.isChecked()
        ]

    def accept(self) -> None:
        if self.run_save(lambda: self.save(self.returns(), from_qdatetime(self.when.dateTime()))):
            super().accept()


class ReserveDialog(KitDialog):
    """Reserve units for an outside event (workshops reserve from the "Ateliers" tab)."""

    def __init__(
        self,
        categories: list[CategoryInfo],
        save: Callable[[str, datetime, datetime, dict], object],
        *,
        start: datetime,
        end: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Réserver du matériel", parent)
        self.save = save
        self.label = self.row("label", "&Pour :", QLineEdit())
        self.label.setPlaceholderText("ex. Fête du numérique à la salle des fêtes")
        self.start = QDateTimeEdit()
        self.end = QDateTimeEdit()
        for edit, value in ((self.start, start), (self.end, end)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setDateTime(to_qdatetime(value))
        self.row("start", "&Du :", self.start)
        self.row("end", "&Au :", self.end)
        self.setMinimumWidth(480)
        units = QLabel("<b>Unités à réserver</b>")
        self.form.addRow(units)
        self.spins: dict[int, QSpinBox] = {}
        for category in categories:
            if category.kind != "materiel":
                continue
            spin = QSpinBox()
            spin.setRange(0, 10_000)
            self.spins[category.id] = spin
            self.row(f"cat{category.id}", f"{category.name} :", spin)
        self.finish_layout()

    def accept(self) -> None:
        wanted = {cid: spin.value() for cid, spin in self.spins.items() if spin.value()}
        if self.run_save(
            lambda: self.save(
                self.label.text(),
                from_qdatetime(self.start.dateTime()),
                from_qdatetime(self.end.dateTime()),
                wanted,
            )
        ):
            super().accept()
