"""Data and files of the printed documents of one session or one month: the "Programme du
mois" (posted in the library) and the "Feuille d'émargement" (signed by the people present).

This module gathers what they show in one unit of work and hands back the detached
dataclasses of ``printable``; ``printing`` passes them to ``desktop_app.documents.workshops``.

The programme lists the month's collective workshops only: individual appointments are private
and have no seats to offer. A workshop cancelled after the programme was first posted stays on
it, marked "Annulé", so that a reprint tells readers it will not take place.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.structure import get_structure
from desktop_app.services.text import fold
from desktop_app.services.workshops.periods import month_period
from desktop_app.services.workshops.printable import (
    ProgrammeData,
    SessionSummary,
    SheetPerson,
    SignInData,
)
from desktop_app.services.workshops.summaries import session_summary, summarise

__all__ = [
    "ProgrammeData",
    "SheetPerson",
    "SignInData",
    "load_programme",
    "load_sign_in",
    "programme_file_name",
    "sign_in_file_name",
]


def load_programme(
    session: Session, year: int, month: int, *, now: datetime | None = None
) -> ProgrammeData:
    """The month's workshops; with ``now`` (when it is printed), those begun by then are
    printed as held rather than with seats to offer."""
    period = month_period(year, month)
    rows = list(
        session.scalars(
            select(WorkshopSession)
            .where(
                WorkshopSession.kind == "collectif",
                WorkshopSession.start >= period.start_dt,
                WorkshopSession.start < period.end_dt,
            )
            .order_by(WorkshopSession.start, WorkshopSession.id)
        )
    )
    structure = get_structure(session)
    return ProgrammeData(
        structure, year, month, summarise(session, rows, structure), printed_at=now
    )


def programme_file_name(year: int, month: int) -> str:
    return f"programme-ateliers-{year:04d}-{month:02d}.pdf"


def _sort_key(person: SheetPerson) -> tuple[str, str]:
    return fold(person.last_name), fold(person.first_name)


def load_sign_in(session: Session, session_id: int) -> SignInData:
    structure = get_structure(session)
    summary = session_summary(session, session_id, structure)
    registered: list[SheetPerson] = []
    waiting: list[SheetPerson] = []
    for status, last, first, commune in session.execute(
        select(
            Registration.status, Participant.last_name, Participant.first_name, Participant.commune
        )
        .join(Participant, Participant.id == Registration.participant_id)
        .where(Registration.session_id == session_id, Registration.status != "annule")
        .order_by(Registration.registered_at, Registration.id)
    ):
        person = SheetPerson(last or "", first or "", commune or "")
        (registered if status == "inscrit" else waiting).append(person)
    registered.sort(key=_sort_key)
    return SignInData(structure, summary, registered, waiting)


def sign_in_file_name(summary: SessionSummary) -> str:
    return f"emargement-{summary.start:%Y-%m-%d-%Hh%M}-seance-{summary.id}.pdf"
