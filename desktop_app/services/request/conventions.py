"""The programme's funding rules for a convention (dispositif.md §9), used to pre-fill the
yearly amounts granted; the user may change them since each convention states its own.

- First wave: a lump sum of 50 000 € per post, over 24 months for a public employer and
  18 months for a private one. It is spread over the convention's years in proportion to their
  months (public 25 000 + 25 000; private 12 months then 6: 33 333,33 + 16 666,67).
- 2023 renewal, 36 months: public 17 500, 12 500, 12 500 € a year, plus 2 500 € the first year
  and 5 000 € the second in a QPV or ZRR; private 20 000, 14 000, 10 000 €. The published rules
  give the QPV/ZRR supplement to public employers only, so a private one gets none.

Since May 2025 no new convention is signed and new posts are suspended (a conseiller who
leaves can still be replaced within 6 months); the 2026 budget plans to stop funding from
2027. ``programme_notice`` and ``late_convention_notice`` say so where a person would
otherwise prepare something the programme no longer grants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.services.dates import add_months

FIRST_WAVE = "premiere_vague"
RENEWAL = "renouvellement"
PUBLIC = "public"
PRIVATE = "prive"

FIRST_WAVE_LUMP_SUM = Decimal("50000")
FIRST_WAVE_MONTHS = {PUBLIC: 24, PRIVATE: 18}
RENEWAL_MONTHS = 36
RENEWAL_AMOUNTS = {
    PUBLIC: (Decimal("17500"), Decimal("12500"), Decimal("12500")),
    PRIVATE: (Decimal("20000"), Decimal("14000"), Decimal("10000")),
}
QPV_ZRR_SUPPLEMENT = (Decimal("2500"), Decimal("5000"), Decimal("0"))
CENT = Decimal("0.01")
NO_NEW_POSTS_SINCE = date(2025, 5, 1)


def programme_notice(today: date) -> str:
    """What a new request meets today (dispositif.md §9), "" before May 2025."""
    if today < NO_NEW_POSTS_SINCE:
        return ""
    return (
        "Depuis mai 2025, le dispositif n'attribue plus de nouveaux postes ni de nouvelle "
        "convention (un conseiller qui part peut être remplacé dans les 6\u00a0mois), et l'arrêt "
        "du financement est prévu à partir de 2027\u00a0: ne déposez que si la plateforme "
        "l'accepte."
    )


def late_convention_notice(start: date | None) -> str:
    """A convention starting after April 2025 was signed before May 2025, or is no new
    convention of the programme: "" when it starts earlier."""
    if start is None or start < NO_NEW_POSTS_SINCE:
        return ""
    return (
        "Attention : depuis mai 2025, le dispositif ne signe plus de nouvelle convention. "
        "Vérifiez que celle-ci a bien été signée avant."
    )


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def months_of(kind: str, employer_type: str) -> int:
    return FIRST_WAVE_MONTHS[employer_type] if kind == FIRST_WAVE else RENEWAL_MONTHS


def default_end(kind: str, employer_type: str, start: date) -> date:
    """The last day covered: start + the rule's months − 1 day."""
    return add_months(start, months_of(kind, employer_type)) - timedelta(days=1)


def year_months(total_months: int) -> list[int]:
    """12, 12, …, the remainder: the months of each convention year."""
    months = []
    left = total_months
    while left > 0:
        months.append(min(12, left))
        left -= 12
    return months


def rule_amounts(kind: str, employer_type: str, qpv_zrr: bool) -> tuple[Decimal, Decimal, Decimal]:
    """The yearly amounts granted by the rules (three values, 0 for a year that does not exist)."""
    if kind == FIRST_WAVE:
        months = year_months(FIRST_WAVE_MONTHS[employer_type])
        total = sum(months)
        shares = [money(FIRST_WAVE_LUMP_SUM * m / total) for m in months]
        shares[-1] = FIRST_WAVE_LUMP_SUM - sum(shares[:-1])  # the cents land on the last year
        shares += [Decimal("0")] * (3 - len(shares))
        return (shares[0], shares[1], shares[2])
    base = RENEWAL_AMOUNTS[employer_type]
    if qpv_zrr and employer_type == PUBLIC:
        return tuple(b + s for b, s in zip(base, QPV_ZRR_SUPPLEMENT, strict=True))  # type: ignore[return-value]
    return base


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` inclusive (a convention's length), rounded to the
    nearest month: 1 Mar 2023 → 28 Feb 2026 is 36."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day - start.day > 15:
        months += 1
    elif start.day - after.day > 15:
        months -= 1
    return max(months, 1)


@dataclass(frozen=True)
class ConventionYear:
    """One year of a convention as granted: its period and amount."""

    index: int  # 1, 2, 3
    start: date
    end: date  # inclusive
    months: int
    amount: Decimal


def convention_years(start: date, end: date, amounts: tuple[Decimal, ...]) -> list[ConventionYear]:
    """The convention's years (12 months each, the last one shorter), each with its amount."""
    years = []
    for index, months in enumerate(year_months(months_between(start, end)), start=1):
        y_start = add_months(start, 12 * (index - 1))
        y_end = min(add_months(y_start, months) - timedelta(days=1), end)
        value = amounts[index - 1] if index <= len(amounts) else Decimal("0")
        years.append(ConventionYear(index, y_start, y_end, months, value))
    return years
