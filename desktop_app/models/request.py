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

# The committee's opinion (dispositif.md §4), stored with the decision it led to.
COMMITTEE_OPINIONS: dict[str, str] = {
    "positif": "Positif",
    "negatif": "Négatif",
    "examen_complementaire": "Examen complémentaire",
}
OPINION_OF_STATUS: dict[str, str] = {
    "validee": "positif",
    "refus": "negatif",
    "examen_complementaire": "examen_complementaire",
}

# The five commitments (dispositif.md §3), word for word.
COMMITMENTS_INTRO = "La collectivité doit s'engager à"
COMMITMENTS: tuple[str, ...] = (
    "tout mettre en œuvre pour sélectionner le candidat présenté sur la plateforme",
    "signer un contrat de travail avec le candidat sélectionné avant ou pendant la prise de poste"
    " (titulaire ou contractuel)",
    "laisser partir les conseillers recrutés en formation",
    # Reads on from the introduction: "La collectivité doit s'engager à ce que le conseiller…".
    "ce que le conseiller numérique réalise les 3 missions prioritaires du dispositif",
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
    # "positif", "negatif", "examen_complementaire" (COMMITTEE_OPINIONS); "" before any opinion.
    committee_opinion: Mapped[str] = mapped_column(String(30), default="")
    decision_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    posts_granted: Mapped[int] = mapped_column(Integer, default=0)
    # The estimate typed before posts and conventions existed: copied into the first-wave
    # convention of each granted post on upgrade, kept here so that nothing typed is lost.
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
    """A gross monthly Smic the user added (or corrected) from a given day on. The official
    values are built in (``services.request.smic``); a row here adds the next one or overrides
    the built-in value of the same day."""

    __tablename__ = "smic_rate"
    __table_args__ = {"info": {"label": "Montants du Smic"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    monthly_gross: Mapped[Decimal] = mapped_column(Numeric(10, 2))


# -- funded posts and their conventions -----------------------------------------------------
EMPLOYER_TYPES: dict[str, str] = {"public": "Employeur public", "prive": "Employeur privé"}
CONVENTION_KINDS: dict[str, str] = {
    "premiere_vague": "Première vague",
    "renouvellement": "Renouvellement (2023)",
}
# Why a post was given back; "Fin de subventionnement" is the programme's own reason.
GIVE_BACK_REASONS: dict[str, str] = {
    "fin_subvention": "Fin de subventionnement",
    "non_remplace": "Conseiller non remplacé dans les 6 mois",
    "choix_structure": "Choix de la structure",
}


class FundedPost(Base):
    """A post ("poste") of conseiller numérique the State funds at the structure: what the
    structure pays (salary, its own employer-charges rate), who holds it, and its end.

    The holder is a profile of "Profils reçus" (``holder_profile_id``, read-only from here):
    their "rupture" is the post's departure. ``replaced_on`` / ``previous_departure_on`` keep a
    replacement met once a new holder is named, so the 6-month deadline shows as met."""

    __tablename__ = "funded_post"
    __table_args__ = {"info": {"label": "Postes financés"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("recruitment_request.id", ondelete="SET NULL"), nullable=True, index=True
    )
    gross_monthly_salary: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    employer_charges_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("42"))
    holder_profile_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    holder_name: Mapped[str] = mapped_column(String(200), default="")
    previous_departure_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    previous_departure_reason: Mapped[str] = mapped_column(String(100), default="")
    replaced_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    given_back_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    given_back_reason: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    conventions: Mapped[list[Convention]] = relationship(
        back_populates="post", cascade="all, delete-orphan",
        order_by="(Convention.start_date, Convention.id)",
    )


class Convention(Base):
    """One funding convention of a post: first wave (a lump sum over 24 or 18 months) or a 2023
    renewal (three decreasing yearly amounts over 36 months). The yearly amounts are stored as
    granted (pre-filled from the rules, editable since conventions differ)."""

    __tablename__ = "funding_convention"
    __table_args__ = {"info": {"label": "Conventions de financement"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("funded_post.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="premiere_vague")
    employer_type: Mapped[str] = mapped_column(String(10), default="public")
    qpv_zrr: Mapped[bool] = mapped_column(Boolean, default=False)
    reference: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    amount_year1: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    amount_year2: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    amount_year3: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, default="")

    post: Mapped[FundedPost] = relationship(back_populates="conventions")
    payments: Mapped[list[ConventionPayment]] = relationship(
        back_populates="convention", cascade="all, delete-orphan",
        order_by="(ConventionPayment.received_on, ConventionPayment.id)",
    )


class ConventionPayment(Base):
    """A payment received against a convention ("versement")."""

    __tablename__ = "convention_payment"
    __table_args__ = {"info": {"label": "Versements reçus"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        ForeignKey("funding_convention.id", ondelete="CASCADE"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    note: Mapped[str] = mapped_column(Text, default="")

    convention: Mapped[Convention] = relationship(back_populates="payments")


class LabelAttestation(Base):
    """One signed "attestation sur l'honneur" of the label « conseiller numérique » (the first,
    then each yearly renewal)."""

    __tablename__ = "label_attestation"
    __table_args__ = {"info": {"label": "Label conseiller numérique"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signed_on: Mapped[date] = mapped_column(Date)
    mediator_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
