""" "Prêts", the second page of the kit tab: current, late and past loans, new loans (items
typed or scanned), returns and the "Fiche de prêt" to be signed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.kit import catalog, loans, printing, reservations
from desktop_app.services.kit.catalog import ItemInfo
from desktop_app.services.kit.printable import LoanInfo
from desktop_app.views.common import files
from desktop_app.views.common.operations import Job, run_operation
from desktop_app.views.common.tables import ID_ROLE, RowsProxy, date_text, rows_table, select_id
from desktop_app.views.kit.dialogs import LoanDialog, ReturnDialog
from desktop_app.views.kit.inventory_page import clearable, labelled, rich_label, scan_ready
from desktop_app.views.kit.models import loan_model
from desktop_app.views.personal_data.entry import add_person_data_action

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.views.kit.host import KitHost

LOAN_FILTERS = (("En cours", "open"), ("En retard", "late"), ("Tous", "all"))
# the borrower's column holds « Maison France Services de Saint-Aubin-des-Prés — permanence »
# whole at 1366 px (it was cut at 260 px while the last column stretched over 300 px of blank)
LOAN_WIDTHS = (50, 420, 140, 170, 125, 125, 125, 80)
SEARCH_LABEL = "&Rechercher :"
DETAIL_SHARE = 1000  # the loan's detail gets a third of the height under the filters


class LoansPage(QWidget):
    def __init__(self, tab: KitHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.ctx = tab.ctx
        self._read_at: datetime | None = None  # the clock when the loans were last read
        self._filtered_by: tuple | None = None  # what the proxy's predicate keeps
        self._scan_refusal = ""  # the message of the last scan that found nothing
        outer = QVBoxLayout(self)
        outer.addLayout(self._build_filters())
        outer.addWidget(self._build_list(), 1)
        outer.addLayout(self._build_buttons())
        self._connect()

    # ------------------------------------------------------------ building

    def _build_filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.loan_filter = QComboBox()
        for label, value in LOAN_FILTERS:
            self.loan_filter.addItem(label, value)
        self.loan_search = QLineEdit()
        clearable(self.loan_search)
        scan_ready(self.loan_search)
        self.loan_search.setPlaceholderText("Emprunteur, n° d'inventaire, téléphone…")
        filters.addWidget(labelled("Affic&her :", self.loan_filter))
        filters.addWidget(self.loan_filter)
        # Alt+R, as « Rechercher ou scanner » on « Inventaire »: one letter for one action on
        # every page of the kit
        filters.addWidget(labelled(SEARCH_LABEL, self.loan_search))
        filters.addWidget(self.loan_search, 1)
        return filters

    def _build_list(self) -> QSplitter:
        self.loans_model = loan_model(self)
        self.loans_proxy = RowsProxy(self)
        self.loans_table = rows_table(
            "Prêts du kit", self.loans_model, self.loans_proxy, LOAN_WIDTHS
        )
        self.loans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.loans_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # latest loans first
        add_person_data_action(self.loans_table, self.ctx, "E", self._lent_to_a_person)
        self.loan_detail = rich_label("kitLoanDetail")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.loans_table)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.loan_detail)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        # the first share too, not only what is left over: the list asked for all the height,
        # and at 1366×768 the loan scanned at its return showed four lines (borrower, dates,
        # its first item), its other items below the fold
        splitter.setSizes([2 * DETAIL_SHARE, DETAIL_SHARE])
        return splitter

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.new_loan_button = QPushButton("&Nouveau prêt…")
        self.return_button = QPushButton("Enregistrer un ret&our…")
        self.sheet_preview_button = QPushButton("Fiche de prê&t : aperçu")
        self.sheet_save_button = QPushButton("Fi&che de prêt (PDF)…")
        for button in (
            self.new_loan_button,
            self.return_button,
            self.sheet_preview_button,
            self.sheet_save_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        return buttons

    def _connect(self) -> None:
        self.loan_filter.currentIndexChanged.connect(self._filter_changed)
        self.loan_search.textChanged.connect(lambda text: self.loans_proxy.set_filter(text))
        self.loan_search.returnPressed.connect(self.scan_entered)
        self.loans_table.selectionModel().currentRowChanged.connect(self._loan_row_changed)
        self.new_loan_button.clicked.connect(lambda: self.new_loan([]))
        self.return_button.clicked.connect(self.record_return)
        self.sheet_preview_button.clicked.connect(lambda: self.loan_sheet_pdf(preview=True))
        self.sheet_save_button.clicked.connect(lambda: self.loan_sheet_pdf(preview=False))

    def _lent_to_a_person(self, loan_id: int) -> bool:
        """Only a loan to a person names someone (not one to a workshop or an event)."""
        with self.ctx.db.session() as session:
            return loans.get_loan(session, loan_id).borrower_kind == "personne"

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Read every loan (on the operation runner's worker thread); "En cours", "En retard"
        and "Tous" then only filter them."""
        current = self.current_loan_id()
        now = self.ctx.now()

        def read(job: Job) -> list[loans.LoanRow]:
            with job.db.session() as session:
                return loans.loan_rows(session, now=now)

        outcome = run_operation(
            self, read, label="Lecture des prêts…", ctx=self.ctx, cancellable=False
        )
        if not outcome.ok or outcome.value is None:
            return
        self._read_at = now
        self._filter()  # before the rows: the proxy filters them once, as they come
        self.loans_model.set_rows(outcome.value)
        self._reselect(current)

    def _filter_changed(self) -> None:
        if self.isVisible() and self._read_at not in (None, self.ctx.now()):
            self.refresh()  # lateness counted now, not when the loans were read
            return
        current = self.current_loan_id()
        self._filter()
        self._reselect(current)

    def _filter(self) -> None:
        mode, now = self.loan_filter.currentData(), self._read_at
        choice = (mode, now if mode == "late" else None)
        if choice == self._filtered_by:
            return  # new rows are filtered by the proxy as they come
        self._filtered_by = choice

        def keep(r: loans.LoanRow) -> bool:
            if mode == "open":
                return r.closed_at is None
            return r.closed_at is None and r.due < now  # "late"

        self.loans_proxy.set_filter(
            self.loan_search.text(),
            keep if mode in ("open", "late") else None,
            keep_predicate=False,
        )

    def _reselect(self, loan_id: int | None) -> None:
        if loan_id is None or not self.select_loan(loan_id):
            self._show_loan(None)

    def current_loan_id(self) -> int | None:
        index = self.loans_table.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_loan(self, loan_id: int) -> bool:
        if not select_id(self.loans_table, loan_id):
            self._show_loan(None)
            return False
        self._show_loan(loan_id)
        return True

    def _select_row(self, row: int) -> bool:
        count = self.loans_proxy.rowCount()
        if count == 0 or row < 0:
            return False
        loan_id = self.loans_proxy.index(min(row, count - 1), 0).data(ID_ROLE)
        return self.select_loan(loan_id)

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
        self.loan_detail.setText(loan_html(info, self.ctx.now()))

    def scan_entered(self) -> bool:
        """Enter in « Rechercher » (a label scanned, or a number typed): the list shows the
        loans of that item and the latest one still open (else the latest) is selected, so
        « Enregistrer un retour » follows; the text is selected so the next scan replaces
        it. Any other text only filters; Enter then selects the one loan left, if one is."""
        text = self.loan_search.text().strip()
        if not text:
            return False
        number = catalog.normalise_number(text)
        holding = [
            r for r in self.loans_model.rows() if number in r.numbers.split(", ")
        ]
        if holding and text != number:
            self.loan_search.setText(number)  # « kit-12 » filtered nothing: « KIT-0012 » does
        self.loan_search.selectAll()
        shown = {self.loans_proxy.index(row, 0).data(ID_ROLE)
                 for row in range(self.loans_proxy.rowCount())}
        if holding:
            visible = [r for r in holding if r.id in shown]
            if not visible:
                self._say(
                    f"{number} n'est dans aucun prêt affiché : choisissez « Tous » dans "
                    "« Afficher » pour voir ses prêts passés."
                )
                return False
            # rows() keeps the order read: the latest loans first
            chosen = next((r for r in visible if r.closed_at is None), visible[0])
            self._say("")
            return self.select_loan(chosen.id)
        if len(shown) == 1:
            self._say("")
            return self.select_loan(next(iter(shown)))
        if self._find_item(text) is not None:
            self._say(f"{number} n'a jamais été prêté.")
        elif not shown:
            self._say(f"Aucun prêt ne correspond à « {text} ».")
        return False

    def _say(self, refusal: str) -> None:
        """A scan's refusal on the tab's line; the previous one goes at the next scan (any
        other message stays)."""
        if refusal:
            self.tab.set_message(refusal, ok=False)
        elif self._scan_refusal and self.tab.message.text() == self._scan_refusal:
            self.tab.set_message("")
        self._scan_refusal = refusal

    # ------------------------------------------------------------ actions

    def _find_item(self, text: str) -> ItemInfo | None:
        with self.ctx.db.session() as session:
            item_id = catalog.find_by_number(session, text)
            return catalog.get_item(session, item_id) if item_id else None

    def _check_item(
        self, item_id: int, due: datetime, source: str | None
    ) -> tuple[str, bool] | None:
        """Why a scanned item cannot go (one item: a few indexed reads, well under a scan)."""
        with self.ctx.db.session() as session:
            return loans.scan_refusal(
                session, item_id, due, for_source=source, now=self.ctx.now()
            )

    def _coming_reservations(self, now: datetime) -> list[reservations.ComingReservation]:
        """What a workshop or an event may come to take (``services.kit.reservations``)."""
        with self.ctx.db.session() as session:
            return reservations.coming(session, now)

    def new_loan(self, item_ids: list[int]) -> int | None:
        now = self.ctx.now()
        with self.ctx.db.session() as session:
            items = [catalog.get_item(session, i) for i in item_ids]
        db, clock = self.ctx.db, self.ctx.now

        def save(request: dict) -> int:  # on the worker thread
            with db.session() as session:
                return loans.lend(session, loans.LoanRequest(**request), now=clock())

        dialog = LoanDialog(
            self._find_item,
            save,
            now=now,
            reservations=self._coming_reservations(now),
            items=items,
            check_item=self._check_item,
            ctx=self.ctx,
            parent=self,
        )
        loan_id = self.tab.run_dialog(dialog)
        if not loan_id:
            return None
        self.tab.refresh()  # reloads this page when shown, now or just below
        self.loan_filter.setCurrentIndex(0)
        self.tab.show_page(self)
        self.select_loan(loan_id)  # type: ignore[arg-type]
        self.tab.set_message(
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
            (line.item_id, f"{line.inventory_number} — {line.description}", line.condition)
            for line in info.outstanding
        ]
        if not lines:
            return False
        db, clock = self.ctx.db, self.ctx.now

        def save(returns: list, when: datetime) -> list[str]:  # on the worker thread
            with db.session() as session:
                return loans.return_items(
                    session,
                    loan_id,
                    [loans.ItemReturn(i, c, n) for i, c, n in returns],
                    when=when,
                    now=clock(),
                )

        dialog = ReturnDialog(
            f"Retour du prêt n° {loan_id} ({info.borrower_name})",
            lines,
            save,
            now=self.ctx.now(),
            lent_on=info.start.date(),
            ctx=self.ctx,
            parent=self,
        )
        row = self.loans_table.selectionModel().currentIndex().row()
        warnings = self.tab.run_dialog(dialog)
        if warnings is None:
            return False
        self.tab.refresh()  # this page is shown: reloaded with the tab
        if not self.select_loan(loan_id):
            # closed, so no longer « En cours »: the loan that took its place is selected, and
            # the keyboard goes on down the list instead of starting again from the top
            self._select_row(row)
        extra = warnings if isinstance(warnings, list) else []
        self.tab.set_message(" ".join([f"Retour du prêt n° {loan_id} enregistré.", *extra]))
        return True

    def loan_sheet_pdf(self, *, preview: bool) -> Path | None:
        loan_id = self.current_loan_id()
        if loan_id is None:
            return None
        db, today = self.ctx.db, self.ctx.today()

        def build(tmp: Path) -> None:
            printing.write_loan_sheet(db, tmp, loan_id, today)

        action = files.preview_pdf if preview else files.save_pdf
        path = action(
            self, build, f"fiche-de-pret-{loan_id}.pdf", label="Préparation de la fiche de prêt…"
        )
        if path and not preview:  # the line would otherwise still tell of the previous file
            self.tab.set_message(f"Fiche de prêt n° {loan_id} enregistrée : {path}")
        return path


def loan_html(info: LoanInfo, now: datetime) -> str:
    """The selected loan, under the table: who, when, and where each item is."""
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
    return f"{head}{notes}<ul>{lines}</ul>"
