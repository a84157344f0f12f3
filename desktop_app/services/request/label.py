"""The label « conseiller numérique » (dispositif.md §9): who may ask for it, the "attestation
sur l'honneur" the structure signs, and its yearly renewal.

Any structure that ever had a funded post may sign it: it states that it employs at least one
qualified professional in digital mediation, and commits to report a change (the mediator's
departure, the end of the activity, a new person in charge) and to renew when asked. The
renewal falls a year after the last signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.request import FundedPost, LabelAttestation, RecruitmentRequest
from desktop_app.services.dates import add_months
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.formatting import date_in_words

LABEL = "Label « conseiller numérique »"
RENEW_EVERY_MONTHS = 12
STATEMENT = (
    "atteste sur l'honneur que la structure emploie au moins un professionnel qualifié en "
    "médiation numérique"
)
COMMITMENTS: tuple[str, ...] = (
    "signaler le départ du médiateur numérique",
    "signaler la fin de l'activité de médiation numérique",
    "signaler un changement de responsable de la structure",
    "renouveler cette attestation chaque année, à la demande du dispositif",
)
BENEFITS = (
    "Le label donne accès à la formation continue financée, à la communauté des conseillers "
    "numériques et à l'usage du nom « conseiller numérique »."
)


class LabelError(FieldErrors):
    """A refused attestation; ``str(error)`` is French."""


@dataclass(frozen=True)
class AttestationData:
    id: int | None
    signed_on: date
    mediator_name: str
    signatory_name: str
    signatory_title: str
    note: str = ""


@dataclass(frozen=True)
class LabelState:
    eligible: bool
    reason: str  # why (or why not), in French
    attestations: tuple[AttestationData, ...]

    @property
    def last(self) -> AttestationData | None:
        return self.attestations[-1] if self.attestations else None

    @property
    def renewal_due(self) -> date | None:
        return add_months(self.last.signed_on, RENEW_EVERY_MONTHS) if self.last else None


def state(session: Session) -> LabelState:
    posts = session.scalar(select(func.count(FundedPost.id))) or 0
    granted = session.scalar(
        select(func.count(RecruitmentRequest.id)).where(RecruitmentRequest.posts_granted > 0)
    ) or 0
    eligible = bool(posts or granted)
    reason = (
        "La structure a eu au moins un poste financé : elle peut signer l'attestation sur "
        "l'honneur du label."
        if eligible else
        "Le label est ouvert aux structures qui ont eu un poste financé ; aucun poste n'est "
        "enregistré ici (onglet « Postes et financement »)."
    )
    rows = session.scalars(
        select(LabelAttestation).order_by(LabelAttestation.signed_on, LabelAttestation.id)
    ).all()
    return LabelState(
        eligible, reason,
        tuple(AttestationData(r.id, r.signed_on, r.mediator_name, r.signatory_name,
                              r.signatory_title, r.note) for r in rows),
    )


def sign(session: Session, data: AttestationData, today: date) -> int:
    """Record a signature (the first one or a renewal)."""
    current = state(session)
    if not current.eligible:
        raise LabelError(current.reason)
    errors: dict[str, str] = {}
    if not data.mediator_name.strip():
        errors["mediator_name"] = "Indiquez le nom du professionnel qualifié en médiation numérique."
    if not data.signatory_name.strip():
        errors["signatory_name"] = "Indiquez le nom du signataire."
    if data.signed_on > today:
        errors["signed_on"] = "La date de signature ne peut pas être dans le futur."
    if current.last and data.signed_on < current.last.signed_on:
        errors["signed_on"] = (
            f"La dernière attestation est du {date_in_words(current.last.signed_on)} : une nouvelle "
            "ne peut pas la précéder."
        )
    if errors:
        raise LabelError(errors, "L'attestation n'est pas enregistrée : " + " ".join(errors.values()))
    row = LabelAttestation(
        signed_on=data.signed_on, mediator_name=data.mediator_name.strip(),
        signatory_name=data.signatory_name.strip(), signatory_title=data.signatory_title.strip(),
        note=data.note.strip(),
    )
    session.add(row)
    session.flush()
    return row.id
