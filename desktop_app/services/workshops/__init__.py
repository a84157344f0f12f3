"""Domain of the "Ateliers" tab: sessions, series, conflicts, participants, registrations.

Modules (part A): ``sessions`` (create, change, cancel, list a date range), ``series``
(recurrences), ``conflicts`` (what is refused and what is only warned about), ``calendar``
(public holidays, closed hours, training days shown in the planner), ``participants`` (one record
per person), ``registrations`` (capacity, waiting list, attendance). Part B adds documents,
``.ics`` export and statistics beside them.

Every function takes an SQLAlchemy ``Session`` opened by the caller (one unit of work) and
returns plain dataclasses; French messages for the user travel in the exceptions below.
"""

from __future__ import annotations

from desktop_app.services.field_errors import FieldErrors


class WorkshopError(ValueError):
    """Base class: ``str(error)`` is a French message the user can act on."""


class ValidationError(FieldErrors, WorkshopError):
    """Fields that are wrong: ``errors`` maps a field name to its French message."""


class ConflictError(WorkshopError):
    """Refused because something clashes (the conseiller is busy, kit units are missing);
    ``messages`` holds one French sentence per clash."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class WarningsNotAccepted(WorkshopError):
    """The change is allowed but deserves a warning (public holiday, closed hours, training
    day); call again with ``allow_warnings=True`` once the user has confirmed."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
