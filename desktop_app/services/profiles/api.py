"""What other areas may ask of the profiles (the only entry point they use).

Contract used by "Demande de recrutement" (deadlines) and "Ateliers" (training days).
Implemented by the profiles area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class TrainingPeriod:
    start: date
    end: date  # inclusive
    label: str  # e.g. "Formation initiale — Camille Martin (Centre de formation de Nevers)"


def latest_candidate_validation_date(session: Session) -> date | None:
    """Date of the most recent "Candidature validée" (the 15-day contract deadline runs from
    it) among candidates still validated or recruited without a signed contract; None if none."""
    raise NotImplementedError


def training_periods(session: Session, start: date, end: date) -> list[TrainingPeriod]:
    """Training periods of recruited conseillers that overlap [start, end]."""
    raise NotImplementedError
