"""The inventory: categories, items (equipment units and consumables), their history.

Nothing is ever deleted: an item leaves the kit by being retired ("Réformé") with a reason, and
keeps its history, so the library can always account for what it received (dispositif.md §8).
Every change writes a ``KitEvent`` in the same transaction as the change itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.base import utcnow
from desktop_app.models.kit import (
    CATEGORY_KINDS,
    CONDITIONS,
    EVENT_KINDS,
    KitCategory,
    KitEvent,
    KitItem,
    KitLoan,
    KitLoanItem,
    KitReservation,
)
from desktop_app.services import formatting as fmt
from desktop_app.services import validation
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.kit import availability

PREFIX = "KIT-"
DEFAULT_FUNDING = "Kit d'inclusion numérique (État)"
# conditions a person may choose in the item form (retiring has its own action and reason)
EDITABLE_CONDITIONS = ("neuf", "bon", "use", "en_panne")
MAX_UNITS_AT_ONCE = 500


class KitError(FieldErrors):
    """A French message for the user; ``errors`` maps form fields to their own message."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(errors or {}, message)


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    singular: str
    feminine: bool
    kind: str

    @property
    def is_consumable(self) -> bool:
        return self.kind == "consommable"


@dataclass
class ItemData:
    """What the item form edits (also used by the demo and tests)."""

    category_id: int
    brand: str = ""
    model: str = ""
    serial: str = ""
    acquired_on: date | None = None
    value: Decimal | None = None
    funding: str = DEFAULT_FUNDING
    condition: str = "neuf"
    location: str = ""
    notes: str = ""
    quantity: int | None = None
    alert_threshold: int | None = None


@dataclass(frozen=True)
class ItemInfo:
    """A detached copy of an item, for views and documents."""

    id: int
    inventory_number: str
    category: CategoryInfo
    brand: str
    model: str
    serial: str
    acquired_on: date | None
    value: Decimal | None
    funding: str
    condition: str
    location: str
    notes: str
    quantity: int | None
    alert_threshold: int | None
    retired_on: date | None
    retired_reason: str

    @property
    def condition_label(self) -> str:
        return CONDITIONS.get(self.condition, self.condition)

    @property
    def description(self) -> str:
        """ "Samsung Galaxy Tab A9", or the category's singular when brand and model are empty."""
        text = " ".join(v for v in (self.brand, self.model) if v)
        return text or self.category.singular.capitalize()

    @property
    def is_consumable(self) -> bool:
        return self.category.is_consumable

    def data(self) -> ItemData:
        return ItemData(
            category_id=self.category.id,
            brand=self.brand,
            model=self.model,
            serial=self.serial,
            acquired_on=self.acquired_on,
            value=self.value,
            funding=self.funding,
            condition=self.condition,
            location=self.location,
            notes=self.notes,
            quantity=self.quantity,
            alert_threshold=self.alert_threshold,
        )


@dataclass(frozen=True)
class EventInfo:
    at: datetime
    kind: str
    detail: str

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS.get(self.kind, self.kind)


@dataclass
class ChangeResult:
    """What an action did, and what the person should know about (e.g. reservations moved)."""

    item_id: int
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- categories


def category_info(category: KitCategory) -> CategoryInfo:
    return CategoryInfo(
        category.id, category.name, category.singular, category.feminine, category.kind
    )


def list_categories(session: Session, kind: str | None = None) -> list[CategoryInfo]:
    stmt = select(KitCategory).order_by(KitCategory.position, KitCategory.name)
    if kind:
        stmt = stmt.where(KitCategory.kind == kind)
    return [category_info(c) for c in session.scalars(stmt)]


