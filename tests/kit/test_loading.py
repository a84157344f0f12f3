"""How the kit tab reads its rows: off the GUI thread, the first time without waiting (a number
scanned before the rows arrive is looked up when they come), and the loans' filters without
reading the loans again."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from desktop_app.services.kit import catalog
from desktop_app.services.kit import loans as kit_loans
from desktop_app.services.kit.catalog import ItemData
from desktop_app.views.kit import loans_page
from desktop_app.views.kit_tab import KitTab

NOW = datetime(2026, 3, 10, 10, 0)


def _add(ctx, name: str, count: int) -> list[int]:  # noqa: ANN001
    with ctx.db.session() as s:
        cid = next(c.id for c in catalog.list_categories(s) if c.name == name)
        items = catalog.add_items(
            s, ItemData(category_id=cid), count, today=NOW.date(), when=NOW - timedelta(days=30)
        )
        return [i.id for i in items]


def test_first_rows_are_read_off_the_gui_thread_and_an_early_scan_waits_for_them(
    qtbot, ctx, monkeypatch  # noqa: ANN001
) -> None:
    from desktop_app.views import kit_tab

    _add(ctx, "Tablettes", 3)
    on_gui_thread: list[bool] = []
    started, release = threading.Event(), threading.Event()
    read = kit_tab.queries.item_rows

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        started.set()
        release.wait(10)
        return read(*args, **kwargs)

    monkeypatch.setattr(kit_tab.queries, "item_rows", slow)
    ctx.clock = lambda: NOW
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    qtbot.waitUntil(started.is_set)  # the tab is shown and painted, the rows are being read
    assert not tab.loaded
    qtbot.keyClicks(tab.inventory.search, "KIT-0002")
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert tab.message.text() == ""  # not "no item has this number": it is not known yet
    release.set()
    qtbot.waitUntil(lambda: tab.loaded)
    assert on_gui_thread == [False]
    assert tab.inventory.detail is not None
    assert tab.inventory.detail.inventory_number == "KIT-0002"
    assert tab.inventory.search.selectedText() == "KIT-0002"


def test_loan_filters_do_not_read_the_loans_again_until_the_clock_moves(
    qtbot, ctx, monkeypatch  # noqa: ANN001
) -> None:
    first, second = _add(ctx, "Tablettes", 2)
    with ctx.db.session() as s:
        late = kit_loans.lend(
            s,
            kit_loans.LoanRequest("Jean Dupont", [first], due=NOW - timedelta(days=2),
                                  start=NOW - timedelta(days=5)),
            now=NOW - timedelta(days=5),
        )
        back = kit_loans.lend(
            s,
            kit_loans.LoanRequest("Léa Martin", [second], due=NOW + timedelta(days=2),
                                  start=NOW - timedelta(days=1)),
            now=NOW - timedelta(days=1),
        )
        kit_loans.return_items(s, back, [kit_loans.ItemReturn(second, "bon")], when=NOW)
    reads: list[bool] = []
    loan_rows = loans_page.loans.loan_rows

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        reads.append(threading.current_thread() is threading.main_thread())
        return loan_rows(*args, **kwargs)

    monkeypatch.setattr(loans_page.loans, "loan_rows", counted)
    ctx.clock = lambda: NOW
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    reads.clear()  # the summary's late loans
    tab.pages.setCurrentWidget(tab.loans)
    assert reads == [False]  # read on the operation runner's worker thread
    page = tab.loans

    def shown() -> list[int]:
        proxy = page.loans_proxy
        return sorted(proxy.index(r, 0).data(loans_page.ID_ROLE) for r in range(proxy.rowCount()))

    assert shown() == [late]  # "En cours"
    page.loan_filter.setCurrentIndex(page.loan_filter.findData("all"))
    assert shown() == [late, back]
    page.loan_filter.setCurrentIndex(page.loan_filter.findData("late"))
    assert shown() == [late]
    assert page.select_loan(late)
    assert reads == [False]  # the filters only filtered
    # a minute later the lateness is counted again: the loans are read at the new time
    ctx.clock = lambda: NOW + timedelta(minutes=1)
    page.loan_filter.setCurrentIndex(page.loan_filter.findData("all"))
    assert reads == [False, False]
    assert shown() == [late, back]
    assert page.current_loan_id() == late  # the selected loan stays selected


def test_a_change_made_elsewhere_is_read_when_the_hidden_tab_is_shown_again(
    qtbot, ctx, monkeypatch  # noqa: ANN001
) -> None:
    from desktop_app.views import kit_tab

    _add(ctx, "Tablettes", 2)
    ctx.clock = lambda: NOW
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.inventory.items_proxy.rowCount() == 2
    reads: list[bool] = []
    read = kit_tab.queries.item_rows

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        reads.append(threading.current_thread() is threading.main_thread())
        return read(*args, **kwargs)

    monkeypatch.setattr(kit_tab.queries, "item_rows", counted)
    tab.hide()  # another tab of the main window is shown
    _add(ctx, "Tablettes", 1)
    ctx.notify("kit")  # that tab saved kit data
    assert reads == []  # nothing read for a hidden tab
    tab.show()
    qtbot.waitUntil(lambda: tab.inventory.items_proxy.rowCount() == 3)
    assert reads == [False]
