"""Read-only views of the kit for the tab, the documents and the export.

Each function reads everything it needs in a handful of set-based queries and returns plain
rows, so a table of thousands of items is filled without one query per row or per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    # costs more than the query itself; through the connection (Core), not the ORM's result
    # machinery, which cost a fifth of the reading
    rows = session.connection().execute(
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
    result = []
    append = result.append
    for (
        item_id, number, category_id, category, kind, brand, model, serial, acquired_on, value,
        funding, condition, location, notes, quantity, alert_threshold, retired_reason,
    ) in rows:
        consumable = kind == "consommable"
        state, detail = _state(consumable, condition, retired_reason, busy.get(item_id))
        append(
            ItemRow(
                item_id, number, category_id, category, consumable, brand, model, serial,
                acquired_on, value, funding, condition, location, notes, quantity,
                alert_threshold, retired_reason, state, detail,
            )
        )
    return result


def _state(
    consumable: bool, condition: str, retired_reason: str, why: availability.Busy | None
) -> tuple[str, str]:
    """An item's state and the French detail beside it (who holds it, for what)."""
    if consumable:
        return "disponible", retired_reason if condition == "reforme" else ""
    state = availability.item_state(condition, why)
    if condition == "reforme":
        return state, retired_reason
    if why is not None and state in ("prete", "reserve"):
        return state, why.detail
    return state, ""


def rows_during(
    session: Session,
    rows: list[ItemRow],
    start: datetime,
    end: datetime,
    *,
    now: datetime,
) -> list[ItemRow]:
    """The items of ``rows`` (as ``item_rows`` read them) with their state during [start, end).

    Only the loans and reservations of the period are read: the items themselves do not change
    with the period, and reading thousands of them again was most of the cost of « Disponibilités ».
    A row whose state is the same is returned as it is."""
    busy = availability.busy_items(session, start, end, now=now)
    result = []
    append = result.append
    for row in rows:
        state, detail = _state(row.consumable, row.condition, row.retired_reason, busy.get(row.id))
        if state == row.state and detail == row.detail:
            append(row)
        else:
            append(replace(row, state=state, detail=detail))
    return result


@dataclass(frozen=True)
class KitCounts:
    """The tab's summary line: equipment in service, units lent, consumables to order."""

    in_service: int
    lent: int
    low_stock: int


def kit_counts(rows: list[ItemRow]) -> KitCounts:
    """Counted in one pass over the rows already read (three passes through the rows'
    properties took a tenth of a reload on the GUI thread)."""
    in_service = lent = low = 0
    for r in rows:
        if r.condition == "reforme":
            continue
        if r.consumable:
            threshold = r.alert_threshold
            if threshold is not None and (r.quantity or 0) <= threshold:
                low += 1
        else:
            in_service += 1
            if r.state == "prete":
                lent += 1
    return KitCounts(in_service, lent, low)


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
