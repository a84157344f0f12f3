"""Inventory numbers are allocated inside the write transaction: while one unit of work holds
a number, no other connection can write (so none can be handed the same number)."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.services.kit import catalog


def test_allocating_a_number_takes_the_write_lock(db) -> None:  # noqa: ANN001
    with db.session() as session:
        first = catalog.next_number_value(session)
        other = sqlite3.connect(db.path, timeout=0.1)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("INSERT INTO app_setting (key, value) VALUES ('x', 'y')")
        finally:
            other.close()
    assert first == 1
    other = sqlite3.connect(db.path, timeout=1)  # released at commit
    try:
        other.execute("INSERT INTO app_setting (key, value) VALUES ('x', 'y')")
        other.commit()
    finally:
        other.close()
