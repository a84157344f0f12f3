"""Realistic fictional data for every tab: ``cnum-biblio --demo`` and ``cnum-biblio demo``.

Each area seeds its own records in its own module, in an order that respects what depends on
what (workshops reserve kit items and avoid the conseiller's training days). ``scale`` multiplies
the volumes for benchmarks (N = 100 gives thousands of records). The random generator is seeded,
so the same command gives the same data.
"""

from __future__ import annotations

import random
from datetime import date

from desktop_app.db import Database
from desktop_app.services.demo import foundation, kit, profiles, request, workshops

SEEDERS = (foundation, request, profiles, kit, workshops)


def seed_demo(db: Database, scale: int = 1, today: date | None = None) -> None:
    """Fill an empty database. ``today`` anchors every date so tests can pin it."""
    today = today or date.today()
    rng = random.Random(20210101)
    for module in SEEDERS:
        with db.session() as session:
            module.seed(session, rng=rng, scale=scale, today=today)


def open_demo_database(path) -> Database:  # noqa: ANN001 - a Path
    """Open the demo database, creating and filling it on first use."""
    from pathlib import Path

    from desktop_app.db import open_database

    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    db = open_database(path)
    if is_new:
        seed_demo(db)
    return db
