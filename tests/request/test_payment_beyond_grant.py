"""A payment that takes what was received past what the convention grants (« 60000 » on a
convention of 50 000 €, 25 000 already received) was saved without a word: the State pays at
most what it granted, so it is refused under « Montant reçu » with what is left to receive."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.services.request import posts
from tests.request.test_amount_limits import _spaced
from tests.request.test_tester_amounts import _shown
from tests.request.tester_helpers import pin, shown_tab

TODAY = date(2026, 12, 3)


def _convention(demo_db):  # noqa: ANN001, ANN202
    with demo_db.session() as s:
        post = next(p for p in posts.list_posts(s) if p.conventions)
        return post.conventions[0]


def test_the_rule(demo_db) -> None:  # noqa: ANN001
    convention = _convention(demo_db)
    left = convention.granted - convention.received
    assert left > 0
    with demo_db.session() as s:
        with pytest.raises(posts.PostError) as refused:
            posts.add_payment(s, convention.id, TODAY, left + Decimal("0.01"), "", TODAY)
        message = _spaced(refused.value.errors["amount"])
        assert "accordés (reste à recevoir :" in message and "vérifiez le montant" in message
        posts.add_payment(s, convention.id, TODAY, left, "solde", TODAY)  # the balance: fine


def test_the_dialog_says_it(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    convention = _convention(ctx.db)
    with _shown(qtbot, tab.payment_dialog(convention.post_id, convention.id)) as dialog:
        dialog.amount.setValue(float(convention.granted - convention.received + 10000))
        dialog.accept()
        assert dialog.isVisible()
        assert "porterait le reçu à" in dialog.fields["amount"].error.text()
    assert _convention(ctx.db).received == convention.received
