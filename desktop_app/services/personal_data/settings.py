"""Retention durations and the optional lock's settings, kept with the data (``app_setting``)
so that they follow the base to another PC and into its backups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.structure import get_setting, set_setting

# Proposed defaults: the CNIL's recruitment guidance (2 years after the last contact for a
# candidate not recruited); 3 years after the last activity for people helped (the structure
# chooses); 1 year after return for a loan.
DEFAULT_CANDIDATES_MONTHS = 24
DEFAULT_PARTICIPANTS_MONTHS = 36
DEFAULT_LOANS_MONTHS = 12
MAX_MONTHS = 120

KEYS = {
    "candidates_months": "retention.candidates_months",
    "participants_months": "retention.participants_months",
    "loans_months": "retention.loans_months",
}


@dataclass
class Retention:
    candidates_months: int = DEFAULT_CANDIDATES_MONTHS
    participants_months: int = DEFAULT_PARTICIPANTS_MONTHS
    loans_months: int = DEFAULT_LOANS_MONTHS


class RetentionError(FieldErrors):
    """Durations refused field by field."""


def _int(text: str, default: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return value if 1 <= value <= MAX_MONTHS else default


def get_retention(session: Session) -> Retention:
    defaults = Retention()
    return Retention(**{
        name: _int(get_setting(session, key), getattr(defaults, name)) for name, key in KEYS.items()
    })


def save_retention(session: Session, retention: Retention) -> None:
    errors = {
        name: f"Indiquez une durée entre 1 et {MAX_MONTHS} mois."
        for name in KEYS
        if not 1 <= getattr(retention, name) <= MAX_MONTHS
    }
    if errors:
        raise RetentionError(errors)
    for name, key in KEYS.items():
        set_setting(session, key, str(getattr(retention, name)))


def months_text(months: int) -> str:
    """« 2 ans », « 18 mois », « 1 an »."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} an{'s' if years > 1 else ''}"
    return f"{months} mois"
