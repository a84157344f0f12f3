"""Tab "Kit d'inclusion" (issue 6): inventory, loans, availability and reservations.

Three pages: "Inventaire" (the items, a scanner-friendly search field, the selected item's
details and history, and its actions), "Prêts" (current, late and past loans, returns, the
"Fiche de prêt") and "Disponibilités" (what is free during a chosen period, per item and per
category, and the reservations). The tab only calls ``services.kit``; every change runs in one
unit of work and then ``ctx.notify("kit")`` refreshes whoever shows kit data.

Tests drive dialogs through ``exec_dialog`` (replace it to fill the dialog and call
``accept()``) and pin the clock through ``now``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4
from xml.sax.saxutils import escape

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.services.kit import api, catalog, loans, queries
from desktop_app.services.kit.catalog import ItemInfo, KitError
from desktop_app.views.kit.background import Cancelled, run_with_progress
from desktop_app.views.kit.dialogs import (
    CategoryDialog,
    ItemDialog,
    LoanDialog,
    RepairDialog,
    ReservationChoice,
    ReserveDialog,
    ReturnDialog,
    StockDialog,
    TextDialog,
    from_qdatetime,
    to_qdatetime,
)
from desktop_app.views.kit.models import (
    ID_ROLE,
    RowsModel,
    RowsProxy,
    count_model,
    date_text,
    item_model,
    loan_model,
    money_text,
    reservation_model,
)
from desktop_app.views.pdf_actions import preview_pdf, save_pdf
from desktop_app.views.tab_base import TabBase
from desktop_app.views.widgets import ERROR_STYLE, OK_STYLE, warn

STATE_FILTERS = (
    ("Toutes", None),
    ("Disponible", "disponible"),
    ("Prêté", "prete"),
    ("Réservé", "reserve"),
    ("En réparation", "reparation"),
    ("Stock bas (consommables)", "stock_bas"),
)
LOAN_FILTERS = (("En cours", "open"), ("En retard", "late"), ("Tous", "all"))


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _clearable(edit: QLineEdit) -> None:
    """A clear button inside the field, named for screen readers (Qt leaves it unnamed)."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName("Effacer la recherche")


def _table(
    name: str, model: RowsModel, proxy: RowsProxy, widths: tuple[int, ...] = ()
) -> QTableView:
    proxy.setSourceModel(model)
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # fixed starting widths: measuring thousands of rows to fit contents would be slow
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


ITEM_WIDTHS = (122, 150, 210, 105, 75, 105, 250, 200, 100)


