""" "Inventaire", the first page of the kit tab: the items, a scanner-friendly search field, the
selected item's details and history, and what can be done to it.

The search field takes what a barcode scanner types (the inventory number, then Enter): Enter
jumps to that item whatever the filters, and selects the text so the next scan replaces it.
Every change goes through a form dialog (saved off the GUI thread) or the operation runner; the
page then reloads the tab and shows the item again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.french import typography
from desktop_app.services.kit import catalog, printing, queries
from desktop_app.services.kit.catalog import CategoryInfo, ItemInfo, KitError
from desktop_app.services.kit.queries import ItemRow
from desktop_app.views.common import files
from desktop_app.views.common.forms import focus_target, set_style, warn
from desktop_app.views.common.labels import escape, escape_french
from desktop_app.views.common.operations import Job
from desktop_app.views.common.tables import (
    ID_ROLE,
    RowsProxy,
    date_text,
    money_text,
    rows_table,
    select_id,
)
from desktop_app.views.kit.dialogs import (
    CategoryDialog,
    ItemDialog,
    LabelSheetDialog,
    RepairDialog,
    StockDialog,
    TextDialog,
)
from desktop_app.views.kit.models import item_model

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.views.kit.host import KitHost

STATE_FILTERS = (
    ("Toutes", None),
    ("Disponible", "disponible"),
    ("Prêté", "prete"),
    ("Réservé", "reserve"),
    ("En panne", "panne"),
    ("Stock bas (consommables)", "stock_bas"),
)
ITEM_WIDTHS = (122, 150, 210, 105, 75, 105, 250, 200, 100)
# the progress dialog's sentence is updated once per page of labels, not for every label
LABELS_PER_TEXT_UPDATE = 21


def labelled(text: str, widget: QWidget) -> QLabel:
    """A label whose Alt+letter reaches ``widget``: a composite field (a date and a time side
    by side) takes no focus itself, and a label tied to it did nothing."""
    label = QLabel(text)
    label.setBuddy(focus_target(widget))
    return label


def clearable(edit: QLineEdit) -> None:
    """A clear button inside the field, named for screen readers (Qt leaves it unnamed)."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName("Effacer la recherche")


