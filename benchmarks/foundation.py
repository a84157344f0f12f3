"""Start-up figures: migrating an empty database, seeding the demo, a checked backup."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def run() -> None:
    from desktop_app.backups import make_backup
    from desktop_app.db import open_database
    from desktop_app.services.demo import seed_demo

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        db = open_database(path)
        t1 = time.perf_counter()
        seed_demo(db, scale=1)
        t2 = time.perf_counter()
        make_backup(path)
        t3 = time.perf_counter()
        db.close()
        print(f"migration d'une base vide : {1000 * (t1 - t0):.0f} ms")
        print(f"données de démonstration (échelle 1) : {1000 * (t2 - t1):.0f} ms")
        print(f"sauvegarde vérifiée : {1000 * (t3 - t2):.0f} ms ({path.stat().st_size // 1024} Kio)")
