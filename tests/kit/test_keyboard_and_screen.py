"""The kit tab as a person at a 1366×768 office laptop uses it: every window fits the screen with
its buttons visible, the wheel never changes an unfocused field, dates are typed as written,
Tab leaves the tables, Alt+letter reaches one thing, and a loan of four scanned items is made
with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QScrollArea,
    QTableView,
    QWidget,
)

from desktop_app.models.kit import KitItem, KitLoan
from desktop_app.services.kit import catalog
from desktop_app.services.kit.catalog import ItemData
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.kit.dialogs import (
    CategoryDialog,
    ItemDialog,
    LoanDialog,
    RepairDialog,
    ReserveDialog,
    ReturnDialog,
    StockDialog,
    TextDialog,
)
from desktop_app.views.kit_tab import KitTab
from tests.screen_checks import in_scroll_area, wheel

NOW = datetime(2026, 3, 10, 10, 0)
SCREEN = QRect(0, 0, 1366, 768 - 40)  # a 1366×768 laptop with a 40 px taskbar
LONG = (
    "Médiathèque intercommunale Marie-Thérèse-de-Saint-Exupéry-sur-Aubrac, salle polyvalente "
    "du rez-de-chaussée, armoire forte n° 3 à côté de l'espace numérique"
)


def _category(ctx, name: str) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return next(c.id for c in catalog.list_categories(s) if c.name == name)


def _add(ctx, name: str, count: int = 1, **kw) -> list[int]:  # noqa: ANN001, ANN003
    cid = _category(ctx, name)
    with ctx.db.session() as s:
        return [
            i.id
            for i in catalog.add_items(
                s, ItemData(category_id=cid, **kw), count, today=NOW.date(), when=NOW - timedelta(days=30)
            )
        ]


def make_tab(qtbot, ctx) -> KitTab:  # noqa: ANN001
    ctx.clock = lambda: NOW
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 728)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)  # the first rows are read off the GUI thread
    return tab


def activate(qtbot, window: QWidget) -> None:  # noqa: ANN001
    """Shown and active, as a window the person works in (keyboard focus and Alt+letter)."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def _item(ctx, item_id: int):  # noqa: ANN001, ANN202
    with ctx.db.session() as s:
        return catalog.get_item(s, item_id)


def _dialogs(tab: KitTab, ctx) -> list[QDialog]:  # noqa: ANN001
    """Every dialog of the tab, filled with long French text."""
    page = tab.inventory
    categories = tab.categories
    (tablet,) = _add(ctx, "Tablettes", brand="Samsung", model=LONG[:80], location=LONG[:120])
    item = _item(ctx, tablet)
    item_dialog = ItemDialog(
        categories,
        lambda *_: None,
        consumable=False,
        today=NOW.date(),
        locations=[LONG],
        parent=page,
    )
    item_dialog.model.setText(LONG)
    item_dialog.notes.setPlainText(LONG * 3)
    consumable = ItemDialog(
        categories, lambda *_: None, consumable=True, item=None, today=NOW.date(), parent=page
    )
    lines = [(n, f"KIT-{n:04d} — {LONG[:70]}") for n in range(1, 16)]
    loan = LoanDialog(lambda _t: None, lambda _r: None, now=NOW, items=[item], parent=page)
    loan.name.setText(LONG)
    loan.notes.setText(LONG)
    return [
        item_dialog,
        consumable,
        CategoryDialog(lambda *_: None, page),
        TextDialog("Réformer KIT-0001", LONG * 2, "&Motif :", lambda _t: None, page),
        RepairDialog(item, lambda *_: None, page),
        StockDialog(item, lambda *_: None, page),
        loan,
        ReturnDialog(f"Retour du prêt n° 1 ({LONG})", lines, lambda *_: None, now=NOW, parent=page),
        ReserveDialog(
            categories,
            lambda *_: None,
            start=NOW + timedelta(days=1),
            end=NOW + timedelta(days=1, hours=2),
            today=NOW.date(),
            parent=page,
        ),
    ]


