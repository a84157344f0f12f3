"""Sorting a table as a person would: by the table's context menu opened from the keyboard
(Menu key, Shift+F10) or a right click, and in natural order (« N° 9 » before « N° 10 »)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from desktop_app.views.common.tables import (
    ASCENDING_TEXT,
    DESCENDING_TEXT,
    SORT_MENU_TEXT,
    Column,
    RowsModel,
    RowsProxy,
    add_sort_menu,
    natural_key,
    rows_table,
    setup_table,
)
from desktop_app.views.personal_data.entry import ACTION_TEXT, add_person_data_action

# a menu is a popup: the offscreen platform cannot raise it nor grab the keyboard for it
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise).*")

DAY = datetime(2026, 3, 2, 10, 0)


@dataclass(frozen=True)
class Loan:
    id: int
    borrower: str
    start: datetime
    label: str


LOANS = [
    Loan(9, "Éric Martin", DAY, "N° 9"),
    Loan(10, "arthur Dupont", DAY, "N° 10"),
    Loan(100, "Zoé Lefebvre", datetime(2026, 3, 1, 9, 0), "N° 100"),
    Loan(2, "Bruno Abadie", datetime(2026, 3, 3, 9, 0), "N° 2"),
]


def _loan_model(*, number_key: bool = True) -> RowsModel[Loan]:
    return RowsModel(
        [
            Column("N°", lambda r: str(r.id), key=(lambda r: r.id) if number_key else None),
            Column("Emprunteur", lambda r: r.borrower),
            Column("Prêté le", lambda r: r.start.strftime("%d/%m/%Y"), key=lambda r: r.start),
            Column("Libellé", lambda r: r.label),
        ],
        id_of=lambda r: r.id,
    )


def _table(qtbot, model: RowsModel) -> QTableView:  # noqa: ANN001
    view = rows_table("Prêts d'essai", model, RowsProxy())
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    model.set_rows(LOANS)
    return view


def _ids(view: QTableView) -> list[int]:
    model = view.model()
    return [int(model.index(row, 0).data()) for row in range(model.rowCount())]


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _in_menu(qtbot, open_menu: Callable[[], None], drive: Callable[[QMenu], None]) -> list:  # noqa: ANN001
    """Open a context menu with ``open_menu`` (which returns once the menu is closed) while
    ``drive(menu)`` works it with the keyboard. Returns the problems met: a menu that did not
    open, or the exception ``drive`` raised (the menus are closed either way)."""
    problems: list = []

    def step() -> None:
        menu = QApplication.activePopupWidget()
        try:
            if not isinstance(menu, QMenu):
                problems.append("no menu")
                return
            drive(menu)
        except BaseException as exc:  # noqa: BLE001 - reported by the test, menus closed
            problems.append(exc)
        finally:
            while (popup := QApplication.activePopupWidget()) is not None:
                popup.close()

    QTimer.singleShot(0, step)
    open_menu()
    qtbot.wait(20)  # when no menu opened, the step runs now
    return problems


def _open_submenu(qtbot, menu: QMenu) -> QMenu:  # noqa: ANN001
    """« Trier par » opened by its Alt letter (T), as a keyboard user does."""
    QTest.keyClick(menu, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not menu, timeout=2000)
    submenu = QApplication.activePopupWidget()
    assert isinstance(submenu, QMenu) and submenu.objectName() == "sortMenu"
    return submenu


def _choose(submenu: QMenu, text: str) -> None:
    """Down arrow until ``text`` is the active item, then Enter."""
    for _ in range(len(submenu.actions()) + 1):
        active = submenu.activeAction()
        if active is not None and active.text() == text:
            QTest.keyClick(submenu, Qt.Key.Key_Return)
            return
        QTest.keyClick(submenu, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} not reached in {_texts(submenu)}")


def _shift_f10(qtbot, view: QTableView) -> Callable[[], None]:  # noqa: ANN001
    return lambda: qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)


def _menu_key(view: QTableView) -> Callable[[], None]:
    """What Qt sends the focused table for the Menu key (seen under X11)."""
    point = QPoint(5, 5)
    return lambda: QApplication.sendEvent(
        view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, view.mapToGlobal(point))
    )


# ---------------------------------------------------------------- natural order


def test_natural_key_orders_numbers_inside_texts() -> None:
    assert natural_key("N° 9") < natural_key("N° 10") < natural_key("N° 100")
    assert natural_key("KIT-0002") < natural_key("kit-10")  # case aside, zeros aside
    assert natural_key("2 jours") < natural_key("10 jours")
    assert natural_key("Élodie") < natural_key("emile") < natural_key("Zoé")  # French folding
    assert natural_key("Éric") == natural_key("eric")
    mixed = ["b", "10", "a2", "a10", "", "a", "9", "a 2", "a2b", "a2a", "1" * 5000]
    assert sorted(mixed, key=natural_key) == [
        "", "9", "10", "1" * 5000, "a", "a2", "a2a", "a2b", "a10", "a 2", "b"
    ]


def test_text_columns_sort_naturally_and_ties_follow_the_first_column(qtbot, app) -> None:  # noqa: ANN001
    model = _loan_model()
    model.set_rows(LOANS)
    model.sort(3, Qt.SortOrder.AscendingOrder)  # « Libellé », no key of its own
    assert [r.id for r in model.rows()] == [2, 9, 10, 100]
    model.sort(2, Qt.SortOrder.AscendingOrder)  # the same day: loan 9 before loan 10
    assert [r.id for r in model.rows()] == [100, 9, 10, 2]
    model.sort(2, Qt.SortOrder.DescendingOrder)  # latest first: 10 before 9
    assert [r.id for r in model.rows()] == [2, 10, 9, 100]
    text_numbers = _loan_model(number_key=False)  # numbers shown as text, no key given
    text_numbers.set_rows(LOANS)
    text_numbers.sort(2, Qt.SortOrder.AscendingOrder)
    assert [r.id for r in text_numbers.rows()] == [100, 9, 10, 2]
    text_numbers.sort(0, Qt.SortOrder.AscendingOrder)
    assert [r.id for r in text_numbers.rows()] == [2, 9, 10, 100]


def test_the_kit_loans_of_one_moment_sort_by_number(qtbot, app) -> None:  # noqa: ANN001
    """The « Prêts » table itself: shown latest first, loans 9 and 10 of the same minute come
    10 then 9, not « 9 » after « 10 » as texts would."""
    from desktop_app.services.kit.loans import LoanRow
    from desktop_app.views.kit.models import loan_model

    def row(loan_id: int, start: datetime) -> LoanRow:
        return LoanRow(loan_id, "personne", f"Personne {loan_id}", "", start, start, None,
                       "KIT-0001", 1, 0)

    model = loan_model()
    model.sort(4, Qt.SortOrder.DescendingOrder)  # as the page shows it
    model.set_rows([row(i, DAY) for i in (9, 10, 11, 99, 100)] + [row(1, datetime(2026, 1, 1))])
    assert [r.id for r in model.rows()] == [100, 99, 11, 10, 9, 1]


# ---------------------------------------------------------------- the context menu


def test_shift_f10_sorts_by_another_column_from_the_keyboard(qtbot, app) -> None:  # noqa: ANN001
    view = _table(qtbot, _loan_model())
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        seen["menu"] = _texts(menu)
        submenu = _open_submenu(qtbot, menu)
        seen["items"] = _texts(submenu)
        seen["checked"] = [a.text() for a in submenu.actions() if a.isChecked()]
        seen["radio"] = all(a.actionGroup() is not None for a in submenu.actions()
                            if not a.isSeparator())
        _choose(submenu, "Emprunteur")

    assert _in_menu(qtbot, _shift_f10(qtbot, view), drive) == []
    assert seen["menu"] == [SORT_MENU_TEXT]
    assert seen["items"] == ["N°", "Emprunteur", "Prêté le", "Libellé", ASCENDING_TEXT,
                             DESCENDING_TEXT]
    assert seen["checked"] == ["N°", ASCENDING_TEXT] and seen["radio"]
    assert _ids(view) == [10, 2, 9, 100]  # arthur, Bruno, Éric, Zoé: French order
    header = view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1, Qt.SortOrder.AscendingOrder)


def test_menu_key_shows_the_current_sort_and_reverses_it(qtbot, app) -> None:  # noqa: ANN001
    view = _table(qtbot, _loan_model())
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    view.selectRow(2)  # loan 10
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        submenu = _open_submenu(qtbot, menu)
        seen["checked"] = [a.text() for a in submenu.actions() if a.isChecked()]
        _choose(submenu, DESCENDING_TEXT)

    assert _in_menu(qtbot, _menu_key(view), drive) == []
    assert seen["checked"] == ["Prêté le", ASCENDING_TEXT]
    assert _ids(view) == [2, 10, 9, 100]
    assert view.currentIndex().data() == "10"  # the chosen row kept, in its new place


def test_choosing_the_current_column_again_changes_nothing(qtbot, app) -> None:  # noqa: ANN001
    view = _table(qtbot, _loan_model())
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    before = _ids(view)
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        _choose(_open_submenu(qtbot, menu), "Emprunteur")

    def again(menu: QMenu) -> None:
        submenu = _open_submenu(qtbot, menu)
        seen["checked"] = [a.text() for a in submenu.actions() if a.isChecked()]
        QTest.keyClick(submenu, Qt.Key.Key_Escape)
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    assert _in_menu(qtbot, _shift_f10(qtbot, view), drive) == []
    assert _ids(view) == before == [100, 9, 2, 10]  # Zoé … arthur, still descending
    assert _in_menu(qtbot, _shift_f10(qtbot, view), again) == []
    assert seen["checked"] == ["Emprunteur", DESCENDING_TEXT]  # the radio item still on


def test_right_click_opens_the_same_menu(qtbot, app) -> None:  # noqa: ANN001
    view = _table(qtbot, _loan_model())
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        seen["menu"] = _texts(menu)
        _choose(_open_submenu(qtbot, menu), "Libellé")

    cell = view.visualRect(view.model().index(1, 1)).center()
    window = view.window().windowHandle()

    def right_click() -> None:
        QTest.mouseClick(window, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                         view.viewport().mapTo(view.window(), cell))

    assert _in_menu(qtbot, right_click, drive) == []
    assert seen["menu"] == [SORT_MENU_TEXT]
    assert _ids(view) == [2, 9, 10, 100]  # « N° 2, 9, 10, 100 »


def test_a_tab_action_and_the_sort_share_one_menu(qtbot, app) -> None:  # noqa: ANN001
    """A table that has a context action of its tab (« Données personnelles… », added the
    Qt way, ActionsContextMenu) shows it first, then « Trier par »; both work."""
    view = _table(qtbot, _loan_model())
    add_person_data_action(view, None, "E", applies=lambda _id: False)  # type: ignore[arg-type]
    other = QAction("Autre action", view)
    hits: list[bool] = []
    other.triggered.connect(lambda: hits.append(True))
    view.addAction(other)
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        seen["menu"] = _texts(menu)
        _choose(_open_submenu(qtbot, menu), "Prêté le")

    def run_other(menu: QMenu) -> None:
        _choose(menu, "Autre action")

    assert _in_menu(qtbot, _shift_f10(qtbot, view), drive) == []
    assert seen["menu"] == [ACTION_TEXT, "Autre action", SORT_MENU_TEXT]
    assert _ids(view) == [100, 9, 10, 2]
    assert _in_menu(qtbot, _menu_key(view), run_other) == []
    assert hits == [True]


def test_a_table_not_sortable_offers_no_sort(qtbot, app) -> None:  # noqa: ANN001
    model = _loan_model()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    setup_table(view, "Historique", sortable=False)
    model.set_rows(LOANS)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    assert add_sort_menu(QMenu(), view) is None
    # no menu at all: Shift+F10 and the Menu key open nothing
    assert _in_menu(qtbot, _shift_f10(qtbot, view), lambda _menu: None) == ["no menu"]
    assert _in_menu(qtbot, _menu_key(view), lambda _menu: None) == ["no menu"]
    assert _ids(view) == [9, 10, 100, 2]  # the service's order, untouched
    # with an action of its tab: that action alone
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.addAction(QAction("Ouvrir", view))
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        seen["menu"] = _texts(menu)
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    assert _in_menu(qtbot, _shift_f10(qtbot, view), drive) == []
    assert seen["menu"] == ["Ouvrir"]


def test_a_tab_with_its_own_menu_adds_the_sort_to_it(qtbot, app) -> None:  # noqa: ANN001
    """``CustomContextMenu``: the toolkit steps aside (no second menu), Shift+F10 still asks
    the tab for its menu, and ``add_sort_menu`` puts « Trier par » in it."""
    view = _table(qtbot, _loan_model())
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    asked: list[QPoint] = []

    def own_menu(point: QPoint) -> None:
        asked.append(point)
        menu = QMenu(view)
        menu.addAction("Action du tableau")
        add_sort_menu(menu, view)
        menu.exec(view.mapToGlobal(point))

    view.customContextMenuRequested.connect(own_menu)
    seen: dict = {}

    def drive(menu: QMenu) -> None:
        seen["menu"] = _texts(menu)
        _choose(_open_submenu(qtbot, menu), "Libellé")

    assert _in_menu(qtbot, _shift_f10(qtbot, view), drive) == []
    assert len(asked) == 1
    assert seen["menu"] == ["Action du tableau", SORT_MENU_TEXT]
    assert _ids(view) == [2, 9, 10, 100]


@pytest.mark.parametrize("hidden", [True, False])
def test_hidden_columns_are_not_offered(qtbot, app, hidden: bool) -> None:  # noqa: ANN001
    view = _table(qtbot, _loan_model())
    view.setColumnHidden(3, hidden)
    menu = QMenu()
    submenu = add_sort_menu(menu, view)
    assert submenu is not None
    assert ("Libellé" in _texts(submenu)) is not hidden
