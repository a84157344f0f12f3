"""The cost of ``synchronous=FULL`` (what the application uses, safe on a power cut) against
``NORMAL``, for the small transactions a desktop makes: one row saved per commit, in WAL mode,
measured in the same run on the same disk."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

COMMITS = 300


def _per_commit_ms(folder: Path, mode: str) -> float:
    path = folder / f"sync-{mode}.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={mode}")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    start = time.perf_counter()
    for n in range(COMMITS):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO note (text) VALUES (?)", (f"note {n}",))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return 1000 * elapsed / COMMITS


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        normal = _per_commit_ms(folder, "NORMAL")
        full = _per_commit_ms(folder, "FULL")
    print(f"enregistrement d'une ligne, synchronous=FULL : {full:.2f} ms ; NORMAL (plancher) "
          f"{normal:.2f} ms ; écart {full - normal:.2f} ms par enregistrement")
