"""Dialogs of the kit tab, built on the shared form base (``views.common.forms``).

Each takes a ``save`` callable that runs the service in one unit of work; the form runs it
through the operation runner (off the GUI thread), a ``KitError`` keeps the dialog open with the
message under its field (or above the buttons), so nothing is half-written. Values are read in
the GUI thread before saving: the callable never touches a widget. A successful save announces
"kit" with the dialog's parent (a page of the tab) as initiator: the page shows its own change.
Tests fill the widgets and call ``accept()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.models.kit import BORROWER_KINDS, CATEGORY_KINDS, CONDITIONS
from desktop_app.services.dates import DateInputError, DateRange, add_months
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.kit.catalog import (
    DEFAULT_FUNDING,
    EDITABLE_CONDITIONS,
    MAX_UNITS_AT_ONCE,
    CategoryInfo,
    ItemData,
    ItemInfo,
    KitError,
)
from desktop_app.services.kit.printing import LabelChoice, split_numbers
from desktop_app.services.kit.reservations import ComingReservation, reservable_days
from desktop_app.views.accessibility import mnemonic_of
from desktop_app.views.common.date_fields import DateField, DateTimeField, TypedField
from desktop_app.views.common.forms import FormDialog
from desktop_app.views.common.labels import WrappedLabel
from desktop_app.views.common.search_add import EntryLineEdit

KIT = ("kit",)
T = TypeVar("T")


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


def hint(text: str) -> QLabel:
    """A grey explanation under a field, wrapped."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


def read_form(dialog: FormDialog, read: Callable[[], T]) -> T | None:
    """The values ``read()`` takes from the widgets, or None after showing why they cannot be
    read (a date that is not one, an amount in words): the dialog stays open."""
    dialog.clear_errors()
    if not dialog.check_typed_fields():
        return None
    # what is typed becomes each date and time field's value now: committed later, as the
    # cursor leaves it for the field in error, it counted as an edit and wiped the message
    # just shown (« 23h » typed in « Rendu le », then Alt+E: nothing seen)
    for field in dialog.findChildren(TypedField):
        field.set_value(field.value())
    try:
        return read()
    except FieldErrors as exc:
        dialog.show_errors(exc)
        return None


def save_kit(dialog: FormDialog, save: Callable[[], object]) -> None:
    """Save through the runner, announce "kit" for the page that opened ``dialog``, close."""
    if dialog.run_save(save, changes=KIT, initiator=dialog.parentWidget()):
        dialog.accept_saved()


# ---------------------------------------------------------------- items


