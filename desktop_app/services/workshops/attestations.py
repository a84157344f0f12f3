""" "Attestation de participation": one certificate per person marked "Présent" at a session.

Only registrations whose attendance is "present" get a certificate: absent, excused, waiting
or unrecorded people never do, and neither do cancelled sessions. A certificate covers only
attendance on or before its own date: a session after the day it is issued is left out (an
attendance noted ahead of time cannot be certified). Certificates of a whole
session or of a period are produced in one PDF, one page each.

This module gathers the batch; ``printing.write_certificates`` prints it (one page at a time,
with progress and cancellation between pages, into a temporary file moved into place only when
complete).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.profiles.records import sole_recruited_name
from desktop_app.services.structure import get_structure
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.printable import Certificate, CertificateBatch
from desktop_app.services.workshops.summaries import summarise

__all__ = [
    "Certificate",
    "CertificateBatch",
    "NoCertificateError",
    "certificates_file_name",
    "load_certificates",
    "no_certificate_message",
]


class NoCertificateError(ValueError):
    """Nobody to certify; ``str(error)`` tells the user what to check."""


def load_certificates(
    session: Session,
    *,
    session_id: int | None = None,
    period: Period | None = None,
    issued: date | None = None,
) -> CertificateBatch:
    """Certificates of one session (``session_id``) or of every session of ``period``. Each
    certificate names who led its session: the session's own conseiller (a recruited one is
    « conseiller numérique », a named mediator is not given the title); a session that names
    nobody (« Conseiller non précisé », older sessions) names the structure's recruited
    conseiller when there is exactly one, else leaves a line to fill in by hand."""
    if session_id is None and period is None:
        raise ValueError("Choisissez une séance ou une période pour les attestations.")
    issued = issued or date.today()
    ws = WorkshopSession
    up_to = datetime.combine(issued + timedelta(days=1), time.min)
    query = (
        select(ws, Participant.first_name, Participant.last_name)
        .join(Registration, Registration.session_id == ws.id)
        .join(Participant, Participant.id == Registration.participant_id)
        .where(Registration.attendance == "present", ws.status != "annule", ws.start < up_to)
        .order_by(ws.start, ws.id, Participant.last_name, Participant.first_name)
    )
    if session_id is not None:
        query = query.where(ws.id == session_id)
    if period is not None:
        query = query.where(ws.start >= period.start_dt, ws.start < period.end_dt)
    rows = session.execute(query).all()
    structure = get_structure(session)
    unique: dict[int, WorkshopSession] = {}
    for row in rows:
        unique.setdefault(row[0].id, row[0])
    summaries = {s.id: s for s in summarise(session, list(unique.values()), structure)}
    sole = sole_recruited_name(session) if rows else ""

    def leader(row: WorkshopSession) -> tuple[str, bool]:
        name = row.conseiller_name.strip()
        if name:
            return name, row.conseiller_profile_id is not None
        return sole, True

    items = [
        Certificate(first or "", last or "", summaries[ws_row.id], *leader(ws_row))
        for ws_row, first, last in rows
    ]
    return CertificateBatch(structure, items, issued, conseiller=sole)


def no_certificate_message(session_id: int | None, period: Period | None) -> str:
    where = (
        "à cette séance"
        if session_id is not None
        else (f"aux séances {period.label()}" if period else "à ces séances")
    )
    return (
        f"Aucune personne n'est marquée « Présent » {where} : il n'y a pas d'attestation à "
        "produire. Relevez d'abord les présences."
    )


def certificates_file_name(session_id: int | None, period: Period | None) -> str:
    if session_id is not None:
        return f"attestations-seance-{session_id}.pdf"
    if period is not None:
        return f"attestations-{period.start.isoformat()}-au-{period.end.isoformat()}.pdf"
    return "attestations.pdf"
