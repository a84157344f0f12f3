"""Amounts typed in the posts' dialogs: the numeric keypad's dot is the decimal mark (« 1500.50 »
became 15 005,00 €, a payment ten times too large), French forms still read as before."""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.services.amounts import parse_amount
from desktop_app.services.request import posts
from tests.request.keyboard import press
from tests.request.tester_helpers import pin, shown_tab


def _spaced(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1500.50", "1500.50"), ("1250.75", "1250.75"), ("1 500,50 €", "1500.50"),
     ("1.500,50", "1500.50"), ("12.500", "12500"), ("1\u202f823,03 €", "1823.03"),
     ("42.5", "42.5"), ("12,", "12.0"), ("0,05", "0.05")],
)
def test_amounts_read_as_typed(typed: str, value: str) -> None:
    assert parse_amount(typed, " €") == Decimal(value)


@pytest.mark.parametrize("typed", ["1e9", "-5", "1,2,3", "1.50.0", "12.50,3.4", "", "abc"])
def test_what_is_no_amount(typed: str) -> None:
    assert parse_amount(typed, " €") is None


@contextmanager
def _shown(qtbot, dialog):  # noqa: ANN001, ANN202
    """The dialog shown, then closed without its « Abandonner la saisie ? » question, even
    when an assertion fails (a question left open would hang the test run)."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # focus events (leaving a field) only reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    try:
        yield dialog
    finally:
        dialog.mark_clean()
        dialog.close()


def _type_into(qtbot, spin, keys: list[Qt.Key | str]) -> None:  # noqa: ANN001
    spin.setFocus()
    spin.selectAll()
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(spin.lineEdit(), key)
        else:
            qtbot.keyClick(spin.lineEdit(), key, Qt.KeyboardModifier.KeypadModifier)
    press(qtbot, Qt.Key.Key_Tab)


def test_a_payment_typed_on_the_keypad(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with ctx.db.session() as s:
        post = next(p for p in posts.list_posts(s) if p.conventions)
    with _shown(qtbot, tab.payment_dialog(post.id, post.conventions[0].id)) as dialog:
        _type_into(qtbot, dialog.amount, ["1500.50"])
        assert dialog.amount.amount() == Decimal("1500.50")
        assert _spaced(dialog.amount.text()) == "1 500,50 €"
        keypad = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_5, Qt.Key.Key_0, Qt.Key.Key_Period,
                  Qt.Key.Key_7, Qt.Key.Key_5]
        _type_into(qtbot, dialog.amount, keypad)
        assert dialog.amount.amount() == Decimal("1250.75")
        _type_into(qtbot, dialog.amount, ["1e9"])  # the letter is refused, as before
        assert dialog.amount.amount() == Decimal("19")


def test_the_salary_keeps_au_smic_and_the_charges_read_a_dot(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = shown_tab(qtbot, pin(demo_ctx))
    with _shown(qtbot, tab.post_dialog(None)) as dialog:
        assert dialog.salary.text() == "au Smic"
        dialog.salary.setFocus()
        press(qtbot, Qt.Key.Key_Tab)
        assert dialog.salary.amount() == 0 and dialog.salary.text() == "au Smic"
        _type_into(qtbot, dialog.charges, ["42.5"])
        assert dialog.charges.amount() == Decimal("42.5")
        _type_into(qtbot, dialog.salary, ["2100.40"])
        assert dialog.salary.amount() == Decimal("2100.40")
