"""Another process holding a base open as its writer, as a second running application does."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_HOLDER = textwrap.dedent(
    """
    import sys
    from desktop_app.db import open_database
    db = open_database(sys.argv[1], access="write", program="application")
    print("PRET", flush=True)
    sys.stdin.readline()
    db.close()
    """
)


@contextmanager
def writer_process(base: Path) -> Iterator[subprocess.Popen[str]]:
    """A process that opens ``base`` for writing and keeps it until a line is written to its
    standard input (or it is killed when the block ends)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(base)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "PRET"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
