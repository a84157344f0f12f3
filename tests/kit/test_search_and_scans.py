"""One Alt+letter for the search of every page of the kit, and a barcode scanned wherever the
focus is on a page (a button, the list) lands in that page's search or scan field and acts as a
scan there — it was swallowed on a button (the toolkit does not press a button at the Enter that
ends a scan), or typed into a list's type-ahead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop_app.views.accessibility import mnemonic_clashes, mnemonic_of
from desktop_app.views.kit_tab import KitTab


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def shown_kit(qtbot, main_window) -> KitTab:  # noqa: ANN001
    main_window.resize(1366, 728)
    main_window.show()
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow, timeout=3000)
    tab = main_window.show_tab(KitTab)
    qtbot.waitUntil(lambda: tab.loaded)
    return tab


def scan(qtbot, text: str) -> None:  # noqa: ANN001
    """Each key where the focus is at that moment, as a scanner's keys go, then Enter."""
    for key in text:
        qtbot.keyClick(focused(), key)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def search_label(page: QWidget, field: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    (label,) = [w for w in page.findChildren(QLabel) if w.buddy() is field]
    return label.text()


def test_the_search_has_one_alt_letter_on_every_page_of_the_kit(qtbot, main_window) -> None:  # noqa: ANN001
    tab = shown_kit(qtbot, main_window)
    letters = {
        mnemonic_of(search_label(tab.inventory, tab.inventory.search)),
        mnemonic_of(search_label(tab.loans, tab.loans.loan_search)),
    }
    assert letters == {"r"}
    tab.inventory.select_item(tab.inventory.items_model.rows()[2].id)  # every action enabled
    assert mnemonic_clashes(main_window) == []
    tab.pages.setCurrentWidget(tab.loans)
    open_rows = [r for r in tab.loans.loans_model.rows() if r.closed_at is None]
    assert tab.loans.select_loan(open_rows[0].id)
    assert tab.loans.return_button.isEnabled()  # « Enregistrer un retour » has its letter too
    assert mnemonic_clashes(main_window) == []
    tab.loans.new_loan_button.setFocus()
    qtbot.keyClick(focused(), "r", Qt.KeyboardModifier.AltModifier)
    assert focused() is tab.loans.loan_search
    tab.pages.setCurrentWidget(tab.inventory)
    tab.inventory.edit_button.setFocus()
    qtbot.keyClick(focused(), "r", Qt.KeyboardModifier.AltModifier)
    assert focused() is tab.inventory.search


def _open_loan_of(tab: KitTab) -> tuple[int, str]:
    """An open loan of the demo and the first item it still holds."""
    row = next(r for r in tab.loans.loans_model.rows() if r.closed_at is None)
    return row.id, row.numbers.split(", ")[0]


def test_a_scan_on_an_inventory_button_lands_in_the_search_and_presses_nothing(
    qtbot, main_window,  # noqa: ANN001
) -> None:
    tab = shown_kit(qtbot, main_window)
    opened: list[QDialog] = []
    tab.exec_dialog = lambda d: opened.append(d) or QDialog.DialogCode.Rejected
    tab.inventory.select_item(tab.inventory.item_id_of("KIT-0003"), reveal=True)
    for button in (tab.inventory.lend_button, tab.inventory.add_equipment_button,
                   tab.inventory.labels_button):
        assert button.isEnabled()
        button.setFocus()
        assert focused() is button
        scan(qtbot, "KIT-0012")
        assert focused() is tab.inventory.search, button.text()
        assert tab.inventory.search.text() == "KIT-0012"
        assert tab.inventory.detail.inventory_number == "KIT-0012"  # found, as a scan is
        tab.inventory.select_item(tab.inventory.item_id_of("KIT-0003"), reveal=True)
    assert opened == []  # « Prêter… » and the others were not pressed
    # the box to tick and the pages' own tab bar too
    for widget in (tab.inventory.show_retired, tab.pages.tabBar()):
        widget.setFocus()
        scan(qtbot, "KIT-0007")
        assert tab.inventory.detail.inventory_number == "KIT-0007"
        assert not tab.inventory.show_retired.isChecked()
    # Enter typed alone still presses the focused button
    tab.inventory.select_item(tab.inventory.item_id_of("KIT-0003"), reveal=True)
    tab.inventory.lend_button.setFocus()
    assert focused() is tab.inventory.lend_button
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert len(opened) == 1


def test_a_scan_on_the_loans_page_selects_the_loan_of_the_item(qtbot, main_window) -> None:  # noqa: ANN001
    tab = shown_kit(qtbot, main_window)
    opened: list[QDialog] = []
    tab.exec_dialog = lambda d: opened.append(d) or QDialog.DialogCode.Rejected
    tab.pages.setCurrentWidget(tab.loans)
    loan_id, number = _open_loan_of(tab)
    tab.loans.new_loan_button.setFocus()
    scan(qtbot, number)
    assert opened == []  # « Nouveau prêt… » was not pressed
    assert focused() is tab.loans.loan_search
    assert tab.loans.loan_search.text() == number
    assert tab.loans.loan_search.selectedText() == number  # the next scan replaces it
    assert tab.loans.current_loan_id() == loan_id
    assert tab.loans.return_button.isEnabled()  # « Enregistrer un retour » acts on it
    # a number typed the short way finds it too
    tab.loans.loans_table.setFocus()
    scan(qtbot, str(int(number.removeprefix("KIT-"))))
    assert focused() is tab.loans.loan_search and tab.loans.loan_search.text() == number
    assert tab.loans.current_loan_id() == loan_id
    # a number found nowhere is said
    scan(qtbot, "KIT-9999")
    assert "« KIT-9999 »" in tab.message.text()


def test_a_scan_on_the_availability_page_shows_the_item(qtbot, main_window) -> None:  # noqa: ANN001
    tab = shown_kit(qtbot, main_window)
    tab.pages.setCurrentWidget(tab.availability)
    tab.availability.reserve_button.setFocus()
    opened: list[QDialog] = []
    tab.exec_dialog = lambda d: opened.append(d) or QDialog.DialogCode.Rejected
    scan(qtbot, "KIT-0012")
    assert opened == []
    assert tab.pages.currentWidget() is tab.inventory
    assert focused() is tab.inventory.search
    assert tab.inventory.detail.inventory_number == "KIT-0012"


def test_the_borrowers_names_are_not_cut_on_a_laptop_screen(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """A 60-character name (an event, a France Services house) was cut at 260 px while the
    last column (« Retard ») stretched over 300 px of blank."""
    tab = KitTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.show()
    # the tab in a 1366 px wide window: the offscreen screen is smaller, and a window is kept
    # within its screen
    tab.setMaximumSize(16777215, 16777215)
    tab.resize(1346, 661)
    qtbot.waitUntil(lambda: tab.loaded)
    tab.pages.setCurrentWidget(tab.loans)
    table = tab.loans.loans_table
    qtbot.waitUntil(lambda: table.viewport().width() > 1250)
    metrics = table.fontMetrics()
    margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 8
    names = [r.borrower_name for r in tab.loans.loans_model.rows()]
    assert max(len(n) for n in names) >= 55
    cut = [n for n in names if metrics.horizontalAdvance(n) + margin > table.columnWidth(1)]
    assert cut == []
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # no sideways scrolling either


def test_the_free_units_keep_the_categories_display_order(qtbot, main_window) -> None:  # noqa: ANN001
    """« Unités libres par catégorie » lists the categories as the inventory's filter and
    « État du kit » do (it was sorted by name: « Câbles et accessoires » first)."""
    from desktop_app.services.kit import catalog

    tab = shown_kit(qtbot, main_window)
    tab.pages.setCurrentWidget(tab.availability)
    table = tab.availability.counts_table
    qtbot.waitUntil(lambda: table.model().rowCount() > 3)
    with tab.ctx.db.session() as s:
        expected = [c.name for c in catalog.list_categories(s, "materiel")]
    shown = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert shown == expected
    assert shown[0] == "Ordinateurs portables"


def test_the_reservations_name_gets_the_room(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """An event's name was cut at 340 px while « Origine » stretched over 400 px of blank."""
    tab = KitTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.setMaximumSize(16777215, 16777215)  # as wide as on a 1366 px screen
    tab.resize(1346, 661)
    qtbot.waitUntil(lambda: tab.loaded)
    tab.pages.setCurrentWidget(tab.availability)
    table = tab.availability.reservations_table
    qtbot.waitUntil(lambda: table.viewport().width() > 1250)
    name = "Semaine bleue : après-midi « Découvrir la tablette » avec l'EHPAD Les Tilleuls"
    assert table.fontMetrics().horizontalAdvance(name) + 16 <= table.columnWidth(0)
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.columnWidth(3) < 200  # « Kit (événement) » needs little


def test_cancelling_with_no_reservation_chosen_says_so(qtbot, main_window) -> None:  # noqa: ANN001
    tab = shown_kit(qtbot, main_window)
    tab.pages.setCurrentWidget(tab.availability)
    page = tab.availability
    from datetime import timedelta

    from desktop_app.services.kit import catalog, reservations

    soon = tab.ctx.now().replace(second=0, microsecond=0) + timedelta(days=2)
    with tab.ctx.db.session() as s:
        tablets = next(c.id for c in catalog.list_categories(s) if c.name == "Tablettes")
        reservations.reserve_event(s, "Fête", soon, soon + timedelta(hours=2), {tablets: 1},
                                   now=tab.ctx.now())
    page.refresh()
    assert page.reservations_model.rowCount() > 0
    page.reservations_table.clearSelection()
    page.reservations_table.setCurrentIndex(page.reservations_table.model().index(-1, -1))
    page.cancel_reservation_button.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert tab.message.text() == (
        "Choisissez d'abord une réservation dans la liste « Réservations à venir »."
    )
    assert focused() is page.reservations_table  # where to choose it
    assert page.reservations_model.rowCount() > 0  # nothing cancelled


def test_a_scan_typed_into_the_period_shows_the_item_and_leaves_the_period(
    qtbot, main_window  # noqa: ANN001
) -> None:
    """Coming to « Disponibilités » (Alt+L) puts the cursor in « Début »: a label scanned then
    typed « 03/12/2026KIT-0007 » there, and its Enter refused the period. The number goes to
    « Inventaire » as a scan, and the period keeps what it held (still « the two hours to
    come »). A date typed, even with letters (« 12 mars »), stays a date."""
    tab = shown_kit(qtbot, main_window)
    page = tab.availability
    tab.pages.setCurrentWidget(page)
    for field in (page.period_start.date_field, page.period_end.time_field):
        tab.pages.setCurrentWidget(page)
        before = page._texts()
        field.edit.setFocus()
        field.edit.end(False)
        scan(qtbot, "KIT-0012")
        assert tab.pages.currentWidget() is tab.inventory
        assert focused() is tab.inventory.search
        assert tab.inventory.detail.inventory_number == "KIT-0012"
        assert page._texts() == before
        assert not page._period_chosen
        assert page.period_error.text() == ""
    tab.pages.setCurrentWidget(page)
    page.period_start.date_field.edit.setFocus()
    page.period_start.date_field.edit.selectAll()
    scan(qtbot, "12 mars")
    assert tab.pages.currentWidget() is page


def test_a_number_typed_short_shows_that_item_alone(qtbot, main_window) -> None:  # noqa: ANN001
    """« 12 » then Enter selected KIT-0012 but left « 12 » filtering the list: every item
    whose serial number held « 12 » stayed listed around it. Written out, as on « Prêts »."""
    tab = shown_kit(qtbot, main_window)
    page = tab.inventory
    page.search.setFocus()
    for typed in ("12", "kit-12"):
        page.search.selectAll()
        scan(qtbot, typed)
        assert page.search.text() == "KIT-0012"
        assert page.search.selectedText() == "KIT-0012"  # the next scan replaces it
        assert page.detail.inventory_number == "KIT-0012"
        assert page.items_proxy.rowCount() == 1


def test_a_scan_after_a_visit_to_another_page_replaces_the_last_number(
    qtbot, main_window  # noqa: ANN001
) -> None:
    """Back on « Inventaire » (Alt+I) after « Prêts », the cursor is in the search field again
    with its number no longer selected (a line edit loses its selection with the focus): the
    next scan was glued to it, « KIT-0012KIT-0005 », not found. Alt+R alike."""
    tab = shown_kit(qtbot, main_window)
    page = tab.inventory
    page.search.setFocus()
    scan(qtbot, "KIT-0012")
    assert page.detail.inventory_number == "KIT-0012"
    for back in ("i", "r"):
        qtbot.keyClick(focused(), "p", Qt.KeyboardModifier.AltModifier)
        assert tab.pages.currentWidget() is tab.loans
        qtbot.keyClick(focused(), "i", Qt.KeyboardModifier.AltModifier)
        if back == "r":
            qtbot.keyClick(focused(), "r", Qt.KeyboardModifier.AltModifier)
        assert tab.pages.currentWidget() is page
        assert focused() is page.search
        number = "KIT-0005" if page.detail.inventory_number != "KIT-0005" else "KIT-0012"
        scan(qtbot, number)
        assert page.search.text() == number, back
        assert page.detail.inventory_number == number
    # the same on « Prêts »
    qtbot.keyClick(focused(), "p", Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focused(), "r", Qt.KeyboardModifier.AltModifier)
    scan(qtbot, "KIT-0012")
    qtbot.keyClick(focused(), "i", Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focused(), "p", Qt.KeyboardModifier.AltModifier)
    assert focused() is tab.loans.loan_search
    scan(qtbot, "KIT-0005")
    assert tab.loans.loan_search.text() == "KIT-0005"
