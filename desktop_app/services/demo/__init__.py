"""Realistic fictional data for every tab: ``cnum-biblio --demo`` and ``cnum-biblio demo``.

Each area seeds its own records in its own module, in an order that respects what depends on
what (workshops reserve kit items and avoid the conseiller's training days). ``scale`` multiplies
the volumes for benchmarks (N = 100 gives thousands of records). The random generator is seeded,
so the same command gives the same data.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

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


class DemoExistsError(Exception):
    """The target file already exists (French message): the demo never fills a real base."""


def create_demo_database(
    path: Path | str, scale: int = 1, today: date | None = None
) -> Path:
    """Build a filled demo base at ``path``, which must not exist yet.

    The base is built and filled in a temporary file beside ``path`` and renamed only when
    complete, so a killed ``demo`` leaves no half-filled base to be opened later as is.
    """
    from desktop_app.db import lock_path_for, open_database
    from desktop_app.services.atomic_files import atomic_path, remove_leftovers

    path = Path(path)
    if path.is_dir():
        raise DemoExistsError(f"« {path} » est un dossier ; indiquez un nouveau fichier .sqlite")
    if path.exists():
        raise DemoExistsError(
            f"le fichier « {path} » existe déjà ; choisissez un nouveau fichier pour la "
            "démonstration"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path.parent)  # what a killed run left (hidden ``.….partiel-…`` files)
    with atomic_path(path) as tmp:
        try:
            db = open_database(tmp, allow_new=True, program="démonstration")
            try:
                seed_demo(db, scale=scale, today=today)
            finally:
                db.close()
            if path.exists():
                raise DemoExistsError(f"le fichier « {path} » vient d'être créé par un autre programme")
        finally:
            lock_path_for(tmp).unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    return path


def open_demo_database(path: Path | str) -> Database:
    """Open the demo database, creating and filling it on first use."""
    from desktop_app.db import open_database

    path = Path(path)
    if path.is_file() and path.stat().st_size == 0:
        path.unlink()  # fictional data only: an empty leftover is simply rebuilt
    if not path.exists():
        create_demo_database(path)
    return open_database(path, allow_new=True)
