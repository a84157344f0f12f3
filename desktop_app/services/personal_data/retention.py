"""What is past its retention date, proposed for anonymisation in one reviewed list.

Nothing is ever anonymised without the user ticking it: ``due_items`` only lists, and
``anonymise`` only acts on what it is given. The clock is the caller's (``ctx.today()``), so
tests fix the day.

- a candidate not recruited (every status before "Candidat recruté"): last contact = the latest
  of the status change, the history's dates, the interviews and the profile's creation;
- a person helped: last activity = the latest session they were registered for, or the day
  their record was created;
- a loan to a person: its return (closed loans only; a loan still out is never due).
Recruited conseillers are employees: their file follows the employer's own rules, not these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.kit import KitLoan
from desktop_app.models.profiles import (
    STATUS_NEW,
    STATUS_NOT_RETAINED,
    STATUS_PRESELECTED,
    STATUS_VALIDATED,
    Interview,
    Profile,
    ProfileEvent,
)
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.dates import add_months
from desktop_app.services.personal_data.records import (
    ANON_BORROWER,
    ANON_PARTICIPANT,
    ANON_PROFILE,
    IdentityRow,
    PersonMatch,
    RecordRef,
)
from desktop_app.services.personal_data.settings import Retention, months_text

NOT_RECRUITED = (STATUS_NEW, STATUS_PRESELECTED, STATUS_NOT_RETAINED, STATUS_VALIDATED)
KIND_TITLES = {
    "C": "Candidats non recrutés",
    "P": "Personnes accompagnées",
    "E": "Prêts du kit rendus",
}


@dataclass(frozen=True)
class DueItem:
    ref: RecordRef
    name: str
    last_activity: date
    due_on: date  # the day it became due

    @property
    def text(self) -> str:
        what = {"C": "dernier contact", "P": "dernière activité", "E": "rendu"}[self.ref.kind]
        return f"{self.name} — {what} le {self.last_activity:%d/%m/%Y}"


def _latest(*days: date | None) -> date | None:
    found = [d for d in days if d is not None]
    return max(found) if found else None


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()  # type: ignore[no-any-return]
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def due_items(session: Session, today: date, retention: Retention) -> list[DueItem]:
    items: list[DueItem] = []
    events = dict(session.execute(
        select(ProfileEvent.profile_id, func.max(ProfileEvent.event_date))
        .group_by(ProfileEvent.profile_id)
    ).all())
    interviews = dict(session.execute(
        select(Interview.profile_id, func.max(Interview.start)).group_by(Interview.profile_id)
    ).all())
    for p in session.execute(select(
        Profile.id, Profile.first_name, Profile.last_name, Profile.status_changed_on,
        Profile.created_at,
    ).where(Profile.status.in_(NOT_RECRUITED), Profile.last_name != ANON_PROFILE)):
        last = _latest(_as_date(p.status_changed_on), _as_date(events.get(p.id)),
                       _as_date(interviews.get(p.id)), _as_date(p.created_at))
        if last is None:
            continue
        due = add_months(last, retention.candidates_months)
        if due <= today:
            items.append(DueItem(RecordRef("C", p.id), f"{p.first_name} {p.last_name}".strip(),
                                 last, due))
    sessions = dict(session.execute(
        select(Registration.participant_id, func.max(WorkshopSession.start))
        .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
        .group_by(Registration.participant_id)
    ).all())
    for w in session.execute(select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.created_at,
    ).where(Participant.last_name != ANON_PARTICIPANT)):
        last = _latest(_as_date(sessions.get(w.id)), _as_date(w.created_at))
        if last is None:
            continue
        due = add_months(last, retention.participants_months)
        if due <= today:
            items.append(DueItem(RecordRef("P", w.id), f"{w.first_name} {w.last_name}".strip(),
                                 last, due))
    for loan in session.execute(select(KitLoan.id, KitLoan.borrower_name, KitLoan.closed_at).where(
        KitLoan.borrower_kind == "personne", KitLoan.closed_at.is_not(None),
        KitLoan.borrower_name != ANON_BORROWER,
    )):
        last = _as_date(loan.closed_at)
        assert last is not None
        due = add_months(last, retention.loans_months)
        if due <= today:
            items.append(DueItem(RecordRef("E", loan.id), loan.borrower_name, last, due))
    items.sort(key=lambda i: ("CPE".index(i.ref.kind), i.last_activity, i.name))
    return items


def summary(items: list[DueItem], retention: Retention) -> str:
    """« 12 personnes accompagnées n'ont pas eu d'activité depuis plus de 3 ans : … »."""
    lines = []
    counts = {k: sum(1 for i in items if i.ref.kind == k) for k in "CPE"}
    if n := counts["C"]:
        lines.append(f"{n} candidat{'s' if n > 1 else ''} non recruté{'s' if n > 1 else ''} "
                     f"sans contact depuis plus de {months_text(retention.candidates_months)}")
    if n := counts["P"]:
        verb = "n'ont" if n > 1 else "n'a"
        lines.append(f"{n} personne{'s' if n > 1 else ''} accompagnée{'s' if n > 1 else ''} "
                     f"{verb} pas eu d'activité depuis plus de "
                     f"{months_text(retention.participants_months)}")
    if n := counts["E"]:
        lines.append(f"{n} prêt{'s' if n > 1 else ''} rendu{'s' if n > 1 else ''} depuis plus "
                     f"de {months_text(retention.loans_months)}")
    return " ; ".join(lines)


def anonymise(session: Session, items: list[DueItem]) -> int:
    """Anonymise exactly the records given (the ones the user kept ticked)."""
    from desktop_app.services.personal_data.erase import erase_records

    done = 0
    for item in items:
        row = IdentityRow(item.ref, item.name)
        _fill_contact(session, row)
        match = PersonMatch(item.ref.token, item.name, [row])
        done += erase_records(session, match, [item.ref]).records
    return done


def _fill_contact(session: Session, row: IdentityRow) -> None:
    """The e-mail and phone of the record, so that they are cut out of notes too."""
    model = {"C": Profile, "P": Participant, "E": KitLoan}[row.ref.kind]
    record = session.get(model, row.ref.row_id)
    if record is not None:
        row.email = getattr(record, "email", "") or ""
        row.phone = getattr(record, "phone", "") or ""
