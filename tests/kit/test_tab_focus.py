"""Where the focus goes when the kit tab is shown: in « Rechercher ou scanner » (for a barcode
scanner), except when the person arrived with the arrow keys on the main window's tab bar, which
keeps the focus so Left and Ctrl+Shift+Tab still move between the tabs; a scan typed there goes
to the search field all the same."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.views.kit_tab import KitTab

KIT = 3  # the main window's fourth tab
WORKSHOPS = 2


def shown(qtbot, window) -> None:  # noqa: ANN001
    window.resize(1366, 728)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_arrowing_to_the_kit_tab_leaves_the_focus_on_the_tab_bar(qtbot, main_window) -> None:  # noqa: ANN001
    shown(qtbot, main_window)
    tabs = main_window.tabs
    bar = tabs.tabBar()
    tabs.setCurrentIndex(WORKSHOPS)
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is bar
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert tabs.currentIndex() == KIT
    kit = main_window.tab(KitTab)
    qtbot.waitUntil(kit.isVisible)  # a tab built at its first showing appears at once after
    assert focused() is bar  # not the search field
    qtbot.keyClick(bar, Qt.Key.Key_Left)
    assert tabs.currentIndex() == WORKSHOPS and focused() is bar
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # the tab already built: the same
    assert tabs.currentIndex() == KIT and focused() is bar
    qtbot.keyClick(bar, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == WORKSHOPS


def test_coming_to_the_kit_tab_otherwise_puts_the_cursor_in_the_search(qtbot, main_window) -> None:  # noqa: ANN001
    shown(qtbot, main_window)
    main_window.tabs.setCurrentIndex(WORKSHOPS)
    main_window.setFocus()  # the focus somewhere else than the tab bar (a click, a menu)
    kit = main_window.show_tab(KitTab)
    assert focused() is kit.inventory.search


def test_a_scan_typed_on_the_tab_bar_goes_to_the_search(qtbot, main_window) -> None:  # noqa: ANN001
    shown(qtbot, main_window)
    tabs = main_window.tabs
    bar = tabs.tabBar()
    tabs.setCurrentIndex(WORKSHOPS)
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    kit = main_window.tab(KitTab)
    qtbot.waitUntil(lambda: kit.loaded)
    kit.inventory.search.setText("KIT-0003")  # an earlier scan: the new one replaces it
    assert focused() is bar
    for key in "KIT-0012":  # each key goes where the focus is, as a scanner's keys do
        qtbot.keyClick(focused(), key)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is kit.inventory.search
    assert kit.inventory.search.text() == "KIT-0012"
    assert kit.inventory.detail is not None
    assert kit.inventory.detail.inventory_number == "KIT-0012"
    # arrows and shortcuts on the tab bar are not a scan
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_Left)
    assert tabs.currentIndex() == WORKSHOPS and focused() is bar
    qtbot.keyClick(bar, "x")  # another tab shown: the kit takes nothing
    assert focused() is bar and kit.inventory.search.text() == "KIT-0012"


def test_a_scan_while_the_cursor_is_in_the_list_finds_the_item(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """A row clicked, then a label scanned: the keys went to the table's type-ahead, and the
    row clicked (KIT-0004) stayed shown as if it were the one scanned (KIT-0012). They go to
    « Rechercher ou scanner », as from the tab bar; arrows and Space still move in the list."""
    tab = KitTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    table = tab.inventory.items_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(3, 2))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert tab.inventory.detail is not None and tab.inventory.detail.inventory_number == "KIT-0005"
    qtbot.keyClick(table, "K")  # the first key of the scan moves the cursor…
    assert tab.focusWidget() is tab.inventory.search
    qtbot.keyClicks(tab.inventory.search, "IT-0012")  # …the rest follows it there
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert tab.inventory.detail.inventory_number == "KIT-0012"
    assert tab.inventory.search.text() == "KIT-0012"
