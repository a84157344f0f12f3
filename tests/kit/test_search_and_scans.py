"""One Alt+letter for the search of every page of the kit, and a barcode scanned wherever the
focus is on a page (a button, the list) lands in that page's search or scan field and acts as a
scan there — it was swallowed on a button (the toolkit does not press a button at the Enter that
ends a scan), or typed into a list's type-ahead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

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
