"""What other areas may ask of the recruitment request (the only entry point they use).

Contract used by "Profils reçus" (quota, deadlines). Implemented by the request area.

A structure may file several requests over time (e.g. a second one for one more post): the quota
is the sum of the posts granted by every request that is "Validée", and the selection deadline
runs from the most recent validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.dates import add_months
from desktop_app.services.formatting import date_long

VALIDATED = "validee"
SELECT_WITHIN_MONTHS = 1  # "dans un délai maximum d'un mois"
SIGN_WITHIN_DAYS = 15  # "dans les 15 jours suivants"
SOON_DAYS = 7


def granted_posts(session: Session) -> int:
    """Number of posts granted ("postes attribués") by the validated request(s): the quota of
    candidates that may be validated. 0 when no request is validated."""
    total = session.scalar(
        select(func.coalesce(func.sum(RecruitmentRequest.posts_granted), 0)).where(
            RecruitmentRequest.status == VALIDATED
        )
    )
    return int(total or 0)


def validation_date(session: Session) -> date | None:
    """Date on which the current request became "Validée", or None.

    With several requests, the most recent validation counts: it opens a new month to select
    a candidate for the newly granted post(s)."""
    return session.scalar(
        select(func.max(RecruitmentRequest.decision_on)).where(
            RecruitmentRequest.status == VALIDATED
        )
    )


@dataclass(frozen=True)
class Deadline:
    """A time limit of the programme, e.g. "Sélectionner un candidat avant le 12 avril 2026"."""

    label: str  # full French sentence with the date written out
    due: date
    level: str  # "ok", "soon" (7 days or less left) or "late" (past)


def deadline_level(due: date, today: date) -> str:
    if due < today:
        return "late"
    if (due - today).days <= SOON_DAYS:
        return "soon"
    return "ok"


def deadlines(session: Session, today: date) -> list[Deadline]:
    """The programme's current time limits (dispositif.md §3): select a candidate within one
    month of the validation, sign the contract within 15 days of a candidate's validation.
    Shown by both the request tab and the profiles tab.

    The selection deadline is shown while no candidate has been validated since the latest
    validation of a request; the contract deadline while a validated candidate has no signed
    contract (what ``latest_candidate_validation_date`` reports)."""
    from desktop_app.services.profiles import api as profiles_api

    result: list[Deadline] = []
    validated_on = validation_date(session)
    candidate_on = profiles_api.latest_candidate_validation_date(session)
    if validated_on is not None and (candidate_on is None or candidate_on < validated_on):
        due = add_months(validated_on, SELECT_WITHIN_MONTHS)
        result.append(
            Deadline(
                f"Sélectionner un candidat avant le {date_long(due)}",
                due,
                deadline_level(due, today),
            )
        )
    if candidate_on is not None:
        due = candidate_on + timedelta(days=SIGN_WITHIN_DAYS)
        result.append(
            Deadline(
                f"Signer le contrat avant le {date_long(due)}", due, deadline_level(due, today)
            )
        )
    return result