class ItemDialog(FormDialog):
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
        today: date | None = None,
        ctx: Any = None,  # noqa: ANN401 - the AppContext
        parent: QWidget | None = None,
    ) -> None:
        if item is not None:
            title = f"Modifier {item.inventory_number}"
        else:
            title = "Ajouter un consommable" if consumable else "Ajouter du matériel"
        super().__init__(title, parent, min_width=520, ctx=ctx)
        self.save = save
        self.consumable = consumable
        self.today = today or date.today()
        self._build_identity(categories)
        self._build_quantities(adding=item is None)
        self._build_acquisition()
        self._build_place(locations or [])
        if item is not None:
            self._fill(item)

    def _build_identity(self, categories: list[CategoryInfo]) -> None:
        kind = "consommable" if self.consumable else "materiel"
        self.category = QComboBox()
        for category in categories:
            if category.kind == kind:
                self.category.addItem(category.name, category.id)
        self.row("category_id", "&Catégorie :", self.category)
        self.brand = self.row("brand", "&Marque :", QLineEdit())
        label = "&Désignation :" if self.consumable else "Mo&dèle :"
        self.model = self.row("model", label, QLineEdit())

    def _build_quantities(self, *, adding: bool) -> None:
        self.count = QSpinBox()
        self.count.setRange(1, MAX_UNITS_AT_ONCE)
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 1_000_000)
        self.serial = QLineEdit()
        if self.consumable:
            self.row("quantity", "&Quantité en stock :", self.quantity)
            self.row("alert_threshold", "&Seuil d'alerte :", self.threshold)
            return
        self.row("serial", "N° de &série :", self.serial)
        if adding:
            self.row("count", "&Nombre d'unités :", self.count)
            self.form.addRow(
                "",
                hint("Chaque unité reçoit son propre numéro d'inventaire (KIT-0001, KIT-0002…)."),
            )

    def _build_acquisition(self) -> None:
        # a plausible acquisition: within the last thirty years, not in the future
        self.acquired = DateField(
            self.today,
            optional=True,
            today=self.today,
            valid=DateRange(add_months(self.today, -12 * 30), self.today, "La date d'acquisition"),
        )
        self.row("acquired_on", "Date d'&acquisition :", self.acquired)
        self.value = QLineEdit()
        self.value.setPlaceholderText("ex. 219,90")
        if not self.consumable:
            self.row("value", "&Valeur (€) :", self.value)
        self.funding = QComboBox()
        self.funding.setEditable(True)
        self.funding.addItems([DEFAULT_FUNDING, "Budget communal (investissement)", "Don"])
        self.row("funding", "&Financement :", self.funding)

    def _build_place(self, locations: list[str]) -> None:
        self.condition = QComboBox()
        for value in EDITABLE_CONDITIONS:
            self.condition.addItem(CONDITIONS[value], value)
        if not self.consumable:
            self.row("condition", "É&tat :", self.condition)
        self.location = QComboBox()
        self.location.setEditable(True)
        self.location.addItems(locations)
        self.location.setCurrentText("")
        self.row("location", "Emp&lacement :", self.location)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)
        self.row("notes", "N&otes :", self.notes)

    def _fill(self, item: ItemInfo) -> None:
        self.category.setCurrentIndex(max(self.category.findData(item.category.id), 0))
        self.brand.setText(item.brand)
        self.model.setText(item.model)
        self.serial.setText(item.serial)
        self.acquired.set_value(item.acquired_on)
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
        return ItemData(
            category_id=self.category.currentData() or 0,
            brand=self.brand.text(),
            model=self.model.text(),
            serial=self.serial.text(),
            acquired_on=self.acquired.value(),
            value=value,
            funding=self.funding.currentText(),
            condition=self.condition.currentData() or "neuf",
            location=self.location.currentText(),
            notes=self.notes.toPlainText(),
            quantity=self.quantity.value() if self.consumable else None,
            alert_threshold=self.threshold.value() if self.consumable else None,
        )

    def accept(self) -> None:
        data = read_form(self, self.data)
        if data is None:
            return
        count = self.count.value()
        save_kit(self, lambda: self.save(data, count))


class CategoryDialog(FormDialog):
    def __init__(
        self,
        save: Callable[[str, str, bool, str], object],
        parent: QWidget | None = None,
        *,
        ctx: Any = None,  # noqa: ANN401
    ) -> None:
        super().__init__("Nouvelle catégorie", parent, ctx=ctx)
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
        # "Type", not "Genre": beside « Nom féminin », "Genre : Matériel" read as grammar
        self.row("kind", "&Type :", self.kind)

    def accept(self) -> None:
        values = (
            self.name.text(),
            self.singular.text(),
            self.feminine.isChecked(),
            self.kind.currentData(),
        )
        save_kit(self, lambda: self.save(*values))


class TextDialog(FormDialog):
    """One text (reason of a retirement, description of a breakdown), with an explanation."""

    def __init__(
        self,
        title: str,
        explanation: str,
        label: str,
        save: Callable[[str], object],
        parent: QWidget | None = None,
        *,
        ctx: Any = None,  # noqa: ANN401
    ) -> None:
        super().__init__(title, parent, ctx=ctx)
        self.save = save
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        self.content_layout.insertWidget(0, intro)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(80)
        self.text.setTabChangesFocus(True)
        self.row("reason", label, self.text)

    def accept(self) -> None:
        text = self.text.toPlainText()
        save_kit(self, lambda: self.save(text))


class RepairDialog(FormDialog):
    def __init__(
        self,
        item: ItemInfo,
        save: Callable[[str, str], object],
        parent: QWidget | None = None,
        *,
        ctx: Any = None,  # noqa: ANN401
    ) -> None:
        super().__init__(f"{item.inventory_number} réparé", parent, ctx=ctx)
        self.save = save
        self.condition = QComboBox()
        for value in ("neuf", "bon", "use"):
            self.condition.addItem(CONDITIONS[value], value)
        self.condition.setCurrentIndex(1)
        self.row("condition", "É&tat après réparation :", self.condition)
        self.detail = self.row("detail", "&Intervention :", QLineEdit())
        self.detail.setPlaceholderText("ex. écran remplacé par le réparateur")

    def accept(self) -> None:
        condition, detail = self.condition.currentData(), self.detail.text()
        save_kit(self, lambda: self.save(condition, detail))


