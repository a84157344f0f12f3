"""Read-only views of the kit for the tab, the documents and the export.

Each function reads everything it needs in a handful of set-based queries and returns plain
rows, so a table of thousands of items is filled without one query per row or per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.kit import CONDITIONS, KitCategory, KitItem
from desktop_app.services.kit import availability
from desktop_app.services.kit.loans import loan_rows
from desktop_app.services.kit.printable import (
    ConditionLine,
    ConsumableLine,
    KitReport,
    LoanOut,
)


@dataclass(slots=True)
class ItemRow:
    id: int
    inventory_number: str
    category_id: int
    category: str
    consumable: bool
    brand: str
    model: str
    serial: str
    acquired_on: object  # date | None
    value: Decimal | None
    funding: str
    condition: str
    location: str
    notes: str
    quantity: int | None
    alert_threshold: int | None
    retired_reason: str
    state: str  # availability.STATES
    detail: str  # who holds it / for what, in French

    @property
    def description(self) -> str:
        return " ".join(v for v in (self.brand, self.model) if v)

    @property
    def condition_label(self) -> str:
        return CONDITIONS.get(self.condition, self.condition)

    @property
    def state_label(self) -> str:
        if self.consumable:
            return "Stock bas" if self.low_stock else "En stock"
        return availability.STATES[self.state]

    @property
    def retired(self) -> bool:
        return self.condition == "reforme"

    @property
    def low_stock(self) -> bool:
        return (
            self.consumable
            and self.alert_threshold is not None
            and (self.quantity or 0) <= self.alert_threshold
        )


def item_rows(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    now: datetime | None = None,
) -> list[ItemRow]:
    """Every item (retired ones included), with its state during [start, end) — by default
    right now."""
    now = now or datetime.now()
    start = start or now
    end = end or start + timedelta(minutes=1)
    busy = availability.busy_items(session, start, end, now=now)
    # plain tuples, unpacked: reading 17 attributes by name on each of thousands of rows
    # costs more than the query itself
    rows = session.execute(
        select(
            KitItem.id,
            KitItem.inventory_number,
            KitItem.category_id,
            KitCategory.name,
            KitCategory.kind,
            KitItem.brand,
            KitItem.model,
            KitItem.serial,
            KitItem.acquired_on,
            KitItem.value,
            KitItem.funding,
            KitItem.condition,
            KitItem.location,
            KitItem.notes,
            KitItem.quantity,
            KitItem.alert_threshold,
            KitItem.retired_reason,
        )
        .join(KitCategory, KitCategory.id == KitItem.category_id)
        .order_by(KitItem.inventory_number)
    ).all()
    item_state = availability.item_state
    result = []
    append = result.append
    for (
        item_id, number, category_id, category, kind, brand, model, serial, acquired_on, value,
        funding, condition, location, notes, quantity, alert_threshold, retired_reason,
    ) in rows:
        why = busy.get(item_id)
        consumable = kind == "consommable"
        state = "disponible" if consumable else item_state(condition, why)
        if condition == "reforme":
            detail = retired_reason
        elif why is not None and state in ("prete", "reserve"):
            detail = why.detail
        else:
            detail = ""
        append(
            ItemRow(
                item_id, number, category_id, category, consumable, brand, model, serial,
                acquired_on, value, funding, condition, location, notes, quantity,
                alert_threshold, retired_reason, state, detail,
            )
        )
    return result


@dataclass
class CategoryCount:
    category_id: int
    category: str
    consumable: bool
    total: int = 0  # units in the kit (retired excluded); stock for consumables
    counts: dict[str, int] = field(default_factory=dict)  # state → units

    @property
    def free(self) -> int:
        return self.counts.get("disponible", 0)


def category_counts(session: Session, rows: list[ItemRow]) -> list[CategoryCount]:
    """Per category, in display order: units by state (retired ones left out)."""
    categories = session.execute(
        select(KitCategory.id, KitCategory.name, KitCategory.kind).order_by(
            KitCategory.position, KitCategory.name
        )
    ).all()
    by_id = {cid: CategoryCount(cid, name, kind == "consommable") for cid, name, kind in categories}
    for row in rows:
        count = by_id.get(row.category_id)
        if count is None or row.retired:
            continue
        if row.consumable:
            count.total += row.quantity or 0
            continue
        count.total += 1
        count.counts[row.state] = count.counts.get(row.state, 0) + 1
    return list(by_id.values())


def kit_report(session: Session, *, now: datetime | None = None) -> KitReport:
    now = now or datetime.now()
    rows = item_rows(session, now=now)
    lines: dict[str, ConditionLine] = {}
    categories = session.execute(
        select(KitCategory.name, KitCategory.kind).order_by(KitCategory.position, KitCategory.name)
    ).all()
    for name, kind in categories:
        if kind == "materiel":
            lines[name] = ConditionLine(name, {c: 0 for c in CONDITIONS}, Decimal(0), 0)
    total = Decimal(0)
    for row in rows:
        if row.consumable:
            continue
        line = lines[row.category]
        line.counts[row.condition] = line.counts.get(row.condition, 0) + 1
        if not row.retired:
            line.units += 1
            line.value += row.value or Decimal(0)
            total += row.value or Decimal(0)
    consumables = [
        ConsumableLine(
            r.id, r.inventory_number, r.category, r.description, r.quantity,
            r.alert_threshold, r.low_stock,
        )
        for r in rows
        if r.consumable and not r.retired
    ]
    on_loan = [
        LoanOut(r.id, r.borrower_name, r.numbers, r.start, r.due, r.days_late)
        for r in loan_rows(session, now=now, open_only=True)
    ]
    return KitReport(
        lines=[line for line in lines.values() if sum(line.counts.values())],
        total_value=total,
        on_loan=on_loan,
        low_stock=[c for c in consumables if c.low_stock],
        consumables=consumables,
    )


@dataclass(frozen=True)
class ReservationRow:
    """One reservation (a source for one period), with what it holds."""

    source: str
    label: str
    start: datetime
    end: datetime
    units: int
    detail: str  # "2 tablettes, 2 casques audio"
    item_ids: tuple[int, ...] = ()

    @property
    def is_workshop(self) -> bool:
        """Workshop reservations are changed from the "Ateliers" tab, not here."""
        return self.source.startswith("atelier:")

    @property
    def period(self) -> str:
        """With the year: "Réservations à venir" runs into next year (sorted by ``start``)."""
        return availability.period_text(self.start, self.end, year=True)


def reservation_rows(session: Session, since: datetime) -> list[ReservationRow]:
    """Reservations ending after ``since``, soonest first."""
    from desktop_app.models.kit import KitReservation
    from desktop_app.services.kit.wording import units

    rows = session.execute(
        select(
            KitReservation.source,
            KitReservation.label,
            KitReservation.start,
            KitReservation.end,
            KitItem.category_id,
            KitItem.id,
        )
        .join(KitItem, KitItem.id == KitReservation.item_id)
        .where(KitReservation.end > since)
        .order_by(KitReservation.start, KitReservation.source)
    ).all()
    categories = {c.id: c for c in session.scalars(select(KitCategory))}
    grouped: dict[tuple, dict[int, int]] = {}
    items: dict[tuple, list[int]] = {}
    for source, label, start, end, category_id, item_id in rows:
        counts = grouped.setdefault((source, label, start, end), {})
        counts[category_id] = counts.get(category_id, 0) + 1
        items.setdefault((source, label, start, end), []).append(item_id)
    result = []
    for key, counts in grouped.items():
        source, label, start, end = key
        detail = ", ".join(
            units(categories[cid], n)
            for cid, n in sorted(counts.items(), key=lambda kv: categories[kv[0]].position)
        )
        result.append(
            ReservationRow(
                source, label, start, end, sum(counts.values()), detail, tuple(items[key])
            )
        )
    return result


def known_locations(session: Session) -> list[str]:
    """Locations already typed, for the item form's suggestions."""
    return sorted(v for v in session.scalars(select(KitItem.location).distinct()) if v)
