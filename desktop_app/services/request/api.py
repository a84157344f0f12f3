"""What other areas may ask of the recruitment request (the only entry point they use).

Contract used by "Profils reçus" (quota, deadlines). Implemented by the request area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


def granted_posts(session: Session) -> int:
    """Number of posts granted ("postes attribués") by the validated request(s): the quota of
    candidates that may be validated. 0 when no request is validated."""
    raise NotImplementedError


def validation_date(session: Session) -> date | None:
    """Date on which the current request became "Validée", or None."""
    raise NotImplementedError


@dataclass(frozen=True)
class Deadline:
    """A time limit of the programme, e.g. "Sélectionner un candidat avant le 12 avril 2026"."""

    label: str  # full French sentence with the date written out
    due: date
    level: str  # "ok", "soon" (7 days or less left) or "late" (past)


def deadlines(session: Session, today: date) -> list[Deadline]:
    """The programme's current time limits (dispositif.md §3): select a candidate within one
    month of the validation, sign the contract within 15 days of a candidate's validation.
    Shown by both the request tab and the profiles tab."""
    raise NotImplementedError