class StockDialog(FormDialog):
    def __init__(
        self,
        item: ItemInfo,
        save: Callable[[int, str], object],
        parent: QWidget | None = None,
        *,
        ctx: Any = None,  # noqa: ANN401
    ) -> None:
        super().__init__(f"Stock de {item.inventory_number}", parent, ctx=ctx)
        self.save = save
        intro = QLabel(
            f"{item.description} : {item.quantity or 0} en stock. Indiquez une quantité positive "
            "pour une livraison, négative pour des exemplaires distribués."
        )
        intro.setWordWrap(True)
        self.content_layout.insertWidget(0, intro)
        self.delta = QSpinBox()
        self.delta.setRange(-1_000_000, 1_000_000)
        self.row("delta", "&Quantité (+ ou −) :", self.delta)
        self.detail = self.row("detail", "&Motif :", QLineEdit())
        self.detail.setPlaceholderText("ex. distribués à l'atelier « Démarches CAF »")

    def accept(self) -> None:
        delta, detail = self.delta.value(), self.detail.text()
        save_kit(self, lambda: self.save(delta, detail))


# ---------------------------------------------------------------- loans


# what a scanner types from a label (« KIT-0002 »), at the end of a field's text
SCANNED_TAIL = re.compile(r"(kit-?\d+)\s*$", re.IGNORECASE)

# (item id, return date, reservation taken) → why the item cannot go and whether that holds
# whatever the return date; None when it can go (``services.kit.loans.scan_refusal``)
ScanCheck = Callable[[int, datetime, "str | None"], "tuple[str, bool] | None"]