def _fits(window: QWidget) -> None:
    frame = window.frameGeometry()
    assert SCREEN.contains(frame), f"{window.windowTitle()} : {frame} hors de l'écran"
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.parent() is None:
            continue
        if button.inherits("QToolButton") or button.objectName().startswith("qt_"):
            continue  # calendar arrows, clear buttons
        if in_scroll_area(button, window):
            continue  # reached by scrolling, and Tab scrolls to it
        top_left = button.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(QRect(top_left, button.size())), (
            f"{window.windowTitle()} : « {button.text()} » n'est pas visible"
        )


def test_every_dialog_fits_the_screen_with_its_buttons(qtbot, ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)
    for dialog in _dialogs(tab, ctx):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        _fits(dialog)
        for button in dialog.buttons.buttons():
            assert button.isVisible()
        assert mnemonic_clashes(dialog) == [], dialog.windowTitle()
        dialog.mark_clean()
        dialog.reject()


def test_the_main_window_with_the_kit_fits_and_has_no_mnemonic_clash(
    qtbot,
    main_window,  # noqa: ANN001
) -> None:
    activate(qtbot, main_window)
    tab = main_window.show_tab(KitTab)
    # the tab needs less than the laptop's screen, menus, tab bar and status bar included
    chrome = main_window.minimumSizeHint() - main_window.centralWidget().minimumSizeHint()
    needed = tab.minimumSizeHint() + chrome
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height(), needed
    for index in range(tab.pages.count()):
        tab.pages.setCurrentIndex(index)
        assert mnemonic_clashes(main_window) == [], tab.pages.tabText(index)


def test_the_wheel_does_not_change_an_unfocused_field(qtbot, ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)
    dialog = ItemDialog(
        tab.categories, lambda *_: None, consumable=False, today=NOW.date(), parent=tab.inventory
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.brand.setFocus()
    before = (dialog.count.value(), dialog.category.currentIndex(), dialog.condition.currentIndex())
    for field in (dialog.count, dialog.category, dialog.condition):
        wheel(field)
    assert (
        dialog.count.value(),
        dialog.category.currentIndex(),
        dialog.condition.currentIndex(),
    ) == before
    # the inventory's filters neither
    tab.inventory.search.setFocus()
    state = tab.inventory.state_filter.currentIndex()
    wheel(tab.inventory.state_filter)
    assert tab.inventory.state_filter.currentIndex() == state
    with ctx.db.session() as s:
        assert s.query(KitItem).count() == 0


def test_a_price_typed_after_tab_lands_in_the_price(qtbot, ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)
    dialog = ItemDialog(
        tab.categories, lambda *_: None, consumable=False, today=NOW.date(), parent=tab.inventory
    )
    activate(qtbot, dialog)
    dialog.acquired.edit.setFocus()
    dialog.acquired.edit.selectAll()
    qtbot.keyClicks(dialog.acquired.edit, "12032025")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "219,90")
    assert dialog.value.text() == "219,90"
    assert dialog.acquired.value() == date(2025, 3, 12)
    assert dialog.acquired.text() == "12/03/2025"
    dialog.mark_clean()
    dialog.reject()  # hidden before it is deleted, as a closed dialog is


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/03/2025", date(2025, 3, 12)),
        ("12032025", date(2025, 3, 12)),
        ("12/3/25", date(2025, 3, 12)),
        ("5", date(2026, 3, 5)),
        ("", None),
    ],
)
def test_acquisition_dates_typed_as_written(qtbot, ctx, typed: str, expected) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)
    dialog = ItemDialog(tab.categories, lambda *_: None, consumable=False, today=NOW.date())
    qtbot.addWidget(dialog)
    dialog.acquired.edit.setText(typed)
    assert dialog.acquired.input_error() is None
    assert dialog.acquired.value() == expected


def drive(tab: KitTab, fill: Callable[[QDialog], None]) -> list[QDialog]:
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = run
    return seen


