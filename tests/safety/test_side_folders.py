"""A folder where SQLite needs its journal files (``base.sqlite-wal``, ``-shm``): the message
names that folder; it said the base's folder was read-only, which it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.db import DatabaseOpenError, DatabaseReadOnlyError, open_database


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_a_folder_named_like_a_journal_file_is_named(tmp_path: Path, suffix: str) -> None:
    base = tmp_path / "base.sqlite"
    open_database(base).close()
    before = base.read_bytes()
    (tmp_path / f"base.sqlite{suffix}").mkdir()
    with pytest.raises(DatabaseOpenError) as info:
        open_database(base)
    message = str(info.value)
    assert f"« base.sqlite{suffix} »" in message and "est un dossier" in message
    assert not isinstance(info.value, DatabaseReadOnlyError)
    assert "lecture seule" not in message and "endommagée" not in message
    assert not info.value.offer_restore
    assert base.read_bytes() == before
