"""What other areas may ask of the profiles (the only entry point they use).

Contract used by "Demande de recrutement" (deadlines) and "Ateliers" (training days).
Implemented by the profiles area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.profiles import (
    STATUS_RECRUITED,
    STATUS_VALIDATED,
    Profile,
    TrainingSession,
)


@dataclass(frozen=True)
class TrainingPeriod:
    start: date
    end: date  # inclusive
    label: str  # e.g. "Formation initiale — Camille Martin (Centre de formation de Nevers)"
    profile_id: int = 0  # whose training it is: it blocks that conseiller only


def latest_candidate_validation_date(session: Session) -> date | None:
    """Date of the most recent "Candidature validée" (the 15-day contract deadline runs from
    it) among candidates still validated or recruited without a signed contract; None if none."""
    return session.scalar(
        select(func.max(Profile.validated_on)).where(
            Profile.status.in_((STATUS_VALIDATED, STATUS_RECRUITED)),
            Profile.contract_signed_on.is_(None),
        )
    )


def training_periods(session: Session, start: date, end: date) -> list[TrainingPeriod]:
    """Training periods of recruited conseillers that overlap [start, end].

    A validated candidate counts too: the training is often booked between the validation and
    the programme's confirmation, and the conseiller is away on those days all the same."""
    rows = session.execute(
        select(TrainingSession, Profile.first_name, Profile.last_name)
        .join(Profile, Profile.id == TrainingSession.profile_id)
        .where(
            Profile.status.in_((STATUS_VALIDATED, STATUS_RECRUITED)),
            TrainingSession.start_date <= end,
            TrainingSession.end_date >= start,
        )
        .order_by(TrainingSession.start_date, TrainingSession.id)
    ).all()
    periods = []
    for training, first_name, last_name in rows:
        where = ", ".join(x for x in (training.organisation, training.place) if x)
        label = f"Formation initiale — {first_name} {last_name}".strip()
        if where:
            label += f" ({where})"
        periods.append(
            TrainingPeriod(training.start_date, training.end_date, label, training.profile_id)
        )
    return periods


@dataclass(frozen=True)
class Conseiller:
    profile_id: int
    name: str  # "Camille Martin"


def recruited_conseillers(session: Session) -> list[Conseiller]:
    """The conseillers recruited by the structure, who may hold sessions, by name."""
    rows = session.execute(
        select(Profile.id, Profile.first_name, Profile.last_name)
        .where(Profile.status == STATUS_RECRUITED)
        .order_by(Profile.last_name, Profile.first_name, Profile.id)
    ).all()
    return [Conseiller(pid, f"{first} {last}".strip()) for pid, first, last in rows]
