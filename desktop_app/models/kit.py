"""Models of the "Kit d'inclusion" tab (issue 6): the inclusion kit (dispositif.md §8).

- ``KitCategory``: laptops, tablets… (equipment) or printed guides (consumables); the user can
  add more. Each keeps its singular name and grammatical gender so that messages read as French
  ("3 tablettes demandées, 2 disponibles").
- ``KitItem``: one record per unit of equipment (or one per consumable reference, with a
  quantity). Never deleted: retiring sets the condition "Réformé" and keeps the history.
- ``KitEvent``: the history of an item (received, lent, returned, reserved, broken…).
- ``KitLoan`` / ``KitLoanItem``: a loan to a person, a workshop or an outside event; each item
  of a loan is returned on its own, with its condition on return.
- ``KitReservation``: one unit reserved for a time range by a ``source`` such as "atelier:42".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.models.base import Base, utcnow

CATEGORY_KINDS = {"materiel": "Matériel", "consommable": "Consommable"}

CONDITIONS = {
    "neuf": "Neuf",
    "bon": "Bon",
    "use": "Usé",
    "en_panne": "En panne",
    "reforme": "Réformé",
}

EVENT_KINDS = {
    "recu": "Reçu",
    "prete": "Prêté",
    "rendu": "Rendu",
    "reserve": "Réservé",
    "reservation_annulee": "Réservation annulée",
    "panne": "En panne",
    "repare": "Réparé",
    "reforme": "Réformé",
    "modifie": "Modifié",
    "stock": "Stock",
}

BORROWER_KINDS = {
    "personne": "Personne",
    "atelier": "Atelier",
    "evenement": "Événement extérieur",
}


class KitCategory(Base):
    __tablename__ = "kit_category"
    __table_args__ = {"info": {"label": "Catégories du kit"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)  # plural label: "Tablettes"
    singular: Mapped[str] = mapped_column(String(100))  # lower-case: "tablette"
    feminine: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(20), default="materiel")  # CATEGORY_KINDS
    position: Mapped[int] = mapped_column(Integer, default=0)


class KitItem(Base):
    __tablename__ = "kit_item"
    __table_args__ = {"info": {"label": "Articles du kit"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inventory_number: Mapped[str] = mapped_column(String(20), unique=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("kit_category.id", ondelete="RESTRICT"), index=True
    )
    brand: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(200), default="")
    serial: Mapped[str] = mapped_column(String(100), default="")
    acquired_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    value: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    funding: Mapped[str] = mapped_column(String(200), default="")
    condition: Mapped[str] = mapped_column(String(20), default="neuf", index=True)  # CONDITIONS
    location: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # consumables only (None for equipment)
    quantity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    alert_threshold: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retired_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    retired_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    category: Mapped[KitCategory] = relationship(lazy="joined")


class KitEvent(Base):
    __tablename__ = "kit_event"
    __table_args__ = {"info": {"label": "Historique du kit"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("kit_item.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))  # EVENT_KINDS
    detail: Mapped[str] = mapped_column(Text, default="")


class KitLoan(Base):
    __tablename__ = "kit_loan"
    __table_args__ = {"info": {"label": "Prêts du kit"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    borrower_kind: Mapped[str] = mapped_column(String(20), default="personne")  # BORROWER_KINDS
    borrower_name: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    id_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[datetime] = mapped_column(DateTime)
    due: Mapped[datetime] = mapped_column(DateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    items: Mapped[list[KitLoanItem]] = relationship(
        back_populates="loan", cascade="all, delete-orphan", lazy="selectin"
    )


class KitLoanItem(Base):
    __tablename__ = "kit_loan_item"
    __table_args__ = {"info": {}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("kit_loan.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("kit_item.id", ondelete="RESTRICT"), index=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    return_condition: Mapped[str | None] = mapped_column(String(20), nullable=True)
    return_notes: Mapped[str] = mapped_column(Text, default="")

    loan: Mapped[KitLoan] = relationship(back_populates="items")
    item: Mapped[KitItem] = relationship(lazy="joined")


class KitReservation(Base):
    __tablename__ = "kit_reservation"
    __table_args__ = {"info": {"label": "Réservations du kit"}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("kit_item.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(100), index=True)
    label: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    end: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
