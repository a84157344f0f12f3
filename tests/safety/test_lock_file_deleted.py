"""The lock file deleted while the application runs (on Linux nothing prevents it; the README
says it may be deleted when no CNum Biblio runs): a second window or the command line must not
become a second writer of the base."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.db import DatabaseInUseError, lock_path_for, open_database
from tests.safety.holder import writer_process


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def holder(base: Path) -> Iterator[subprocess.Popen[str]]:
    with writer_process(base) as proc:
        yield proc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Windows refuses the deletion")
def test_a_deleted_lock_file_does_not_make_a_second_writer(
    base: Path, holder: subprocess.Popen[str]
) -> None:
    lock_path_for(base).unlink()
    with pytest.raises(DatabaseInUseError) as info:
        open_database(base, access="write")
    assert info.value.offer_read_only
    db = open_database(base)  # the command line: reads only
    try:
        assert db.read_only
    finally:
        db.close()
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=10)
    db = open_database(base, access="write")  # once it is closed, the base is free again
    assert not db.read_only
    db.close()
