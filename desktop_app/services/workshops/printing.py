"""Printing of the "Ateliers" tab: load what a document shows, then have ``documents`` draw it.

The one place where the services of the workshops meet ``desktop_app.documents.workshops``: the
GUI (through the operation runner, off its thread) and the command line both call these
functions, so a document is produced the same way from both. The data modules (``programme``,
``attestations``, ``stats``) never import a document and the documents only receive the plain
dataclasses of ``printable``, so there is no import cycle between the two layers.

Every PDF is written to a temporary file beside its target and renamed only once complete
(``services.atomic_files``): a failure or a cancel leaves the previous file, or none, never a
half-written one. Long batches take ``progress`` (``services.progress``): it is told after each
page and cancels the batch by returning False.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.documents.workshops.activity_report import build_activity_report
from desktop_app.documents.workshops.attestation import build_attestations
from desktop_app.documents.workshops.programme import build_programme
from desktop_app.documents.workshops.sign_in_sheet import build_sign_in_sheet
from desktop_app.services.atomic_files import atomic_open, atomic_path
from desktop_app.services.progress import Progress, report
from desktop_app.services.structure import StructureInfo, get_structure
from desktop_app.services.workshops.attestations import (
    NoCertificateError,
    load_certificates,
    no_certificate_message,
)
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.printable import (
    ActivityReport,
    CertificateBatch,
    ProgrammeData,
    SignInData,
)
from desktop_app.services.workshops.programme import load_programme, load_sign_in
from desktop_app.services.workshops.stats import compute_report


def write_programme(
    session: Session, out: Path, year: int, month: int, *, now: datetime | None = None
) -> ProgrammeData:
    """The "Programme du mois" of ``month``/``year`` into ``out``, printed at ``now`` (the
    workshops begun by then read « Terminé »)."""
    data = load_programme(session, year, month, now=now)
    with atomic_open(out, "wb") as fh:
        build_programme(fh, data)
    return data


def write_sign_in(session: Session, out: Path, session_id: int) -> SignInData:
    """The "Feuille d'émargement" of one session into ``out``."""
    data = load_sign_in(session, session_id)
    with atomic_open(out, "wb") as fh:
        build_sign_in_sheet(fh, data)
    return data


def write_certificates(
    out: Path, batch: CertificateBatch, *, progress: Progress | None = None
) -> int:
    """One certificate per page into ``out``; returns the number of pages.

    ``progress(done, total)`` is called after every page; when it returns False the batch stops
    there with ``services.progress.Cancelled`` and ``out`` is left as it was.
    Raises ``NoCertificateError`` for an empty batch.
    """
    if not batch.items:
        raise NoCertificateError(no_certificate_message(None, None))
    total = len(batch.items)
    report(progress, 0, total)
    with atomic_path(Path(out)) as tmp:
        build_attestations(
            tmp,
            batch,
            on_page=lambda done, _total: report(progress, done, total),
            conseiller=batch.conseiller,
        )
        report(progress, total, total)  # "Annuler" pressed after the last page: still nothing
    return total


def load_and_write_certificates(
    session: Session,
    out: Path,
    *,
    session_id: int | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
    issued: date | None = None,
) -> int:
    """The certificates of one session or of a period, loaded then printed."""
    batch = load_certificates(session, session_id=session_id, period=period, issued=issued)
    if not batch.items:
        raise NoCertificateError(no_certificate_message(session_id, period))
    return write_certificates(out, batch, progress=progress)


def write_report(
    out: Path, activity: ActivityReport, structure: StructureInfo, *, issued: date | None = None
) -> None:
    """The "Bilan d'activité" already computed (the GUI shows it before printing it)."""
    with atomic_open(out, "wb") as fh:
        build_activity_report(fh, activity, structure, issued=issued)


def write_report_pdf(session: Session, out: Path, period: Period) -> ActivityReport:
    """Compute the "Bilan d'activité" of ``period`` and print it."""
    activity = compute_report(session, period)
    write_report(out, activity, get_structure(session))
    return activity