def guess_singular(name: str) -> str:
    """ "Liseuses" → "liseuse": a starting point the person can correct."""
    words = name.strip().split()
    out = [
        w[:-1] if len(w) > 3 and w.endswith(("s", "x")) and not w[:1].isdigit() else w
        for w in words
    ]
    text = " ".join(out)
    return text[:1].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def add_category(
    session: Session,
    name: str,
    *,
    singular: str = "",
    feminine: bool = False,
    kind: str = "materiel",
) -> CategoryInfo:
    name = " ".join(name.split())
    singular = " ".join(singular.split()) or guess_singular(name)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Indiquez le nom de la catégorie (au pluriel, par exemple « Liseuses »)."
    elif len(name) > 100:
        errors["name"] = f"Le nom est trop long ({len(name)} caractères, 100 au plus)."
    elif session.scalar(select(KitCategory.id).where(func.lower(KitCategory.name) == name.lower())):
        errors["name"] = f"La catégorie « {name} » existe déjà."
    if len(singular) > 100:
        errors["singular"] = "Le nom au singulier est trop long (100 caractères au plus)."
    if kind not in CATEGORY_KINDS:
        errors["kind"] = "Choisissez « Matériel » ou « Consommable »."
    if errors:
        raise KitError(next(iter(errors.values())), errors)
    position = (session.scalar(select(func.max(KitCategory.position))) or 0) + 10
    category = KitCategory(
        name=name, singular=singular, feminine=feminine, kind=kind, position=position
    )
    session.add(category)
    session.flush()
    return category_info(category)


# ---------------------------------------------------------------- items


def item_info(item: KitItem) -> ItemInfo:
    return ItemInfo(
        id=item.id,
        inventory_number=item.inventory_number,
        category=category_info(item.category),
        brand=item.brand,
        model=item.model,
        serial=item.serial,
        acquired_on=item.acquired_on,
        value=item.value,
        funding=item.funding,
        condition=item.condition,
        location=item.location,
        notes=item.notes,
        quantity=item.quantity,
        alert_threshold=item.alert_threshold,
        retired_on=item.retired_on,
        retired_reason=item.retired_reason,
    )


def get_item(session: Session, item_id: int) -> ItemInfo:
    item = session.get(KitItem, item_id)
    if item is None:
        raise KitError("Cet article n'existe plus dans la base.")
    return item_info(item)


def get_items(session: Session, item_ids: list[int]) -> dict[int, ItemInfo]:
    """Several items in one query (id → ItemInfo; unknown ids are left out)."""
    if not item_ids:
        return {}
    items = session.scalars(select(KitItem).where(KitItem.id.in_(item_ids)))
    return {item.id: item_info(item) for item in items}


def _number_value(number: str) -> int | None:
    match = re.fullmatch(r"KIT-(\d+)", number)
    return int(match.group(1)) if match else None


def format_number(value: int) -> str:
    return f"{PREFIX}{value:04d}"


def next_number_value(session: Session) -> int:
    """The next free numeric part; numbers are never reused, even after a retirement.

    Called inside the unit of work that inserts the items: a write that changes nothing first
    takes the database's write lock, so no other connection can be handed the same number
    before this transaction commits (it waits, or is told the base is busy; never a duplicate).
    """
    session.connection().exec_driver_sql("UPDATE kit_item SET id = id WHERE 0 = 1")
    numbers = session.scalars(
        select(KitItem.inventory_number).where(KitItem.inventory_number.like(f"{PREFIX}%"))
    )
    return max((v for n in numbers if (v := _number_value(n)) is not None), default=0) + 1


def normalise_number(text: str) -> str:
    """What a scanner or a person typed → an inventory number: " kit-12 " and "12" give
    "KIT-0012"; anything else is returned stripped and in capitals."""
    text = text.strip().upper().replace(" ", "")
    if text.isdigit():
        return format_number(int(text))
    match = re.fullmatch(r"KIT-?(\d+)", text)
    if match:
        return format_number(int(match.group(1)))
    return text


def find_by_number(session: Session, text: str) -> int | None:
    number = normalise_number(text)
    if not number:
        return None
    return session.scalar(select(KitItem.id).where(KitItem.inventory_number == number))


