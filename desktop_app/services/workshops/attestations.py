""" "Attestation de participation": one certificate per person marked "Présent" at a session.

Only registrations whose attendance is "present" get a certificate: absent, excused, waiting
or unrecorded people never do, and neither do cancelled sessions. Certificates of a whole
session or of a period are produced in one PDF, one page each.

A batch of a few hundred pages takes seconds, so ``write_certificates_pdf`` reports progress
through a callback and asks a cancellation check between pages: the GUI runs it off its thread
with a progress bar and a "Annuler" button, the command line without either. The PDF is written
to a temporary file and moved into place only when complete, so a cancelled or failed batch
never leaves a half-written file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.structure import StructureInfo, get_structure
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.summaries import SessionSummary, summarise

ProgressCallback = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]


class GenerationCancelled(Exception):  # noqa: N818 - reads better at the call site
    """The user pressed "Annuler": nothing was written."""


class NoCertificateError(ValueError):
    """Nobody to certify; ``str(error)`` tells the user what to check."""


@dataclass(frozen=True)
class Certificate:
    first_name: str
    last_name: str
    summary: SessionSummary

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()


@dataclass(frozen=True)
class CertificateBatch:
    structure: StructureInfo
    items: list[Certificate]
    issued: date


def load_certificates(
    session: Session,
    *,
    session_id: int | None = None,
    period: Period | None = None,
    issued: date | None = None,
) -> CertificateBatch:
    """Certificates of one session (``session_id``) or of every session of ``period``."""
    if session_id is None and period is None:
        raise ValueError("Choisissez une séance ou une période pour les attestations.")
    ws = WorkshopSession
    query = (
        select(ws, Participant.first_name, Participant.last_name)
        .join(Registration, Registration.session_id == ws.id)
        .join(Participant, Participant.id == Registration.participant_id)
        .where(Registration.attendance == "present", ws.status != "annule")
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
    items = [
        Certificate(first or "", last or "", summaries[ws_row.id]) for ws_row, first, last in rows
    ]
    return CertificateBatch(structure, items, issued or date.today())


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


def write_certificates_pdf(
    out: Path,
    batch: CertificateBatch,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Write one page per certificate to ``out``; returns the number of pages.

    Raises ``NoCertificateError`` for an empty batch and ``GenerationCancelled`` when
    ``cancelled()`` turns true (``out`` is then left as it was).
    """
    from desktop_app.documents.workshops.attestation import build_attestations

    if not batch.items:
        raise NoCertificateError(no_certificate_message(None, None))
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        build_attestations(tmp, batch, progress=progress, cancelled=cancelled)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(batch.items)


def certificates_file_name(session_id: int | None, period: Period | None) -> str:
    if session_id is not None:
        return f"attestations-seance-{session_id}.pdf"
    if period is not None:
        return f"attestations-{period.start.isoformat()}-au-{period.end.isoformat()}.pdf"
    return "attestations.pdf"
