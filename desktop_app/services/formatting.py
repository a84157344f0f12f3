"""Dates, numbers and amounts written the French way (Babel), for services and documents.

Views use QLocale for widgets; everything printed or exported goes through here.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"


def date_short(value: date | None) -> str:
    """"12/03/2026" (JJ/MM/AAAA), the form of CSV exports and tables."""
    return value.strftime("%d/%m/%Y") if value else ""


def date_long(value: date | None) -> str:
    """"12 mars 2026"."""
    return _babel_date(value, format="d MMMM y", locale=LOCALE) if value else ""


def date_full(value: date | None) -> str:
    """"jeudi 12 mars 2026"."""
    return _babel_date(value, format="EEEE d MMMM y", locale=LOCALE) if value else ""


def date_in_words(value: date) -> str:
    """"1er mars 2026": the French way of writing a date in full, for "Fait à …, le …"."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_babel_date(value, format='MMMM y', locale=LOCALE)}"


def time_short(value: time | datetime) -> str:
    """"14:00"."""
    return value.strftime("%H:%M")


def amount(value: float | Decimal) -> str:
    """"1 554,58 €" (narrow no-break space as thousands separator, as French typography asks)."""
    return format_currency(value, "EUR", locale=LOCALE)


def number(value: float | int | Decimal, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def duration_minutes(minutes: int) -> str:
    """"1 h 30", "45 min"."""
    hours, mins = divmod(int(minutes), 60)
    if hours and mins:
        return f"{hours} h {mins:02d}"
    if hours:
        return f"{hours} h"
    return f"{mins} min"
