"""The writer's ``-wal`` file is never deleted by another process while the writer runs.

SQLite's locks on Linux are POSIX record locks: they belong to the process, and ANY ``close()``
of the base file in that process drops them all — Qt sniffing a file's type for a file dialog
showing the data folder, a file picker's preview, a user picking the base as an attachment. With
its locks gone, the writer looks absent: the next process to close its last connection on the
base (the command line's ``check`` or ``backup``, a window open read-only) checkpointed and
DELETED the ``-wal`` and ``-shm`` files. The writer then kept committing into a deleted file
(``/proc/PID/fd`` shows « (deleted) »), and a power cut or a killed process lost every record
saved since.

The writer is a real process here, killed with SIGKILL; records saved after the other process
closed the base must still be in the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.db import open_database

ROOT = Path(__file__).resolve().parents[2]

_WRITER = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import text
    from desktop_app.db import open_database
    db = open_database(sys.argv[1], access="write", program="application")
    def write(key):
        with db.session() as s:
            s.execute(text("INSERT INTO app_setting (key, value) VALUES (:k, 'v')"), {"k": key})
    write("avant")
    if sys.argv[2] == "drop-locks":
        # what a file dialog's type sniffing does: open and close the base file
        os.close(os.open(sys.argv[1], os.O_RDONLY))
    print("PRET", flush=True)
    for line in sys.stdin:
        write(line.strip())
        print("ECRIT", flush=True)
    """
)


def _keys(path: Path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT key FROM app_setting")}
    finally:
        conn.close()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "Mairie de Sainte-Hélène" / "base.sqlite"
    path.parent.mkdir()
    open_database(path).close()
    return path


def _writer(base: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(base), mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "PRET", proc.stderr.read() if proc.stderr else line
    return proc


@pytest.fixture(params=["drop-locks", "locks-held"])
def writer(request: pytest.FixtureRequest, base: Path) -> Iterator[subprocess.Popen[str]]:
    proc = _writer(base, request.param)
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _write_then_kill(proc: subprocess.Popen[str], key: str) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(key + "\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "ECRIT"
    os.kill(proc.pid, signal.SIGKILL)  # a power cut, a frozen PC switched off
    proc.wait(timeout=10)


def _wal_inode(base: Path) -> int:
    return os.stat(base.with_name(base.name + "-wal")).st_ino


def test_command_line_reading_while_the_application_writes_deletes_nothing(
    base: Path, writer: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli import main

    wal = _wal_inode(base)
    assert main(["check", "--db", str(base)]) == 0
    assert main(["backup", "--db", str(base)]) == 0
    assert _wal_inode(base) == wal  # the writer's journal is still the one on the disk
    _write_then_kill(writer, "apres")
    assert {"avant", "apres"} <= _keys(base)


def test_a_window_open_read_only_closing_deletes_nothing(
    base: Path, writer: subprocess.Popen[str]
) -> None:
    wal = _wal_inode(base)
    reader = open_database(base, access="read")
    assert reader.read_only
    with reader.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM app_setting").scalar() >= 1
    reader.close()
    assert _wal_inode(base) == wal
    _write_then_kill(writer, "apres")
    assert {"avant", "apres"} <= _keys(base)


def test_another_program_reading_the_base_deletes_nothing(
    base: Path, writer: subprocess.Popen[str]
) -> None:
    """A program that is not CNum Biblio (DB Browser, the sqlite3 shell, an older version)
    reads with an ordinary read-write connection: the writer's own guard keeps its WAL."""
    import sqlite3

    wal = _wal_inode(base)
    other = sqlite3.connect(base)
    assert other.execute("SELECT count(*) FROM app_setting").fetchone()[0] >= 1
    other.close()
    assert _wal_inode(base) == wal
    _write_then_kill(writer, "apres")
    assert {"avant", "apres"} <= _keys(base)


def test_closing_the_writer_still_folds_and_removes_its_journal(base: Path) -> None:
    """The guard is given back before the last connection closes: the WAL is checkpointed into
    the base and its files removed, as without it."""
    from sqlalchemy import text

    db = open_database(base, access="write")
    with db.session() as s:
        s.execute(text("INSERT INTO app_setting (key, value) VALUES ('ferme', 'v')"))
    db.close()
    assert not base.with_name(base.name + "-wal").exists()
    assert not base.with_name(base.name + "-shm").exists()
    assert "ferme" in _keys(base)