def validate_item(
    session: Session, data: ItemData, *, today: date
) -> dict[str, str]:
    """Field → French message for every wrong field of the item form. ``today`` is the
    application's day (``ctx.today()``, pinned by tests), against which an acquisition date in
    the future is refused."""
    errors: dict[str, str] = {}
    category = session.get(KitCategory, data.category_id)
    if category is None:
        errors["category_id"] = "Choisissez une catégorie dans la liste."
    limits = {"brand": 100, "model": 200, "serial": 100, "funding": 200, "location": 200}
    for name, limit in limits.items():
        value = getattr(data, name)
        if len(value) > limit:
            errors[name] = f"Texte trop long ({len(value)} caractères, {limit} au plus)."
    if data.value is not None:
        if data.value < 0:
            errors["value"] = "La valeur ne peut pas être négative."
        elif data.value >= Decimal("100000000"):
            errors["value"] = "Cette valeur est trop grande (moins de 100 000 000 €)."
    if data.acquired_on and data.acquired_on > today:
        errors["acquired_on"] = "La date d'acquisition ne peut pas être dans le futur."
    if data.condition not in EDITABLE_CONDITIONS:
        errors["condition"] = (
            "Choisissez l'état dans la liste (pour réformer, utilisez « Réformer »)."
        )
    if category is not None and category.kind == "consommable":
        if data.quantity is None or data.quantity < 0:
            errors["quantity"] = "Indiquez la quantité en stock (0 ou plus)."
        if data.alert_threshold is not None and data.alert_threshold < 0:
            errors["alert_threshold"] = "Le seuil d'alerte doit être 0 ou plus."
    for name, limit, what in (
        ("brand", validation.NAME_MAX, "La marque"),
        ("model", validation.NAME_MAX, "Le modèle"),
        ("serial", validation.NAME_MAX, "Le numéro de série"),
        ("location", validation.NAME_MAX, "L'emplacement"),
        ("funding", validation.NAME_MAX, "Le financement"),
        ("notes", validation.NOTE_MAX, "La note"),
    ):
        validation.check_text(errors, name, getattr(data, name), limit, what)
    return errors


def _stripped(data: ItemData) -> ItemData:
    return replace(
        data,
        **{
            f.name: getattr(data, f.name).strip()
            for f in fields(data)
            if isinstance(getattr(data, f.name), str)
        },
    )


def _apply(item: KitItem, data: ItemData, consumable: bool) -> None:
    item.category_id = data.category_id
    item.brand = data.brand.strip()
    item.model = data.model.strip()
    item.serial = data.serial.strip()
    item.acquired_on = data.acquired_on
    item.value = data.value
    item.funding = data.funding.strip()
    item.condition = data.condition
    item.location = data.location.strip()
    item.notes = data.notes.strip()
    item.quantity = data.quantity if consumable else None
    item.alert_threshold = data.alert_threshold if consumable else None


def add_items(
    session: Session,
    data: ItemData,
    count: int = 1,
    *,
    today: date,
    when: datetime | None = None,
) -> list[ItemInfo]:
    """Record ``count`` identical units, each with its own inventory number (a consumable is
    one record with a quantity, whatever ``count``). ``today``: the application's day."""
    errors = validate_item(session, data, today=today)
    category = session.get(KitCategory, data.category_id)
    consumable = category is not None and category.kind == "consommable"
    if consumable:
        count = 1
    if not 1 <= count <= MAX_UNITS_AT_ONCE:
        errors["count"] = f"Le nombre d'unités doit être entre 1 et {MAX_UNITS_AT_ONCE}."
    elif count > 1 and data.serial.strip() and "serial" not in errors:
        # a serial number names one device: copied on ten units it would make ten "same"
        # tablets that an insurer or the State's inventory could not tell apart
        errors["serial"] = (
            f"Un numéro de série ne vaut que pour un appareil : laissez-le vide pour "
            f"enregistrer {count} unités, puis donnez à chacune le sien avec « Modifier… »."
        )
    if errors:
        raise KitError(next(iter(errors.values())), errors)
    when = when or utcnow()
    first = next_number_value(session)
    created = []
    for offset in range(count):
        item = KitItem(inventory_number=format_number(first + offset), created_at=when)
        _apply(item, data, consumable)
        item.retired_reason = ""
        session.add(item)
        session.flush()
        detail = f"{fmt.number(data.quantity or 0)} en stock" if consumable else ""
        if data.funding.strip():
            detail = "; ".join(v for v in (detail, f"financement : {data.funding.strip()}") if v)
        session.add(KitEvent(item_id=item.id, at=when, kind="recu", detail=detail))
        created.append(item)
    session.flush()
    return [item_info(item) for item in created]


def add_item(
    session: Session, data: ItemData, *, today: date, when: datetime | None = None
) -> ItemInfo:
    return add_items(session, data, 1, today=today, when=when)[0]


FIELD_LABELS = {
    "category_id": "catégorie",
    "brand": "marque",
    "model": "modèle",
    "serial": "numéro de série",
    "acquired_on": "date d'acquisition",
    "value": "valeur",
    "funding": "financement",
    "location": "emplacement",
    "notes": "notes",
    "quantity": "quantité",
    "alert_threshold": "seuil d'alerte",
}


