"""What other areas may ask of the inclusion kit (the only entry point they use).

Contract used by "Ateliers": a workshop session reserves a number of units per category for its
time range. A reservation is identified by a ``source`` string chosen by the caller, such as
``"atelier:42"`` (session id 42); reserving again with the same source replaces it.
Implemented by the kit area.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session


class KitUnavailableError(ValueError):
    """Raised by ``reserve``; ``str(error)`` is the French message, one line per shortage, e.g.
    "3 tablettes demandées, 2 disponibles le 12/03 de 14:00 à 16:00"."""


def reservable_categories(session: Session) -> list[tuple[int, str]]:
    """(category id, French label) of equipment categories, in display order."""
    raise NotImplementedError


def check_reservation(
    session: Session,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    *,
    ignore_source: str | None = None,
) -> list[str]:
    """French messages for each category where fewer units are free than ``wanted`` during
    [start, end) (lent, reserved by an overlapping reservation other than ``ignore_source``,
    broken, under repair or retired). Empty list when everything is available."""
    raise NotImplementedError


def reserve(
    session: Session,
    source: str,
    start: datetime,
    end: datetime,
    wanted: Mapping[int, int],
    label: str,
) -> None:
    """Reserve free units for [start, end), replacing any reservation of ``source``.
    Raises KitUnavailableError (nothing written) when something is missing."""
    raise NotImplementedError


def release(session: Session, source: str) -> None:
    """Cancel the reservation of ``source`` (no error if there is none)."""
    raise NotImplementedError


def reserved_for(session: Session, source: str) -> dict[int, int]:
    """category id → number of units reserved by ``source``."""
    raise NotImplementedError
