"""Data and files of the printed documents of one session or one month: the "Programme du
mois" (posted in the library) and the "Feuille d'émargement" (signed by the people present).

The documents themselves live in ``desktop_app.documents.workshops``; this module gathers what
they show in one unit of work and hands them detached dataclasses.

The programme lists the month's collective workshops only: individual appointments are private
and have no seats to offer. A workshop cancelled after the programme was first posted stays on
it, marked "Annulé", so that a reprint tells readers it will not take place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.structure import StructureInfo, get_structure
from desktop_app.services.text import fold
from desktop_app.services.workshops.periods import Period, month_period
from desktop_app.services.workshops.summaries import SessionSummary, session_summary, summarise


@dataclass(frozen=True)
class ProgrammeData:
    structure: StructureInfo
    year: int
    month: int
    sessions: list[SessionSummary]

    @property
    def period(self) -> Period:
        return month_period(self.year, self.month)


def load_programme(session: Session, year: int, month: int) -> ProgrammeData:
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
    return ProgrammeData(structure, year, month, summarise(session, rows, structure))


def write_programme_pdf(session: Session, out: Path, year: int, month: int) -> ProgrammeData:
    from desktop_app.documents.workshops.programme import build_programme

    data = load_programme(session, year, month)
    build_programme(out, data)
    return data


def programme_file_name(year: int, month: int) -> str:
    return f"programme-ateliers-{year:04d}-{month:02d}.pdf"


@dataclass(frozen=True)
class SheetPerson:
    last_name: str
    first_name: str
    commune: str


@dataclass(frozen=True)
class SignInData:
    structure: StructureInfo
    summary: SessionSummary
    people: list[SheetPerson]  # registered ("inscrit"), sorted by name
    waiting: list[SheetPerson]  # waiting list, in arrival order


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


def write_sign_in_pdf(session: Session, out: Path, session_id: int) -> SignInData:
    from desktop_app.documents.workshops.sign_in_sheet import build_sign_in_sheet

    data = load_sign_in(session, session_id)
    build_sign_in_sheet(out, data)
    return data


def sign_in_file_name(summary: SessionSummary) -> str:
    return f"emargement-{summary.start:%Y-%m-%d-%Hh%M}-seance-{summary.id}.pdf"


def today_month() -> tuple[int, int]:
    today = date.today()
    return today.year, today.month
