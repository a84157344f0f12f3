"""Demo records of this area (filled by its issue)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    """Nothing yet: this area's issue adds its records here."""
