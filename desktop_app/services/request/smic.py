"""The Smic as a dated table, not one number: the value in force on a day, and whether a cost
was computed with a value that is no longer the current one.

The official values from 1 January 2021 are built in. The monthly amount is the gross hourly
Smic × 151,67 h (35 h a week), rounded to the cent, as published. Sources: INSEE, series
« Salaire minimum interprofessionnel de croissance (SMIC) » (hourly and monthly gross), and
service-public.fr « Montant du Smic »; the revaluation texts: décret n° 2020-1598 (1 January
2021), arrêté of 27 September 2021 (1 October 2021), décret n° 2021-1741 (1 January 2022),
arrêtés of 29 April and 29 July 2022 (1 May and 1 August 2022), décret n° 2022-1608 (1 January
2023), arrêté of 26 April 2023 (1 May 2023), décret n° 2023-1216 (1 January 2024), décret
n° 2024-951 (1 November 2024; no revaluation on 1 January 2025), and the revaluation of
1 January 2026 (12,02 € an hour, 1 823,03 € a month; the programme's reference, dispositif §9).

The user adds the next value (table ``smic_rate``); a row there of the same day overrides the
built-in one (a correction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.request import SmicRate
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.formatting import amount
from desktop_app.services.french import date_long

SOURCE = "INSEE et service-public.fr (décrets et arrêtés de revalorisation du Smic)"

# (in force from, gross hourly, gross monthly for 151,67 h)
OFFICIAL: tuple[tuple[date, Decimal, Decimal], ...] = (
    (date(2021, 1, 1), Decimal("10.25"), Decimal("1554.58")),
    (date(2021, 10, 1), Decimal("10.48"), Decimal("1589.47")),
    (date(2022, 1, 1), Decimal("10.57"), Decimal("1603.12")),
    (date(2022, 5, 1), Decimal("10.85"), Decimal("1645.58")),
    (date(2022, 8, 1), Decimal("11.07"), Decimal("1678.95")),
    (date(2023, 1, 1), Decimal("11.27"), Decimal("1709.28")),
    (date(2023, 5, 1), Decimal("11.52"), Decimal("1747.20")),
    (date(2024, 1, 1), Decimal("11.65"), Decimal("1766.92")),
    (date(2024, 11, 1), Decimal("11.88"), Decimal("1801.80")),
    (date(2026, 1, 1), Decimal("12.02"), Decimal("1823.03")),
)
EARLIEST = OFFICIAL[0][0]


class SmicError(FieldErrors):
    """A refused Smic value; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class SmicValue:
    valid_from: date
    monthly_gross: Decimal
    added_by_user: bool = False

    @property
    def label(self) -> str:
        """"1 823,03 € brut par mois depuis le 1er janvier 2026" (the first of the month
        written as French writes it; the date never splits at a line end)."""
        return f"{amount(self.monthly_gross)} brut par mois depuis le {date_long(self.valid_from)}"


def smic_values(session: Session) -> list[SmicValue]:
    """Every dated amount, oldest first: the official ones, then the user's (which win on the
    same day)."""
    values = {day: SmicValue(day, monthly) for day, _hourly, monthly in OFFICIAL}
    for row in session.scalars(select(SmicRate)):
        values[row.valid_from] = SmicValue(row.valid_from, Decimal(row.monthly_gross), True)
    return [values[day] for day in sorted(values)]


def value_on(values: list[SmicValue], day: date) -> SmicValue:
    """The amount in force on ``day`` (the earliest one if ``day`` precedes them all)."""
    in_force = [v for v in values if v.valid_from <= day]
    return in_force[-1] if in_force else values[0]


def smic_on(session: Session, day: date) -> SmicValue:
    return value_on(smic_values(session), day)


# The Smic moves by a few per cent a revaluation (+2,65 % at most since 2021, +6,6 % from
# January 2022 to January 2023); a value this far from the one before is a typing slip
# (« 18600 » for 1 860).
PLAUSIBLE_CHANGE = Decimal("0.20")


def implausible_change(previous: SmicValue, monthly_gross: Decimal) -> str | None:
    """Why ``monthly_gross`` cannot follow ``previous``, None when it may."""
    low = previous.monthly_gross * (1 - PLAUSIBLE_CHANGE)
    high = previous.monthly_gross * (1 + PLAUSIBLE_CHANGE)
    if low <= monthly_gross <= high:
        return None
    way = "au-dessus" if monthly_gross > high else "en dessous"
    return (
        f"{amount(monthly_gross)} est très {way} du Smic précédent ({previous.label}) : le "
        "Smic ne change que de quelques pour cent à chaque revalorisation. Vérifiez le montant "
        "(un chiffre de trop ou de moins ?) : c'est le Smic brut mensuel pour 35 heures."
    )


def set_smic(session: Session, valid_from: date, monthly_gross: Decimal) -> None:
    """Add the amount in force from ``valid_from`` (or correct the one of that day)."""
    if monthly_gross <= 0:
        raise SmicError({"amount": "Le montant du Smic doit être positif."})
    if valid_from < EARLIEST:
        raise SmicError({"valid_from": f"La date ne peut pas être avant le {date_long(EARLIEST)}."})
    before = [v for v in smic_values(session) if v.valid_from < valid_from]
    if before and (problem := implausible_change(before[-1], monthly_gross)):
        raise SmicError({"amount": problem})
    row = session.scalars(select(SmicRate).where(SmicRate.valid_from == valid_from)).first()
    if row is None:
        session.add(SmicRate(valid_from=valid_from, monthly_gross=monthly_gross))
    else:
        row.monthly_gross = monthly_gross
    session.flush()


def missing_year_notice(values: list[SmicValue], today: date) -> str:
    """A reminder when no value is dated this year: the Smic is usually revalued on 1 January
    (not always: it was not in 2025), so the user is asked to check, not told it is wrong."""
    latest = values[-1]
    if latest.valid_from.year >= today.year:
        return ""
    return (
        f"Aucun montant du Smic n'est enregistré pour {today.year} : le dernier date du "
        f"{date_long(latest.valid_from)}. S'il a été revalorisé, ajoutez la nouvelle valeur "
        "(« Ajouter une valeur du Smic… »)."
    )


def older_than_current(salary: Decimal, values: list[SmicValue], today: date) -> str:
    """A warning when a salary is below the Smic in force today (typically a salary typed at an
    older Smic): the cost shown would be too low."""
    current = value_on(values, today)
    if salary <= 0 or salary >= current.monthly_gross:
        return ""
    older = [v for v in values if v.monthly_gross == salary and v.valid_from < current.valid_from]
    which = (
        f"c'est le Smic du {date_long(older[-1].valid_from)}, "
        if older else ""
    )
    return (
        f"Le salaire saisi ({amount(salary)}) est inférieur au Smic en vigueur "
        f"({current.label}) : {which}le coût affiché est trop bas. Mettez le salaire à jour."
    )
