"""A new Smic ten times the last one (« 18600 » typed for 1 860) was saved, and every post's
cost followed it. The Smic moves by a few per cent a revaluation: a value more than 20 % away
from the one before is refused under the field, with what to check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.request import smic
from tests.request.keyboard import press
from tests.request.test_amount_limits import _retype, _spaced
from tests.request.test_tester_amounts import _shown
from tests.request.tester_helpers import pin, shown_tab


def test_the_rule(db) -> None:  # noqa: ANN001
    with db.session() as s:
        smic.set_smic(s, date(2027, 1, 1), Decimal("1860.00"))
        for slip in ("18600", "186.00"):
            with pytest.raises(smic.SmicError) as refused:
                smic.set_smic(s, date(2028, 1, 1), Decimal(slip))
            message = _spaced(refused.value.errors["amount"])
            assert "du Smic précédent (1 860,00 € brut par mois depuis le 1er janvier 2027)" in (
                message
            )
        # a value put right on its own day is compared with the one before that day
        smic.set_smic(s, date(2027, 1, 1), Decimal("1850.00"))
        assert smic.smic_on(s, date(2027, 6, 1)).monthly_gross == Decimal("1850.00")


def test_the_dialog_says_it_under_the_amount(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with _shown(qtbot, tab.smic_dialog()) as dialog:
        _retype(qtbot, dialog.amount, "18600")
        press(qtbot, Qt.Key.Key_Tab)
        dialog.accept()
        assert dialog.isVisible()
        message = _spaced(dialog.fields["amount"].error.text())
        assert message.startswith("18 600,00 € est très au-dessus du Smic précédent")
        assert "Vérifiez le montant" in message
    with ctx.db.session() as s:
        assert smic.smic_values(s)[-1].monthly_gross == Decimal("1823.03")