def test_implausible_dates_are_refused_with_their_message(qtbot, ctx) -> None:  # noqa: ANN001
    tablets = _add(ctx, "Tablettes", 2, brand="Samsung")
    tab = make_tab(qtbot, ctx)

    def future_purchase(d: ItemDialog) -> None:
        d.category.setCurrentIndex(d.category.findText("Tablettes"))
        d.brand.setText("Lenovo")
        d.acquired.edit.setText("12/03/2202")

    seen = drive(tab, future_purchase)
    tab.inventory.add_items(consumable=False)
    assert seen[0].result() != QDialog.DialogCode.Accepted
    assert seen[0].fields["acquired_on"].error.text() == (
        "La date d'acquisition ne peut pas être après le 10/03/2026."
    )

    def far_due(d: LoanDialog) -> None:
        d.name.setText("Jean Dupont")
        d.due.date_field.edit.setText("01/01/2030")

    seen = drive(tab, far_due)
    tab.loans.new_loan([tablets[0]])
    assert seen[0].result() != QDialog.DialogCode.Accepted
    assert seen[0].fields["due"].error.text() == (
        "La date de retour prévue ne peut pas être après le 10/03/2027."
    )

    def not_an_hour(d: LoanDialog) -> None:
        d.name.setText("Jean Dupont")
        d.due.time_field.edit.setText("25h")

    seen = drive(tab, not_an_hour)
    tab.loans.new_loan([tablets[0]])
    assert "n'est pas une heure" in seen[0].fields["due"].error.text()
    with ctx.db.session() as s:
        assert s.query(KitLoan).count() == 0
        assert s.query(KitItem).count() == 2

    def typed_due(d: LoanDialog) -> None:
        d.name.setText("Jean Dupont")
        d.due.date_field.edit.setText("17/3/26")
        d.due.time_field.edit.setText("10h30")

    seen = drive(tab, typed_due)
    loan_id = tab.loans.new_loan([tablets[0]])
    assert loan_id is not None
    with ctx.db.session() as s:
        assert s.get(KitLoan, loan_id).due == datetime(2026, 3, 17, 10, 30)

    tab.pages.setCurrentWidget(tab.availability)
    tab.availability.period_start.date_field.edit.setText("10/03/2026")
    tab.availability.period_end.date_field.edit.setText("10/03/2028")
    tab.availability.refresh()
    assert tab.availability.period_error.text() == (
        "La période dure plus de 366 jours : vérifiez les dates."
    )


