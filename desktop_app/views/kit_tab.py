"""Tab "Kit d'inclusion": inventory, loans, availability and reservations.

The tab is a thin container: a summary line, a banner of late loans, three pages
(``views/kit/inventory_page.py``, ``loans_page.py``, ``availability_page.py``) and a message
line. The pages only call ``services.kit``; every change runs through a form dialog or the
operation runner (off the GUI thread), is announced as "kit" with the page as initiator — other
tabs refresh, this one reloads itself once, explicitly — and the pages that are not shown are
reloaded when they are next shown.

Reading thousands of items, loans and reservations also goes through the operation runner: the
worker thread reads, the GUI thread keeps painting and only fills the tables when the rows
arrive. The first reading starts when the tab has been painted and does not wait (``loaded``
turns True when its rows are shown); so does the reading after a change made in another tab
while this one was hidden. ``refresh`` on the tab shown returns once the new rows are shown, so a
page can select what it has just saved.

Coming to the tab puts the cursor in « Rechercher ou scanner », so a barcode scanner works at
once — unless the person arrived with the arrow keys on the main window's tab bar: the focus
stays there, so Left/Right (and Ctrl+Tab) keep moving between the tabs. A scan typed while the
focus is on that tab bar, in a page's list, or on anything of the tab that takes no characters
(a button, a box to tick) is handed to the page's search field (its first character moves the
focus there; the rest follows by itself, and its Enter acts as a scan there).

Tests drive dialogs through ``exec_dialog`` (replace it to fill the dialog and call
``accept()``) and pin the clock through ``ctx.clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.kit import catalog, loans, queries
from desktop_app.services.kit.catalog import CategoryInfo
from desktop_app.services.kit.loans import LoanRow
from desktop_app.services.kit.queries import ItemRow, KitCounts
from desktop_app.views.common.forms import ERROR_STYLE, OK_STYLE
from desktop_app.views.common.operations import Job, Outcome, run_operation, start_operation
from desktop_app.views.common.tabs import tab_widget
from desktop_app.views.kit.availability_page import AvailabilityPage
from desktop_app.views.kit.inventory_page import InventoryPage
from desktop_app.views.kit.loans_page import LoansPage
from desktop_app.views.tab_base import TabBase


class KitTab(TabBase):
    TITLE = "Kit d'inclusion"
    AREAS_SHOWN = ("kit", "workshops", "structure")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.categories: list[CategoryInfo] = []
        self.loaded = False  # True once the first reading is shown
        self._reads = 0  # the latest reading wins, should two overlap
        self._read_when_painted = True  # the rows shown are not the base's: read at next paint
        self._background: int | None = None  # the background reading under way
        self._tab_bar: QTabBar | None = None  # the bar of the tabs this tab is one of
        layout = QVBoxLayout(self)
        self._build_header(layout)
        self.pages = tab_widget()
        self.pages.setObjectName("kitPages")
        self.inventory = InventoryPage(self)
        self.loans = LoansPage(self)
        self.availability = AvailabilityPage(self)
        self._stale: set[QWidget] = {self.loans, self.availability}
        self.pages.addTab(self.inventory, "&Inventaire")
        self.pages.addTab(self.loans, "&Prêts")
        self.pages.addTab(self.availability, "Disponibi&lités")
        layout.addWidget(self.pages, 1)
        self.message = QLabel()
        self.message.setObjectName("kitMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.pages.currentChanged.connect(self._page_shown)
        # a label scanned while the cursor is in the list (a row clicked) typed into the
        # table's own type-ahead: the row clicked stayed shown, as if it were the one scanned
        self.inventory.items_table.installEventFilter(self)
        self.loans.loans_table.installEventFilter(self)  # the same on « Prêts »
        self.summary.setText("Lecture du kit…")

    def _build_header(self, layout: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("kitSummary")
        self.summary.setWordWrap(True)
        self.late_banner = QLabel()
        self.late_banner.setObjectName("kitLateBanner")
        self.late_banner.setWordWrap(True)
        self.late_banner.setStyleSheet(
            "background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 3px;"
        )
        self.late_banner.hide()
        layout.addWidget(self.summary)
        layout.addWidget(self.late_banner)

    # ------------------------------------------------------------ loading

    def _reader(self) -> Callable[[Job], tuple]:
        """What the worker thread reads for the inventory and the summary."""
        now = self.ctx.now()

        def read(job: Job) -> tuple:
            with job.db.session() as session:
                rows = queries.item_rows(session, now=now)
                return (
                    rows,
                    catalog.list_categories(session),
                    loans.late_loans(session, now),
                    loans.open_loan_count(session),
                    queries.kit_counts(rows),
                )

        return read

    def _read_in_background(self) -> None:
        """Read without waiting: the tab is shown at once and its tables fill when the rows
        arrive (a number scanned meanwhile is looked up then). Started once the tab is painted:
        a worker running Python while the GUI thread builds or paints slows both down (they
        take turns holding the interpreter)."""
        self._reads += 1
        self._background = self._reads
        running = start_operation(self._reader(), ctx=self.ctx)
        running.done.connect(self._background_read_done)  # dropped by Qt if the tab is gone

    def _background_read_done(self, outcome: Outcome) -> None:
        if self._background != self._reads:
            return  # a newer reading (refresh) is already shown
        if not outcome.ok or outcome.value is None:
            if not self.loaded:
                self.summary.setText("")
            self.set_message(outcome.message or "Le kit n'a pas pu être lu.", ok=False)
            return
        self._show(*outcome.value)

    def refresh(self) -> None:
        """Reload the inventory and the summary now; the other pages when they are shown. The
        database is read on the operation runner's worker thread; this returns once the rows
        are shown. A hidden tab (another tab changed the kit) reads when it is next shown."""
        self._reads += 1  # a background reading under way is outdated
        if self.loaded and not self.isVisible():
            self._read_when_painted = True
            return
        self._read_when_painted = False
        mine = self._reads
        outcome = run_operation(
            self, self._reader(), label="Lecture du kit…", ctx=self.ctx, cancellable=False
        )
        if not outcome.ok or outcome.value is None or mine != self._reads:
            return  # a refused read says why itself; a newer reading is already shown
        self._show(*outcome.value)

    def _show(
        self, rows: list[ItemRow], categories: list[CategoryInfo], late: list[LoanRow],
        open_count: int, counts: KitCounts,
    ) -> None:
        self.categories = categories
        first, self.loaded = not self.loaded, True
        self.inventory.show_rows(rows, self.categories)
        self._show_summary(counts, late, open_count)
        if not first:  # a page shown before the first rows came has read for itself
            self._stale = {self.loans, self.availability}
        self._page_shown(self.pages.currentIndex())

    def _show_summary(self, counts: KitCounts, late: list[LoanRow], open_count: int) -> None:
        in_kit, low, lent = counts.in_service, counts.low_stock, counts.lent
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
                f"<b>{n(len(late))} prêt{'s' if len(late) > 1 else ''} en retard</b> : "
                f"{names}. Voir la page « Prêts », filtre « En retard »."
            )
        self.late_banner.setVisible(bool(late))

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index)
        if page in self._stale:
            self._stale.discard(page)
            page.refresh()  # type: ignore[attr-defined]

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        """The first paint (or the first after a change made while the tab was hidden) starts
        a reading in the background, once the whole tab is drawn."""
        super().paintEvent(event)
        if self._read_when_painted:
            self._read_when_painted = False
            QTimer.singleShot(0, self, self._read_in_background)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        """Coming to the tab puts the cursor in the search field, so a scanner works at once;
        not when the focus is on a tab bar (arrow keys), which keeps it."""
        super().showEvent(event)
        self._watch_tab_bar()
        if self.pages.currentWidget() is self.inventory and not isinstance(
            self.window().focusWidget(), QTabBar
        ):
            self.inventory.search.setFocus()

    def _watch_tab_bar(self) -> None:
        """Watch the keys typed on the bar of the tabs this tab is one of (a scan)."""
        if self._tab_bar is not None:
            return
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QTabWidget):
            holder = holder.parentWidget()
        if holder is not None:
            self._tab_bar = holder.tabBar()
            self._tab_bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """A character typed on the main window's tab bar or in the list of a page (a scan)
        goes to the page's search field, replacing what it held, as a new scan does."""
        if (
            type(event) is QKeyEvent  # cheap first: the table sees many events (timers, paints)
            and event.type() == QEvent.Type.KeyPress
            and self.isVisible()
            and _typed(event)  # type: ignore[arg-type]
        ):
            page = self.pages.currentWidget()
            if (
                watched is self._tab_bar
                or (watched is self.inventory.items_table and page is self.inventory)
                or (watched is self.loans.loans_table and page is self.loans)
            ):
                self._to_scan_field(event)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """A character no widget of the tab took — typed on a button (which Enter must then not
        press: the toolkit leaves the Enter that ends a scan alone), a box to tick, the pages'
        tab bar — is a scan: it goes to the page's search or scan field, and so does the rest
        of the scan, its Enter included, which acts there as a scan. « Disponibilités » has
        none: the scan goes to « Inventaire », which shows the item."""
        if _typed(event):
            self._to_scan_field(event)
            return
        super().keyPressEvent(event)

    def scan_field(self) -> QLineEdit:
        """Where a scan typed on the page shown goes (« Inventaire » is shown for a page that
        has none)."""
        if self.pages.currentWidget() is self.loans:
            return self.loans.loan_search
        if self.pages.currentWidget() is not self.inventory:
            self.show_page(self.inventory)
        return self.inventory.search

    def _to_scan_field(self, event: QKeyEvent) -> None:
        field = self.scan_field()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()
        QApplication.sendEvent(field, QKeyEvent(
            event.type(), event.key(), event.modifiers(), event.text()
        ))

    # ------------------------------------------------------------ shared by the pages

    def set_message(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def run_dialog(self, dialog: QDialog) -> object:
        """The dialog's saved value (True when it has none), None when it was cancelled."""
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            return getattr(dialog, "result_value", None) or True
        return None


def _typed(event: QKeyEvent) -> bool:
    """A character typed (not a shortcut, an arrow or a space): what a scanner sends."""
    chords = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    text = event.text()
    return bool(text.strip()) and text.isprintable() and not event.modifiers() & chords
