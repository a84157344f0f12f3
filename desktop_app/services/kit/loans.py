"""Loans of kit equipment to a person, a workshop or an outside event.

A loan holds several items; each item comes back on its own date with its condition on return
(an item returned "En panne" becomes broken and its history says so). Lending is refused, with
the reason for each item, when an item is already lent, reserved for an overlapping period,
broken or retired — all or nothing, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.base import utcnow
from desktop_app.models.kit import (
    BORROWER_KINDS,
    CONDITIONS,
    KitEvent,
    KitItem,
    KitLoan,
    KitLoanItem,
)
from desktop_app.services import formatting as fmt
from desktop_app.services import validation
from desktop_app.services.kit import availability
from desktop_app.services.kit.catalog import KitError, item_info, move_reservations
from desktop_app.services.kit.printable import (  # noqa: F401 - LOAN_CONDITIONS: public name
    LOAN_CONDITIONS,
    LoanInfo,
    LoanLine,
    days_late,
)


class LendRefusedError(KitError):
    """Lending refused; ``reasons`` holds one French sentence per item that cannot go."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("Prêt impossible :\n" + "\n".join(reasons))
        self.reasons = reasons


@dataclass
class LoanRequest:
    borrower_name: str
    item_ids: list[int]
    due: datetime
    start: datetime | None = None  # now when None
    borrower_kind: str = "personne"  # BORROWER_KINDS
    phone: str = ""
    id_checked: bool = False
    notes: str = ""
    # a workshop lending the units it reserved itself: its own reservation does not block
    for_source: str | None = None


def refusals(
    session: Session,
    item_ids: list[int],
    start: datetime,
    due: datetime,
    *,
    for_source: str | None = None,
    now: datetime | None = None,
) -> dict[int, str]:
    """item id → why it cannot be lent for [start, due) (missing ids are fine)."""
    items = {i.id: i for i in session.scalars(select(KitItem).where(KitItem.id.in_(item_ids)))}
    busy = availability.busy_items(
        session, start, due, ignore_source=for_source, now=now, item_ids=item_ids
    )
    result: dict[int, str] = {}
    for item_id in item_ids:
        item = items.get(item_id)
        if item is None:
            result[item_id] = "Un des articles n'existe plus dans la base."
            continue
        name = f"{item.inventory_number} ({item_info(item).description})"
        if item.condition == "reforme":
            result[item_id] = f"{name} est réformé."
        elif item.condition == "en_panne":
            result[item_id] = f"{name} est en panne."
        elif item.category.kind == "consommable":
            result[item_id] = f"{name} est un consommable : il se distribue, il ne se prête pas."
        elif (why := busy.get(item_id)) is not None:
            if why.state == "prete":
                result[item_id] = f"{name} est déjà {why.detail}."
            else:
                result[item_id] = f"{name} est {why.detail}."
    return result


def scan_refusal(
    session: Session,
    item_id: int,
    due: datetime,
    *,
    for_source: str | None = None,
    now: datetime,
) -> tuple[str, bool] | None:
    """Why an item scanned into a loan running from ``now`` to ``due`` cannot go, and whether
    that holds whatever the return date (lent, broken, retired, a consumable): such an item is
    not worth keeping in the list. A reservation that overlaps depends on the return date,
    which may still be shortened. None when the item can go."""
    reason = refusals(session, [item_id], now, due, for_source=for_source, now=now).get(item_id)
    if reason is None:
        return None
    busy = availability.busy_items(
        session, now, due, ignore_source=for_source, now=now, item_ids=[item_id]
    ).get(item_id)
    item = session.get(KitItem, item_id)
    reserved_only = (
        busy is not None
        and busy.state == "reserve"
        and item is not None
        and item.condition not in ("reforme", "en_panne")
    )
    return reason, not reserved_only


