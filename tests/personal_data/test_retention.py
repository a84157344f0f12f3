"""Retention proposals at the right dates, with the clock given by the caller (``ctx.clock``
in the interface), and anonymisation of exactly what was kept ticked."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.db import Database
from desktop_app.services.personal_data import retention
from desktop_app.services.personal_data.settings import (
    Retention,
    RetentionError,
    get_retention,
    save_retention,
)
from tests.personal_data.helpers import build


def _due(db: Database, today: date, r: Retention | None = None) -> set[str]:
    with db.session() as s:
        return {i.ref.token for i in retention.due_items(s, today, r or get_retention(s))}


def test_defaults_and_saved_durations(db: Database) -> None:
    with db.session() as s:
        assert get_retention(s) == Retention(24, 36, 12)
        with pytest.raises(RetentionError):
            save_retention(s, Retention(0, 36, 12))
        save_retention(s, Retention(18, 48, 6))
    with db.session() as s:
        assert get_retention(s) == Retention(18, 48, 6)


def test_each_kind_becomes_due_on_its_day(db: Database, tmp_path: Path) -> None:
    w = build(db, tmp_path)
    c, p, e = f"C{w.profile_id}", f"P{w.participant_id}", f"E{w.loan_id}"
    other = f"P{w.other_participant_id}"
    # the candidate's last contact: the refusal of 10/01/2024 → due 10/01/2026
    # the loan came back on 19/03/2024 → due 19/03/2025
    # both participants last came on 09/04/2024 → due 09/04/2027
    assert _due(db, date(2025, 3, 18)) == set()
    assert _due(db, date(2025, 3, 19)) == {e}
    assert _due(db, date(2026, 1, 9)) == {e}
    assert _due(db, date(2026, 1, 10)) == {e, c}
    assert _due(db, date(2027, 4, 8)) == {e, c}
    assert _due(db, date(2027, 4, 9)) == {e, c, p, other}
    with db.session() as s:
        items = retention.due_items(s, date(2027, 4, 9), get_retention(s))
        text = retention.summary(items, get_retention(s))
    assert "2 personnes accompagnées n'ont pas eu d'activité depuis plus de 3 ans" in text
    assert "1 candidat non recruté sans contact depuis plus de 2 ans" in text


def test_only_ticked_items_are_anonymised(db: Database, tmp_path: Path) -> None:
    w = build(db, tmp_path)
    with db.session() as s:
        items = retention.due_items(s, date(2027, 4, 9), get_retention(s))
        kept = [i for i in items if i.ref.token == f"P{w.other_participant_id}"]
        assert retention.anonymise(s, kept) == 1
    assert _due(db, date(2027, 4, 9)) == {f"C{w.profile_id}", f"E{w.loan_id}",
                                          f"P{w.participant_id}"}


def test_the_view_reads_the_context_clock(ctx, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop_app.views.personal_data.retention_review import due_now

    w = build(ctx.db, tmp_path)
    ctx.clock = lambda: datetime(2025, 3, 19, 9, 0)
    assert [i.ref.token for i in due_now(ctx)] == [f"E{w.loan_id}"]
    ctx.clock = lambda: datetime(2025, 3, 18, 9, 0)
    assert due_now(ctx) == []
