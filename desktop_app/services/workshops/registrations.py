"""Registrations: capacity, the waiting list ("Liste d'attente") and attendance.

A person registered beyond the capacity waits; when someone registered cancels, the first person
waiting (the earliest registered) moves up automatically, in the same unit of work. Both steps
can be taken back: ``withdraw`` returns what ``undo_withdraw`` needs to restore the person and
to put whoever moved up back at their place in the waiting list (their arrival time is kept),
so a wrong click on "Désinscrire" is never final.

Attendance is a fact about the past: it can be noted once the session has started, never ahead
of time (a certificate or an activity report would otherwise count what has not happened).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    ATTENDANCE,
    REGISTRATION_STATUSES,
    Participant,
    Registration,
    WorkshopSession,
)
from desktop_app.services.formatting import date_short, time_short
from desktop_app.services.text import fold
from desktop_app.services.workshops import ValidationError, WorkshopError


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    participant_id: int
    first_name: str
    last_name: str
    status: str
    attendance: str | None
    registered_at: datetime
    position: int = 0  # rank in the waiting list (1 = next to move up), 0 otherwise
    phone: str = ""
    commune: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def status_label(self) -> str:
        label = REGISTRATION_STATUSES.get(self.status, self.status)
        return f"{label} ({self.position})" if self.position else label

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE.get(self.attendance or "", "")


@dataclass(frozen=True)
class RegisterResult:
    registration_id: int
    status: str  # "inscrit" or "attente"
    message: str


def _session_row(session: Session, session_id: int) -> WorkshopSession:
    row = session.get(WorkshopSession, session_id)
    if row is None:
        raise ValidationError({"session": "Cette séance n'existe plus."})
    return row


def _registered_count(session: Session, session_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Registration.id)).where(
                Registration.session_id == session_id, Registration.status == "inscrit"
            )
        )
        or 0
    )


def _name(session: Session, participant_id: int) -> str:
    p = session.get(Participant, participant_id)
    return f"{p.first_name} {p.last_name}" if p else "?"


def register(session: Session, session_id: int, participant_id: int) -> RegisterResult:
    """Register a person, or put them on the waiting list when the session is full."""
    row = _session_row(session, session_id)
    if row.status == "annule":
        raise WorkshopError("Cette séance est annulée : on ne peut plus s'y inscrire.")
    if row.kind == "individuel":
        raise WorkshopError(
            "Un accompagnement individuel concerne une seule personne : changez-la dans la fiche "
            "de la séance."
        )
    if session.get(Participant, participant_id) is None:
        raise ValidationError({"participant": "Cette personne n'existe plus."})
    name = _name(session, participant_id)
    reg = session.scalar(
        select(Registration).where(
            Registration.session_id == session_id, Registration.participant_id == participant_id
        )
    )
    if reg is not None and reg.status != "annule":
        where = "inscrite" if reg.status == "inscrit" else "sur la liste d'attente"
        raise WorkshopError(f"{name} est déjà {where} pour cette séance.")
    full = row.capacity is not None and _registered_count(session, session_id) >= row.capacity
    status = "attente" if full else "inscrit"
    if reg is None:
        reg = Registration(session_id=session_id, participant_id=participant_id)
        session.add(reg)
    reg.status = status
    reg.attendance = None
    reg.registered_at = datetime.now().replace(microsecond=0)
    session.flush()
    if full:
        message = (
            f"La séance est complète ({row.capacity} places) : {name} est sur la liste d'attente "
            f"(position {_waiting_position(session, session_id, reg.id)})."
        )
    else:
        message = f"{name} est inscrit(e)."
    return RegisterResult(reg.id, status, message)


def _waiting(session: Session, session_id: int) -> list[Registration]:
    return list(
        session.scalars(
            select(Registration)
            .where(Registration.session_id == session_id, Registration.status == "attente")
            .order_by(Registration.registered_at, Registration.id)
        )
    )


def _waiting_position(session: Session, session_id: int, registration_id: int) -> int:
    ids = [r.id for r in _waiting(session, session_id)]
    return ids.index(registration_id) + 1 if registration_id in ids else 0


def promote_waiting(session: Session, session_id: int) -> list[str]:
    """Move people up from the waiting list while places are free; returns their names."""
    row = _session_row(session, session_id)
    moved = []
    free = None if row.capacity is None else row.capacity - _registered_count(session, session_id)
    for reg in _waiting(session, session_id):
        if free is not None and free <= 0:
            break
        reg.status = "inscrit"
        moved.append(_name(session, reg.participant_id))
        if free is not None:
            free -= 1
    session.flush()
    return moved


@dataclass(frozen=True)
class Withdrawal:
    """What "Désinscrire" did, so that it can be taken back (``undo_withdraw``)."""

    registration_id: int
    message: str
    previous_status: str  # "inscrit" or "attente"
    previous_attendance: str | None
    promoted: tuple[int, ...] = field(default=())  # registrations moved up from the waiting list


def withdraw(session: Session, registration_id: int) -> Withdrawal:
    """Cancel a registration; the first person waiting moves up. ``undo_withdraw`` reverses
    both."""
    reg = session.get(Registration, registration_id)
    if reg is None:
        raise WorkshopError("Cette inscription n'existe plus.")
    if reg.status == "annule":
        raise WorkshopError(f"{_name(session, reg.participant_id)} est déjà désinscrit(e).")
    name = _name(session, reg.participant_id)
    previous = (reg.status, reg.attendance)
    reg.status = "annule"
    reg.attendance = None
    session.flush()
    message = f"{name} est désinscrit(e)."
    promoted: list[int] = []
    if previous[0] == "inscrit":
        waiting_before = {r.id for r in _waiting(session, reg.session_id)}
        moved = promote_waiting(session, reg.session_id)
        promoted = sorted(waiting_before - {r.id for r in _waiting(session, reg.session_id)})
        if moved:
            message += f" {', '.join(moved)} quitte la liste d'attente et est inscrit(e)."
    return Withdrawal(registration_id, message, previous[0], previous[1], tuple(promoted))


def unregister(session: Session, registration_id: int) -> str:
    """``withdraw`` when no undo is offered (command line); returns its French message."""
    return withdraw(session, registration_id).message


def undo_withdraw(session: Session, withdrawal: Withdrawal) -> str:
    """Take a "Désinscrire" back: the person is registered (or waiting) again with the same
    attendance, and whoever moved up in their place goes back to the waiting list, at the
    same rank. Refused when the registration changed since (registered again, deleted)."""
    reg = session.get(Registration, withdrawal.registration_id)
    if reg is None or reg.status != "annule":
        raise WorkshopError(
            "Cette désinscription ne peut plus être annulée : l'inscription a changé depuis."
        )
    name = _name(session, reg.participant_id)
    back: list[str] = []
    for rid in withdrawal.promoted:
        other = session.get(Registration, rid)
        # only someone still as promoted goes back; a person noted present since stays
        if other is not None and other.status == "inscrit" and other.attendance is None:
            other.status = "attente"
            back.append(_name(session, other.participant_id))
    session.flush()
    row = _session_row(session, reg.session_id)
    status = withdrawal.previous_status
    if (
        status == "inscrit"
        and row.capacity is not None
        and _registered_count(session, reg.session_id) >= row.capacity
    ):
        status = "attente"  # places were taken meanwhile: back to the waiting list
    reg.status = status
    reg.attendance = withdrawal.previous_attendance if status == "inscrit" else None
    session.flush()
    if status == "inscrit":
        message = f"Désinscription annulée : {name} est de nouveau inscrit(e)."
    else:
        position = _waiting_position(session, reg.session_id, reg.id)
        message = (
            f"Désinscription annulée : {name} est de nouveau sur la liste d'attente "
            f"(position {position})."
        )
    if back:
        message += f" {', '.join(back)} retourne sur la liste d'attente."
    return message


def _check_started(row: WorkshopSession, now: datetime | None) -> None:
    """Attendance only once the session has started (see the module's docstring)."""
    now = now or datetime.now()
    if row.start > now:
        raise WorkshopError(
            f"Cette séance n'a pas encore eu lieu (le {date_short(row.start.date())} à "
            f"{time_short(row.start)}) : les présences se notent à partir de son début."
        )


def set_attendance(
    session: Session, registration_id: int, attendance: str | None, now: datetime | None = None
) -> None:
    """ "Présent", "Absent" or "Excusé" (None clears it), for a registered person only, once
    the session has started (``now``: the caller's clock)."""
    if attendance is not None and attendance not in ATTENDANCE:
        raise ValidationError({"attendance": "Choisissez « Présent », « Absent » ou « Excusé »."})
    reg = session.get(Registration, registration_id)
    if reg is None:
        raise WorkshopError("Cette inscription n'existe plus.")
    if reg.status != "inscrit":
        raise WorkshopError(
            f"{_name(session, reg.participant_id)} n'est pas inscrit(e) à cette séance "
            "(liste d'attente ou désinscription) : sa présence ne peut pas être notée."
        )
    row = _session_row(session, reg.session_id)
    if row.status == "annule":
        raise WorkshopError("Cette séance est annulée : les présences ne peuvent pas être notées.")
    if attendance is not None:
        _check_started(row, now)
    reg.attendance = attendance
    session.flush()


def registrations_for(session: Session, session_id: int) -> list[RegistrationRow]:
    """Registered people by name, then the waiting list in order, then cancelled ones."""
    rows = session.execute(
        select(
            Registration.id,
            Registration.participant_id,
            Participant.first_name,
            Participant.last_name,
            Registration.status,
            Registration.attendance,
            Registration.registered_at,
            Participant.phone,
            Participant.commune,
        )
        .join(Participant, Participant.id == Registration.participant_id)
        .where(Registration.session_id == session_id)
    ).all()
    registered = sorted(
        (r for r in rows if r.status == "inscrit"),
        key=lambda r: (fold(r.last_name), fold(r.first_name)),
    )
    waiting = sorted(
        (r for r in rows if r.status == "attente"), key=lambda r: (r.registered_at, r.id)
    )
    cancelled = sorted(
        (r for r in rows if r.status == "annule"),
        key=lambda r: (fold(r.last_name), fold(r.first_name)),
    )
    result = []
    for r in registered + cancelled:
        result.append(
            RegistrationRow(
                r.id,
                r.participant_id,
                r.first_name,
                r.last_name,
                r.status,
                r.attendance,
                r.registered_at,
                0,
                r.phone,
                r.commune,
            )
        )
    for i, r in enumerate(waiting, 1):
        result.insert(
            len(registered) + i - 1,
            RegistrationRow(
                r.id,
                r.participant_id,
                r.first_name,
                r.last_name,
                r.status,
                r.attendance,
                r.registered_at,
                i,
                r.phone,
                r.commune,
            ),
        )
    return result


def mark_all_present(session: Session, session_id: int, now: datetime | None = None) -> int:
    """Mark every registered person without attendance "Présent" once the session has started;
    returns how many."""
    row = _session_row(session, session_id)
    if row.status == "annule":
        raise WorkshopError("Cette séance est annulée : les présences ne peuvent pas être notées.")
    _check_started(row, now)
    count = 0
    for reg in session.scalars(
        select(Registration).where(
            Registration.session_id == session_id,
            Registration.status == "inscrit",
            Registration.attendance.is_(None),
        )
    ):
        reg.attendance = "present"
        count += 1
    session.flush()
    return count


def register_series(session: Session, session_id: int, participant_id: int) -> str:
    """Register a person for this occurrence and every later one of its series that is not
    cancelled (waiting list where full, already registered ones left as they are); returns one
    French sentence summing it up."""
    first = _session_row(session, session_id)
    rows = [first]
    if first.series_id is not None:  # the same query as series.later_occurrences, which
        # imports sessions, which imports this module: read here to keep the graph acyclic
        rows += session.scalars(
            select(WorkshopSession)
            .where(
                WorkshopSession.series_id == first.series_id,
                WorkshopSession.start >= first.start,
                WorkshopSession.id != first.id,
            )
            .order_by(WorkshopSession.start)
        ).all()
    rows = [r for r in rows if r.status != "annule"]
    registered, waiting, already = [], [], []
    for row in rows:
        try:
            result = register(session, row.id, participant_id)
        except WorkshopError as exc:
            if "déjà" not in str(exc):
                raise
            already.append(row.start)
            continue
        (registered if result.status == "inscrit" else waiting).append(row.start)
    name = _name(session, participant_id)
    parts = [f"{name} : inscrit(e) à {len(registered)} séance(s) de la série"]
    if waiting:
        parts.append(
            "sur la liste d'attente le " + ", ".join(date_short(d.date()) for d in waiting)
        )
    if already:
        parts.append(f"déjà inscrit(e) à {len(already)}")
    return ", ".join(parts) + "."
