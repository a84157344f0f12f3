"""What a post costs the structure, what the State pays, and what it costs once the subsidy ends.

Per post: the gross monthly salary (the Smic in force today when none is typed) × (1 + the
employer's own charges rate) is the monthly employer cost. Each convention year brings its
granted amount; the remainder is what the structure pays. After the last convention ends the
post costs its full yearly amount (nothing if the post was given back).

The totals add the posts by calendar year: a convention year's amount is spread evenly over its
months (the programme pays by instalments whose dates vary, so this is the budget view, not the
cash one), and a post costs from its first convention's start until it is given back, or until
the end of the year after its subsidy ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desktop_app.services.dates import add_months
from desktop_app.services.formatting import amount, date_in_words
from desktop_app.services.request import smic as smic_table
from desktop_app.services.request.conventions import money
from desktop_app.services.request.posts import PostData
from desktop_app.services.request.smic import SmicValue

ZERO = Decimal("0")


@dataclass(frozen=True)
class CostLine:
    """One convention year of a post."""

    label: str  # "Renouvellement (2023) — année 1"
    start: date
    end: date
    months: int
    subsidy: Decimal
    employer_cost: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.employer_cost - self.subsidy


@dataclass(frozen=True)
class YearTotal:
    year: int
    employer_cost: Decimal
    subsidy: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.employer_cost - self.subsidy


@dataclass(frozen=True)
class PostCost:
    post: PostData
    salary: Decimal
    salary_is_smic: bool
    smic: SmicValue  # the Smic in force today (the salary when none is typed)
    charges_pct: Decimal
    lines: tuple[CostLine, ...]
    warnings: tuple[str, ...] = ()
    by_year: dict[int, YearTotal] = field(default_factory=dict)

    @property
    def monthly_employer_cost(self) -> Decimal:
        return money(self.salary * (1 + self.charges_pct / 100))

    @property
    def monthly_charges(self) -> Decimal:
        return self.monthly_employer_cost - self.salary

    @property
    def yearly_employer_cost(self) -> Decimal:
        return self.monthly_employer_cost * 12

    @property
    def subsidy_end(self) -> date | None:
        return self.post.subsidy_end

    @property
    def yearly_cost_after(self) -> Decimal:
        """What the post costs a year once its subsidy has ended (nothing once given back)."""
        return ZERO if self.post.given_back_on else self.yearly_employer_cost

    @property
    def total_subsidy(self) -> Decimal:
        return sum((line.subsidy for line in self.lines), ZERO)

    @property
    def total_remaining(self) -> Decimal:
        return sum((line.remaining for line in self.lines), ZERO)

    @property
    def salary_text(self) -> str:
        if self.salary_is_smic:
            return f"{amount(self.salary)} (Smic {self.smic.label})"
        return amount(self.salary)


@dataclass(frozen=True)
class FundingPlan:
    """Every post's cost and the totals (what the panel and the financing plan show)."""

    today: date
    smic: SmicValue
    smic_notice: str
    posts: tuple[PostCost, ...]
    years: tuple[YearTotal, ...]

    @property
    def active(self) -> tuple[PostCost, ...]:
        return tuple(p for p in self.posts if p.post.given_back_on is None)

    @property
    def total_subsidy(self) -> Decimal:
        return sum((p.total_subsidy for p in self.posts), ZERO)

    @property
    def total_received(self) -> Decimal:
        return sum((c.received for p in self.posts for c in p.post.conventions), ZERO)

    @property
    def total_remaining(self) -> Decimal:
        return sum((p.total_remaining for p in self.posts), ZERO)

    @property
    def subsidy_end(self) -> date | None:
        ends = [p.subsidy_end for p in self.posts if p.subsidy_end]
        return max(ends) if ends else None

    @property
    def counted(self) -> tuple[PostCost, ...]:
        """The posts the totals count: those with a convention, whose cost and subsidy have
        dates. A post granted without a convention yet is left out of every total alike — the
        calendar years could not place it, and the cost after the subsidy added it."""
        return tuple(p for p in self.posts if p.post.conventions)

    @property
    def uncounted(self) -> tuple[PostCost, ...]:
        """Posts still held that no total counts (no convention typed)."""
        return tuple(p for p in self.active if not p.post.conventions)

    @property
    def yearly_cost_after(self) -> Decimal:
        return sum((p.yearly_cost_after for p in self.counted), ZERO)

    @property
    def warnings(self) -> tuple[str, ...]:
        found = [self.smic_notice] if self.smic_notice else []
        for p in self.posts:
            found += [f"{p.post.label} : {w}" for w in p.warnings]
        return tuple(found)