class KitTab(TabBase):
    TITLE = "Kit d'inclusion"
    AREAS_SHOWN = ("kit", "workshops", "structure")
    # from this many labels, the sheet is drawn off the GUI thread with a progress bar
    BACKGROUND_LABELS = 200

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        self.now: Callable[[], datetime] = lambda: datetime.now().replace(second=0, microsecond=0)
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.progress_hook: Callable[[QProgressDialog], None] | None = None  # for tests
        self.detail: ItemInfo | None = None
        self._numbers: dict[str, int] = {}
        self._dirty_pages: set[int] = set()

        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("kitSummary")
        self.summary.setWordWrap(True)
        self.late_banner = QLabel()
        self.late_banner.setObjectName("kitLateBanner")
        self.late_banner.setWordWrap(True)
        self.late_banner.setStyleSheet(
            "background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 3px;"
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.late_banner)
        self.pages = QTabWidget()
        self.pages.setObjectName("kitPages")
        layout.addWidget(self.pages, 1)
        self.message = QLabel()
        self.message.setObjectName("kitMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.pages.addTab(self._build_inventory(), "&Inventaire")
        self.pages.addTab(self._build_loans(), "&Prêts")
        self.pages.addTab(self._build_availability(), "&Disponibilités")
        self.pages.currentChanged.connect(self._page_shown)
        self.refresh()

    # ------------------------------------------------------------ building

    def _build_inventory(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("kitSearch")
        _clearable(self.search)
        self.search.setPlaceholderText("N° d'inventaire (scanné ou tapé + Entrée), marque, modèle…")
        self.search.setMinimumWidth(280)
        self.category_filter = QComboBox()
        self.state_filter = QComboBox()
        for label, value in STATE_FILTERS:
            self.state_filter.addItem(label, value)
        self.show_retired = QCheckBox("Affic&her les articles réformés")
        filters.addWidget(_labelled("&Rechercher ou scanner :", self.search))
        filters.addWidget(self.search, 2)
        filters.addWidget(_labelled("Caté&gorie :", self.category_filter))
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(_labelled("Disponi&bilité :", self.state_filter))
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.show_retired)
        outer.addLayout(filters)

        self.items_model = item_model(self)
        self.items_proxy = RowsProxy(self)
        self.items_table = _table(
            "Articles du kit", self.items_model, self.items_proxy, ITEM_WIDTHS
        )
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.count_label = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.items_table, 1)
        left_layout.addWidget(self.count_label)
        add_row = QHBoxLayout()
        self.add_equipment_button = QPushButton("Ajouter du &matériel…")
        self.add_consumable_button = QPushButton("Ajouter un &consommable…")
        self.add_category_button = QPushButton("Nouvelle catégorie…")
        for button in (
            self.add_equipment_button,
            self.add_consumable_button,
            self.add_category_button,
        ):
            add_row.addWidget(button)
        add_row.addStretch()
        left_layout.addLayout(add_row)
        docs_row = QHBoxLayout()
        self.labels_button = QPushButton("Étiquettes (PDF)")
        labels_menu = QMenu(self.labels_button)
        labels_menu.addAction(
            "Étiquettes des articles sélectionnés…", lambda: self.save_labels(selected=True)
        )
        labels_menu.addAction(
            "Étiquettes de tout le kit…", lambda: self.save_labels(selected=False)
        )
        self.labels_button.setMenu(labels_menu)
        self.status_button = QPushButton("État du kit (PDF)")
        status_menu = QMenu(self.status_button)
        status_menu.addAction("Aperçu", lambda: self.kit_status_pdf(preview=True))
        status_menu.addAction("Enregistrer le PDF…", lambda: self.kit_status_pdf(preview=False))
        self.status_button.setMenu(status_menu)
        self.export_button = QPushButton("E&xporter l'inventaire (CSV)…")
        for button in (self.labels_button, self.status_button, self.export_button):
            docs_row.addWidget(button)
        docs_row.addStretch()
        left_layout.addLayout(docs_row)

        right = QWidget()
        right.setMinimumWidth(330)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("kitDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_info = QLabel()
        self.detail_info.setObjectName("kitDetailInfo")
        self.detail_info.setWordWrap(True)
        self.detail_info.setTextFormat(Qt.TextFormat.RichText)
        self.detail_info.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QLabel()
        self.history.setObjectName("kitHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.detail_info)
        history_title = QLabel("<b>Historique</b>")
        body_layout.addWidget(history_title)
        body_layout.addWidget(self.history)
        body_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        right_layout.addWidget(self.detail_title)
        right_layout.addWidget(scroll, 1)
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
        right_layout.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)

        self.search.textChanged.connect(self.apply_filters)
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
        return page

    def _build_loans(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.loan_filter = QComboBox()
        for label, value in LOAN_FILTERS:
            self.loan_filter.addItem(label, value)
        self.loan_search = QLineEdit()
        _clearable(self.loan_search)
        self.loan_search.setPlaceholderText("Emprunteur, n° d'inventaire, téléphone…")
        filters.addWidget(_labelled("&Afficher :", self.loan_filter))
        filters.addWidget(self.loan_filter)
        filters.addWidget(_labelled("Rec&hercher :", self.loan_search))
        filters.addWidget(self.loan_search, 1)
        outer.addLayout(filters)
        self.loans_model = loan_model(self)
        self.loans_proxy = RowsProxy(self)
        self.loans_table = _table(
            "Prêts du kit",
            self.loans_model,
            self.loans_proxy,
            (50, 260, 140, 190, 130, 130, 130, 80),
        )
        self.loans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.loans_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # latest loans first
        self.loan_detail = QLabel()
        self.loan_detail.setObjectName("kitLoanDetail")
        self.loan_detail.setWordWrap(True)
        self.loan_detail.setTextFormat(Qt.TextFormat.RichText)
        self.loan_detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.loans_table)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.loan_detail)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.new_loan_button = QPushButton("&Nouveau prêt…")
        self.return_button = QPushButton("Enregistrer un &retour…")
        self.sheet_preview_button = QPushButton("Fiche de prêt : aperçu")
        self.sheet_save_button = QPushButton("Fiche de prêt (PDF)…")
        for button in (
            self.new_loan_button,
            self.return_button,
            self.sheet_preview_button,
            self.sheet_save_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        outer.addLayout(buttons)
        self.loan_filter.currentIndexChanged.connect(self.refresh_loans)
        self.loan_search.textChanged.connect(lambda text: self.loans_proxy.set_filter(text))
        self.loans_table.selectionModel().currentRowChanged.connect(self._loan_row_changed)
        self.new_loan_button.clicked.connect(lambda: self.new_loan([]))
        self.return_button.clicked.connect(self.record_return)
        self.sheet_preview_button.clicked.connect(lambda: self.loan_sheet_pdf(preview=True))
        self.sheet_save_button.clicked.connect(lambda: self.loan_sheet_pdf(preview=False))
        return page

    def _build_availability(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        period = QHBoxLayout()
        self.period_start = QDateTimeEdit()
        self.period_end = QDateTimeEdit()
        now = self.now()
        start = now.replace(minute=0)
        for edit, value in (
            (self.period_start, start),
            (self.period_end, start + timedelta(hours=2)),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setDateTime(to_qdatetime(value))
        self.period_button = QPushButton("A&fficher")
        period.addWidget(_labelled("D&u :", self.period_start))
        period.addWidget(self.period_start)
        period.addWidget(_labelled("&Au :", self.period_end))
        period.addWidget(self.period_end)
        period.addWidget(self.period_button)
        self.period_error = QLabel()
        self.period_error.setStyleSheet(ERROR_STYLE)
        period.addWidget(self.period_error, 1)
        outer.addLayout(period)

        self.counts_model = count_model(self)
        self.counts_proxy = RowsProxy(self)
        self.counts_table = _table(
            "Unités libres par catégorie",
            self.counts_model,
            self.counts_proxy,
            (170, 55, 55, 60, 75, 95),
        )
        self.period_items_model = item_model(self)
        self.period_items_proxy = RowsProxy(self)
        self.period_items_proxy.set_filter(predicate=lambda r: not r.consumable and not r.retired)
        self.period_items_table = _table(
            "Matériel pendant la période",
            self.period_items_model,
            self.period_items_proxy,
            ITEM_WIDTHS,
        )
        self.reservations_model = reservation_model(self)
        self.reservations_proxy = RowsProxy(self)
        self.reservations_table = _table(
            "Réservations à venir",
            self.reservations_model,
            self.reservations_proxy,
            (340, 260, 330, 120),
        )
        self.reservations_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reservations_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # soonest first
        self.counts_table.setSortingEnabled(False)  # categories keep their display order
        self.counts_table.horizontalHeader().setSortIndicatorShown(False)
        top = QSplitter()
        top.addWidget(self.counts_table)
        top.addWidget(self.period_items_table)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(
            QLabel(
                "<b>Réservations à venir</b> (les ateliers réservent depuis l'onglet « Ateliers »)"
            )
        )
        bottom_layout.addWidget(self.reservations_table, 1)
        res_buttons = QHBoxLayout()
        self.reserve_button = QPushButton("Réser&ver pour un événement…")
        self.cancel_reservation_button = QPushButton("Annuler la réservation sélectionnée")
        res_buttons.addWidget(self.reserve_button)
        res_buttons.addWidget(self.cancel_reservation_button)
        res_buttons.addStretch()
        bottom_layout.addLayout(res_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        self.period_button.clicked.connect(self.refresh_availability)
        self.reserve_button.clicked.connect(self.reserve_for_event)
        self.cancel_reservation_button.clicked.connect(self.cancel_reservation)
        return page

    # ------------------------------------------------------------ loading

    def _session_do(self, work: Callable[[Session], object]) -> object:  # noqa: ANN401
        with self.ctx.db.session() as session:
            return work(session)

    def refresh(self) -> None:
        """Reload the inventory and the summary now; the other pages when they are shown."""
        now = self.now()
        current_id = self.detail.id if self.detail else None
        with self.ctx.db.session() as session:
            rows = queries.item_rows(session, now=now)
            categories = catalog.list_categories(session)
            late = loans.late_loans(session, now)
            open_count = loans.open_loan_count(session)
        self._numbers = {r.inventory_number: r.id for r in rows}
        self.categories = categories
        selected = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem("Toutes", None)
        for category in categories:
            self.category_filter.addItem(category.name, category.id)
        index = self.category_filter.findData(selected)
        self.category_filter.setCurrentIndex(max(index, 0))
        self.category_filter.blockSignals(False)
        self.items_model.set_rows(rows)
        self.apply_filters()
        in_kit = sum(1 for r in rows if not r.retired and not r.consumable)
        low = sum(1 for r in rows if r.low_stock and not r.retired)
        lent = sum(1 for r in rows if r.state == "prete" and not r.retired)
        n = QLocale().toString  # "3 500", as French readers expect
        parts = [
            f"<b>{n(in_kit)}</b> matériel{'s' if in_kit > 1 else ''} en service",
            f"<b>{n(lent)}</b> prêté{'s' if lent > 1 else ''} ({n(open_count)} prêt"
            f"{'s' if open_count > 1 else ''} en cours)",
        ]
        if low:
            parts.append(f"<b>{n(low)}</b> consommable{'s' if low > 1 else ''} à commander")
        self.summary.setText(" · ".join(parts))
        if late:
            names = ", ".join(f"{escape(r.borrower_name)} ({r.days_late} j)" for r in late[:5])
            if len(late) > 5:
                names += f" et {len(late) - 5} autre{'s' if len(late) > 6 else ''}"
            self.late_banner.setText(
                f"<b>{QLocale().toString(len(late))} prêt{'s' if len(late) > 1 else ''} en retard"
                f"</b> : {names}. "
                "Voir la page « Prêts », filtre « En retard »."
            )
        self.late_banner.setVisible(bool(late))
        self._dirty_pages = {1, 2}
        self._page_shown(self.pages.currentIndex())
        if current_id is None or not self.select_item(current_id):
            self.show_item(None)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        """Coming to the tab puts the cursor in the search field, so a scanner works at once."""
        super().showEvent(event)
        if self.pages.currentIndex() == 0:
            self.search.setFocus()

    def _page_shown(self, index: int) -> None:
        if index in self._dirty_pages:
            self._dirty_pages.discard(index)
            if index == 1:
                self.refresh_loans()
            elif index == 2:
                self.refresh_availability()

    def apply_filters(self) -> None:
        category = self.category_filter.currentData()
        state = self.state_filter.currentData()
        retired = self.show_retired.isChecked()

        def keep(r) -> bool:  # noqa: ANN001
            if r.retired and not retired:
                return False
            if category is not None and r.category_id != category:
                return False
            if state == "stock_bas":
                return r.low_stock
            return state is None or (not r.consumable and r.state == state)

        self.items_proxy.set_filter(self.search.text(), keep)
        shown, total = self.items_proxy.rowCount(), self.items_model.rowCount()
        n = QLocale().toString
        self.count_label.setText(
            f"{n(shown)} article{'s' if shown > 1 else ''} affiché"
            f"{'s' if shown > 1 else ''} sur {n(total)}"
        )

    # ------------------------------------------------------------ inventory selection

    def scan_entered(self) -> None:
        """Enter in the search field: an inventory number (scanner or keyboard) jumps to the
        item, whatever the filters; the text is selected so that the next scan replaces it."""
        text = self.search.text().strip()
        if not text:
            return
        number = catalog.normalise_number(text)
        item_id = self._numbers.get(number)
        if item_id is None:
            if self.items_proxy.rowCount() == 1:
                item_id = self.items_proxy.index(0, 0).data(ID_ROLE)
            else:
                self.set_message(f"Aucun article ne porte le numéro « {text} ».", ok=False)
                self.search.selectAll()
                return
        self.select_item(item_id, reveal=True)
        self.search.selectAll()

    def select_item(self, item_id: int, *, reveal: bool = False) -> bool:
        row = self.items_model.row_of_id(item_id)
        if row is None:
            return False
        source = self.items_model.index(row, 0)
        index = self.items_proxy.mapFromSource(source)
        if not index.isValid() and reveal:
            self.search.blockSignals(True)
            self.category_filter.blockSignals(True)
            self.state_filter.blockSignals(True)
            self.category_filter.setCurrentIndex(0)
            self.state_filter.setCurrentIndex(0)
            if self.items_model.row_at(row).retired:
                self.show_retired.blockSignals(True)
                self.show_retired.setChecked(True)
                self.show_retired.blockSignals(False)
            self.category_filter.blockSignals(False)
            self.state_filter.blockSignals(False)
            self.search.blockSignals(False)
            self.items_proxy.set_filter("")
            self.apply_filters_keep_text()
            index = self.items_proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.items_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.items_table.scrollTo(index)
        self.show_item(item_id)
        return True

    def apply_filters_keep_text(self) -> None:
        """Filters without the search text (a scanned number stays in the field)."""
        text = self.search.text()
        self.search.blockSignals(True)
        self.search.setText("")
        self.apply_filters()
        self.search.setText(text)
        self.search.blockSignals(False)

    def _item_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_item(current.data(ID_ROLE) if current.isValid() else None)

    def selected_item_ids(self) -> list[int]:
        rows = self.items_table.selectionModel().selectedRows()
        return [index.data(ID_ROLE) for index in rows]

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            self.detail = None
            self.detail_title.setText("<b>Aucun article sélectionné</b>")
            self.detail_info.setText(
                "Choisissez un article dans la liste, ou scannez son étiquette dans le champ "
                "« Rechercher ou scanner »."
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
            f"<h3 style='margin:0'>{escape(item.inventory_number)} — "
            f"{escape(item.description)}</h3>"
        )
        lines = [("Catégorie", item.category.name)]
        if item.is_consumable:
            lines += [
                ("En stock", str(item.quantity or 0)),
                (
                    "Seuil d'alerte",
                    "" if item.alert_threshold is None else str(item.alert_threshold),
                ),
            ]
        else:
            lines += [
                ("N° de série", item.serial),
                ("État", item.condition_label),
                ("Disponibilité", row.state_label if row.id == item.id else ""),
                ("", row.detail if row.id == item.id and not row.retired else ""),
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
        html = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in lines
            if v
        )
        self.detail_info.setText(f"<table>{html}</table>")
        events = "".join(
            f"<tr><td style='color:#555;padding-right:6px'>{date_text(e.at, True)}</td>"
            f"<td><b>{escape(e.kind_label)}</b> {escape(e.detail)}</td></tr>"
            for e in reversed(history)
        )
        self.history.setText(f"<table>{events}</table>" if events else "Aucun événement.")
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.detail
        live = item is not None and item.condition != "reforme"
        consumable = item is not None and item.is_consumable
        broken = item is not None and item.condition == "en_panne"
        equipment = live and not consumable
        self.edit_button.setEnabled(live)
        self.lend_button.setEnabled(equipment and not broken)
        self.broken_button.setEnabled(equipment and not broken)
        self.repaired_button.setEnabled(equipment and broken)
        self.stock_button.setEnabled(live and consumable)
        self.retire_button.setEnabled(live)

    def set_message(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def _changed(self, message: str, item_id: int | None = None) -> None:
        if item_id is not None:
            self.detail = None
        self.ctx.notify("kit")  # refreshes this tab (AREAS_SHOWN) and the others showing kit data
        if item_id is not None:
            self.select_item(item_id, reveal=True)
        self.set_message(message)

    def _run_dialog(self, dialog: QDialog) -> object:
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            return getattr(dialog, "result_value", None) or True
        return None

    # ------------------------------------------------------------ inventory actions

    def _locations(self) -> list[str]:
        return self._session_do(queries.known_locations)  # type: ignore[return-value]

    def add_items(self, *, consumable: bool) -> list[ItemInfo] | None:
        def save(data, count: int):  # noqa: ANN001, ANN202
            return self._session_do(lambda s: catalog.add_items(s, data, count))

        dialog = ItemDialog(
            self.categories, save, consumable=consumable, locations=self._locations(), parent=self
        )
        created = self._run_dialog(dialog)
        if not created:
            return None
        numbers = [i.inventory_number for i in created]  # type: ignore[union-attr]
        text = numbers[0] if len(numbers) == 1 else f"{numbers[0]} à {numbers[-1]}"
        first_id = created[0].id  # type: ignore[index]
        self._changed(f"Enregistré : {text}. Pensez à imprimer les étiquettes.", first_id)
        return created  # type: ignore[return-value]

    def add_category(self) -> None:
        def save(name: str, singular: str, feminine: bool, kind: str):  # noqa: ANN202
            return self._session_do(
                lambda s: catalog.add_category(
                    s, name, singular=singular, feminine=feminine, kind=kind
                )
            )

        created = self._run_dialog(CategoryDialog(save, self))
        if created:
            self._changed(f"Catégorie « {created.name} » ajoutée.")  # type: ignore[union-attr]

    def edit_item(self) -> None:
        item = self.detail
        if item is None:
            return

        def save(data, _count: int):  # noqa: ANN001, ANN202
            return self._session_do(lambda s: catalog.update_item(s, item.id, data))

        result = self._run_dialog(
            ItemDialog(
                self.categories,
                save,
                consumable=item.is_consumable,
                item=item,
                locations=self._locations(),
                parent=self,
            )
        )
        if result:
            self._changed(
                self._with_warnings(f"{item.inventory_number} enregistré.", result), item.id
            )

    @staticmethod
    def _with_warnings(text: str, result: object) -> str:
        warnings = getattr(result, "warnings", None) or []
        return " ".join([text, *warnings])

    def declare_broken(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self._run_dialog(
            TextDialog(
                f"{item.inventory_number} en panne",
                "L'article ne sera plus prêté ni réservé jusqu'à sa réparation. Ses réservations "
                "à venir passent, si possible, sur une autre unité libre.",
                "&Panne constatée :",
                lambda text: self._session_do(lambda s: catalog.declare_broken(s, item.id, text)),
                self,
            )
        )
        if result:
            self._changed(
                self._with_warnings(f"{item.inventory_number} déclaré en panne.", result), item.id
            )

    def mark_repaired(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self._run_dialog(
            RepairDialog(
                item,
                lambda condition, detail: self._session_do(
                    lambda s: catalog.mark_repaired(s, item.id, condition, detail)
                ),
                self,
            )
        )
        if result:
            self._changed(f"{item.inventory_number} réparé : de nouveau disponible.", item.id)

    def adjust_stock(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self._run_dialog(
            StockDialog(
                item,
                lambda delta, detail: self._session_do(
                    lambda s: catalog.adjust_stock(s, item.id, delta, detail)
                ),
                self,
            )
        )
        if result is not None:
            self._changed(f"Stock de {item.inventory_number} mis à jour.", item.id)

    def retire_item(self) -> None:
        item = self.detail
        if item is None:
            return
        result = self._run_dialog(
            TextDialog(
                f"Réformer {item.inventory_number}",
                "Un article réformé sort du kit pour de bon (vol, casse irréparable, don…). Il "
                "n'est pas effacé : il garde son numéro, son historique et le motif, visibles avec "
                "« Afficher les articles réformés ».",
                "&Motif :",
                lambda text: self._session_do(lambda s: catalog.retire_item(s, item.id, text)),
                self,
            )
        )
        if result:
            self._changed(self._with_warnings(f"{item.inventory_number} réformé.", result), item.id)

    # ------------------------------------------------------------ documents

    def _structure(self):  # noqa: ANN202
        return self.ctx.structure()

    def labels_builder(self, item_ids: list[int] | None) -> Callable[[Path], None]:
        """Labels are read now (GUI thread); a long sheet is drawn in a worker thread with a
        progress bar and "Annuler"."""
        from desktop_app.commands.kit import labels_for
        from desktop_app.documents.kit.labels import build_labels

        labels, structure = labels_for(self.ctx.db, item_ids)

        def build(path: Path) -> None:
            if len(labels) < self.BACKGROUND_LABELS:
                build_labels(path, labels, structure)
                return
            try:
                run_with_progress(
                    self,
                    f"Préparation de {len(labels)} étiquettes",
                    lambda progress: build_labels(path, labels, structure, progress=progress),
                    on_start=self.progress_hook,
                )
            except Cancelled:
                path.unlink(missing_ok=True)
                raise ValueError("Étiquettes annulées : aucun fichier n'a été écrit.") from None

        return build

    def save_labels(self, *, selected: bool) -> Path | None:
        ids = self.selected_item_ids() if selected else None
        if selected and not ids:
            warn(self, "Étiquettes", "Sélectionnez d'abord un ou plusieurs articles dans la liste.")
            return None
        path = save_pdf(self, self.labels_builder(ids), "etiquettes-kit.pdf")
        if path:
            self.set_message(f"Étiquettes enregistrées : {path}")
        return path

    def kit_status_builder(self) -> Callable[[Path], None]:
        from desktop_app.commands.kit import write_kit_status

        def build(path: Path) -> None:
            write_kit_status(self.ctx.db, path, self.now().date())

        return build

    def kit_status_pdf(self, *, preview: bool) -> Path | None:
        action = preview_pdf if preview else save_pdf
        path = action(self, self.kit_status_builder(), "etat-du-kit.pdf")
        if path and not preview:
            self.set_message(f"État du kit enregistré : {path}")
        return path

    def export_inventory(self, path: Path | None = None) -> Path | None:
        from desktop_app.services.kit.export import export_inventory

        if path is None:
            settings = QSettings()
            folder = settings.value("last_export_folder", str(Path.home()))
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Exporter l'inventaire",
                str(Path(folder) / "inventaire-kit.csv"),
                "Fichiers CSV (*.csv)",
            )
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".csv":
                path = path.with_suffix(".csv")
            settings.setValue("last_export_folder", str(path.parent))
        try:
            count = self._session_do(lambda s: export_inventory(s, path, now=self.now()))
        except OSError as exc:
            from desktop_app.errors import describe_os_error

            warn(self, "Export impossible", describe_os_error(exc))
            return None
        self.set_message(f"Inventaire exporté ({count} articles) : {path}")
        return path

    # ------------------------------------------------------------ loans

    def refresh_loans(self) -> None:
        mode = self.loan_filter.currentData()
        current = self.current_loan_id()
        with self.ctx.db.session() as session:
            rows = loans.loan_rows(
                session, now=self.now(), open_only=mode == "open", late_only=mode == "late"
            )
        self.loans_model.set_rows(rows)
        self.loans_proxy.set_filter(self.loan_search.text())
        if current is not None:
            self.select_loan(current)
        else:
            self._show_loan(None)

    def current_loan_id(self) -> int | None:
        index = self.loans_table.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_loan(self, loan_id: int) -> bool:
        row = self.loans_model.row_of_id(loan_id)
        if row is None:
            self._show_loan(None)
            return False
        index = self.loans_proxy.mapFromSource(self.loans_model.index(row, 0))
        if not index.isValid():
            self._show_loan(None)
            return False
        self.loans_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.loans_table.scrollTo(index)
        self._show_loan(loan_id)
        return True

    def _loan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_loan(current.data(ID_ROLE) if current.isValid() else None)

    def _show_loan(self, loan_id: int | None) -> None:
        has = loan_id is not None
        self.sheet_preview_button.setEnabled(has)
        self.sheet_save_button.setEnabled(has)
        if loan_id is None:
            self.return_button.setEnabled(False)
            self.loan_detail.setText("Choisissez un prêt dans la liste.")
            return
        with self.ctx.db.session() as session:
            info = loans.get_loan(session, loan_id)
        self.return_button.setEnabled(bool(info.outstanding))
        now = self.now()
        head = (
            f"<b>Prêt n° {info.id}</b> — {escape(info.kind_label)} : "
            f"<b>{escape(info.borrower_name)}</b>"
            + (f" · {escape(info.phone)}" if info.phone else "")
            + (" · pièce d'identité vérifiée" if info.id_checked else "")
            + f"<br>Du {date_text(info.start, True)} au {date_text(info.due, True)}"
        )
        late = info.days_late(now)
        if late:
            head += (
                f" — <span style='color:#b00020'><b>en retard de {late} jour"
                f"{'s' if late > 1 else ''}</b></span>"
            )
        lines = "".join(
            f"<li>{escape(line.inventory_number)} — {escape(line.description)} : "
            + (
                f"rendu le {date_text(line.returned_at, True)}, "
                f"{escape(line.return_condition_label)}"
                + (f" ({escape(line.return_notes)})" if line.return_notes else "")
                if line.returned_at
                else "<b>pas encore rendu</b>"
            )
            + "</li>"
            for line in info.lines
        )
        notes = f"<br>Remarques : {escape(info.notes)}" if info.notes else ""
        self.loan_detail.setText(f"{head}{notes}<ul>{lines}</ul>")

    def _find_item(self, text: str) -> ItemInfo | None:
        with self.ctx.db.session() as session:
            item_id = catalog.find_by_number(session, text)
            return catalog.get_item(session, item_id) if item_id else None

    def lend_selected(self) -> int | None:
        ids = self.selected_item_ids() or ([self.detail.id] if self.detail else [])
        return self.new_loan(ids)

    def new_loan(self, item_ids: list[int]) -> int | None:
        now = self.now()
        with self.ctx.db.session() as session:
            items = [catalog.get_item(session, i) for i in item_ids]
            # reservations of the coming week: what a workshop or an event may come to take
            rows = [
                r
                for r in queries.reservation_rows(session, now)
                if r.start < now + timedelta(days=7)
            ]
            infos = catalog.get_items(session, [i for r in rows for i in r.item_ids])
            reservations = [
                ReservationChoice(
                    r.source,
                    f"{r.label} — {r.period} ({r.detail})",
                    r.label,
                    r.end,
                    tuple(infos[i] for i in r.item_ids if i in infos),
                )
                for r in rows
            ]

        def save(request: dict) -> int:
            return self._session_do(  # type: ignore[return-value]
                lambda s: loans.lend(s, loans.LoanRequest(**request), now=self.now())
            )

        dialog = LoanDialog(
            self._find_item, save, now=now, reservations=reservations, items=items, parent=self
        )
        loan_id = self._run_dialog(dialog)
        if not loan_id:
            return None
        self.ctx.notify("kit")
        self.loan_filter.setCurrentIndex(0)
        self.pages.setCurrentIndex(1)
        self.refresh_loans()
        self.select_loan(loan_id)  # type: ignore[arg-type]
        self.set_message(
            f"Prêt n° {loan_id} enregistré. Imprimez la fiche de prêt et faites-la signer."
        )
        return loan_id  # type: ignore[return-value]

    def record_return(self) -> bool:
        loan_id = self.current_loan_id()
        if loan_id is None:
            return False
        with self.ctx.db.session() as session:
            info = loans.get_loan(session, loan_id)
        lines = [
            (line.item_id, f"{line.inventory_number} — {line.description}")
            for line in info.outstanding
        ]
        if not lines:
            return False

        def save(returns: list, when: datetime) -> list[str]:
            return self._session_do(
                lambda s: loans.return_items(  # type: ignore[return-value]
                    s, loan_id, [loans.ItemReturn(i, c, n) for i, c, n in returns], when=when
                )
            )

        dialog = ReturnDialog(
            f"Retour du prêt n° {loan_id} ({info.borrower_name})",
            lines,
            save,
            now=self.now(),
            parent=self,
        )
        warnings = self._run_dialog(dialog)
        if warnings is None:
            return False
        self.ctx.notify("kit")
        self.refresh_loans()
        self.select_loan(loan_id)
        extra = warnings if isinstance(warnings, list) else []
        self.set_message(" ".join([f"Retour du prêt n° {loan_id} enregistré.", *extra]))
        return True

    def loan_sheet_builder(self, loan_id: int) -> Callable[[Path], None]:
        from desktop_app.documents.kit.loan_sheet import build_loan_sheet

        def build(path: Path) -> None:
            with self.ctx.db.session() as session:
                info = loans.get_loan(session, loan_id)
            build_loan_sheet(path, info, self._structure(), self.now().date())

        return build

    def loan_sheet_pdf(self, *, preview: bool) -> Path | None:
        loan_id = self.current_loan_id()
        if loan_id is None:
            return None
        action = preview_pdf if preview else save_pdf
        return action(self, self.loan_sheet_builder(loan_id), f"fiche-de-pret-{loan_id}.pdf")

    # ------------------------------------------------------------ availability

    def period(self) -> tuple[datetime, datetime]:
        return (
            from_qdatetime(self.period_start.dateTime()),
            from_qdatetime(self.period_end.dateTime()),
        )

    def refresh_availability(self) -> None:
        start, end = self.period()
        if end <= start:
            self.period_error.setText("La fin de la période doit être après son début.")
            return
        self.period_error.setText("")
        now = self.now()
        with self.ctx.db.session() as session:
            rows = queries.item_rows(session, start, end, now=now)
            counts = queries.category_counts(session, rows)
            reservations = queries.reservation_rows(session, now)
        self.period_items_model.set_rows(rows)
        self.period_items_proxy.set_filter()
        self.counts_model.set_rows([c for c in counts if not c.consumable])
        self.reservations_model.set_rows(reservations)

    def set_period(self, start: datetime, end: datetime) -> None:
        self.period_start.setDateTime(to_qdatetime(start))
        self.period_end.setDateTime(to_qdatetime(end))
        self.refresh_availability()

    def reserve_for_event(self) -> bool:
        start, end = self.period()
        if end <= start:
            end = start + timedelta(hours=2)

        def save(label: str, r_start: datetime, r_end: datetime, wanted: dict) -> bool:
            label = label.strip()
            if not label:
                raise KitError("Indiquez pour quel événement.", {"label": "Obligatoire."})
            if not wanted:
                raise KitError("Indiquez au moins une unité à réserver.")
            try:
                self._session_do(
                    lambda s: api.reserve(
                        s, f"evenement:{uuid4().hex[:12]}", r_start, r_end, wanted, label
                    )
                )
            except api.KitUnavailableError as exc:
                raise KitError(str(exc)) from None
            except ValueError as exc:
                raise KitError(str(exc), {"end": str(exc)}) from None
            return True

        dialog = ReserveDialog(self.categories, save, start=start, end=end, parent=self)
        if not self._run_dialog(dialog):
            return False
        self.ctx.notify("kit")
        self.set_message("Réservation enregistrée.")
        return True

    def cancel_reservation(self) -> bool:
        index = self.reservations_table.selectionModel().currentIndex()
        if not index.isValid():
            return False
        row = self.reservations_model.row_at(self.reservations_proxy.mapToSource(index).row())
        if row.is_workshop:
            warn(
                self,
                "Réservation d'un atelier",
                "Cette réservation appartient à un atelier : modifiez ou annulez la séance "
                "dans l'onglet « Ateliers ».",
            )
            return False
        self._session_do(lambda s: api.release(s, row.source))
        self.ctx.notify("kit")
        self.set_message(f"Réservation « {row.label} » annulée.")
        return True