def test_tab_leaves_every_table(qtbot, ctx) -> None:  # noqa: ANN001
    _add(ctx, "Tablettes", 3)
    tab = make_tab(qtbot, ctx)
    activate(qtbot, tab)
    for page in (tab.inventory, tab.loans, tab.availability):
        tab.pages.setCurrentWidget(page)
        for table in page.findChildren(QTableView):
            if not table.isVisible():
                continue
            table.setFocus()
            assert table.hasFocus()
            qtbot.keyClick(table, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is not table, table.objectName()


def test_a_loan_of_four_scanned_items_with_the_keyboard_only(qtbot, ctx) -> None:  # noqa: ANN001
    _add(ctx, "Tablettes", 4, brand="Samsung", model="Galaxy Tab A9+")
    tab = make_tab(qtbot, ctx)
    activate(qtbot, tab)
    steps: list[str] = []

    def keys(widget: QWidget | None, text: str) -> None:
        qtbot.keyClicks(widget or QApplication.focusWidget(), text)

    def alt(letter: str) -> None:
        qtbot.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)

    def journey(dialog: LoanDialog) -> None:
        dialog.activateWindow()  # what the window manager does for a new dialog
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        alt("n")  # "&Nom"
        assert QApplication.focusWidget() is dialog.name
        keys(None, "Jean Dupont")
        alt("j")  # "Article à a&jouter"
        assert QApplication.focusWidget() is dialog.scan
        for n in range(1, 5):  # a scanner types the number, then Enter
            keys(None, f"KIT-{n:04d}")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            assert dialog.isVisible(), "Entrée a fermé le prêt"
            assert dialog.items.count() == n
            steps.append(f"scan {n}")
        alt("e")  # "&Enregistrer" (a button's Alt+letter clicks it a moment later)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, LoanDialog)

        def start() -> None:
            try:
                journey(dialog)
            finally:
                if dialog.isVisible():  # never leave a test hanging in exec()
                    dialog.mark_clean()
                    dialog.reject()

        QTimer.singleShot(0, start)
        return dialog.exec()

    tab.exec_dialog = run
    tab.inventory.search.setFocus()
    alt("p")  # the "&Prêts" page
    assert tab.pages.currentWidget() is tab.loans
    tab.loans.new_loan_button.setFocus()
    alt("n")  # "&Nouveau prêt…"
    qtbot.waitUntil(lambda: tab.loans.current_loan_id() is not None, timeout=10000)
    assert steps == ["scan 1", "scan 2", "scan 3", "scan 4"]
    with ctx.db.session() as s:
        loan = s.query(KitLoan).one()
        assert loan.borrower_name == "Jean Dupont"
        assert sorted(line.item.inventory_number for line in loan.items) == [
            "KIT-0001",
            "KIT-0002",
            "KIT-0003",
            "KIT-0004",
        ]
    assert "Prêt n° " in tab.message.text()