def post_cost(
    post: PostData, values: list[SmicValue], today: date, until_year: int | None = None
) -> PostCost:
    """``until_year``: the last calendar year counted (by default the year after the later of
    the subsidy's end and today)."""
    current = smic_table.value_on(values, today)
    salary = post.gross_monthly_salary if post.gross_monthly_salary > 0 else current.monthly_gross
    is_smic = post.gross_monthly_salary <= 0
    monthly = money(salary * (1 + post.employer_charges_pct / 100))
    lines = []
    warnings = []
    if not is_smic and (msg := smic_table.older_than_current(salary, values, today)):
        warnings.append(msg)
    if not post.conventions and post.given_back_on is None:  # given back: nothing to check
        warnings.append(
            "aucune convention saisie : ni sa subvention ni son coût ne sont comptés dans les "
            "totaux (sans date de début, ils ne se placent dans aucune année)."
        )
    months: dict[tuple[int, int], Decimal] = {}  # (year, month) → subsidy of that month
    for convention in post.conventions:
        for year in convention.years:
            lines.append(CostLine(
                f"{convention.kind_label} — année {year.index}", year.start, year.end,
                year.months, year.amount, monthly * year.months,
            ))
            per_month = year.amount / year.months if year.months else ZERO
            for m in range(year.months):
                day = add_months(year.start, m)
                months[(day.year, day.month)] = months.get((day.year, day.month), ZERO) + per_month
    by_year: dict[int, list[Decimal]] = {}
    if post.conventions:
        first = min(c.start_date for c in post.conventions)
        end_year = max(post.subsidy_end.year if post.subsidy_end else first.year, today.year)
        last = date(until_year or end_year + 1, 12, 1)
        day = date(first.year, first.month, 1)
        while day <= last:
            if post.given_back_on is not None and day > post.given_back_on:
                break
            totals = by_year.setdefault(day.year, [ZERO, ZERO])
            totals[0] += monthly
            totals[1] += months.get((day.year, day.month), ZERO)
            day = add_months(day, 1)
    return PostCost(
        post, salary, is_smic, current, post.employer_charges_pct, tuple(lines),
        tuple(warnings),
        {y: YearTotal(y, money(c), money(s)) for y, (c, s) in sorted(by_year.items())},
    )


def funding_plan(posts: list[PostData], values: list[SmicValue], today: date) -> FundingPlan:
    ends = [p.subsidy_end.year for p in posts if p.subsidy_end]
    until = max([*ends, today.year]) + 1
    costs = tuple(post_cost(p, values, today, until) for p in posts)
    years: dict[int, list[Decimal]] = {}
    for c in costs:
        for y, total in c.by_year.items():
            acc = years.setdefault(y, [ZERO, ZERO])
            acc[0] += total.employer_cost
            acc[1] += total.subsidy
    return FundingPlan(
        today, smic_table.value_on(values, today), smic_table.missing_year_notice(values, today),
        costs, tuple(YearTotal(y, c, s) for y, (c, s) in sorted(years.items())),
    )


def end_sentence(plan: FundingPlan) -> str:
    """"La subvention de l'État se termine le 28 février 2027 ; ensuite, les postes coûtent
    52 000,00 € par an à la structure."""
    if plan.subsidy_end is None:
        return "Aucune convention n'est saisie : la fin de la subvention n'est pas connue."
    verb = "s'est terminée" if plan.subsidy_end < plan.today else "se termine"
    counted = [p for p in plan.counted if p.post.given_back_on is None]
    sentence = (
        f"La subvention de l'État {verb} le {date_in_words(plan.subsidy_end)} ; ensuite, "
        f"{'le poste coûte' if len(counted) == 1 else 'les postes coûtent'} "
        f"{amount(plan.yearly_cost_after)} par an à la structure."
    )
    if left := plan.uncounted:
        names = ", ".join(f"«\u00a0{p.post.label}\u00a0»" for p in left)  # held together
        sentence += (
            f" Sans convention saisie, {names} n'{'est' if len(left) == 1 else 'sont'} pas "
            f"compté{'' if len(left) == 1 else 's'}."
        )
    return sentence