def _live_item(session: Session, item_id: int) -> KitItem:
    item = session.get(KitItem, item_id)
    if item is None:
        raise KitError("Cet article n'existe plus dans la base.")
    if item.condition == "reforme":
        raise KitError(f"{item.inventory_number} est réformé : il ne peut plus être modifié.")
    return item


def update_item(
    session: Session,
    item_id: int,
    data: ItemData,
    *,
    today: date,
    when: datetime | None = None,
) -> ChangeResult:
    """Save the form; a change of condition is recorded as broken / repaired in the history.
    ``today``: the application's day."""
    item = _live_item(session, item_id)
    errors = validate_item(session, data, today=today)
    if errors:
        raise KitError(next(iter(errors.values())), errors)
    category = session.get(KitCategory, data.category_id)
    was_consumable = item.category.kind == "consommable"
    consumable = category is not None and category.kind == "consommable"
    if consumable != was_consumable:
        raise KitError(
            "Un matériel ne peut pas devenir un consommable (ni l'inverse) : "
            "choisissez une catégorie du même genre.",
            {"category_id": "Choisissez une catégorie du même genre (matériel ou consommable)."},
        )
    when = when or utcnow()
    before = item_info(item).data()
    data = _stripped(data)
    changed = [
        label
        for name, label in FIELD_LABELS.items()
        if getattr(before, name) != getattr(data, name)
    ]
    old_condition = item.condition
    data_condition = data.condition
    _apply(item, replace(data, condition=old_condition), consumable)
    if changed:
        session.add(KitEvent(item_id=item.id, at=when, kind="modifie", detail=", ".join(changed)))
    result = ChangeResult(item.id)
    if data_condition != old_condition:
        if data_condition == "en_panne":
            result.warnings += _set_broken(session, item, "", when)
        elif old_condition == "en_panne":
            _set_repaired(session, item, data_condition, "", when)
        else:
            item.condition = data_condition
            session.add(
                KitEvent(
                    item_id=item.id,
                    at=when,
                    kind="modifie",
                    detail=f"état : {CONDITIONS[old_condition]} → {CONDITIONS[data_condition]}",
                )
            )
    session.flush()
    return result


def _open_loan_of(session: Session, item_id: int) -> KitLoan | None:
    return session.scalar(
        select(KitLoan)
        .join(KitLoanItem, KitLoanItem.loan_id == KitLoan.id)
        .where(KitLoanItem.item_id == item_id, KitLoanItem.returned_at.is_(None))
    )


def move_reservations(session: Session, item: KitItem, when: datetime) -> list[str]:
    """Hand the future reservations of a unit that can no longer serve to another free unit of
    the same category; say which ones could not be moved."""
    warnings = []
    rows = session.scalars(
        select(KitReservation).where(KitReservation.item_id == item.id, KitReservation.end > when)
    ).all()
    for reservation in rows:
        free = availability.free_units(session, reservation.start, reservation.end).get(
            item.category_id, []
        )
        free = [i for i in free if i != item.id]
        period = availability.period_text(reservation.start, reservation.end)
        if free:
            reservation.item_id = free[0]
            replacement = session.get(KitItem, free[0])
            session.add(
                KitEvent(
                    item_id=free[0],
                    at=when,
                    kind="reserve",
                    detail=(
                        f"{reservation.label} — {period} (à la place de {item.inventory_number})"
                    ),
                )
            )
            warnings.append(
                f"La réservation « {reservation.label} » ({period}) passe sur "
                f"{replacement.inventory_number if replacement else free[0]}."
            )
        else:
            warnings.append(
                f"Attention : « {reservation.label} » ({period}) comptait sur "
                f"{item.inventory_number} et aucune autre unité n'est libre."
            )
        session.flush()
    return warnings


def _set_broken(session: Session, item: KitItem, detail: str, when: datetime) -> list[str]:
    item.condition = "en_panne"
    session.add(KitEvent(item_id=item.id, at=when, kind="panne", detail=detail))
    session.flush()
    return move_reservations(session, item, when)


def _set_repaired(
    session: Session, item: KitItem, condition: str, detail: str, when: datetime
) -> None:
    item.condition = condition
    text = f"état : {CONDITIONS[condition]}" + (f" — {detail}" if detail else "")
    session.add(KitEvent(item_id=item.id, at=when, kind="repare", detail=text))