def _check_request(request: LoanRequest, start: datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not request.borrower_name.strip():
        errors["borrower_name"] = "Indiquez à qui le matériel est prêté."
    elif len(request.borrower_name.strip()) > 200:
        errors["borrower_name"] = "Le nom est trop long (200 caractères au plus)."
    if request.borrower_kind not in BORROWER_KINDS:
        errors["borrower_kind"] = "Choisissez : une personne, un atelier ou un événement."
    if request.phone.strip() and (msg := validation.check_phone(request.phone)):
        errors["phone"] = msg
    if request.due <= start:
        errors["due"] = "La date de retour prévue doit être après le début du prêt."
    if not request.item_ids:
        errors["items"] = "Choisissez au moins un article à prêter."
    elif len(set(request.item_ids)) != len(request.item_ids):
        errors["items"] = "Un même article est choisi deux fois."
    return errors


def lend(session: Session, request: LoanRequest, *, now: datetime | None = None) -> int:
    """Record the loan; returns its id. Raises KitError / LendRefusedError, writing nothing."""
    now = now or utcnow()
    start = request.start or now
    errors = _check_request(request, start)
    if errors:
        raise KitError(next(iter(errors.values())), errors)
    refused = refusals(
        session, request.item_ids, start, request.due, for_source=request.for_source, now=now
    )
    if refused:
        raise LendRefusedError([refused[i] for i in request.item_ids if i in refused])
    loan = KitLoan(
        borrower_kind=request.borrower_kind,
        borrower_name=request.borrower_name.strip(),
        # kept in its display form ("06 12 34 56 78"), as the workshops and profiles keep it
        phone=validation.format_phone(request.phone.strip()) if request.phone.strip() else "",
        id_checked=request.id_checked,
        start=start,
        due=request.due,
        notes=request.notes.strip(),
        created_at=now,
    )
    session.add(loan)
    session.flush()
    detail = (
        f"à {loan.borrower_name}, retour prévu le {fmt.date_short(request.due)} (prêt n° {loan.id})"
    )
    for item_id in request.item_ids:
        session.add(KitLoanItem(loan_id=loan.id, item_id=item_id, return_notes=""))
        session.add(KitEvent(item_id=item_id, at=start, kind="prete", detail=detail))
    session.flush()
    return loan.id


@dataclass
class ItemReturn:
    item_id: int
    condition: str  # "neuf", "bon", "use" or "en_panne"
    notes: str = ""


def return_items(
    session: Session,
    loan_id: int,
    returns: list[ItemReturn],
    *,
    when: datetime | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Record items coming back; returns the messages to show: the days of lateness first
    ("Rendu avec 3 jours de retard."), then warnings (e.g. reservations moved off a broken
    unit). The loan closes when its last item is back.

    ``now`` is the application's clock: a return dated after it is refused — typed « 23h »
    in the morning, it closed the loan while the item stayed « Prêté » until the evening."""
    when = when or utcnow()
    loan = session.get(KitLoan, loan_id)
    if loan is None:
        raise KitError("Ce prêt n'existe plus dans la base.")
    if not returns:
        raise KitError("Cochez au moins un article rendu.")
    if now is not None and when > now:
        message = (
            f"Le retour ne peut pas être dans le futur : il est {fmt.time_short(now)} "
            f"le {fmt.date_short(now)}."
        )
        raise KitError(message, {"when": message})
    if when < loan.start:
        message = (
            "Le retour ne peut pas précéder le début du prêt "
            f"(le {fmt.date_short(loan.start)} à {fmt.time_short(loan.start)})."
        )
        raise KitError(message, {"when": message})
    lines = {line.item_id: line for line in loan.items}
    warnings: list[str] = []
    late = days_late(loan.due, when)
    for back in returns:
        line = lines.get(back.item_id)
        if line is None:
            raise KitError("Cet article ne fait pas partie de ce prêt.")
        if line.returned_at is not None:
            raise KitError(f"{line.item.inventory_number} est déjà rendu.")
        if back.condition not in ("neuf", "bon", "use", "en_panne"):
            raise KitError(
                "Choisissez l'état au retour : « Neuf », « Bon », « Usé » ou « En panne »."
            )
        line.returned_at = when
        line.return_condition = back.condition
        line.return_notes = back.notes.strip()
        item = line.item
        parts = [f"par {loan.borrower_name}", f"état : {CONDITIONS[back.condition]}"]
        if late > 0:
            parts.append(f"en retard de {late} jour{'s' if late > 1 else ''}")
        if line.return_notes:
            parts.append(line.return_notes)
        session.add(KitEvent(item_id=item.id, at=when, kind="rendu", detail=", ".join(parts)))
        if back.condition == "en_panne":
            if item.condition != "en_panne":
                item.condition = "en_panne"
                session.add(
                    KitEvent(
                        item_id=item.id,
                        at=when,
                        kind="panne",
                        detail=line.return_notes or f"constaté au retour du prêt n° {loan.id}",
                    )
                )
                session.flush()
                warnings += move_reservations(session, item, when)
        elif item.condition != "reforme":
            item.condition = back.condition
    if all(line.returned_at is not None for line in loan.items):
        loan.closed_at = when
    session.flush()
    if late > 0:
        warnings.insert(0, f"Rendu avec {late} jour{'s' if late > 1 else ''} de retard.")
    return warnings


def _loan_info(loan: KitLoan) -> LoanInfo:
    lines = [
        LoanLine(
            item_id=line.item_id,
            inventory_number=line.item.inventory_number,
            description=item_info(line.item).description,
            category=line.item.category.name,
            serial=line.item.serial,
            returned_at=line.returned_at,
            return_condition=line.return_condition,
            return_notes=line.return_notes,
            condition=line.item.condition,
        )
        for line in sorted(loan.items, key=lambda x: x.item.inventory_number)
    ]
    return LoanInfo(
        id=loan.id,
        borrower_kind=loan.borrower_kind,
        borrower_name=loan.borrower_name,
        phone=loan.phone,
        id_checked=loan.id_checked,
        start=loan.start,
        due=loan.due,
        closed_at=loan.closed_at,
        notes=loan.notes,
        lines=lines,
    )


def get_loan(session: Session, loan_id: int) -> LoanInfo:
    loan = session.get(KitLoan, loan_id)
    if loan is None:
        raise KitError("Ce prêt n'existe plus dans la base.")
    return _loan_info(loan)


@dataclass(slots=True)
class LoanRow:
    """One line of the loans table (read in two queries, whatever the number of loans). Not
    frozen: a frozen dataclass sets each field through ``object.__setattr__``, and building
    2,500 of them cost more than the query that read them; nobody changes a row once made."""

    id: int
    borrower_kind: str
    borrower_name: str
    phone: str
    start: datetime
    due: datetime
    closed_at: datetime | None
    numbers: str  # "KIT-0003, KIT-0007"
    outstanding: int
    days_late: int

    @property
    def kind_label(self) -> str:
        return BORROWER_KINDS.get(self.borrower_kind, self.borrower_kind)


def loan_rows(
    session: Session, *, now: datetime, open_only: bool = False, late_only: bool = False
) -> list[LoanRow]:
    """The loans, the latest first, in one query: each loan with its items' numbers and how
    many are still out, aggregated by the database rather than gathered line by line here."""
    lines = select(
        KitLoanItem.loan_id.label("loan_id"),
        func.aggregate_strings(KitItem.inventory_number, ", ").label("numbers"),
        func.count(KitLoanItem.id).filter(KitLoanItem.returned_at.is_(None)).label("out"),
    ).join(KitItem, KitItem.id == KitLoanItem.item_id)
    stmt = select(
        KitLoan.id,
        KitLoan.borrower_kind,
        KitLoan.borrower_name,
        KitLoan.phone,
        KitLoan.start,
        KitLoan.due,
        KitLoan.closed_at,
    )
    if open_only or late_only:
        lines = lines.join(KitLoan, KitLoan.id == KitLoanItem.loan_id).where(
            KitLoan.closed_at.is_(None)
        )
        stmt = stmt.where(KitLoan.closed_at.is_(None))
    if late_only:
        stmt = stmt.where(KitLoan.due < now)
    per_loan = lines.group_by(KitLoanItem.loan_id).subquery()
    stmt = (
        stmt.add_columns(per_loan.c.numbers, per_loan.c.out)
        .outerjoin(per_loan, per_loan.c.loan_id == KitLoan.id)
        .order_by(KitLoan.start.desc(), KitLoan.id.desc())
    )
    # Core rows (the ORM's result machinery cost as much as the query), unpacked and rows
    # built positionally: reading columns by name on thousands of rows is slow too
    result = []
    append = result.append
    for loan_id, kind, name, phone, start, due, closed_at, numbers, out in (
        session.connection().execute(stmt)
    ):
        if numbers is None:
            numbers = ""
        elif "," in numbers:  # the aggregate's order is the database's: sorted here
            numbers = ", ".join(sorted(numbers.split(", ")))
        append(
            LoanRow(
                loan_id, kind, name, phone, start, due, closed_at, numbers, out or 0,
                days_late(due, now) if closed_at is None else 0,
            )
        )
    return result


def late_loans(session: Session, now: datetime) -> list[LoanRow]:
    """Loans still out after their due date, the latest first."""
    rows = loan_rows(session, now=now, late_only=True)
    return sorted(rows, key=lambda r: (-r.days_late, r.borrower_name))


def open_loan_count(session: Session) -> int:
    return session.scalar(select(func.count(KitLoan.id)).where(KitLoan.closed_at.is_(None))) or 0
