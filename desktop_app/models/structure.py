"""The host structure's identity ("Paramètres de la structure") and small key/value settings."""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.models.base import Base

# Stable stored values → labels of the programme (dispositif.md §4), in the programme's order.
STRUCTURE_TYPES: dict[str, str] = {
    "commune": "Commune",
    "departement": "Département",
    "region": "Région",
    "epci": "EPCI",
    "collectivite_statut_particulier": "Collectivité à statut particulier",
    "gip": "GIP",
    "structure_privee": "Structure privée",
}

# The signatory's civility: stored value → label of the choice. "" is "not said": the documents
# then keep the neutral « Je soussigné(e) » the signatory can still correct by hand.
SIGNATORY_CIVILITIES: dict[str, str] = {
    "": "—",
    "madame": "Madame",
    "monsieur": "Monsieur",
}


class StructureSettings(Base):
    """A single row: who the structure is and where the public is received."""

    __tablename__ = "structure_settings"
    __table_args__ = {"info": {"label": "Paramètres de la structure"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure_type: Mapped[str] = mapped_column(String(40), default="commune")
    name: Mapped[str] = mapped_column(String(200), default="")
    siret: Mapped[str] = mapped_column(String(14), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    commune: Mapped[str] = mapped_column(String(200), default="")
    insee_code: Mapped[str] = mapped_column(String(5), default="")
    departement: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    signatory_civility: Mapped[str] = mapped_column(String(10), default="")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(100), default="")
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    # JSON: {"mo": [["09:00", "12:00"], ["14:00", "18:30"]], "tu": [], ...}
    opening_hours: Mapped[str] = mapped_column(Text, default="{}")


class AppSetting(Base):
    """Small named values kept with the data (e.g. the first-start assistant was dismissed)."""

    __tablename__ = "app_setting"
    __table_args__ = {"info": {"label": "Réglages"}}

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
