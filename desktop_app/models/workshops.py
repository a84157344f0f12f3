"""Models of the "Ateliers" tab: sessions (workshops and individual help), series, people,
registrations and attendance (dispositif.md §7).

Lists of the national activity report are stored as stable values and shown with the
programme's labels (the dictionaries below, in the programme's order).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.models.base import Base, utcnow

SESSION_KINDS = {
    "collectif": "Atelier collectif",
    "individuel": "Accompagnement individuel",
}
SESSION_STATUSES = {"planifie": "Planifié", "realise": "Réalisé", "annule": "Annulé"}
PLACE_TYPES = {
    "lieu_activite": "Lieu d'activité",
    "autre_lieu": "Autre lieu",
    "domicile": "À domicile",
    "distance": "À distance",
}
LEVELS = {"debutant": "Débutant", "intermediaire": "Intermédiaire", "avance": "Avancé"}
EQUIPMENT = {
    "ordinateur": "Ordinateur",
    "telephone": "Téléphone",
    "tablette": "Tablette",
    "autre": "Autre",
    "aucun": "Pas de matériel",
}
THEMES = {
    "diagnostic": "Diagnostic numérique",
    "materiel": "Prendre en main du matériel",
    "maintenance": "Maintenance de matériel",
    "contenus": "Gérer ses contenus numériques",
    "navigation": "Navigation sur internet",
    "email": "E-mail",
    "bureautique": "Bureautique",
    "reseaux_sociaux": "Réseaux sociaux communication",
    "sante": "Santé",
    "banque_achats": "Banque et achats en ligne",
    "professionnel": "Accompagner un professionnel",
    "insertion": "Insertion professionnelle",
    "securite": "Prévention en sécurité numérique",
    "parentalite": "Parentalité",
    "scolarite": "Scolarité et numérique",
    "creer": "Créer avec le numérique",
    "culture": "Culture numérique",
    "ia": "Intelligence artificielle (IA)",
    "demarches": "Aide aux démarches administratives",
}
AUTONOMY = {
    "guidage": "Avec guidage",
    "autonome_guidage": "Autonome avec guidage en cas de besoin",
    "autonome": "Autonome",
}
AGE_BRACKETS = {
    "moins_12": "Moins de 12 ans",
    "12_17": "12 - 17 ans",
    "18_24": "18 - 24 ans",
    "25_39": "25 - 39 ans",
    "40_59": "40 - 59 ans",
    "60_69": "60 - 69 ans",
    "70_plus": "70 ans et plus",
    "nc": "Non communiqué",
}
SOCIAL_STATUSES = {
    "scolarise": "Scolarisé",
    "sans_emploi": "Sans emploi",
    "en_emploi": "En emploi",
    "retraite": "Retraité",
    "nc": "Non communiqué ou hétérogène",
}
GENDERS = {"masculin": "Masculin", "feminin": "Féminin", "nc": "Non communiqué"}
REGISTRATION_STATUSES = {
    "inscrit": "Inscrit",
    "attente": "Liste d'attente",
    "annule": "Désinscrit",
}
ATTENDANCE = {"present": "Présent", "absent": "Absent", "excuse": "Excusé"}
SERIES_RULES = {
    "weekly": "Chaque semaine",
    "biweekly": "Toutes les deux semaines",
    "monthly_rank": "Chaque mois, le même jour de la semaine (ex. chaque 1er mardi)",
}


class WorkshopSeries(Base):
    """A recurrence: the sessions it generated point to it (``WorkshopSession.series_id``)."""

    __tablename__ = "workshop_series"
    __table_args__ = {"info": {"label": "Séries d'ateliers"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(20))  # SERIES_RULES
    first_date: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WorkshopSession(Base):
    """One dated activity: a collective workshop or an individual appointment."""

    __tablename__ = "workshop_session"
    __table_args__ = {"info": {"label": "Séances"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="collectif")  # SESSION_KINDS
    title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str | None] = mapped_column(String(20), nullable=True)  # LEVELS
    place_type: Mapped[str] = mapped_column(String(20), default="lieu_activite")  # PLACE_TYPES
    venue: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    duration_min: Mapped[int] = mapped_column(Integer, default=60)
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planifie", index=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # individual help only
    autonomy: Mapped[str | None] = mapped_column(String(20), nullable=True)  # AUTONOMY
    referral: Mapped[str] = mapped_column(String(200), default="")
    # counted (anonymous) participants when people are not registered one by one
    anonymous_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    themes: Mapped[list[SessionTheme]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    equipment: Mapped[list[SessionEquipment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )


class SessionTheme(Base):
    __tablename__ = "workshop_session_theme"
    __table_args__ = {"info": {}}

    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(30), primary_key=True)  # THEMES


class SessionEquipment(Base):
    __tablename__ = "workshop_session_equipment"
    __table_args__ = {"info": {}}

    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="CASCADE"), primary_key=True
    )
    equipment: Mapped[str] = mapped_column(String(20), primary_key=True)  # EQUIPMENT


class Participant(Base):
    """A person helped: one record across all the sessions they attend."""

    __tablename__ = "participant"
    __table_args__ = {"info": {"label": "Participants"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    age_bracket: Mapped[str] = mapped_column(String(20), default="nc")  # AGE_BRACKETS
    social_status: Mapped[str] = mapped_column(String(20), default="nc")  # SOCIAL_STATUSES
    gender: Mapped[str] = mapped_column(String(20), default="nc")  # GENDERS
    commune: Mapped[str] = mapped_column(String(200), default="")
    helped_before: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Registration(Base):
    """A person registered for a session (or waiting), then their attendance."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("session_id", "participant_id", name="uq_registration_session_id"),
        {"info": {"label": "Inscriptions"}},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="inscrit")  # REGISTRATION_STATUSES
    registered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attendance: Mapped[str | None] = mapped_column(String(20), nullable=True)  # ATTENDANCE

    session: Mapped[WorkshopSession] = relationship(back_populates="registrations")
    participant: Mapped[Participant] = relationship()
