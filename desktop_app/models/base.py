"""Declarative base shared by every area's models.

Constraint names follow a fixed convention so that Alembic migrations stay reproducible on
SQLite (batch mode) and on PostgreSQL alike. Each table says in ``info["label"]`` how people
call its records ("Profils", "Séances"…): "Vérifier la base" reports counts with that label.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive local timestamp used for "created/changed at" columns (the PC's own clock)."""
    return datetime.now().replace(microsecond=0)
