"""Models of the "Demande de recrutement" tab (issue 3): the requests a structure files on the
national platform to host conseillers numériques, and each request's dated status history.

Statuses and lists are stored as stable values and shown with the programme's labels
(dispositif.md §4). The structure's identity is not copied here while a request is a draft: the
form reads and writes "Paramètres de la structure" so both stay in step. When a request is filed,
a JSON snapshot of the identity is kept so that an old request prints as it was filed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.models.base import Base, utcnow

# Stable value → label, in the order of the programme's workflow.
REQUEST_STATUSES: dict[str, str] = {
    "brouillon": "Brouillon",
    "non_traitee": "Non traitée",
    "validee": "Validée",
    "examen_complementaire": "Examen complémentaire",
    "refus": "Refus",
    "abandonnee": "Abandonnée",
    "annulee": "Annulée",
}

# The five commitments (dispositif.md §3), word for word.
COMMITMENTS_INTRO = "La collectivité doit s'engager à"
COMMITMENTS: tuple[str, ...] = (
    "tout mettre en œuvre pour sélectionner le candidat présenté sur la plateforme",
    "signer un contrat de travail avec le candidat sélectionné avant ou pendant la prise de poste"
    " (titulaire ou contractuel)",
    "laisser partir les conseillers recrutés en formation",
    "que le conseiller numérique réalise les 3 missions prioritaires du dispositif",
    "mettre à sa disposition les moyens et équipements nécessaires pour réaliser ses missions",
)

# The three priority missions (dispositif.md §2), word for word.
MISSIONS: tuple[str, ...] = (
    "Soutenir les Français dans leurs usages quotidiens du numérique",
    "Sensibiliser aux enjeux du numérique et favoriser des usages citoyens et critiques",
    "Rendre autonomes les citoyens pour réaliser seuls des démarches administratives en ligne",
)


class RecruitmentRequest(Base):
    """One request ("demande") to host conseillers; a structure may file several over time."""

    __tablename__ = "recruitment_request"
    __table_args__ = {"info": {"label": "Demandes de recrutement"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(30), default="brouillon", index=True)
    # "Votre besoin"
    posts_wanted: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    candidate_identified: Mapped[bool] = mapped_column(Boolean, default=False)
    candidate_name: Mapped[str] = mapped_column(String(200), default="")
    candidate_email: Mapped[str] = mapped_column(String(254), default="")
    # "Votre motivation"
    motivation: Mapped[str] = mapped_column(Text, default="")
    # "Vos informations de contact"
    contact_first_name: Mapped[str] = mapped_column(String(100), default="")
    contact_last_name: Mapped[str] = mapped_column(String(100), default="")
    contact_function: Mapped[str] = mapped_column(String(150), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    # "Vos engagements": one character per commitment, "1" ticked / "0" not, e.g. "11111".
    commitments: Mapped[str] = mapped_column(String(10), default="00000")
    # "Signataire"
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(100), default="")
    signature_place: Mapped[str] = mapped_column(String(200), default="")
    # Filing ("Non traitée")
    filed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    platform_number: Mapped[str] = mapped_column(String(50), default="")
    structure_snapshot: Mapped[str] = mapped_column(Text, default="")
    # The committee's decision
    committee: Mapped[str] = mapped_column(String(50), default="")
    decision_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    posts_granted: Mapped[int] = mapped_column(Integer, default=0)
    # "Coût et financement" (per request: each request is an estimate given to the mayor)
    gross_monthly_salary: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    employer_charges_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("42"))
    funding_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("100"))
    funding_months: Mapped[int] = mapped_column(Integer, default=24)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    history: Mapped[list[RequestStatusChange]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="(RequestStatusChange.changed_on, RequestStatusChange.id)",
    )


class RequestStatusChange(Base):
    """One dated step of a request's life ("Historique"), with an optional note."""

    __tablename__ = "request_status_change"
    __table_args__ = {"info": {"label": "Historique des demandes"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("recruitment_request.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(30))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    request: Mapped[RecruitmentRequest] = relationship(back_populates="history")


class SmicRate(Base):
    """The gross monthly Smic from a given day on: a dated, editable parameter of the funding
    estimate (the State funds a share of it). The value in force on a day is the latest row whose
    ``valid_from`` is not after that day."""

    __tablename__ = "smic_rate"
    __table_args__ = {"info": {"label": "Montants du Smic"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    monthly_gross: Mapped[Decimal] = mapped_column(Numeric(10, 2))
