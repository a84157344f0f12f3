"""One writer per base: a second process is told who holds the base and may read only; a lock
left by a killed process is recognised as stale; the command line refuses to write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.db import (
    DatabaseInUseError,
    ReadOnlyDatabaseError,
    is_open_elsewhere,
    lock_path_for,
    open_database,
)
from desktop_app.services.structure import StructureInfo, get_structure, save_structure

ROOT = Path(__file__).resolve().parent.parent
NAME = "Bibliothèque de Chambon"

_HOLDER = textwrap.dedent(
    """
    import sys
    from desktop_app.db import open_database
    db = open_database(sys.argv[1], access="write", program="application")
    print("PRET", flush=True)
    sys.stdin.readline()
    db.close()
    print("FERME", flush=True)
    """
)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.sqlite"
    db = open_database(path)
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    db.close()
    return path


@pytest.fixture
def holder(base: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the base open for writing, like the application."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(base)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "PRET"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_a_second_instance_is_told_and_may_read_only(base: Path, holder) -> None:  # noqa: ANN001
    with pytest.raises(DatabaseInUseError, match="déjà ouverte sur ce poste") as info:
        open_database(base, access="write")
    assert info.value.offer_read_only and not info.value.offer_restore
    assert info.value.holder.pid == holder.pid
    assert is_open_elsewhere(base) is not None

    reader = open_database(base, access="read")
    try:
        assert reader.read_only
        with reader.session() as session:
            assert get_structure(session).name == NAME
        with pytest.raises(ReadOnlyDatabaseError, match="lecture seule"), reader.session() as s:
            save_structure(s, StructureInfo(name="Écrasé"))
    finally:
        reader.close()
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "FERME"
    db = open_database(base, access="write")
    try:
        with db.session() as session:
            assert get_structure(session).name == NAME  # nothing was overwritten
    finally:
        db.close()


def test_auto_access_falls_back_to_read_only_while_the_application_writes(
    base: Path, holder  # noqa: ANN001
) -> None:
    db = open_database(base)  # what the command line does
    try:
        assert db.read_only
        with pytest.raises(ReadOnlyDatabaseError), db.session() as session:
            save_structure(session, StructureInfo(name="Écrasé"))
    finally:
        db.close()


def test_a_lock_left_by_a_killed_process_is_stale(base: Path, holder) -> None:  # noqa: ANN001
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert lock_path_for(base).exists()  # the file stays, the OS lock went with the process
    assert is_open_elsewhere(base) is None
    db = open_database(base, access="write")
    try:
        assert not db.read_only
        with db.session() as session:
            save_structure(session, StructureInfo(name="Après la panne"))
    finally:
        db.close()


def test_one_process_may_hold_several_handles_on_one_base(base: Path) -> None:
    first = open_database(base, access="write")
    second = open_database(base, access="write")
    first.close()
    assert is_open_elsewhere(base) is None
    with second.session() as session:
        save_structure(session, StructureInfo(name="Toujours modifiable"))
    second.close()


def test_the_command_line_refuses_to_write_to_a_base_open_in_the_application(
    base: Path, holder, tmp_path: Path  # noqa: ANN001
) -> None:
    from tests.profiles.helpers import platform_csv
    from tests.test_cli import assert_one_french_line, run

    csv = tmp_path / "profils.csv"
    csv.write_bytes(platform_csv())  # a complete export: only the lock can refuse it
    result = run("import-profiles", str(csv), "--db", str(base), home=tmp_path)
    assert_one_french_line(result)
    assert "lecture seule" in result.stderr or "déjà ouverte" in result.stderr
    check = run("check", "--db", str(base), home=tmp_path)  # reading stays possible
    assert check.returncode == 0, check.stderr


def test_a_read_only_base_has_a_banner_text(base: Path, holder) -> None:  # noqa: ANN001
    reader = open_database(base, access="read")
    writer = None
    try:
        notice = reader.read_only_notice()
        assert notice is not None and "Lecture seule" in notice and "sur ce poste" in notice
    finally:
        reader.close()
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "FERME"
    writer = open_database(base, access="write")
    try:
        assert writer.read_only_notice() is None
    finally:
        writer.close()