def declare_broken(
    session: Session, item_id: int, detail: str = "", *, when: datetime | None = None
) -> ChangeResult:
    item = _live_item(session, item_id)
    if item.category.kind == "consommable":
        raise KitError("Un consommable ne tombe pas en panne : ajustez plutôt son stock.")
    if item.condition == "en_panne":
        raise KitError(f"{item.inventory_number} est déjà déclaré en panne.")
    # still with its borrower, it stays lent until it comes back: declared broken meanwhile,
    # it left the lent count and the list while its loan stayed open
    loan = _open_loan_of(session, item.id)
    if loan is not None:
        raise KitError(
            f"{item.inventory_number} est prêté à {loan.borrower_name} : enregistrez son "
            "retour avec l'état « En panne » (page « Prêts », « Enregistrer un retour… »)."
        )
    result = ChangeResult(item.id)
    result.warnings = _set_broken(session, item, detail.strip(), when or utcnow())
    session.flush()
    return result


def mark_repaired(
    session: Session,
    item_id: int,
    condition: str = "bon",
    detail: str = "",
    *,
    when: datetime | None = None,
) -> ChangeResult:
    item = _live_item(session, item_id)
    if item.condition != "en_panne":
        raise KitError(f"{item.inventory_number} n'est pas en panne.")
    if condition not in ("neuf", "bon", "use"):
        raise KitError("Choisissez l'état après réparation : « Neuf », « Bon » ou « Usé ».")
    _set_repaired(session, item, condition, detail.strip(), when or utcnow())
    session.flush()
    return ChangeResult(item.id)


def retire_item(
    session: Session, item_id: int, reason: str, *, when: datetime | None = None
) -> ChangeResult:
    """Take an item out of the kit for good, with the reason; it stays in the base."""
    item = _live_item(session, item_id)
    reason = reason.strip()
    if not reason:
        raise KitError(
            "Indiquez pourquoi l'article est réformé (vol, casse irréparable, don…).",
            {"reason": "Le motif est obligatoire."},
        )
    loan = _open_loan_of(session, item.id)
    if loan is not None:
        raise KitError(
            f"{item.inventory_number} est prêté à {loan.borrower_name} : "
            "enregistrez d'abord son retour (même s'il revient hors d'usage)."
        )
    when = when or utcnow()
    result = ChangeResult(item.id)
    result.warnings = move_reservations(session, item, when)
    # reservations that could not move no longer hold a unit that exists
    for reservation in session.scalars(
        select(KitReservation).where(KitReservation.item_id == item.id)
    ):
        session.delete(reservation)
    item.condition = "reforme"
    item.retired_on = when.date()
    item.retired_reason = reason
    session.add(KitEvent(item_id=item.id, at=when, kind="reforme", detail=reason))
    session.flush()
    return result


def adjust_stock(
    session: Session, item_id: int, delta: int, detail: str = "", *, when: datetime | None = None
) -> int:
    """Add (delivery) or remove (handed out) consumables; returns the new quantity."""
    item = _live_item(session, item_id)
    if item.category.kind != "consommable":
        raise KitError("Le stock ne concerne que les consommables.")
    if delta == 0:
        raise KitError("Indiquez une quantité à ajouter ou à retirer.")
    current = item.quantity or 0
    if current + delta < 0:
        raise KitError(
            f"Il n'en reste que {current} en stock : impossible d'en retirer {-delta}.",
            {"delta": f"{current} en stock seulement."},
        )
    item.quantity = current + delta
    sign = "+" if delta > 0 else "−"
    text = f"{sign}{abs(delta)} (stock : {item.quantity})" + (
        f" — {detail.strip()}" if detail.strip() else ""
    )
    session.add(KitEvent(item_id=item.id, at=when or utcnow(), kind="stock", detail=text))
    session.flush()
    return item.quantity


def item_history(session: Session, item_id: int) -> list[EventInfo]:
    """Oldest first: the life of the item, from its reception to its retirement."""
    rows = session.execute(
        select(KitEvent.at, KitEvent.kind, KitEvent.detail)
        .where(KitEvent.item_id == item_id)
        .order_by(KitEvent.at, KitEvent.id)
    ).all()
    return [EventInfo(at, kind, detail) for at, kind, detail in rows]