def test_availability_is_computed_off_the_gui_thread(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    import threading

    from desktop_app.services.kit import queries
    from desktop_app.views.kit import availability_page

    _add(ctx, "Casques audio", 3)
    tab = make_tab(qtbot, ctx)
    threads: list[tuple[str, bool]] = []

    def watch(name: str):  # noqa: ANN202
        read = getattr(queries, name)

        def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            threads.append((name, threading.current_thread() is threading.main_thread()))
            return read(*args, **kwargs)

        monkeypatch.setattr(availability_page.queries, name, watched)

    watch("item_rows")
    watch("rows_during")
    tab.pages.setCurrentWidget(tab.availability)
    # read on the operation runner's worker thread, from the tab's rows (not every item again)
    assert threads == [("rows_during", False)]
    counts = {c.category: c.counts for c in tab.availability.counts_model.rows()}
    assert counts["Casques audio"] == {"disponible": 3}


MODEL_200 = (
    "Tablette tactile reconditionnée d'occasion « Samsung Galaxy Tab A9+ » avec étui renforcé "
    "à rabat, clavier Bluetooth AZERTY français, stylet capacitif et chargeur rapide USB-C — "
    "don de l'Association d'entraide"
)[:200]


def test_a_return_of_an_item_with_a_long_name_needs_no_sideways_scrolling(
    qtbot,
    ctx,  # noqa: ANN001
) -> None:
    """The description wraps beside the number to tick: « État au retour » and « Remarque »
    stay in view, without a horizontal scroll bar."""
    tab = make_tab(qtbot, ctx)
    lines = [(1, f"KIT-0369 — {MODEL_200}", "neuf"), (2, "KIT-0370 — Lenovo Tab M11", "bon")]
    dialog = ReturnDialog(
        "Retour du prêt n° 1", lines, lambda *_: None, now=NOW, parent=tab.inventory
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    _fits(dialog)
    scroll = dialog.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport()
    for _id, check, combo, note in dialog.lines:
        for widget in (check, combo, note):
            left = widget.mapTo(viewport, QPoint(0, 0)).x()
            assert left >= 0 and left + widget.width() <= viewport.width(), check.text()
    check = dialog.lines[0][1]
    assert check.text() == "KIT-0369" and MODEL_200 in check.toolTip()
    dialog.mark_clean()
    dialog.reject()


def test_a_long_item_name_in_the_loan_list_wraps_and_has_its_tooltip(qtbot, ctx) -> None:  # noqa: ANN001
    (tablet,) = _add(ctx, "Tablettes", brand="Samsung", model=MODEL_200)
    tab = make_tab(qtbot, ctx)
    loan = LoanDialog(
        lambda _t: None, lambda _r: None, now=NOW, items=[_item(ctx, tablet)], parent=tab.inventory
    )
    qtbot.addWidget(loan)
    loan.show()
    qtbot.waitUntil(loan.isVisible)
    assert loan.items.wordWrap()
    assert not loan.items.horizontalScrollBar().isVisible()
    assert MODEL_200 in loan.items.item(0).toolTip()
    loan.mark_clean()
    loan.reject()


def test_the_item_detail_shows_when_it_has_the_focus(qtbot, ctx) -> None:  # noqa: ANN001
    """Tab stops on the detail and history (read with the arrow keys): its frame changes, so
    the person sees where the keyboard is."""
    (tablet,) = _add(ctx, "Tablettes", brand="Samsung", model="Galaxy Tab A9+")
    tab = make_tab(qtbot, ctx)
    activate(qtbot, tab)
    tab.inventory.select_item(tablet)
    detail = tab.inventory.detail_scroll
    tab.inventory.items_table.setFocus()
    qtbot.waitUntil(lambda: not detail.hasFocus())
    unfocused = detail.grab().toImage()
    detail.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(detail.hasFocus)
    focused = detail.grab().toImage()
    assert focused != unfocused
    assert detail.accessibleName()


def test_the_kind_of_a_new_category_is_not_called_its_gender(qtbot, ctx) -> None:  # noqa: ANN001
    """« Nom féminin » is the grammatical gender; the kind (equipment or consumable) beside it
    is « Type », reached with Alt+T."""
    tab = make_tab(qtbot, ctx)
    dialog = CategoryDialog(lambda *_: None, tab.inventory)
    qtbot.addWidget(dialog)
    label = dialog.form.labelForField(dialog.fields["kind"])
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert label is not None and label.text() == "&Type :"
    assert not any(t.startswith("&Genre") for t in texts)
    assert mnemonic_clashes(dialog) == []


def test_actions_that_cannot_apply_are_disabled_and_say_why(qtbot, ctx) -> None:  # noqa: ANN001
    from desktop_app.services.kit import loans

    lent, free = _add(ctx, "Tablettes", 2)
    with ctx.db.session() as s:
        loans.lend(
            s,
            loans.LoanRequest(borrower_name="Jean Dupont", item_ids=[lent], due=NOW + timedelta(days=3)),
            now=NOW - timedelta(hours=1),
        )
    tab = make_tab(qtbot, ctx)
    page = tab.inventory
    assert page.select_item(lent)
    assert not page.lend_button.isEnabled()
    assert "déjà prêté" in page.lend_button.toolTip()
    assert not page.retire_button.isEnabled()
    assert page.actions_note.isVisibleTo(tab) and "déjà prêté" in page.actions_note.text()
    # broken while with its borrower: it comes back « En panne » through its return, and the
    # reason shared by the three buttons is said once
    assert not page.broken_button.isEnabled() and "« En panne »" in page.broken_button.toolTip()
    assert page.actions_note.text().count("déjà prêté") == 1
    assert "Déclarer en panne…" in page.actions_note.text()
    assert page.edit_button.isEnabled()
    assert page.select_item(free)
    assert page.lend_button.isEnabled() and page.lend_button.toolTip() == ""
    assert page.retire_button.isEnabled()
    assert not page.actions_note.isVisibleTo(tab)
    assert not page.stock_button.isEnabled()
    assert "consommables" in page.stock_button.toolTip()


def test_every_quantity_of_a_reservation_has_its_own_alt_letter(qtbot, ctx) -> None:  # noqa: ANN001
    from PySide6.QtTest import QTest

    from desktop_app.views.accessibility import mnemonic_of

    tab = make_tab(qtbot, ctx)
    categories = tab.categories + [  # a name whose initials are all taken already
        type(tab.categories[0])(990, "Pour du Au", "pour", False, "materiel"),
    ]
    dialog = ReserveDialog(
        categories, lambda *_: None, start=NOW + timedelta(days=1),
        end=NOW + timedelta(days=1, hours=2), today=NOW.date(), parent=tab,
    )
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert mnemonic_clashes(dialog) == []
    buddies = {id(label.buddy()): label.text() for label in dialog.findChildren(QLabel)}
    assert len(dialog.spins) >= 5
    for spin in dialog.spins.values():
        label = next(
            (text for w in (spin, spin.parentWidget()) if (text := buddies.get(id(w)))), ""
        )
        letter = mnemonic_of(label)
        assert letter and letter.isascii(), label
        QTest.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(spin.hasFocus, timeout=1000)
    dialog.mark_clean()
    dialog.reject()


def test_the_period_fields_are_reached_with_alt_letters(qtbot, main_window) -> None:  # noqa: ANN001
    """« Début » and « Fin » of « Disponibilités » are a date and a time side by side: Alt+B
    and Alt+N put the cursor in their date (the labels were tied to the pair, which takes no
    focus, so Alt+letter did nothing), from wherever the cursor was. Alt+B: D is « Édition »'s,
    and « É » is out of reach on a keyboard without that key."""
    activate(qtbot, main_window)
    tab = main_window.show_tab(KitTab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=5000)
    tab.pages.setCurrentWidget(tab.availability)
    page = tab.availability
    page.period_start.time_field.edit.setFocus()
    qtbot.waitUntil(page.period_start.time_field.edit.hasFocus, timeout=1000)
    qtbot.keyClick(QApplication.focusWidget(), "n", Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.period_end.date_field.edit.hasFocus, timeout=1000)
    qtbot.keyClick(QApplication.focusWidget(), "b", Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.period_start.date_field.edit.hasFocus, timeout=1000)


def test_the_narrow_detail_pane_never_starts_a_line_with_a_lone_mark(qtbot, ctx) -> None:  # noqa: ANN001
    """At 1366 px the detail pane is about 330 px wide: « Rechercher ou scanner ». broke
    before its closing « », leaving « ». » alone on the last line. Guillemets and colons
    are held to their words by no-break spaces, as in the printed documents."""
    from desktop_app.services.kit import loans

    (lent,) = _add(ctx, "Tablettes")
    with ctx.db.session() as s:
        loans.lend(s, loans.LoanRequest("Jean Dupont", [lent], due=NOW + timedelta(days=3)),
                   now=NOW - timedelta(hours=1))
    tab = make_tab(qtbot, ctx)
    page = tab.inventory
    page.show_item(None)
    assert page.select_item(lent)
    texts = [page.actions_note.text()]
    page.items_table.clearSelection()
    page.show_item(None)
    texts.append(page.detail_info.text())
    for text in texts:
        assert "Rechercher ou scanner" in text or "Prêts" in text, text
        for mark in (" »", "« ", " :"):
            assert mark not in text, (mark, text)
    # Qt's rich text breaks at no-break spaces: the sentence is shown as plain text, and an
    # item's details (a table) as rich text again
    assert page.detail_info.textFormat() == Qt.TextFormat.PlainText
    assert page.select_item(lent)
    assert page.detail_info.textFormat() == Qt.TextFormat.RichText


def test_a_loan_of_a_few_items_reads_whole_under_the_list_at_1366x768(
    qtbot,
    main_window,  # noqa: ANN001
) -> None:
    """Scanned at its return, a loan of three items (one with a 200-character name) shows
    whom it went to, when, and each item's state under the list without scrolling: the
    detail got the four lines the list left it (the list took all the height it asked for),
    the items' lines below the fold."""
    from desktop_app.services.kit import loans

    ctx = main_window.ctx
    ids = _add(ctx, "Tablettes", 2, brand="Samsung", model=MODEL_200)
    ids += _add(ctx, "Casques audio", brand="Jabra", model="Evolve2 30")
    with ctx.db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="Marie-Françoise de La Rochefoucauld-Beauregard",
                phone="0612345678", item_ids=ids, due=ctx.now() + timedelta(days=7),
            ),
            now=ctx.now(),
        )
    main_window.resize(SCREEN.size())
    activate(qtbot, main_window)
    tab = main_window.show_tab(KitTab)
    qtbot.waitUntil(lambda: tab.loaded)
    tab.pages.setCurrentWidget(tab.loans)
    tab.loans.refresh()
    assert tab.loans.select_loan(loan_id)
    qtbot.wait(50)
    scroll = tab.loans.loan_detail.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    assert scroll.verticalScrollBar().maximum() == 0, (
        scroll.viewport().height(), tab.loans.loan_detail.height()
    )


