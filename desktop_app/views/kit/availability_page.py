""" "Disponibilités", the third page of the kit tab: what is free during a chosen period, per
category and per item, and the reservations to come.

Computing a period reads every item, loan and reservation (a few tens of milliseconds on a large
kit, more on an old PC), so it runs through the operation runner: the window keeps painting and a
progress dialog shows if it lasts; the GUI thread only fills the tables.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.dates import DateInputError
from desktop_app.services.kit import queries, reservations
from desktop_app.views.common.date_fields import DateTimeField
from desktop_app.views.common.forms import ERROR_STYLE, warn
from desktop_app.views.common.operations import Job, run_operation
from desktop_app.views.common.tables import RowsProxy, rows_table, select_id, setup_table
from desktop_app.views.kit.dialogs import KIT, SCANNED_TAIL, ReserveDialog
from desktop_app.views.kit.inventory_page import ITEM_WIDTHS, labelled
from desktop_app.views.kit.models import count_model, item_model, reservation_model

if TYPE_CHECKING:
    from desktop_app.views.kit.host import KitHost

RESERVATION_WIDTHS = (560, 250, 300, 120)

class AvailabilityPage(QWidget):
    def __init__(self, tab: KitHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.ctx = tab.ctx
        outer = QVBoxLayout(self)
        outer.addLayout(self._build_period())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_tables())
        splitter.addWidget(self._build_reservations())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        self.period_button.clicked.connect(self.refresh)
        self.reserve_button.clicked.connect(self.reserve_for_event)
        self.cancel_reservation_button.clicked.connect(self.cancel_reservation)
        # coming to the page puts the cursor in « Début »: a label scanned there typed
        # « 03/12/2026KIT-0007 » and its Enter refused the period
        self._period_edits = tuple(
            part.edit
            for field in (self.period_start, self.period_end)
            for part in (field.date_field, field.time_field)
        )
        for edit in self._period_edits:
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            type(event) is QKeyEvent
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and watched in self._period_edits
            and self._scan_typed_in(watched)  # type: ignore[arg-type]
        ):
            return True
        return super().eventFilter(watched, event)

    def _scan_typed_in(self, edit: QLineEdit) -> bool:
        """An item's number ending a period field when Enter comes (a scanner's keys) is taken
        out of the field, which keeps what it held, and goes to « Inventaire » as a scan, as a
        scan on a button of this page does. Only an existing item's number counts: a date
        typed (« 12 mars ») stays a date."""
        found = SCANNED_TAIL.search(edit.text())
        if found is None or self.tab.inventory.item_id_of(found.group(1)) is None:
            return False
        edit.setText(edit.text()[: found.start()].rstrip())
        self.tab.show_page(self.tab.inventory)
        search = self.tab.inventory.search
        search.setFocus(Qt.FocusReason.OtherFocusReason)
        search.setText(found.group(1))
        self.tab.inventory.scan_entered()
        return True

    # ------------------------------------------------------------ building

    def _build_period(self) -> QVBoxLayout:
        # from now, not from the top of the hour: a tablet given back at 10:15 is not "lent"
        # in a period starting at 10:40, and the figures agree with the tab's summary
        start = self.ctx.now().replace(second=0, microsecond=0)
        today = start.date()
        self.period_start = DateTimeField(start, today=today)
        self.period_end = DateTimeField(start + timedelta(hours=2), today=today)
        # until the person types a period, it is « the two hours to come » at each reading: the
        # page built at 9:40 and shown again at 14:00 counted what was lent in the morning.
        # Typed is told by the texts (a date typed then Alt+H has not been committed yet)
        self._period_chosen = False
        self._clock_start = start
        self._clock_texts = self._texts()
        for field in (self.period_start, self.period_end):  # "Afficher" stays beside them
            field.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.period_button = QPushButton("Affic&her")
        period = QHBoxLayout()
        period.addWidget(labelled("Dé&but :", self.period_start))
        period.addWidget(self.period_start)
        period.addWidget(labelled("Fi&n :", self.period_end))
        period.addWidget(self.period_end)
        period.addWidget(self.period_button)
        period.addStretch()
        self.period_error = QLabel()
        self.period_error.setObjectName("kitPeriodError")
        self.period_error.setStyleSheet(ERROR_STYLE)
        self.period_error.setWordWrap(True)
        box = QVBoxLayout()
        box.addLayout(period)
        box.addWidget(self.period_error)
        return box

    def _build_tables(self) -> QSplitter:
        self.counts_model = count_model(self)
        self.counts_proxy = RowsProxy(self)
        # the categories keep their display order (that of the inventory's filter and of
        # « État du kit »): a table made sortable, then told not to be, stayed sorted by name
        self.counts_proxy.setSourceModel(self.counts_model)
        self.counts_table = QTableView()
        self.counts_table.setModel(self.counts_proxy)
        setup_table(
            self.counts_table, "Unités libres par catégorie", (170, 55, 55, 60, 75, 95),
            sortable=False,
        )
        self.counts_table.horizontalHeader().setSortIndicatorShown(False)
        self.period_items_model = item_model(self)
        self.period_items_model.search_text = lambda _row, _texts: ""  # no search field here
        self.period_items_proxy = RowsProxy(self)
        self.period_items_table = rows_table(
            "Matériel pendant la période",
            self.period_items_model,
            self.period_items_proxy,
            ITEM_WIDTHS,
        )
        top = QSplitter()
        top.addWidget(self.counts_table)
        top.addWidget(self.period_items_table)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        return top

    def _build_reservations(self) -> QWidget:
        self.reservations_model = reservation_model(self)
        self.reservations_proxy = RowsProxy(self)
        self.reservations_table = rows_table(
            "Réservations à venir",
            self.reservations_model,
            self.reservations_proxy,
            # the event's name gets the room (it was cut at 340 px while « Origine » stretched
            # over 400 px of blank at 1366 px)
            RESERVATION_WIDTHS,
        )
        self.reservations_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reservations_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # soonest first
        bottom = QWidget()
        layout = QVBoxLayout(bottom)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(
            "<b>Réservations à venir</b> (les ateliers réservent depuis l'onglet « Ateliers »)"
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.reservations_table, 1)
        buttons = QHBoxLayout()
        self.reserve_button = QPushButton("Réser&ver pour un événement…")
        self.cancel_reservation_button = QPushButton("Annuler la ré&servation sélectionnée")
        buttons.addWidget(self.reserve_button)
        buttons.addWidget(self.cancel_reservation_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        return bottom

    # ------------------------------------------------------------ the period

    def period(self) -> tuple[datetime, datetime]:
        """The period typed; ``DateInputError`` with its French message when it is not one."""
        return self.period_start.value(), self.period_end.value()

    def period_problem(self) -> str | None:
        try:
            start, end = self.period()
        except DateInputError as exc:
            return str(exc)
        return reservations.period_problem(start, end)

    def _texts(self) -> tuple[str, ...]:
        return tuple(
            part.text()
            for field in (self.period_start, self.period_end)
            for part in (field.date_field, field.time_field)
        )

    def _follow_the_clock(self) -> None:
        """The period not chosen by the person: from now, for two hours."""
        if self._period_chosen or self._texts() != self._clock_texts:
            self._period_chosen = True  # typed: kept from now on
            return
        start = self.ctx.now().replace(second=0, microsecond=0)
        if start == self._clock_start:
            return  # the same minute: the fields already say so (setting them costs 0.3 ms)
        self._clock_start = start
        self.period_start.set_value(start)
        self.period_end.set_value(start + timedelta(hours=2))
        self._clock_texts = self._texts()

    def refresh(self) -> None:
        """Compute what is free during the period, off the GUI thread."""
        self._follow_the_clock()
        problem = self.period_problem()
        self.period_error.setText(problem or "")
        self.period_error.setVisible(bool(problem))
        if problem:
            # the figures of the previous period, left under the message, read as this one's
            self.counts_model.set_rows([])
            self.period_items_model.set_rows([])
            return
        start, end = self.period()
        now = self.ctx.now()
        # the items as the tab last read them (it reads again after every change): only the
        # period's loans and reservations are read here, not thousands of items again
        known = self.tab.inventory.items_model.rows() if self.tab.loaded else None

        def work(job: Job) -> tuple:
            with job.db.session() as session:
                if known is None:  # shown before the tab's first reading arrived
                    rows = queries.item_rows(session, start, end, now=now)
                else:
                    rows = queries.rows_during(session, known, start, end, now=now)
                counts = queries.category_counts(session, rows)
                reservations = queries.reservation_rows(session, now)
            # the equipment in service only, filtered here rather than row by row by the proxy
            shown = [r for r in rows if not r.consumable and not r.retired]
            return shown, [c for c in counts if not c.consumable], reservations

        outcome = run_operation(
            self, work, label="Calcul des disponibilités…", ctx=self.ctx, cancellable=False
        )
        if not outcome.ok or outcome.value is None:
            return
        rows, counts, reservations = outcome.value
        self.period_items_model.set_rows(rows)
        self.counts_model.set_rows(counts)
        self.reservations_model.set_rows(reservations)

    def set_period(self, start: datetime, end: datetime) -> None:
        self._period_chosen = True
        self.period_start.set_value(start)
        self.period_end.set_value(end)
        self.refresh()

    # ------------------------------------------------------------ reservations

    def reserve_for_event(self) -> bool:
        try:
            start, end = self.period()
        except DateInputError:
            start = end = None
        start, end = reservations.proposed_period(start, end, self.ctx.now())
        db, clock = self.ctx.db, self.ctx.now

        def save(label: str, r_start: datetime, r_end: datetime, wanted: dict) -> str:
            """On the worker thread: one unit of work, refusals as field messages; the new
            reservation's source (selected once the list is read again)."""
            with db.session() as session:
                return reservations.reserve_event(
                    session, label, r_start, r_end, wanted, now=clock()
                )

        dialog = ReserveDialog(
            self.tab.categories,
            save,
            start=start,
            end=end,
            today=self.ctx.today(),
            ctx=self.ctx,
            parent=self,
        )
        source = self.tab.run_dialog(dialog)
        if not source:
            return False
        self.tab.refresh()
        # the new reservation is selected: « Annuler la réservation sélectionnée » acts on it
        self.select_reservation(str(source))
        self.tab.set_message("Réservation enregistrée.")
        return True

    def select_reservation(self, source: str) -> bool:
        """Select and show the reservation of ``source``; False when it is not listed."""
        model = self.reservations_model
        row = next((r for r in model.rows() if r.source == source), None)
        return row is not None and select_id(self.reservations_table, model.id_of(row))

    def cancel_reservation(self) -> bool:
        index = self.reservations_table.selectionModel().currentIndex()
        if not index.isValid() or not self.reservations_table.selectionModel().isSelected(index):
            # said, not silent: the button pressed with nothing chosen seemed broken
            self.tab.set_message(
                "Choisissez d'abord une réservation dans la liste « Réservations à venir ».",
                ok=False,
            )
            self.reservations_table.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        row = self.reservations_model.row_at(self.reservations_proxy.mapToSource(index).row())
        if reservations.is_workshop(row.source):  # said at once; the service refuses it too
            warn(self, "Réservation d'un atelier", reservations.workshop_refusal())
            return False

        def work(job: Job) -> None:
            with job.db.session() as session:
                reservations.cancel(session, row.source)

        outcome = run_operation(
            self,
            work,
            label="Annulation de la réservation…",
            ctx=self.ctx,
            changes=KIT,
            initiator=self,
            cancellable=False,
        )
        if not outcome.ok:
            return False
        self.tab.refresh()
        self.tab.set_message(f"Réservation « {row.label} » annulée.")
        return True
