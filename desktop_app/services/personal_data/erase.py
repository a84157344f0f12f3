"""Correcting and erasing a person (rights of rectification and erasure), and the VACUUM that
makes an erasure real in the file.

Erasing keeps the figures: a participant's registrations and attendance stay, with their age
bracket (or birth year), social status, gender and commune of residence (what the activity
reports count); their name, contact and notes go. A candidate's profile keeps its status, dates and decision history under
"Candidat anonymisé"; identity, contact, CV file, free texts and the details of the history go.
A loan keeps its dates and items under "Emprunteur anonymisé". The person's name, e-mail and
phone are cut out of every other note ("mentions"), including a note that names them only by a
name a namesake also bears (the note may be about either; once cut it names neither). Only the
person's own records are anonymised: a namesake's never (``records.person``), and ``erase``
refuses when the records are no longer those the user confirmed.

SQLite keeps deleted text in free pages and in the WAL until they are overwritten: after the
changes are committed the WAL is checkpointed, the file rebuilt by ``VACUUM`` and the WAL
truncated, so that no byte of the old values remains in the database's files. Backups taken
before the erasure still hold it: ``backups_before`` lists them so the user can purge them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop_app.models.kit import KitEvent, KitLoan, KitLoanItem
from desktop_app.models.profiles import (
    REFUSAL_REASONS,
    SOURCES,
    Interview,
    Profile,
    ProfileEvent,
)
from desktop_app.models.request import RecruitmentRequest
from desktop_app.models.workshops import Participant
from desktop_app.services import validation
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.personal_data import identity
from desktop_app.services.personal_data.collect import PersonData
from desktop_app.services.personal_data.records import (
    ANON_BORROWER,
    ANON_PARTICIPANT,
    ANON_PROFILE,
    PersonMatch,
    RecordRef,
    mentions_of,
    person,
)
from desktop_app.services.structure import get_setting, set_setting

if TYPE_CHECKING:
    from desktop_app.backup_files import BackupInfo
    from desktop_app.db import Database

log = logging.getLogger(__name__)

LAST_ERASURE_KEY = "personal_data.last_erasure"
_SAFE_DETAILS = frozenset(SOURCES.values()) | frozenset(REFUSAL_REASONS)

Needles = tuple[list[tuple[str, ...]], list[str], list[str]]


# What an erasure does to each kind of record, as the confirmation says it (kept in step with
# the _erase_* functions below).
ERASED: dict[str, str] = {
    "C": "effacés : nom, prénom, e-mail, téléphone, code postal, commune, diplôme, détail de "
         "l'expérience, notes, CV joint ; historique : libellés et détails retirés ; "
         "entretiens : notes effacées",
    "P": "effacés : nom, prénom, téléphone, e-mail, notes",
    "E": "effacés : nom de l'emprunteur, téléphone, notes, remarques au retour ; l'historique "
         "du kit n'en garde plus rien",
    "D": "retirés de la demande : nom et e-mail du candidat",
}
KEPT: dict[str, str] = {
    "C": "gardés sans nom : statut, dates et décisions du recrutement",
    "P": "gardés sans nom : inscriptions et présences, tranche d'âge ou année de naissance, "
         "statut social, genre, commune (les chiffres des bilans)",
    "E": "gardés sans nom : dates du prêt et articles prêtés",
    "D": "la demande elle-même reste",
}


def erasure_lines(data: PersonData, match: PersonMatch) -> tuple[list[str], list[str]]:
    """The records the erasure anonymises (one line each, with what identifies it), and the
    full list for the question's detail: records, what each holds, notes changed, files."""
    records = [row.summary for row in match.rows]
    details = ["Fiches anonymisées :"]
    for row, section in zip(match.rows, data.sections, strict=True):
        details.append(f"  {row.summary}")
        details.append(f"    {ERASED[row.ref.kind]}")
        count = len(section.children)
        attached = {"P": _plural(count, "inscription"), "E": _plural(count, "article prêté"),
                    "C": f"{_plural(count, 'élément')} d'historique, d'entretien ou de formation"}
        kept = KEPT[row.ref.kind]
        details.append(f"    {kept} ({attached[row.ref.kind]})" if count else f"    {kept}")
    if data.mentions:
        details.append("Notes dont son nom, son e-mail ou son téléphone sont retirés :")
        details.extend(f"  {m.source}" for m in data.mentions)
    if data.shared_mentions:
        others = ", ".join(o.token for o in match.namesakes)
        details.append(f"Notes qui citent ce nom, porté aussi par {others} (le nom en est "
                       "retiré ; la fiche de l'autre personne reste intacte) :")
        details.extend(f"  {m.source}" for m in data.shared_mentions)
    if data.files:
        details.append("Fichiers joints supprimés :")
        details.extend(f"  {f}" for f in data.files)
    return records, details


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


