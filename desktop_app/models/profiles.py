"""Models of the "Profils reçus" tab (issue 4): candidates' profiles, the batches they came in,
their dated history, interviews, initial-training periods and requests for more profiles.

Lists of the programme (dispositif.md §5–6) are stored as stable values and shown with the
programme's labels (the dictionaries below, in the programme's order).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.models.base import Base, utcnow

# Status of the "mise en relation" (dispositif.md §6): value → (list tab label, one profile label).
STATUS_NEW = "nouvelle"
STATUS_PRESELECTED = "preselectionnee"
STATUS_NOT_RETAINED = "non_retenue"
STATUS_VALIDATED = "validee"
STATUS_RECRUITED = "recrute"
STATUS_RUPTURE = "rupture"

STATUS_LIST_LABELS: dict[str, str] = {
    STATUS_NEW: "Nouvelles candidatures",
    STATUS_PRESELECTED: "Candidatures présélectionnées",
    STATUS_NOT_RETAINED: "Candidatures non retenues",
    STATUS_VALIDATED: "Candidatures validées",
    STATUS_RECRUITED: "Candidats recrutés",
    STATUS_RUPTURE: "Ruptures notifiées",
}
STATUS_LABELS: dict[str, str] = {
    STATUS_NEW: "Nouvelle candidature",
    STATUS_PRESELECTED: "Candidat présélectionné",
    STATUS_NOT_RETAINED: "Candidat non retenu",
    STATUS_VALIDATED: "Candidature validée",
    STATUS_RECRUITED: "Candidat recruté",
    STATUS_RUPTURE: "Rupture notifiée",
}

SOURCE_PLATFORM = "plateforme"
SOURCE_STRUCTURE = "structure"
SOURCES = {
    SOURCE_PLATFORM: "Reçu de la plateforme",
    SOURCE_STRUCTURE: "Trouvé par la structure",
}

MOBILITY = {
    "5": "5 km",
    "10": "10 km",
    "15": "15 km",
    "20": "20 km",
    "40": "40 km",
    "100": "100 km",
    "france": "France entière",
}
# The candidate's situation as the platform shows it: independent yes/no facts (a person can be
# employed part-time and in training at once), attribute name → label.
SITUATIONS = {
    "job_seeker": "Demandeur d'emploi",
    "employed": "En emploi",
    "in_training": "En formation",
}
PIX_LEVELS = {1: "Débutant", 2: "Intermédiaire", 3: "Avancé"}
# "CCP1" is the first certificate of the professional title « Médiateur numérique »
# (RNCP 40695), which replaced the earlier title on 13 July 2025 (dispositif.md §9).
CCP1_MEANING = "1er certificat du titre professionnel « Médiateur numérique » (RNCP 40695)"
PIX_COMPETENCES = {
    "pix_professional": "Utilisation du numérique dans la vie professionnelle",
    "pix_resources": "Production de ressources",
    "pix_citizen": "Compétences numériques en lien avec la e-citoyenneté",
}
CONTRACT_TYPES = {
    "cdi": "CDI",
    "cdd": "CDD",
    "pec": "PEC",
    "projet": "Contrat de projet public",
    "titulaire": "Titulaire (fonctionnaire)",
}
RUPTURE_REASONS = {
    "licenciement": "Licenciement",
    "non_reconduction": "Non-reconduction du CDD",
    "demission": "Démission",
    "cdisation": "CDIsation / titularisation de contrat",
    "fin_subvention": "Fin de subventionnement",
}
# Usual reasons to refuse a profile (free text is allowed too).
REFUSAL_REASONS = (
    "Trop éloigné du lieu de travail",
    "Disponibilité trop tardive",
    "Expérience insuffisante en médiation numérique",
    "Profil ne correspondant pas au public visé",
    "Candidat injoignable",
    "Candidat ayant retiré sa candidature",
)


class ProfileBatch(Base):
    """One import of the platform's export ("Lot reçu le …")."""

    __tablename__ = "profile_batch"
    __table_args__ = {"info": {"label": "Lots de profils"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    added_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)


class Profile(Base):
    """A candidate's profile and the state of the match with the structure."""

    __tablename__ = "profile"
    __table_args__ = {"info": {"label": "Profils"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    commune: Mapped[str] = mapped_column(String(200), default="")
    availability_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    mobility: Mapped[str] = mapped_column(String(10), default="")
    job_seeker: Mapped[bool] = mapped_column(Boolean, default=False)
    employed: Mapped[bool] = mapped_column(Boolean, default=False)
    in_training: Mapped[bool] = mapped_column(Boolean, default=False)
    graduate: Mapped[bool] = mapped_column(Boolean, default=False)
    diploma: Mapped[str] = mapped_column(String(200), default="")
    experience: Mapped[bool] = mapped_column(Boolean, default=False)
    experience_details: Mapped[str] = mapped_column(Text, default="")
    # None: unknown (an older export has no "Formation CCP1" column), shown « inconnu ».
    ccp1: Mapped[bool | None] = mapped_column("ccp1_trained", Boolean, nullable=True)
    pix_shared: Mapped[bool] = mapped_column(Boolean, default=False)
    pix_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The three Pix competences are yes/no on the platform; None while results are not shared.
    pix_professional: Mapped[bool | None] = mapped_column(
        "pix_professional_ok", Boolean, nullable=True)
    pix_resources: Mapped[bool | None] = mapped_column("pix_resources_ok", Boolean, nullable=True)
    pix_citizen: Mapped[bool | None] = mapped_column("pix_citizen_ok", Boolean, nullable=True)
    # The conseiller's Pix certification, the last step of the initial training.
    pix_certified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    cv_on_platform: Mapped[bool] = mapped_column(Boolean, default=False)
    cv_file: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(20), default=SOURCE_PLATFORM)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_batch.id", ondelete="SET NULL"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=STATUS_NEW, index=True)
    status_changed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    refusal_reason: Mapped[str] = mapped_column(String(300), default="")
    validated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recruitment_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    contract_type: Mapped[str] = mapped_column(String(20), default="")
    contract_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    contract_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    salary_gross: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    contract_signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recruited_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    rupture_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    rupture_reason: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    events: Mapped[list[ProfileEvent]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileEvent.at"
    )
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Interview.start"
    )
    trainings: Mapped[list[TrainingSession]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="TrainingSession.start_date"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ProfileEvent(Base):
    """One dated line of a profile's history ("Candidat présélectionné", "Refus : …")."""

    __tablename__ = "profile_event"
    __table_args__ = {"info": {"label": "Historique des profils"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    event_date: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[Profile] = relationship(back_populates="events")


class Interview(Base):
    """An interview with a preselected candidate."""

    __tablename__ = "profile_interview"
    __table_args__ = {"info": {"label": "Entretiens"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    panel: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    profile: Mapped[Profile] = relationship(back_populates="interviews")


# Kinds of training leave (dispositif.md §9): the initial training towards the CCP1 is
# 175 h of courses and a 210 h internship (possibly in the host structure), then thematic
# modules, 2 in the first year and 1 a year after.
TRAINING_COURSES = "cours"
TRAINING_INTERNSHIP = "stage"
TRAINING_MODULE = "module"
TRAINING_KINDS = {
    TRAINING_COURSES: "Formation initiale (CCP1) — cours",
    TRAINING_INTERNSHIP: "Formation initiale (CCP1) — stage",
    TRAINING_MODULE: "Module thématique",
}


class TrainingSession(Base):
    """A training leave of a validated or recruited conseiller (both days inclusive): courses
    or internship of the initial training, or a thematic module, with its hours."""

    __tablename__ = "training_period"
    __table_args__ = {"info": {"label": "Périodes de formation"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default=TRAINING_COURSES)
    # None: not given (periods recorded before hours were asked); counted as unknown.
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1), nullable=True)
    title: Mapped[str] = mapped_column(String(200), default="")  # a module's theme

    profile: Mapped[Profile] = relationship(back_populates="trainings")


class ProfileRequest(Base):
    """"Demander d'autres profils": when the structure asked the programme for more profiles."""

    __tablename__ = "profile_request"
    __table_args__ = {"info": {"label": "Demandes de profils"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requested_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
