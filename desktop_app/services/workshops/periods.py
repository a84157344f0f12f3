"""Periods used by the printed documents, the calendar export and the activity report.

Dates typed on the command line (``AAAA-MM-JJ``, ``AAAA-MM``) are parsed here, so every command
refuses a bad value with the same kind of French sentence. A period is a pair of days, both
included; queries turn it into the half-open datetime range ``[start 00:00, end + 1 day 00:00)``
so that a session at 23:30 on the last day is counted.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop_app.services.formatting import date_in_words, date_short

_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class PeriodError(ValueError):
    """A date or period the user typed is wrong; ``str(error)`` says what to type instead."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"La période finit le {date_short(self.end)}, avant de commencer le "
                f"{date_short(self.start)} : vérifiez les deux dates."
            )

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def end_dt(self) -> datetime:
        """First instant after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def label(self) -> str:
        """ "du 1er mars 2026 au 31 mars 2026" (or "le 12 mars 2026" for one day)."""
        if self.start == self.end:
            return f"le {date_in_words(self.start)}"
        return f"du {date_in_words(self.start)} au {date_in_words(self.end)}"

    def short_label(self) -> str:
        return f"du {date_short(self.start)} au {date_short(self.end)}"


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last))


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def parse_day(text: str, what: str = "la date") -> date:
    """``"2026-03-15"`` → ``date``; a French ``PeriodError`` naming ``what`` otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise PeriodError(
            f"{what} « {text} » n'est pas une date valide : écrivez-la AAAA-MM-JJ, "
            "par exemple 2026-03-15."
        ) from None


def parse_month(text: str, what: str = "le mois") -> tuple[int, int]:
    """``"2026-03"`` → ``(2026, 3)``; a French ``PeriodError`` otherwise."""
    match = _MONTH_RE.match(text or "")
    if match and 1 <= int(match[2]) <= 12 and 1900 <= int(match[1]) <= 9999:
        return int(match[1]), int(match[2])
    raise PeriodError(
        f"{what} « {text} » n'est pas valide : écrivez-le AAAA-MM, par exemple 2026-03."
    )


def period_from_text(start: str | None, end: str | None, *, default: Period) -> Period:
    """A period from optional ``--from`` / ``--to`` values; missing bounds come from ``default``.

    When only ``--from`` is given and it falls after the default end, the period runs to the
    end of that day's year rather than ending before it starts.
    """
    first = parse_day(start, "La date de début (--from)") if start else default.start
    last = parse_day(end, "La date de fin (--to)") if end else default.end
    if start and not end and last < first:
        last = date(first.year, 12, 31)
    if end and not start and first > last:
        first = date(last.year, 1, 1)
    return Period(first, last)