@dataclass
class Erasure:
    """What one erasure changed (for the message shown to the user)."""

    records: int = 0
    mentions: int = 0
    cv_files: list[str] = field(default_factory=list)  # stored names, deleted after the commit
    cv_left: list[str] = field(default_factory=list)  # those that could not be deleted


def _scrub(text: str, needles: Needles) -> str:
    return identity.scrub(text, *needles)


def _erase_profile(session: Session, profile_id: int, needles: Needles, result: Erasure) -> None:
    profile = session.get(Profile, profile_id)
    if profile is None:
        return
    if profile.cv_file:
        result.cv_files.append(profile.cv_file)
    profile.first_name = ""
    profile.last_name = ANON_PROFILE
    profile.email = ""
    profile.phone = ""
    profile.postal_code = ""
    profile.commune = ""
    profile.diploma = ""
    profile.experience_details = ""
    profile.cv_file = ""
    profile.notes = ""
    profile.refusal_reason = _scrub(profile.refusal_reason, needles)  # the decision stays
    for event in session.scalars(select(ProfileEvent).where(ProfileEvent.profile_id == profile_id)):
        event.label = _scrub(event.label, needles)
        if event.detail not in _SAFE_DETAILS:
            event.detail = ""
    for interview in session.scalars(select(Interview).where(Interview.profile_id == profile_id)):
        interview.notes = ""
    result.records += 1


def _erase_participant(session: Session, participant_id: int, result: Erasure) -> None:
    participant = session.get(Participant, participant_id)
    if participant is None:
        return
    participant.first_name = ""
    participant.last_name = ANON_PARTICIPANT
    participant.phone = ""
    participant.email = ""
    participant.notes = ""
    # kept: age bracket (or birth year), status, gender and commune of residence, the
    # anonymous facts the activity reports count
    result.records += 1


def _erase_loan(session: Session, loan_id: int, needles: Needles, result: Erasure) -> None:
    loan = session.get(KitLoan, loan_id)
    if loan is None:
        return
    old_name = loan.borrower_name
    # The kit's history tells the loan: "à <name>, retour prévu … (prêt n° N)" when lent,
    # "par <name>, état : Bon, <remarque>" when returned: the events of the loan's items
    # between its start and each item's return.
    for line in session.scalars(select(KitLoanItem).where(KitLoanItem.loan_id == loan_id)):
        events = select(KitEvent).where(KitEvent.item_id == line.item_id,
                                        KitEvent.at >= loan.start)
        if line.returned_at is not None:
            events = events.where(KitEvent.at <= line.returned_at)
        for event in session.scalars(events):
            text = event.detail
            if old_name:
                text = text.replace(old_name, ANON_BORROWER)
            if line.return_notes:
                text = text.replace(line.return_notes, "").rstrip(", ")
            event.detail = _scrub(text, needles)
    loan.borrower_name = ANON_BORROWER
    loan.phone = ""
    loan.notes = ""
    session.execute(update(KitLoanItem).where(KitLoanItem.loan_id == loan_id)
                    .values(return_notes=""))
    result.records += 1


def _erase_request_candidate(session: Session, request_id: int, result: Erasure) -> None:
    request = session.get(RecruitmentRequest, request_id)
    if request is None:
        return
    request.candidate_name = ""
    request.candidate_email = ""
    result.records += 1


def erase_records(session: Session, match: PersonMatch, refs: list[RecordRef] | None = None,
                  *, with_mentions: bool = True) -> Erasure:
    """Anonymise ``refs`` (all the person's records by default) and cut the person out of the
    other notes. Runs in the caller's transaction; CV files are deleted by ``erase``."""
    needles = match.needles()
    result = Erasure()
    for ref in refs if refs is not None else match.refs:
        if ref.kind == "C":
            _erase_profile(session, ref.row_id, needles, result)
        elif ref.kind == "P":
            _erase_participant(session, ref.row_id, result)
        elif ref.kind == "E":
            _erase_loan(session, ref.row_id, needles, result)
        elif ref.kind == "D":
            _erase_request_candidate(session, ref.row_id, result)
    session.flush()
    if with_mentions:
        tables = _mention_models()
        for mention in mentions_of(session, match):
            model = tables.get(mention.table)
            row = session.get(model, mention.row_id) if model is not None else None
            if row is None:
                continue
            setattr(row, mention.column, _scrub(getattr(row, mention.column), needles))
            result.mentions += 1
    return result


def _mention_models() -> dict[str, type]:
    from desktop_app.models.base import Base

    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def remove_cv_files(stored: list[str]) -> list[str]:
    """Delete the attached files (only inside the data folder); the names not deleted."""
    from desktop_app.services.profiles.records import cv_path

    left = []
    for name in stored:
        path = cv_path(name)
        if path is None:
            continue
        try:
            path.unlink()
        except OSError as exc:  # the message names no one: only the kind of failure
            log.warning("Fichier joint d'une personne effacée non supprimé (%s)",
                        type(exc).__name__)
            left.append(name)
    return left


