"""An amount typed past its field's maximum: « 99999999 » in « Montant reçu » kept 99 999 €
without a word (Qt dropped the keystrokes past the maximum). Now what was typed stays, in red,
with a French message saying what is wrong and what to type, and the dialog saves nothing."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop_app.services.request import posts
from tests.request.keyboard import press
from tests.request.test_tester_amounts import _shown
from tests.request.tester_helpers import pin, shown_tab


def _spaced(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _retype(qtbot, spin, text: str) -> None:  # noqa: ANN001
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def _payments(ctx, post_id: int) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return sum(len(c.payments) for c in posts.get_post(s, post_id).conventions)


def test_a_payment_past_the_maximum_is_refused_with_its_reason(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with ctx.db.session() as s:
        post = next(p for p in posts.list_posts(s) if p.conventions)
    before = _payments(ctx, post.id)
    with _shown(qtbot, tab.payment_dialog(post.id, post.conventions[0].id)) as dialog:
        _retype(qtbot, dialog.amount, "99999999")
        assert dialog.amount.lineEdit().text() == "99999999 €"  # no keystroke dropped
        press(qtbot, Qt.Key.Key_Tab)
        field = dialog.fields["amount"]
        message = _spaced(field.error.text())
        assert field.error.isVisibleTo(dialog)
        assert "« 99999999 € » dépasse le montant le plus élevé accepté ici (100 000,00 €)" in message
        assert "tapez-en un d'au plus 100 000,00 €" in message
        assert dialog.amount.lineEdit().text() == "99999999 €"  # kept, to be corrected
        # Enter in the field presses no button; « Enregistrer » saves nothing
        dialog.amount.setFocus()
        press(qtbot, Qt.Key.Key_Return)
        assert dialog.isVisible() and field.error.isVisibleTo(dialog)
        dialog.accept()
        assert dialog.isVisible() and "dépasse" in field.error.text()
        assert _payments(ctx, post.id) == before
        # put right: the message goes at once, and the amount typed is the one saved
        _retype(qtbot, dialog.amount, "9999.99")
        assert not field.error.isVisibleTo(dialog)
        press(qtbot, Qt.Key.Key_Tab)
        assert dialog.amount.amount() == Decimal("9999.99")
        dialog.accept()
        assert _payments(ctx, post.id) == before + 1


def test_a_rate_past_100_percent_says_taux(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = shown_tab(qtbot, pin(demo_ctx))
    with _shown(qtbot, tab.post_dialog(None)) as dialog:
        _retype(qtbot, dialog.charges, "150")
        press(qtbot, Qt.Key.Key_Tab)
        message = _spaced(dialog.fields["charges"].error.text())
        assert "« 150 % » dépasse le taux le plus élevé accepté ici (100,0 %) : vérifiez le taux et " in message
        assert dialog.charges.input_error() is not None


def test_the_message_goes_when_the_dialog_writes_the_amount(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """« Montants du dispositif » wrote back the amount the field had before the slip: Qt
    writes it with the line edit's signals blocked, and the message stayed under a right
    amount."""
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with ctx.db.session() as s:
        post = next(p for p in posts.list_posts(s) if p.conventions)
    with _shown(qtbot, tab.convention_dialog(post.id, None)) as dialog:
        first = dialog.amounts[0]
        before = first.amount()
        _retype(qtbot, first, "175000")
        press(qtbot, Qt.Key.Key_Tab)
        field = dialog.fields["amount1"]
        assert field.error.isVisibleTo(dialog) and first.amount() == before
        dialog.fill_from_rules()
        assert first.input_error() is None
        assert not field.error.isVisibleTo(dialog)
        # and the arrows, from the amount kept
        _retype(qtbot, first, "175000")
        press(qtbot, Qt.Key.Key_Tab)
        assert field.error.isVisibleTo(dialog)
        first.stepBy(1)
        assert not field.error.isVisibleTo(dialog) and first.input_error() is None


def test_a_third_decimal_is_said_not_dropped(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """« 2150,456 » became 2 150,45 € and « 2150.456 » (no number: a dot before three digits
    groups thousands) the last amount, both without a word."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    with _shown(qtbot, tab.post_dialog(None)) as dialog:
        _retype(qtbot, dialog.salary, "2150,456")
        assert dialog.salary.lineEdit().text() == "2150,456 €"
        press(qtbot, Qt.Key.Key_Tab)
        message = _spaced(dialog.fields["salary"].error.text())
        assert message == "« 2150,456 € » a trop de décimales : tapez le montant au centime près."
        _retype(qtbot, dialog.salary, "2150.456")
        press(qtbot, Qt.Key.Key_Tab)
        assert dialog.salary.lineEdit().text() == "2150.456 €"
        assert _spaced(dialog.fields["salary"].error.text()) == (
            "« 2150.456 € » ne se lit pas comme un montant : tapez-le avec une virgule pour "
            "les décimales, par exemple 1 500,50 €."
        )
        dialog.accept()
        assert dialog.isVisible()
        _retype(qtbot, dialog.charges, "42.55")
        press(qtbot, Qt.Key.Key_Tab)
        assert _spaced(dialog.fields["charges"].error.text()) == (
            "« 42.55 % » a trop de décimales : tapez le taux avec 1 décimale au plus."
        )
        _retype(qtbot, dialog.salary, "2150.45")
        assert not dialog.fields["salary"].error.isVisibleTo(dialog)
