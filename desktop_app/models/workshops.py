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
    Index,
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
    "lieu_activite": "Lieu d’activité",
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
# Shown under "Aide aux démarches administratives" only (La Coop's sub-themes, in its order).
ADMIN_THEMES = {
    "papiers": "Papiers - Élections - Citoyenneté",
    "famille": "Famille - Scolarité",
    "social_sante": "Social - Santé",
    "travail": "Travail - Formation - Entreprise",
    "logement": "Logement",
    "transports": "Transports - Mobilité",
    "argent": "Argent - Impôts",
    "justice": "Justice",
    "etrangers": "Étrangers - Europe",
    "loisirs": "Loisirs - Sports - Culture",
    "associations": "Associations",
}
# "Structure de redirection" of a referred beneficiary (La Coop's seven choices).
REDIRECTIONS = {
    "administration": "Administration (mairie, préfecture…)",
    "mediation": "Autre structure de médiation numérique",
    "operateur": "Opérateur ou organisme en charge de la démarche administrative",
    "aide_sociale": "Structure d’aide sociale (maison des solidarités, centre social…)",
    "insertion": (
        "Structure d’insertion professionnelle (France Travail, mission locale, "
        "chambre de commerce…)"
    ),
    "aide_demarches": "Structure d’aide aux démarches administratives (France Services…)",
    "autre": "Autre",
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
# Anonymous participants are counted along each of these lists separately, as La Coop asks
# (``SessionAnonymous.dimension``); what is not counted on a list is "nc".
ANONYMOUS_DIMENSIONS = {"gender": GENDERS, "age": AGE_BRACKETS, "status": SOCIAL_STATUSES}
REGISTRATION_STATUSES = {
    "inscrit": "Inscrit",
    "attente": "Liste d'attente",
    "annule": "Désinscrit",
}
ATTENDANCE = {"present": "Présent", "absent": "Absent", "excuse": "Excusé"}
AGE_THRESHOLDS = ((12, "moins_12"), (18, "12_17"), (25, "18_24"), (40, "25_39"), (60, "40_59"),
                  (70, "60_69"))


def age_bracket_of(birth_year: int | None, year: int) -> str | None:
    """La Coop's bracket for someone born in ``birth_year``, counted as ``year - birth_year``
    (thresholds 12, 18, 25, 40, 60, 70); None when the year is unknown."""
    if birth_year is None:
        return None
    age = year - birth_year
    for limit, key in AGE_THRESHOLDS:
        if age < limit:
            return key
    return "70_plus"


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
    __table_args__ = (
        # who holds the sessions (the conseiller choices): read from the index alone
        Index("ix_workshop_session_conseiller", "conseiller_profile_id", "conseiller_name"),
        {"info": {"label": "Séances"}},
    )

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
    # "Bénéficiaire réorienté" and its "Structure de redirection"; ``referral`` is a free
    # precision (the structure's own name), kept from before the list existed.
    referred: Mapped[bool] = mapped_column(Boolean, default=False)
    redirection: Mapped[str | None] = mapped_column(String(20), nullable=True)  # REDIRECTIONS
    referral: Mapped[str] = mapped_column(String(200), default="")
    # "Nom de la démarche administrative", with the theme "Aide aux démarches administratives"
    demarche_name: Mapped[str] = mapped_column(String(200), default="")
    # counted (anonymous) participants when people are not registered one by one; their
    # breakdown per genre, age bracket and status is in ``anonymous``
    anonymous_count: Mapped[int] = mapped_column(Integer, default=0)
    # Who holds it: a recruited conseiller (a profile of the profiles area, no foreign key so
    # that area may erase its profiles) or a named mediator; the name is kept either way.
    # No conseiller at all (sessions from before) is one unnamed conseiller.
    conseiller_profile_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    conseiller_name: Mapped[str] = mapped_column(String(200), default="")
    room: Mapped[str] = mapped_column(String(100), default="")  # one of the settings' rooms
    # La Coop: when it was marked "saisi dans La Coop", and its "ID CRA" when it came from there
    lacoop_entered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    lacoop_id: Mapped[str] = mapped_column(String(100), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    themes: Mapped[list[SessionTheme]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    equipment: Mapped[list[SessionEquipment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    admin_themes: Mapped[list[SessionAdminTheme]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    anonymous: Mapped[list[SessionAnonymous]] = relationship(
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


class SessionAdminTheme(Base):
    __tablename__ = "workshop_session_admin_theme"
    __table_args__ = {"info": {}}

    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(30), primary_key=True)  # ADMIN_THEMES


class SessionAnonymous(Base):
    """How many anonymous participants had a given genre, age bracket or status."""

    __tablename__ = "workshop_session_anonymous"
    __table_args__ = {"info": {}}

    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="CASCADE"), primary_key=True
    )
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)  # ANONYMOUS_DIMENSIONS
    value: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Participant(Base):
    """A person helped: one record across all the sessions they attend."""

    __tablename__ = "participant"
    __table_args__ = {"info": {"label": "Participants"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # Typed bracket, used only while no birth year is known (La Coop derives it from the year).
    age_bracket: Mapped[str] = mapped_column(String(20), default="nc")  # AGE_BRACKETS
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    social_status: Mapped[str] = mapped_column(String(20), default="nc")  # SOCIAL_STATUSES
    gender: Mapped[str] = mapped_column(String(20), default="nc")  # GENDERS
    commune: Mapped[str] = mapped_column(String(200), default="")
    # Of the commune of residence, from the communes data shipped with the application.
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    insee_code: Mapped[str] = mapped_column(String(5), default="")
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