class VacuumError(FieldErrors):
    """The erasure is saved but the file could not be rebuilt: old bytes may remain."""


def vacuum(db: Database) -> None:
    """Rebuild the file so that no old value survives in free pages or in the WAL."""
    import sqlite3

    raw = db.engine.raw_connection()
    try:
        conn = raw.driver_connection
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        log.warning("VACUUM après effacement impossible (%s)", type(exc).__name__)
        raise VacuumError(
            {}, "L'effacement est enregistré, mais le fichier de la base n'a pas pu être "
            "nettoyé (base occupée ou disque plein) : d'anciennes valeurs peuvent y rester. "
            "Le nettoyage sera refait à la prochaine ouverture de CNum Biblio ; fermez les "
            "autres programmes qui utilisent la base et libérez de la place sur le disque."
        ) from exc
    finally:
        raw.close()


VACUUM_PENDING_KEY = "personal_data.vacuum_pending"


def vacuum_after_change(db: Database) -> None:
    """``vacuum``, remembering when it failed so that ``vacuum_if_pending`` retries it."""
    try:
        vacuum(db)
    except VacuumError:
        with db.session() as session:
            set_setting(session, VACUUM_PENDING_KEY, "1")
        raise
    with db.session() as session:
        if get_setting(session, VACUUM_PENDING_KEY):
            set_setting(session, VACUUM_PENDING_KEY, "")


def vacuum_if_pending(db: Database) -> bool:
    """At start-up: the clean-up an earlier erasure could not finish; True when done now."""
    with db.session() as session:
        if not get_setting(session, VACUUM_PENDING_KEY):
            return False
    try:
        vacuum_after_change(db)
    except VacuumError:
        return False
    return True


def erase(db: Database, token: str, now: datetime,
          expected: list[RecordRef] | None = None) -> Erasure:
    """Erase the person ``token`` names: anonymise, commit, delete their CV, vacuum.
    ``expected``: the records the user confirmed; ``PersonChanged`` (nothing erased) unless
    the person's records are still exactly those."""
    with db.session() as session:
        match = person(session, token, expected)
        result = erase_records(session, match)
        set_setting(session, LAST_ERASURE_KEY, now.isoformat(timespec="seconds"))
    result.cv_left = remove_cv_files(result.cv_files)
    vacuum_after_change(db)
    return result


def last_erasure(session: Session) -> datetime | None:
    value = get_setting(session, LAST_ERASURE_KEY)
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def backups_before(db_path: Path, when: datetime | None) -> list[BackupInfo]:
    """Backups of this base taken before ``when``: they still hold what was erased."""
    from desktop_app.backup_files import list_backups_for

    if when is None:
        return []
    return [b for b in list_backups_for(db_path) if b.taken_at <= when]  # same second: listed


def purge_backups(backups: list[BackupInfo]) -> list[Path]:
    """Delete the given backups; the ones that could not be deleted."""
    left = []
    for backup in backups:
        try:
            backup.path.unlink(missing_ok=True)
        except OSError:
            left.append(backup.path)
    return left


# -- correcting --------------------------------------------------------------------------------
@dataclass
class Correction:
    first_name: str
    last_name: str
    email: str
    phone: str


class CorrectionError(FieldErrors):
    """A correction refused field by field."""


def check_correction(data: Correction) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.last_name.strip():
        errors["last_name"] = "Le nom est obligatoire."
    if data.email.strip() and (msg := validation.check_email(data.email)):
        errors["email"] = msg
    if data.phone.strip() and (msg := validation.check_phone(data.phone)):
        errors["phone"] = msg
    return errors


def correct(session: Session, token: str, data: Correction) -> int:
    """The same name, e-mail and phone on every record of the person; how many changed."""
    if errors := check_correction(data):
        raise CorrectionError(errors)
    match = person(session, token)
    first, last = data.first_name.strip(), data.last_name.strip()
    email, phone = data.email.strip(), data.phone.strip()
    full = f"{first} {last}".strip()
    for ref in match.refs:
        if ref.kind == "C" and (p := session.get(Profile, ref.row_id)) is not None:
            p.first_name, p.last_name, p.email, p.phone = first, last, email, phone
        elif ref.kind == "P" and (w := session.get(Participant, ref.row_id)) is not None:
            w.first_name, w.last_name, w.email, w.phone = first, last, email, phone
        elif ref.kind == "E" and (k := session.get(KitLoan, ref.row_id)) is not None:
            k.borrower_name, k.phone = full, phone
        elif ref.kind == "D" and (r := session.get(RecruitmentRequest, ref.row_id)) is not None:
            r.candidate_name, r.candidate_email = full, email
    return len(match.refs)
