"""The cost and funding estimate shown to the mayor ("Coût et financement").

Per post and per year: the employer's cost (gross monthly salary × (1 + employer-charges
rate)) against the State's funding (by default 100 % of the gross monthly Smic for 24 months,
the programme's rule), and what remains for the structure ("Reste à charge"). The Smic is a dated,
editable parameter (table ``smic_rate``); with no value entered, its amount on 1 January 2021,
1 554,58 € gross per month, is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.request import SmicRate
from desktop_app.services.formatting import amount, date_short

DEFAULT_SMIC = Decimal("1554.58")
DEFAULT_SMIC_DATE = date(2021, 1, 1)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SmicValue:
    valid_from: date
    monthly_gross: Decimal

    @property
    def label(self) -> str:
        """"1 554,58 € brut par mois au 01/01/2021"."""
        return f"{amount(self.monthly_gross)} brut par mois au {date_short(self.valid_from)}"


def smic_values(session: Session) -> list[SmicValue]:
    """Every dated amount, oldest first; the default one when none was entered."""
    rows = session.scalars(select(SmicRate).order_by(SmicRate.valid_from)).all()
    if not rows:
        return [SmicValue(DEFAULT_SMIC_DATE, DEFAULT_SMIC)]
    return [SmicValue(r.valid_from, Decimal(r.monthly_gross)) for r in rows]


def smic_on(session: Session, day: date) -> SmicValue:
    """The amount in force on ``day`` (the earliest one if ``day`` precedes them all)."""
    values = smic_values(session)
    in_force = [v for v in values if v.valid_from <= day]
    return in_force[-1] if in_force else values[0]


def set_smic(session: Session, valid_from: date, monthly_gross: Decimal) -> None:
    """Add or change the amount in force from ``valid_from``."""
    if monthly_gross <= 0:
        raise ValueError("Le montant du Smic doit être positif.")
    if not session.scalars(select(SmicRate)).first() and valid_from != DEFAULT_SMIC_DATE:
        # Keep the default reference value when the user adds a newer one.
        session.add(SmicRate(valid_from=DEFAULT_SMIC_DATE, monthly_gross=DEFAULT_SMIC))
    row = session.scalars(select(SmicRate).where(SmicRate.valid_from == valid_from)).first()
    if row is None:
        session.add(SmicRate(valid_from=valid_from, monthly_gross=monthly_gross))
    else:
        row.monthly_gross = monthly_gross
    session.flush()


@dataclass(frozen=True)
class CostYear:
    label: str  # "1re année"
    months: int
    employer_cost: Decimal
    funding: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.employer_cost - self.funding


@dataclass(frozen=True)
class CostEstimate:
    posts: int
    smic: SmicValue
    gross_monthly_salary: Decimal
    employer_charges_pct: Decimal
    funding_pct: Decimal
    funding_months: int
    years: tuple[CostYear, ...]  # per post

    @property
    def monthly_employer_cost(self) -> Decimal:
        return _money(self.gross_monthly_salary * (1 + self.employer_charges_pct / 100))

    @property
    def monthly_funding(self) -> Decimal:
        return _money(self.smic.monthly_gross * self.funding_pct / 100)

    def total(self, attr: str) -> Decimal:
        return sum((getattr(y, attr) for y in self.years), Decimal("0"))

    @property
    def total_employer_cost(self) -> Decimal:
        return self.total("employer_cost")

    @property
    def total_funding(self) -> Decimal:
        return self.total("funding")

    @property
    def total_remaining(self) -> Decimal:
        return self.total_employer_cost - self.total_funding


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def estimate(
    *,
    smic: SmicValue,
    gross_monthly_salary: Decimal,
    employer_charges_pct: Decimal,
    funding_pct: Decimal = Decimal("100"),
    funding_months: int = 24,
    posts: int = 1,
) -> CostEstimate:
    """Year by year over the funded period (two years by default), per post. The salary is paid
    every month of each year; the funding covers ``funding_months`` months from the start."""
    years: list[CostYear] = []
    monthly_cost = _money(gross_monthly_salary * (1 + employer_charges_pct / 100))
    monthly_funding = _money(smic.monthly_gross * funding_pct / 100)
    n_years = max(1, -(-max(funding_months, 1) // 12))
    remaining_months = max(funding_months, 0)
    for index in range(n_years):
        funded = min(12, remaining_months)
        remaining_months -= funded
        label = "1re année" if index == 0 else f"{index + 1}e année"
        years.append(
            CostYear(
                label=label,
                months=12,
                employer_cost=monthly_cost * 12,
                funding=min(monthly_funding * funded, monthly_cost * 12),
            )
        )
    return CostEstimate(
        posts=max(posts, 1),
        smic=smic,
        gross_monthly_salary=gross_monthly_salary,
        employer_charges_pct=employer_charges_pct,
        funding_pct=funding_pct,
        funding_months=funding_months,
        years=tuple(years),
    )
