"""Dates as people type them, month arithmetic and plausible ranges — one place for all areas.

People type dates the way they write them: ``12/03/2027``, ``12032027``, ``12/3/27``,
``12-03-2027``, ``12.03.27`` or just ``12`` (this month) and ``12/03`` (this year), or in
words: ``20 décembre 2026``, ``1er mars``, ``mardi 3 févr. 27`` (the weekday, accents and case
do not matter; a month is known by its first three letters or more, ``juil``/``juin`` apart). Times are
typed ``10``, ``10h``, ``10:30``, ``10h30`` or ``1030``. Parsing lives here, without Qt, so the
command line accepts the same forms and the rules are tested headless; the GUI's date and time
fields call these functions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from desktop_app.services.text import fold

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_FOLDED_MONTHS = tuple(fold(name) for name in MONTHS_FR)

_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})(?:\s*[/.\- ]\s*(\d{2}|\d{4}))?\s*$")
_DIGITS = re.compile(r"^\s*(\d{1,8})\s*$")
_WORDS = re.compile(
    r"^\s*(?:[^\W\d_]+\.?\s+)?(\d{1,2})\s*(?:er)?\s+([^\W\d_]+)\.?(?:\s+(\d{2}|\d{4}))?\s*$"
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[h:.]\s*(\d{1,2})?)?\s*(?:min)?\s*$", re.IGNORECASE)
_TIME_DIGITS = re.compile(r"^\s*(\d{3,4})\s*$")


class DateInputError(ValueError):
    """A French message saying what is wrong with a typed date or time and what to type."""


def _year(value: str, today: date) -> int:
    number = int(value)
    if len(value) == 4:
        return number
    # Two digits: the nearest century to today ("27" in 2026 is 2027, "98" is 1998).
    century = today.year - today.year % 100
    candidates = (century - 100 + number, century + number, century + 100 + number)
    return min(candidates, key=lambda y: abs(y - today.year))


def _month_named(word: str) -> int | None:
    """1–12 for a French month's name or its start (``déc``, ``sept``, ``fevr``), None for
    anything else — a start shared by two months (``ju``, ``ma``) is no month."""
    folded = fold(word)
    if len(folded) < 3:
        return None
    found = [i for i, name in enumerate(_FOLDED_MONTHS, start=1) if name.startswith(folded)]
    return found[0] if len(found) == 1 else None


def _make(day: int, month: int, year: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if (day, month) == (29, 2):
            leap = next(y for y in range(year, year + 8) if calendar.isleap(y))
            raise DateInputError(
                f"Le 29 février n'existe pas en {year} : tapez l'année d'un 29 février, par "
                f"exemple 29/02/{leap}."
            ) from None
        raise DateInputError(
            f"« {text.strip()} » n'est pas une date qui existe : tapez-la sous la forme "
            "JJ/MM/AAAA, par exemple 12/03/2027."
        ) from None


Yearless = Literal["this_year", "upcoming", "nearest"]
"""How a date typed without its year (``1er septembre``, ``12/03``, ``12``) is placed:
``this_year`` (the default: this year, this month for a day alone), ``upcoming`` (today or the
next such day: a wished start date, a planned session) or ``nearest`` (the such day nearest to
today, before or after: a date that may be recorded after the fact)."""


def _placed(day: int, month: int | None, text: str, today: date, yearless: Yearless,
            valid: DateRange | None) -> date:
    """The date a day (and month) typed without a year stands for.

    The candidates are that day in the previous, this and the next year (or month, for a day
    alone), those that exist. ``yearless`` picks the preferred one; when it is outside
    ``valid`` but another candidate is inside, that one is taken, nearest to today first
    (« 15/01 » typed on 3 December for a return due within the year is next January). With
    none inside, the preferred one is returned for the range to explain the refusal."""
    if month is None:
        months = [add_months(today.replace(day=1), shift) for shift in (0, -1, 1)]
        choices = [(first.year, first.month) for first in months]
    else:
        choices = [(today.year + shift, month) for shift in (0, -1, 1)]
    if month is None or yearless == "this_year":
        # this month's (this year's) must exist: « 31 » in November is a slip, not December
        _make(day, choices[0][1], choices[0][0], text)
    candidates: list[date] = []
    for year, month_of in choices:
        try:
            candidates.append(date(year, month_of, day))
        except ValueError:
            continue
    if not candidates:
        _make(day, choices[0][1], choices[0][0], text)  # raises the "does not exist" message
    by_distance = sorted(candidates, key=lambda d: (abs((d - today).days), d < today))
    if yearless == "upcoming":
        preferred = min((d for d in candidates if d >= today), default=candidates[0])
    elif yearless == "nearest" and month is not None:
        preferred = by_distance[0]
    else:
        preferred = candidates[0]
    if valid is None or valid.check(preferred) is None:
        return preferred
    inside = [d for d in by_distance if valid.check(d) is None]
    return inside[0] if inside else preferred


def parse_date(text: str, today: date, *, yearless: Yearless = "this_year",
               valid: DateRange | None = None) -> date | None:
    """The date ``text`` stands for, None when it is empty; ``DateInputError`` otherwise.

    A date typed with its year is taken as typed (``valid`` is the caller's to check); one
    typed without is placed by ``yearless`` and ``valid`` (see ``_placed``)."""
    if not text.strip():
        return None
    if m := _ISO.match(text):
        return _make(int(m[3]), int(m[2]), int(m[1]), text)
    if m := _SEPARATED.match(text):
        if m[3]:
            return _make(int(m[1]), int(m[2]), _year(m[3], today), text)
        return _placed_checked(int(m[1]), int(m[2]), text, today, yearless, valid)
    if (m := _WORDS.match(text)) and (month := _month_named(m[2])) is not None:
        if m[3]:
            return _make(int(m[1]), month, _year(m[3], today), text)
        return _placed_checked(int(m[1]), month, text, today, yearless, valid)
    if m := _DIGITS.match(text):
        digits = m[1]
        if len(digits) <= 2:  # "12": the 12th of this month
            return _placed_checked(int(digits), None, text, today, yearless, valid)
        if len(digits) == 4:  # "1203": 12 March this year
            return _placed_checked(int(digits[:2]), int(digits[2:]), text, today, yearless, valid)
        if len(digits) in (6, 8):  # "120327", "12032027"
            return _make(int(digits[:2]), int(digits[2:4]), _year(digits[4:], today), text)
    raise DateInputError(
        f"« {text.strip()} » n'est pas une date : tapez-la sous la forme JJ/MM/AAAA, par "
        "exemple 12/03/2027 (ou 12032027, 12/3/27, 12 mars 2027)."
    )


def _placed_checked(day: int, month: int | None, text: str, today: date, yearless: Yearless,
                    valid: DateRange | None) -> date:
    """``_placed`` for a day and month that can exist at all (« 31/04 », « 0 », « 13/13 »
    are refused with the "does not exist" message, whatever the year)."""
    if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        _make(day, month or today.month, today.year, text)
    return _placed(day, month, text, today, yearless, valid)


def parse_time(text: str) -> time | None:
    """The time ``text`` stands for, None when it is empty; ``DateInputError`` otherwise."""
    if not text.strip():
        return None
    hour = minute = None
    if m := _TIME.match(text):
        hour, minute = int(m[1]), int(m[2] or 0)
    elif m := _TIME_DIGITS.match(text):
        hour, minute = int(m[1][:-2]), int(m[1][-2:])
    if hour is None or minute is None or hour > 23 or minute > 59:
        raise DateInputError(
            f"« {text.strip()} » n'est pas une heure : tapez par exemple 10, 10h, 10h30 ou 10:30."
        )
    return time(hour, minute)


def date_text(value: date | None) -> str:
    """``12/03/2027``: how dates are shown in fields and tables."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def time_text(value: time | None) -> str:
    """``10:30``: how times are shown in fields."""
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def long_date(value: date) -> str:
    """``12 mars 2027`` (``1er`` for the first of the month), as printed documents write it."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class DateRange:
    """The plausible dates of one field, with the words that say why when one is refused."""

    earliest: date | None = None
    latest: date | None = None
    what: str = "La date"

    def check(self, value: date) -> str | None:
        """A French message when ``value`` is outside the range, None when it is plausible."""
        if self.earliest is not None and value < self.earliest:
            return f"{self.what} ne peut pas être avant le {date_text(self.earliest)}."
        if self.latest is not None and value > self.latest:
            return f"{self.what} ne peut pas être après le {date_text(self.latest)}."
        return None


def plausible_range(today: date, *, years_back: int = 10, years_ahead: int = 5) -> DateRange:
    """The default range of a date field: a few years around today. A date in 2202 or in 1926
    is a typing slip, not a plan."""
    return DateRange(
        add_months(today, -12 * years_back), add_months(today, 12 * years_ahead)
    )


def birth_year_range(today: date) -> tuple[int, int]:
    """A birth year from 1900 to this year."""
    return 1900, today.year


def check_period(start: date, end: date, *, max_days: int | None = None,
                 what: str = "La période") -> str | None:
    """A French message when ``end`` is before ``start`` or the period is longer than
    ``max_days`` days (a training period of more than a year is a typing slip)."""
    if end < start:
        return "La date de fin est avant la date de début : corrigez l'une des deux dates."
    if max_days is not None and (end - start).days + 1 > max_days:
        return f"{what} dure plus de {max_days} jours : vérifiez les dates."
    return None


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` months, kept inside the month (31 January + 1 → 28/29 Feb)."""
    return day + relativedelta(months=months)


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of the month holding ``day``."""
    first = day.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())