def test_every_alt_letter_of_the_kit_dialogs_is_a_plain_letter(qtbot, ctx) -> None:  # noqa: ANN001
    """Alt+É needs a key for « É », which not every keyboard has (« &État après réparation »
    was out of reach there); « É&tat », as in « Ajouter du matériel »."""
    from string import ascii_lowercase

    from desktop_app.views.accessibility import mnemonic_of

    tab = make_tab(qtbot, ctx)
    for dialog in _dialogs(tab, ctx):
        qtbot.addWidget(dialog)
        for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
            letter = mnemonic_of(widget.text())
            assert letter is None or letter in ascii_lowercase, (
                dialog.windowTitle(), widget.text()
            )
        dialog.mark_clean()
        dialog.reject()


def test_an_item_left_unticked_at_its_return_takes_no_condition(qtbot, ctx) -> None:  # noqa: ANN001
    """Its condition and remark are not recorded, so they cannot be set: « En panne » chosen on
    a line left unticked was dropped without a word; Tab now passes over them."""
    tab = make_tab(qtbot, ctx)
    lines = [(1, "KIT-0004 — HP ProBook 450 G10", "use"), (2, f"KIT-0043 — {MODEL_200}", "neuf")]
    dialog = ReturnDialog(
        "Retour du prêt n° 26", lines, lambda *_: None, now=NOW, parent=tab.inventory
    )
    qtbot.addWidget(dialog)
    _id, check, combo, note = dialog.lines[0]
    assert combo.isEnabled() and note.isEnabled()
    check.setChecked(False)
    assert not combo.isEnabled() and not note.isEnabled()
    assert [item_id for item_id, *_rest in dialog.returns()] == [2]
    check.setChecked(True)
    assert combo.isEnabled() and note.isEnabled()
    dialog.mark_clean()
    dialog.reject()


def test_guillemets_typed_in_a_note_stay_with_their_words_in_the_detail_pane(
    qtbot, ctx  # noqa: ANN001
) -> None:
    """« écran remplacé par l'atelier « Répar'Café » » was typed with plain spaces: the narrow
    pane ended a line of the history with a lone « « ». They are held as the printed
    documents hold them, with no-break spaces (which Qt's rich text keeps)."""
    (tablet,) = _add(ctx, "Tablettes", brand="Samsung", model="Galaxy « Tab » A9+")
    with ctx.db.session() as s:
        catalog.declare_broken(s, tablet, "écran fissuré : à changer", when=NOW)
        catalog.mark_repaired(
            s, tablet, "bon", "écran remplacé par l'atelier « Répar'Café » de Château-Chinon",
            when=NOW + timedelta(hours=1),
        )
    tab = make_tab(qtbot, ctx)
    page = tab.inventory
    assert page.select_item(tablet)
    for label in (page.history, page.detail_title):
        text = label.text()
        for mark in (" »", "« ", " :"):
            assert mark not in text, (mark, text)
    assert "«\u00a0Répar'Café\u00a0»" in page.history.text()
    assert "«\u00a0Tab\u00a0»" in page.detail_title.text()
