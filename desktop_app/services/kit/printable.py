"""The plain, detached data the kit's printed documents show ("État du kit", "Fiche de prêt").

Why a module of its own: ``documents/kit`` draws from these classes only, and the services that
read the database (``queries``, ``loans``) build them; ``printing`` is the one place that loads
the data and calls the documents, so neither layer imports the other in both directions. Nothing
here opens a session or holds an ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from desktop_app.models.kit import BORROWER_KINDS, CONDITIONS

LOAN_CONDITIONS = (
    "Le matériel prêté reste la propriété de la structure. L'emprunteur s'engage à en prendre "
    "soin, à ne pas le prêter à un tiers et à le rendre complet (chargeur, câbles, housse) au "
    "plus tard à la date de retour prévue.",
    "Tout incident (panne, casse, perte ou vol) est signalé sans délai à la structure.",
    "Les données personnelles enregistrées sur l'appareil sont effacées au retour : pensez à "
    "vous déconnecter de vos comptes et à récupérer vos fichiers.",
)


def days_late(due: datetime, now: datetime) -> int:
    """Started days past the due time: an item due at 18:00 and still out at 19:00 is one day
    late; 0 when not late."""
    if now <= due:
        return 0
    return max((now.date() - due.date()).days, 1)


# ---------------------------------------------------------------- "Fiche de prêt"


@dataclass(frozen=True)
class LoanLine:
    item_id: int
    inventory_number: str
    description: str
    category: str
    serial: str
    returned_at: datetime | None
    return_condition: str | None
    return_notes: str
    condition: str = ""  # the item's condition now (what a return proposes by default)

    @property
    def return_condition_label(self) -> str:
        return CONDITIONS.get(self.return_condition or "", "")


@dataclass(frozen=True)
class LoanInfo:
    id: int
    borrower_kind: str
    borrower_name: str
    phone: str
    id_checked: bool
    start: datetime
    due: datetime
    closed_at: datetime | None
    notes: str
    lines: list[LoanLine] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return BORROWER_KINDS.get(self.borrower_kind, self.borrower_kind)

    def days_late(self, now: datetime) -> int:
        """Whole days past the due date (0 when on time or returned)."""
        if self.closed_at is not None:
            return 0
        return days_late(self.due, now)

    @property
    def outstanding(self) -> list[LoanLine]:
        return [line for line in self.lines if line.returned_at is None]


# ---------------------------------------------------------------- "État du kit"


@dataclass
class ConditionLine:
    category: str
    counts: dict[str, int]  # condition → units (retired included, as "reforme")
    value: Decimal  # total value of the units still in the kit
    units: int  # units still in the kit


@dataclass(frozen=True)
class LoanOut:
    """A loan still open, as "État du kit" lists it."""

    id: int
    borrower_name: str
    numbers: str  # "KIT-0003, KIT-0007"
    start: datetime
    due: datetime
    days_late: int


@dataclass(frozen=True)
class ConsumableLine:
    id: int
    inventory_number: str
    category: str
    description: str
    quantity: int | None
    alert_threshold: int | None
    low_stock: bool


@dataclass
class KitReport:
    """What "État du kit" prints."""

    lines: list[ConditionLine]
    total_value: Decimal
    on_loan: list[LoanOut]
    low_stock: list[ConsumableLine]
    consumables: list[ConsumableLine]