class _SelectedOnFocus(QObject):
    """See ``scan_ready``."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            type(event) is QFocusEvent
            and event.type() == QEvent.Type.FocusIn
            and event.reason() != Qt.FocusReason.MouseFocusReason  # a click places the cursor
            and isinstance(watched, QLineEdit)
        ):
            watched.selectAll()
        return False


def scan_ready(edit: QLineEdit) -> None:
    """The field's text is selected whenever the cursor comes back to it (another page, a
    dialog closed, Alt+letter), so the next scan replaces the last number: a line edit loses
    its selection with the focus, and back on « Inventaire » from « Prêts » a scan was glued
    to the previous one (« KIT-0012KIT-0005 », not found)."""
    edit.installEventFilter(_SelectedOnFocus(edit))


def rich_label(name: str) -> QLabel:
    """A wrapped, selectable rich-text label for details and history."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class InventoryPage(QWidget):
    def __init__(self, tab: KitHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.ctx = tab.ctx
        self.detail: ItemInfo | None = None
        # inventory number → id, made at the first scan after a reading (most readings see none)
        self._numbers: dict[str, int] | None = None
        self._category_choices: list[tuple[int, str]] | None = None  # what the filter lists
        # the search text and filters the proxy filters by (None: not yet filtered)
        self._filtered_by: tuple | None = None
        outer = QVBoxLayout(self)
        outer.addLayout(self._build_filters())
        splitter = QSplitter()
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)
        self._connect()
        self._scan_waiting = False  # Enter pressed before the first rows arrived
        self._unknown_scan = ""  # the message shown for a number found nowhere
        self.show_item(None)

    # ------------------------------------------------------------ building

    def _build_filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.search = QLineEdit()
        scan_ready(self.search)
        self.search.setObjectName("kitSearch")
        clearable(self.search)
        self.search.setPlaceholderText("N° d'inventaire (scanné ou tapé + Entrée), marque, modèle…")
        self.search.setMinimumWidth(280)
        self.category_filter = QComboBox()
        self.state_filter = QComboBox()
        for label, value in STATE_FILTERS:
            self.state_filter.addItem(label, value)
        self.show_retired = QCheckBox("Affic&her les articles réformés")
        filters.addWidget(labelled("&Rechercher ou scanner :", self.search))
        filters.addWidget(self.search, 2)
        filters.addWidget(labelled("Caté&gorie :", self.category_filter))
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(labelled("Disponi&bilité :", self.state_filter))
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.show_retired)
        return filters

    def _build_list(self) -> QWidget:
        self.items_model = item_model(self)
        self.items_proxy = RowsProxy(self)
        self.items_table = rows_table(
            "Articles du kit", self.items_model, self.items_proxy, ITEM_WIDTHS
        )
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.count_label = QLabel()
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items_table, 1)
        layout.addWidget(self.count_label)
        add_row = QHBoxLayout()
        self.add_equipment_button = QPushButton("Ajouter du &matériel…")
        self.add_consumable_button = QPushButton("Ajouter un &consommable…")
        self.add_category_button = QPushButton("Nou&velle catégorie…")
        for button in (
            self.add_equipment_button,
            self.add_consumable_button,
            self.add_category_button,
        ):
            add_row.addWidget(button)
        add_row.addStretch()
        layout.addLayout(add_row)
        layout.addLayout(self._build_documents())
        return left

    def _build_documents(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.labels_button = QPushButton("Étiquette&s (PDF)")
        labels_menu = QMenu(self.labels_button)
        labels_menu.addAction(
            "Étiquettes des articles &sélectionnés…", lambda: self.save_labels(selected=True)
        )
        labels_menu.addAction(
            "Étiquettes de &tout le kit…", lambda: self.save_labels(selected=False)
        )
        labels_menu.addAction(
            "Étiquettes d'une &catégorie ou de numéros choisis…",
            lambda: self.save_labels(which="category"),
        )
        self.labels_button.setMenu(labels_menu)
        self.status_button = QPushButton("&État du kit (PDF)")
        status_menu = QMenu(self.status_button)
        status_menu.addAction("&Aperçu", lambda: self.kit_status_pdf(preview=True))
        status_menu.addAction("&Enregistrer le PDF…", lambda: self.kit_status_pdf(preview=False))
        self.status_button.setMenu(status_menu)
        self.export_button = QPushButton("E&xporter l'inventaire (CSV)…")
        for button in (self.labels_button, self.status_button, self.export_button):
            row.addWidget(button)
        row.addStretch()
        return row

    def _build_detail(self) -> QWidget:
        right = QWidget()
        right.setMinimumWidth(330)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("kitDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_info = rich_label("kitDetailInfo")
        self.history = rich_label("kitHistory")
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.detail_info)
        body_layout.addWidget(QLabel("<b>Historique</b>"))
        body_layout.addWidget(self.history)
        body_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        # Tab stops here so that a long history can be read with the arrow keys: the frame
        # says so (a scroll area shows no focus of its own)
        scroll.setObjectName("kitDetail")
        scroll.setAccessibleName("Fiche et historique de l'article")
        set_style(
            scroll,
            "QScrollArea#kitDetail { border: 1px solid palette(mid); }"
            "QScrollArea#kitDetail:focus { border: 2px solid palette(highlight); }",
        )
        self.detail_scroll = scroll
        layout.addWidget(self.detail_title)
        layout.addWidget(scroll, 1)
        actions = QGridLayout()
        self.edit_button = QPushButton("Modifi&er…")
        self.lend_button = QPushButton("Prê&ter…")
        self.broken_button = QPushButton("Déclarer en pa&nne…")
        self.repaired_button = QPushButton("Marq&uer réparé…")
        self.stock_button = QPushButton("Mouvement de stoc&k…")
        self.retire_button = QPushButton("Réf&ormer…")
        for n, button in enumerate(
            (
                self.edit_button,
                self.lend_button,
                self.broken_button,
                self.repaired_button,
                self.stock_button,
                self.retire_button,
            )
        ):
            actions.addWidget(button, n // 2, n % 2)
        layout.addLayout(actions)
        self.actions_note = QLabel()
        self.actions_note.setObjectName("kitActionsNote")
        self.actions_note.setWordWrap(True)
        self.actions_note.hide()
        layout.addWidget(self.actions_note)
        return right

    def _connect(self) -> None:
        self.search.textChanged.connect(self.apply_filters)
        self.search.textChanged.connect(lambda text: text or self._forget_unknown_scan())
        self.search.returnPressed.connect(self.scan_entered)
        self.category_filter.currentIndexChanged.connect(self.apply_filters)
        self.state_filter.currentIndexChanged.connect(self.apply_filters)
        self.show_retired.toggled.connect(self.apply_filters)
        self.items_table.selectionModel().currentRowChanged.connect(self._item_row_changed)
        self.add_equipment_button.clicked.connect(lambda: self.add_items(consumable=False))
        self.add_consumable_button.clicked.connect(lambda: self.add_items(consumable=True))
        self.add_category_button.clicked.connect(self.add_category)
        self.export_button.clicked.connect(lambda: self.export_inventory())
        self.edit_button.clicked.connect(self.edit_item)
        self.lend_button.clicked.connect(self.lend_selected)
        self.broken_button.clicked.connect(self.declare_broken)
        self.repaired_button.clicked.connect(self.mark_repaired)
        self.stock_button.clicked.connect(self.adjust_stock)
        self.retire_button.clicked.connect(self.retire_item)

    # ------------------------------------------------------------ loading

    def show_rows(self, rows: list[ItemRow], categories: list[CategoryInfo]) -> None:
        """New rows (after any change): filters, the selected item and its details are kept."""
        current_id = self.detail.id if self.detail else None
        self._numbers = None
        choices = [(c.id, c.name) for c in categories]
        if choices != self._category_choices:  # refilled (and laid out again) only on a change
            self._category_choices = choices
            selected = self.category_filter.currentData()
            self.category_filter.blockSignals(True)
            self.category_filter.clear()
            self.category_filter.addItem("Toutes", None)
            for category_id, name in choices:
                self.category_filter.addItem(name, category_id)
            self.category_filter.setCurrentIndex(max(self.category_filter.findData(selected), 0))
            self.category_filter.blockSignals(False)
        self.apply_filters()  # before the rows: the proxy filters them once, as they come
        self.items_model.set_rows(rows)
        self._show_count()
        self.detail = None
        if current_id is None or not self.select_item(current_id):
            self.show_item(None)
        if self._scan_waiting:
            self._scan_waiting = False
            self.scan_entered()

    def apply_filters(self) -> None:
        category = self.category_filter.currentData()
        state = self.state_filter.currentData()
        retired = self.show_retired.isChecked()
        choice = (self.search.text(), category, state, retired)
        if choice != self._filtered_by:  # new rows are filtered by the proxy as they come
            self._filtered_by = choice
            self._filter(*choice)
        self._show_count()

    def _filter(self, text: str, category: int | None, state: str | None, retired: bool) -> None:
        def keep(r: ItemRow) -> bool:
            if r.retired and not retired:
                return False
            if category is not None and r.category_id != category:
                return False
            if state == "stock_bas":
                return r.low_stock
            return state is None or (not r.consumable and r.state == state)

        if category is None and state is None:  # the usual case: the cheapest test, or none
            # (the proxy asks once per row at every reload)
            self.items_proxy.set_filter(text, None if retired else _in_service, keep_predicate=False)
        else:
            self.items_proxy.set_filter(text, keep)

    def _show_count(self) -> None:
        shown, total = self.items_proxy.rowCount(), self.items_model.rowCount()
        n = QLocale().toString
        self.count_label.setText(
            f"{n(shown)} article{'s' if shown > 1 else ''} affiché"
            f"{'s' if shown > 1 else ''} sur {n(total)}"
        )

    # ------------------------------------------------------------ selection

    def scan_entered(self) -> None:
        """Enter in the search field: an inventory number (scanner or keyboard) jumps to the
        item, whatever the filters; the text is selected so that the next scan replaces it.
        A number typed short (« 43 », « kit-43 ») is written out, as on « Prêts »: left as
        typed, it went on filtering the list to every serial number and name holding « 43 »."""
        text = self.search.text().strip()
        if not text:
            return
        if not self.tab.loaded:  # the first rows are still being read: look it up then
            self._scan_waiting = True
            return
        item_id = self.item_id_of(text)
        if item_id is None:
            if self.items_proxy.rowCount() == 1:
                item_id = self.items_proxy.index(0, 0).data(ID_ROLE)
            else:
                self._unknown_scan = f"Aucun article ne porte le numéro « {text} »."
                self.tab.set_message(self._unknown_scan, ok=False)
                self.search.selectAll()
                return
        number = catalog.normalise_number(text)
        if self.item_id_of(number) == item_id and text != number:
            self.search.setText(number)
        self.select_item(item_id, reveal=True)
        self.search.selectAll()
        self._forget_unknown_scan()

    def _forget_unknown_scan(self) -> None:
        """An unknown number's message goes once a scan succeeds or the field is cleared: left
        there, it read as if the item just shown had not been found. Any other message stays."""
        if self._unknown_scan and self.tab.message.text() == self._unknown_scan:
            self.tab.set_message("")
        self._unknown_scan = ""

    def item_id_of(self, number: str) -> int | None:
        """The item of an inventory number (as typed or scanned) among the rows shown."""
        if self._numbers is None:
            self._numbers = {r.inventory_number: r.id for r in self.items_model.rows()}
        return self._numbers.get(catalog.normalise_number(number))

    def select_item(self, item_id: int, *, reveal: bool = False) -> bool:
        """Select ``item_id``; with ``reveal``, clear the filters that hide it."""
        if not select_id(self.items_table, item_id):
            row = self.items_model.row_of_id(item_id)
            if row is None or not reveal:
                return False
            self._clear_filters(show_retired=self.items_model.row_at(row).retired)
            if not select_id(self.items_table, item_id):
                return False
        if self.detail is None or self.detail.id != item_id:  # not already shown by the move
            self.show_item(item_id)
        return True

    def _clear_filters(self, *, show_retired: bool) -> None:
        """Category and state back to "Toutes"; the search text (a scanned number) stays in the
        field but no longer filters."""
        widgets = (self.search, self.category_filter, self.state_filter, self.show_retired)
        for widget in widgets:
            widget.blockSignals(True)
        self.category_filter.setCurrentIndex(0)
        self.state_filter.setCurrentIndex(0)
        if show_retired:
            self.show_retired.setChecked(True)
        text = self.search.text()
        self.search.setText("")
        self.apply_filters()
        self.search.setText(text)
        for widget in widgets:
            widget.blockSignals(False)

    def _item_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_item(current.data(ID_ROLE) if current.isValid() else None)

    def selected_item_ids(self) -> list[int]:
        rows = self.items_table.selectionModel().selectedRows()
        return [index.data(ID_ROLE) for index in rows]

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            self.detail = None
            self.detail_title.setText("<b>Aucun article sélectionné</b>")
            # plain text: Qt's rich text breaks lines at no-break spaces, and « » » began
            # the last line of this narrow pane
            self.detail_info.setTextFormat(Qt.TextFormat.PlainText)
            self.detail_info.setText(
                typography(
                    "Choisissez un article dans la liste, ou scannez son étiquette dans le "
                    "champ « Rechercher ou scanner »."
                )
            )
            self.history.setText("")
            self._update_actions()
            return
        with self.ctx.db.session() as session:
            try:
                item = catalog.get_item(session, item_id)
            except KitError:
                self.show_item(None)
                return
            history = catalog.item_history(session, item_id)
        row = self.items_model.row_at(self.items_model.row_of_id(item_id) or 0)
        self.detail = item
        self.detail_title.setText(
            f"<h3 style='margin:0'>{escape(item.inventory_number, False)} — "
            f"{escape_french(item.description)}</h3>"
        )
        html = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k, False)}</td>"
            f"<td>{escape_french(v)}</td></tr>"
            for k, v in self._detail_lines(item, row)
            if v
        )
        self.detail_info.setTextFormat(Qt.TextFormat.RichText)
        self.detail_info.setText(f"<table>{html}</table>")
        events = "".join(
            f"<tr><td style='color:#555;padding-right:6px'>{date_text(e.at, True)}</td>"
            f"<td><b>{escape(e.kind_label, False)}</b> {escape_french(e.detail)}</td></tr>"
            for e in reversed(history)
        )
        self.history.setText(f"<table>{events}</table>" if events else "Aucun événement.")
        self._update_actions()

    @staticmethod
    def _detail_lines(item: ItemInfo, row: ItemRow) -> list[tuple[str, str]]:
        lines = [("Catégorie", item.category.name)]
        same = row.id == item.id
        if item.is_consumable:
            threshold = "" if item.alert_threshold is None else str(item.alert_threshold)
            lines += [("En stock", str(item.quantity or 0)), ("Seuil d'alerte", threshold)]
        else:
            lines += [
                ("N° de série", item.serial),
                ("État", item.condition_label),
                ("Disponibilité", row.state_label if same else ""),
                ("", row.detail if same and not row.retired else ""),
                ("Valeur", money_text(item.value)),
            ]
        lines += [
            ("Acquis le", date_text(item.acquired_on)),
            ("Financement", item.funding),
            ("Emplacement", item.location),
        ]
        if item.retired_on:
            lines += [("Réformé le", date_text(item.retired_on)), ("Motif", item.retired_reason)]
        if item.notes:
            lines.append(("Notes", item.notes))
        return lines

    def _update_actions(self) -> None:
        """Each action that cannot apply to the selected item is disabled, and says why in its
        tooltip and in the line under the buttons (a disabled button cannot be focused)."""
        refusals = action_refusals(self.detail, self._detail_state())
        said: dict[str, list[str]] = {}  # one line per reason, naming the buttons it stops
        for name, button in self._action_buttons().items():
            why = refusals.get(name)
            button.setEnabled(why is None)
            button.setToolTip(why or "")
            button.setAccessibleDescription(why or "")
            if why and name in SAID_UNDER_THE_BUTTONS and self.detail is not None:
                said.setdefault(why, []).append(f"« {button.text().replace('&', '')} »")
        notes = [f"{', '.join(names)} : {why}" for why, names in said.items()]
        self.actions_note.setText(typography("\n".join(notes)))
        self.actions_note.setVisible(bool(notes))

    def _detail_state(self) -> str | None:
        """The selected item's state as the list shows it (« prete » when lent)."""
        if self.detail is None:
            return None
        row = self.items_model.row_of_id(self.detail.id)
        return None if row is None else self.items_model.row_at(row).state

    def _action_buttons(self) -> dict[str, QPushButton]:
        return {
            "edit": self.edit_button,
            "lend": self.lend_button,
            "broken": self.broken_button,
            "repaired": self.repaired_button,
            "stock": self.stock_button,
            "retire": self.retire_button,
        }

    def _changed(self, message: str, item_id: int | None = None) -> None:
        """After a save of this page (announced with the page as initiator, so the tab did not
        reload itself): reload, show the item again, say what was done."""
        self.tab.refresh()
        if item_id is not None:
            self.select_item(item_id, reveal=True)
        self.tab.set_message(message)

    # ------------------------------------------------------------ actions

    def _locations(self) -> list[str]:
        with self.ctx.db.session() as session:
            return queries.known_locations(session)

    def _in_session(self, work):  # noqa: ANN001, ANN202 - a service call needing a session
        """A save for a dialog: runs on the worker thread in its own unit of work."""
        db = self.ctx.db

        def run(*args):  # noqa: ANN002, ANN202
            with db.session() as session:
                return work(session, *args)

        return run

    def add_items(self, *, consumable: bool) -> list[ItemInfo] | None:
        today = self.ctx.today()
        dialog = ItemDialog(
            self.tab.categories,
            self._in_session(
                lambda s, data, count: catalog.add_items(s, data, count, today=today)
            ),
            consumable=consumable,
            locations=self._locations(),
            today=self.ctx.today(),
            ctx=self.ctx,
            parent=self,
        )
        created = self.tab.run_dialog(dialog)
        if not created:
            return None
        numbers = [i.inventory_number for i in created]  # type: ignore[union-attr]
        text = numbers[0] if len(numbers) == 1 else f"{numbers[0]} à {numbers[-1]}"
        first_id = created[0].id  # type: ignore[index]
        if len(numbers) == 1:
            self._changed(f"Enregistré : {text}. Pensez à imprimer son étiquette.", first_id)
        else:
            self._changed(
                f"Enregistrés : {text}, sélectionnés dans la liste. Pensez à imprimer leurs "
                "étiquettes : « Étiquettes (PDF) », « Étiquettes des articles sélectionnés ».",
                first_id,
            )
            # the units just received stay selected together: their labels are one choice away
            self._select_also([i.id for i in created[1:]])  # type: ignore[index]
        return created  # type: ignore[return-value]

    def _select_also(self, item_ids: list[int]) -> None:
        """Add the rows of ``item_ids`` shown to the selection (the current row stays)."""
        selection = self.items_table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for item_id in item_ids:
            row = self.items_model.row_of_id(item_id)
            if row is None:
                continue
            index = self.items_proxy.mapFromSource(self.items_model.index(row, 0))
            if index.isValid():
                selection.select(index, flags)

    def add_category(self) -> None:
        save = self._in_session(
            lambda s, name, singular, feminine, kind: catalog.add_category(
                s, name, singular=singular, feminine=feminine, kind=kind
            )
        )
        created = self.tab.run_dialog(CategoryDialog(save, self, ctx=self.ctx))
        if created:
            self._changed(f"Catégorie « {created.name} » ajoutée.")  # type: ignore[union-attr]

    def edit_item(self) -> None:
        item = self.detail
        if item is None:
            return
        today = self.ctx.today()
        save = self._in_session(
            lambda s, data, _count: catalog.update_item(s, item.id, data, today=today)
        )
        result = self.tab.run_dialog(
            ItemDialog(
                self.tab.categories,
                save,
                consumable=item.is_consumable,
                item=item,
                locations=self._locations(),
                today=self.ctx.today(),
                ctx=self.ctx,
                parent=self,
            )
        )
        if result:
            self._changed(with_warnings(f"{item.inventory_number} enregistré.", result), item.id)

    def lend_selected(self) -> int | None:
        ids = self.selected_item_ids() or ([self.detail.id] if self.detail else [])
        return self.tab.loans.new_loan(ids)

    def declare_broken(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self.tab.run_dialog(
            TextDialog(
                f"{item.inventory_number} en panne",
                "L'article ne sera plus prêté ni réservé jusqu'à sa réparation. Ses réservations "
                "à venir passent, si possible, sur une autre unité libre.",
                "&Panne constatée :",
                self._in_session(lambda s, text: catalog.declare_broken(s, item.id, text)),
                self,
                ctx=self.ctx,
            )
        )
        if result:
            self._changed(
                with_warnings(f"{item.inventory_number} déclaré en panne.", result), item.id
            )

    def mark_repaired(self) -> None:
        item = self.detail
        if item is None:
            return
        save = self._in_session(
            lambda s, condition, detail: catalog.mark_repaired(s, item.id, condition, detail)
        )
        if self.tab.run_dialog(RepairDialog(item, save, self, ctx=self.ctx)):
            self._changed(f"{item.inventory_number} réparé : de nouveau disponible.", item.id)

    def adjust_stock(self) -> None:
        item = self.detail
        if item is None:
            return
        save = self._in_session(
            lambda s, delta, detail: catalog.adjust_stock(s, item.id, delta, detail)
        )
        if self.tab.run_dialog(StockDialog(item, save, self, ctx=self.ctx)) is not None:
            self._changed(f"Stock de {item.inventory_number} mis à jour.", item.id)

    def retire_item(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self.tab.run_dialog(
            TextDialog(
                f"Réformer {item.inventory_number}",
                "Un article réformé sort du kit pour de bon (vol, casse irréparable, don…). Il "
                "n'est pas effacé : il garde son numéro, son historique et le motif, visibles avec "
                "« Afficher les articles réformés ».",
                "&Motif :",
                self._in_session(lambda s, text: catalog.retire_item(s, item.id, text)),
                self,
                ctx=self.ctx,
            )
        )
        if result:
            self._changed(with_warnings(f"{item.inventory_number} réformé.", result), item.id)

    # ------------------------------------------------------------ documents

    def save_labels(self, *, selected: bool = False, which: str | None = None) -> Path | None:
        """The label sheet: which items (the rows selected, the whole kit, a category,
        numbers typed or scanned — ``printing.LabelChoice``, as on the command line), the
        sheet's format and its first free label asked first; drawn off the GUI thread: past
        300 ms a progress dialog with "Annuler" shows; a cancelled sheet leaves no file."""
        ids = tuple(self.selected_item_ids())
        if selected and not ids:
            warn(self, "Étiquettes", "Sélectionnez d'abord un ou plusieurs articles dans la liste.")
            return None
        db = self.ctx.db
        choice = self.tab.run_dialog(
            LabelSheetDialog(
                lambda wanted: printing.count_labels(db, wanted),
                self,
                selected_ids=ids,
                categories=self.tab.categories,
                which=which or ("selected" if selected else "all"),
                category_id=self.detail.category.id if self.detail else None,
                ctx=self.ctx,
            )
        )
        if not isinstance(choice, tuple):
            return None
        wanted, sheet, start = choice
        target = files.ask_save_path(
            self,
            "pdf",
            "Enregistrer les étiquettes",
            "etiquettes-kit.pdf",
            "Documents PDF (*.pdf)",
        )
        if target is None:
            return None

        def draw(job: Job, tmp: Path) -> int:
            def progress(done: int, total: int) -> bool:
                if done == 1 or done % LABELS_PER_TEXT_UPDATE == 0 or done == total:
                    job.set_text(f"Préparation de {total} étiquettes ({done} prêtes)…")
                return job.progress(done, total)

            return printing.write_labels(
                db, tmp, choice=wanted, sheet=sheet, start=start, progress=progress
            )

        outcome = files.write_file(
            self,
            lambda tmp: printing.write_labels(db, tmp, choice=wanted, sheet=sheet, start=start),
            target,
            label="Préparation des étiquettes…",
            error_title="Étiquettes non produites",
            with_progress=draw,
        )
        if outcome.cancelled:
            self.tab.set_message("Étiquettes annulées : aucun fichier n'a été écrit.", ok=False)
            return None
        if not outcome.ok:
            return None
        count = outcome.value or 0
        self.tab.set_message(
            f"{count} étiquette{'s' if count > 1 else ''} enregistrée{'s' if count > 1 else ''} "
            f": {target}"
        )
        return target

    def kit_status_pdf(self, *, preview: bool) -> Path | None:
        db, now = self.ctx.db, self.ctx.now()

        def build(tmp: Path) -> None:
            printing.write_kit_status(db, tmp, now)

        action = files.preview_pdf if preview else files.save_pdf
        path = action(self, build, "etat-du-kit.pdf", label="Préparation de l'état du kit…")
        if path and not preview:
            self.tab.set_message(f"État du kit enregistré : {path}")
        return path

    def export_inventory(self, path: Path | None = None) -> Path | None:
        if path is None:
            path = files.ask_save_path(
                self,
                "export-inventaire",
                "Exporter l'inventaire",
                "inventaire-kit.csv",
                "Fichiers CSV (*.csv)",
            )
            if path is None:
                return None
        db, now = self.ctx.db, self.ctx.now()
        outcome = files.write_file(
            self,
            lambda tmp: printing.write_inventory_csv(db, tmp, now),
            path,
            label="Export de l'inventaire…",
            error_title="Export impossible",
        )
        if not outcome.ok:
            return None
        self.tab.set_message(f"Inventaire exporté ({outcome.value} articles) : {path}")
        return path


def _in_service(row: ItemRow) -> bool:
    return row.condition != "reforme"


# the refusals said in the line under the buttons: those a person would try and wonder about
SAID_UNDER_THE_BUTTONS = ("lend", "broken", "retire")


def action_refusals(item: ItemInfo | None, state: str | None) -> dict[str, str]:
    """Action → why it cannot apply to ``item`` (in the state the list shows), in French; the
    actions missing from the result can be done. The services refuse the same things: this
    says so before the person tries."""
    every = ("edit", "lend", "broken", "repaired", "stock", "retire")
    if item is None:
        return dict.fromkeys(every, "Choisissez d'abord un article dans la liste.")
    if item.condition == "reforme":
        return dict.fromkeys(every, "L'article est réformé : il ne peut plus être modifié.")
    why: dict[str, str] = {}
    if item.is_consumable:
        why["lend"] = "Un consommable se distribue, il ne se prête pas : utilisez « Mouvement de stock »."
        why["broken"] = "Un consommable ne tombe pas en panne : ajustez plutôt son stock."
        why["repaired"] = why["broken"]
        return why
    why["stock"] = "Seuls les consommables ont un stock."
    if item.condition == "en_panne":
        why["lend"] = "L'article est en panne : marquez-le réparé avant de le prêter."
        why["broken"] = "L'article est déjà déclaré en panne."
    else:
        why["repaired"] = "L'article n'est pas en panne."
    if state == "prete":
        # one reason for the three, said once under the buttons: the item is with its borrower
        # (broken meanwhile, it comes back « En panne » through its return)
        lent = (
            "L'article est déjà prêté : enregistrez d'abord son retour (page « Prêts »), "
            "avec l'état « En panne » s'il revient hors d'usage."
        )
        why.update(lend=lent, broken=lent, retire=lent)
    return why


def with_warnings(text: str, result: object) -> str:
    warnings = getattr(result, "warnings", None) or []
    return " ".join([text, *warnings])