class LoanDialog(FormDialog):
    """A loan of several items. Items are added by number, typed or scanned: a scanner types
    the number then Enter, which adds the item and never saves the loan (the scan field keeps
    its Enter); "Enregistrer" (Alt+E) saves. The service says, item by item, why one cannot go
    (lent, reserved, broken, retired); ``check_item`` says it at the scan already, and keeps
    out of the list an item that cannot go whatever the return date."""

    def __init__(
        self,
        find_item: Callable[[str], ItemInfo | None],
        save: Callable[[dict], object],
        *,
        now: datetime,
        reservations: list[ComingReservation] | None = None,
        items: list[ItemInfo] | None = None,
        check_item: ScanCheck | None = None,
        ctx: Any = None,  # noqa: ANN401
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Nouveau prêt", parent, min_width=560, ctx=ctx)
        self.find_item = find_item
        self.check_item = check_item
        self.save = save
        self._reservations = {choice.source: choice for choice in reservations or []}
        self._build_borrower()
        self._build_due(now)
        self._build_reservation(reservations or [])
        self._build_items()
        self.notes = self.row("notes", "Re&marques :", QLineEdit())
        for item in items or []:
            self.add_item(item)
        self._kind_changed()
        # a scan landing in another field (the cursor left in « Nom ») typed the number there
        # and its Enter saved the loan, under « Léa KIT-0002 » and without that item
        for edit in (self.name, self.phone, self.notes):
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and watched in (self.name, self.phone, self.notes)
            and self._scan_typed_in(watched)  # type: ignore[arg-type]
        ):
            return True
        return super().eventFilter(watched, event)

    def _scan_typed_in(self, edit: QLineEdit) -> bool:
        """An inventory number ending ``edit`` when Enter comes (a scanner's keystrokes) goes
        to the list of items instead, the field keeps what was typed before it, and the loan is
        not saved. Only an existing item's number counts: a name or a phone stays as typed."""
        found = SCANNED_TAIL.search(edit.text())
        if found is None or self.find_item(found.group(1)) is None:
            return False
        edit.setText(edit.text()[: found.start()].rstrip())
        self.scan.setText(found.group(1))
        self.add_scanned()
        return True

    def _build_borrower(self) -> None:
        self.kind = QComboBox()
        for value, label in BORROWER_KINDS.items():
            self.kind.addItem(label, value)
        self.row("borrower_kind", "&Prêté à :", self.kind)
        self.name = self.row("borrower_name", "&Nom :", QLineEdit())
        self.name.setPlaceholderText("Nom et prénom, ou nom de l'atelier ou de l'événement")
        self.phone = self.row("phone", "&Téléphone :", QLineEdit())
        self.id_checked = QCheckBox("Pièce d'&identité vérifiée")
        self.form.addRow("", self.id_checked)
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def _build_due(self, now: datetime) -> None:
        today = now.date()
        default_due = (now + timedelta(days=7)).replace(hour=18, minute=0, second=0, microsecond=0)
        # a loan comes back within a year; a due date in 2202 is a typing slip
        self.due = DateTimeField(
            default_due,
            today=today,
            valid=DateRange(today, add_months(today, 12), "La date de retour prévue"),
        )
        self.row("due", "&Retour prévu le :", self.due)

    def _build_reservation(self, reservations: list[ComingReservation]) -> None:
        self.reservation = QComboBox()
        # long workshop titles must not push the list under its label
        self.reservation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reservation.setMinimumContentsLength(24)
        self.reservation.addItem("Aucune", None)
        for choice in reservations:
            self.reservation.addItem(choice.label, choice.source)
        self.row("for_source", "Ré&servation :", self.reservation)
        self.reservation_hint = hint(
            "Pour un atelier ou un événement qui emporte le matériel qu'il a réservé."
        )
        self.form.addRow("", self.reservation_hint)
        self.reservation.currentIndexChanged.connect(self._reservation_chosen)

    def _build_items(self) -> None:
        self.scan = EntryLineEdit()
        self.scan.setPlaceholderText("Tapez ou scannez un n° d'inventaire, puis Entrée")
        self.add_button = QPushButton("&Ajouter à la liste")
        self.add_button.setAutoDefault(False)
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
        # a 200-character model name wraps instead of hiding behind a horizontal scroll bar
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.row("items", "Arti&cles prêtés :", self.items)
        self.remove_button = QPushButton("Retirer l'artic&le sélectionné de la liste")
        self.remove_button.setAutoDefault(False)
        self.form.addRow("", self.remove_button)
        self.scan.entered.connect(self.add_scanned)
        self.add_button.clicked.connect(self.add_scanned)
        self.remove_button.clicked.connect(self.remove_selected)

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
        self.due.set_value(choice.end)
        if not self.name.text().strip():
            self.name.setText(choice.name)

    def item_ids(self) -> list[int]:
        return [
            self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
        ]

    def mark_clean(self) -> None:
        super().mark_clean()
        self._clean_items = self.item_ids()

    def is_modified(self) -> bool:
        """The scanned items count as typed: the form's snapshot sees fields, not the list,
        and Escape after ten scans closed the dialog without asking."""
        return super().is_modified() or self.item_ids() != getattr(self, "_clean_items", [])

    def add_item(self, item: ItemInfo) -> None:
        if item.id in self.item_ids():
            return
        text = f"{item.inventory_number} — {item.description} ({item.category.name})"
        entry = QListWidgetItem(text)
        entry.setToolTip(text)  # the list wraps long names; the tooltip gives the whole line
        entry.setData(Qt.ItemDataRole.UserRole, item.id)
        self.items.addItem(entry)

    def add_scanned(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        item = self.find_item(text)
        refusal = self._refusal(item) if item is not None else None
        # show_errors, not set_error: the dialog grows to show the message, instead of a
        # scroll bar hiding the rows below the list
        if item is None:
            self.show_errors({"items": f"Aucun article ne porte le numéro « {text} »."})
            self.scan.selectAll()  # the next scan replaces the unknown number
        elif refusal is not None and refusal[1]:
            # lent, broken, retired: said at the scan, not after ten more at « Enregistrer »
            self.show_errors({"items": f"{refusal[0]} Il n'est pas ajouté à la liste."})
            self.scan.selectAll()
        else:
            self.add_item(item)
            self.scan.clear()
            if refusal is not None:  # a reservation overlaps: a shorter loan may still go
                self.show_errors({
                    "items": f"{refusal[0]} Le prêt sera refusé si sa date de retour ne change pas."
                })
            else:
                self.clear_errors()
        self.scan.setFocus()

    def _refusal(self, item: ItemInfo) -> tuple[str, bool] | None:
        """Why the scanned item cannot go with the return date typed, if it cannot."""
        if self.check_item is None or item.id in self.item_ids():
            return None
        try:
            due = self.due.value()
        except DateInputError:
            return None  # the return date is being typed: checked at « Enregistrer »
        source = self.reservation.currentData() if self.reservation.isEnabled() else None
        return self.check_item(item.id, due, source)

    def remove_selected(self) -> None:
        """Take the selected items out; a refusal naming them no longer stands (« Enregistrer »
        checks the list again)."""
        removed = self.items.selectedItems()
        for entry in removed:
            self.items.takeItem(self.items.row(entry))
        if removed:
            self.fields["items"].set_error(None)
            self.set_message("")

    def request(self) -> dict:
        return {
            "borrower_kind": self.kind.currentData(),
            "borrower_name": self.name.text(),
            "phone": self.phone.text(),
            "id_checked": self.id_checked.isChecked() and self.kind.currentData() == "personne",
            "due": self.due.value(),
            "item_ids": self.item_ids(),
            "notes": self.notes.text(),
            "for_source": self.reservation.currentData() if self.reservation.isEnabled() else None,
        }

    def accept(self) -> None:
        request = read_form(self, self.request)
        if request is not None:
            save_kit(self, lambda: self.save(request))


class ReturnDialog(FormDialog):
    """Items coming back: each one ticked, with its condition on return — proposed as the
    condition it left in (a new tablet given back intact stays "Neuf": a default "Bon" would
    wear every item down one loan at a time, unnoticed)."""

    def __init__(
        self,
        title: str,
        lines: list[tuple[int, str] | tuple[int, str, str]],
        save: Callable[[list, datetime], object],
        *,
        now: datetime,
        lent_on: date | None = None,
        ctx: Any = None,  # noqa: ANN401
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent, min_width=700, ctx=ctx)
        self.save = save
        today = now.date()
        # a return happens between the loan and today
        earliest = lent_on or add_months(today, -12)
        self.when = DateTimeField(
            now, today=today, valid=DateRange(earliest, today, "La date du retour")
        )
        self.row("when", "&Rendu le :", self.when)
        self.lines: list[tuple[int, QCheckBox, QComboBox, QLineEdit]] = []
        self.add_widget(self._build_lines(lines))

    def _build_lines(self, lines: list[tuple[int, str] | tuple[int, str, str]]) -> QWidget:
        """One row per item: its number to tick, its description wrapped beside it (a
        200-character model name on the check box would push the condition and the remark
        out of the dialog, behind a scroll bar), the condition and a remark."""
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("<b>Article rendu</b>"), 0, 0, 1, 2)
        grid.addWidget(QLabel("<b>État au retour</b>"), 0, 2)
        grid.addWidget(QLabel("<b>Remarque</b>"), 0, 3)
        for n, (item_id, text, *was) in enumerate(lines, start=1):
            number, _dash, description = text.partition(" — ")
            check = QCheckBox(number)
            check.setChecked(True)
            check.setAccessibleName(f"Rendu : {text}")
            check.setToolTip(text)
            about = WrappedLabel(description)
            about.setMinimumWidth(180)
            about.setBuddy(check)
            combo = QComboBox()
            for value in ("neuf", "bon", "use", "en_panne"):
                combo.addItem(CONDITIONS[value], value)
            index = combo.findData(was[0]) if was else -1
            combo.setCurrentIndex(index if index >= 0 else 1)  # "Bon" when not known
            combo.setAccessibleName(f"État au retour de {number}")
            note = QLineEdit()
            note.setAccessibleName(f"Remarque sur {number}")
            note.setPlaceholderText("ex. écran rayé")
            note.setMinimumWidth(160)
            # an item not ticked is not recorded: its condition and remark cannot be set (« En
            # panne » chosen on a line left unticked was dropped without a word)
            check.toggled.connect(combo.setEnabled)
            check.toggled.connect(note.setEnabled)
            grid.addWidget(check, n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(about, n, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(combo, n, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(note, n, 3, Qt.AlignmentFlag.AlignTop)
            self.lines.append((item_id, check, combo, note))
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        return grid_widget

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
        values = read_form(self, lambda: (self.returns(), self.when.value()))
        if values is not None:
            returns, when = values
            save_kit(self, lambda: self.save(returns, when))


class ReserveDialog(FormDialog):
    """Reserve units for an outside event (workshops reserve from the "Ateliers" tab)."""

    def __init__(
        self,
        categories: list[CategoryInfo],
        save: Callable[[str, datetime, datetime, dict], object],
        *,
        start: datetime,
        end: datetime,
        today: date | None = None,
        ctx: Any = None,  # noqa: ANN401
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Réserver du matériel", parent, ok_text="&Réserver", ctx=ctx)
        self.save = save
        today = today or date.today()
        self.label = self.row("label", "&Pour :", QLineEdit())
        self.label.setPlaceholderText("ex. Fête du numérique à la salle des fêtes")
        # an event is planned within the next two years (the service's rule, said as it is typed)
        first, last = reservable_days(today)
        self.start = DateTimeField(
            start, today=today, valid=DateRange(first, last, "La date de début")
        )
        self.end = DateTimeField(end, today=today, valid=DateRange(first, last, "La date de fin"))
        self.row("start", "&Du :", self.start)
        self.row("end", "&Au :", self.end)
        self.form.addRow(QLabel("<b>Unités à réserver</b>"))
        self.spins: dict[int, QSpinBox] = {}
        # each quantity reached by its own Alt+letter, none taken from the fields and buttons
        used = {
            letter
            for kind in (QLabel, QAbstractButton)
            for widget in self.findChildren(kind)
            if (letter := mnemonic_of(widget.text()))
        }
        for category in categories:
            if category.kind != "materiel":
                continue
            spin = QSpinBox()
            spin.setRange(0, 10_000)
            self.spins[category.id] = spin
            self.row(f"cat{category.id}", with_mnemonic(f"{category.name} :", used), spin)

    def accept(self) -> None:
        values = read_form(self, lambda: (self.label.text(), self.start.value(), self.end.value()))
        if values is None:
            return
        label, start, end = values
        wanted = {cid: spin.value() for cid, spin in self.spins.items() if spin.value()}
        save_kit(self, lambda: self.save(label, start, end, wanted))


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an Alt+letter not in ``used`` (which then holds it): the first free
    initial of a word, else the first free letter or digit; unchanged when none is free.
    Letters without accent only (Alt+é is not on every keyboard)."""
    plain = text.replace("&", "&&")
    starts = [i for i, c in enumerate(plain) if i == 0 or not plain[i - 1].isalnum()]
    others = [i for i in range(len(plain)) if i not in starts]
    for i in starts + others:
        c = plain[i]
        if c.isascii() and c.isalnum() and c.casefold() not in used and c != "&":
            used.add(c.casefold())
            return f"{plain[:i]}&{plain[i:]}"
    return plain


class LabelSheetDialog(FormDialog):
    """Which items get a label — the ones selected in the list, the whole kit, a category, or
    inventory numbers typed or scanned (``services.kit.printing.LabelChoice``, as on the
    command line) — which label sheet is in the printer, and the first free label on it (a
    partly used sheet is used up before a new one). ``check(choice)`` is the service's reading
    of the choice (how many labels, or ``KitError`` naming an unknown number): a wrong choice
    keeps the dialog open, its message under the field. ``result_value`` is
    ``(choice, sheet key, start)``."""

    def __init__(
        self,
        check: Callable[[LabelChoice], int],
        parent: QWidget | None = None,
        *,
        selected_ids: tuple[int, ...] = (),
        categories: list[CategoryInfo] | None = None,
        which: str = "all",
        category_id: int | None = None,
        ctx: Any = None,  # noqa: ANN401
    ) -> None:
        from desktop_app.documents.kit.label_sheets import DEFAULT_SHEET, SHEETS

        super().__init__("Étiquettes du kit", parent, ctx=ctx, ok_text="&Continuer…")
        self.check = check
        self.selected_ids = selected_ids
        self.sheets = SHEETS
        intro = QLabel(
            "Choisissez les articles à étiqueter, puis la référence de la planche "
            "d'étiquettes A4 indiquée sur son paquet. Pour réutiliser une planche entamée, "
            "indiquez la première étiquette libre (1 = en haut à gauche, de gauche à droite "
            "puis ligne par ligne)."
        )
        intro.setWordWrap(True)
        self.content_layout.insertWidget(0, intro)
        self._build_choice(categories or [], which, category_id)
        self.sheet = QComboBox()
        for key, sheet in SHEETS.items():
            self.sheet.addItem(sheet.name, key)
        self.sheet.setCurrentIndex(self.sheet.findData(DEFAULT_SHEET))
        self.row("sheet", "&Planche :", self.sheet)
        self.start = QSpinBox()
        self.row("start", "Première étiquette &libre :", self.start)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self._sheet_changed()

    def _build_choice(
        self, categories: list[CategoryInfo], which: str, category_id: int | None
    ) -> None:
        self.which = QComboBox()
        count = len(self.selected_ids)
        if count:
            text = "La ligne sélectionnée" if count == 1 else f"Les {count} lignes sélectionnées"
            self.which.addItem(f"{text} dans la liste", "selected")
        self.which.addItem("Tout le kit (articles en service)", "all")
        self.which.addItem("Une catégorie", "category")
        self.which.addItem("Des numéros d'inventaire (tapés ou scannés)", "numbers")
        self.row("which", "É&tiquettes de :", self.which)
        self.category = QComboBox()
        for category in categories:
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(self.category.findData(category_id), 0))
        self.row("categories", "Caté&gorie :", self.category)
        self.numbers = EntryLineEdit()
        self.numbers.setPlaceholderText("ex. KIT-0001, KIT-0004")
        self.row("numbers", "&Numéros :", self.numbers)
        self.form.addRow("", hint(
            "Scannez les étiquettes l'une après l'autre : Entrée passe au numéro suivant."
        ))
        self.numbers.entered.connect(self._number_entered)
        self.which.setCurrentIndex(max(self.which.findData(which), 0))
        # both stay reachable (Alt+N, then a scan): using one chooses it
        self.numbers.textEdited.connect(lambda _text: self._choose("numbers"))
        self.category.activated.connect(lambda _index: self._choose("category"))
        self.which.activated.connect(self._which_chosen)

    def _choose(self, which: str) -> None:
        self.which.setCurrentIndex(self.which.findData(which))

    def _which_chosen(self) -> None:
        """« Des numéros » chosen: the cursor goes where they are typed or scanned."""
        if self.which.currentData() == "numbers":
            self.numbers.setFocus()

    def _number_entered(self) -> None:
        """A number scanned (or typed then Enter) is checked at once, and the field made ready
        for the next one; the dialog stays open (« Continuer » goes on)."""
        text = self.numbers.text().rstrip(" ,;")
        if not text:
            return
        self.fields["numbers"].set_error(None)
        self._choose("numbers")
        try:
            self.check(LabelChoice(numbers=text))
        except KitError as exc:
            self.show_errors(exc)
            self._select_unknown_last(text)
            return
        self.numbers.setText(f"{text}, ")

    def _select_unknown_last(self, text: str) -> None:
        """The number just scanned, when it is the unknown one, is selected: the next scan
        replaces it instead of being glued to it (« KIT-0999KIT-0005 »)."""
        last = split_numbers(text)[-1]
        try:
            self.check(LabelChoice(numbers=last))
        except KitError:
            self.numbers.setFocus()
            self.numbers.setSelection(text.rfind(last), len(last))

    def choice(self) -> LabelChoice:
        which = self.which.currentData()
        if which == "selected":
            return LabelChoice(item_ids=self.selected_ids)
        if which == "category":
            category = self.category.currentData()
            return LabelChoice(categories=(category,) if category is not None else ("",))
        if which == "numbers":
            return LabelChoice(numbers=self.numbers.text() or ",")
        return LabelChoice()

    def _sheet_changed(self) -> None:
        sheet = self.sheets[self.sheet.currentData()]
        self.start.setRange(1, sheet.per_page)
        self.start.setSuffix(f" sur {sheet.per_page}")

    def accept(self) -> None:
        choice = self.choice()
        self.clear_errors()
        try:
            self.check(choice)
        except KitError as exc:
            self.show_errors(exc)
            return
        self.result_value = (choice, self.sheet.currentData(), self.start.value())
        self.accept_saved()
