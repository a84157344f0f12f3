"""One person, everywhere: the records that describe them in every area, found by one search.

The person-level records are a candidate's profile (« C »), a workshop participant (« P »), a
borrower of the kit (« E ») and the candidate named in a recruitment request (« D »). Records
sharing an e-mail, a phone number or a full name are one person (``identity``); the person is
named by the token of their first record (``C12``, ``P4``…), which ``chercher`` lists and
``exporter``/``effacer`` take. The person's name, e-mail or phone written in other notes
(a session's notes, an interview's notes, the kit's history) are "mentions", shown and erased
with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.kit import KitEvent, KitLoan, KitLoanItem
from desktop_app.models.profiles import Interview, Profile, ProfileEvent, ProfileRequest
from desktop_app.models.request import RecruitmentRequest, RequestStatusChange
from desktop_app.models.workshops import Participant, WorkshopSession
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.personal_data import identity

KIND_LABELS = {
    "C": "Candidat (Profils reçus)",
    "P": "Participant (Ateliers)",
    "E": "Emprunteur (Kit d'inclusion)",
    "D": "Candidat nommé dans une demande de recrutement",
}
KIND_ORDER = "CPED"

ANON_PROFILE = "Candidat anonymisé"
ANON_PARTICIPANT = "Personne anonymisée"
ANON_BORROWER = "Emprunteur anonymisé"


class PersonNotFound(FieldErrors):
    """A token that names no record (mistyped, or the person was erased)."""


@dataclass(frozen=True)
class RecordRef:
    kind: str  # one of KIND_LABELS
    row_id: int

    @property
    def token(self) -> str:
        return f"{self.kind}{self.row_id}"


@dataclass
class IdentityRow:
    """What a record says of who the person is (enough to link and to search)."""

    ref: RecordRef
    name: str
    email: str = ""
    phone: str = ""
    notes: str = ""
    when: str = ""  # a short description shown in the results ("prêt du 03/02/2026")

    def link_keys(self) -> set[tuple[str, object]]:
        found: set[tuple[str, object]] = set()
        if (key := identity.name_key(self.name)) is not None:
            found.add(("name", key))
        if (mail := identity.email_key(self.email)) is not None:
            found.add(("email", mail))
        if (phone := identity.phone_key(self.phone)) is not None:
            found.add(("phone", phone))
        return found


@dataclass
class PersonMatch:
    """One person found by a search: their token and every record of theirs."""

    token: str
    name: str
    rows: list[IdentityRow] = field(default_factory=list)

    @property
    def refs(self) -> list[RecordRef]:
        return [r.ref for r in self.rows]

    @property
    def emails(self) -> list[str]:
        return sorted({r.email.strip() for r in self.rows if r.email.strip()})

    @property
    def phones(self) -> list[str]:
        return sorted({r.phone.strip() for r in self.rows if r.phone.strip()})

    @property
    def sources(self) -> str:
        """« Candidat (Profils reçus), Participant (Ateliers) »."""
        kinds = sorted({r.ref.kind for r in self.rows}, key=KIND_ORDER.index)
        return ", ".join(KIND_LABELS[k] for k in kinds)

    def needles(self) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
        """The name keys, e-mails and phone digits to find in free text."""
        names = {k for r in self.rows if (k := identity.name_key(r.name)) is not None}
        emails = {m for r in self.rows if (m := identity.email_key(r.email))}
        phones = {p for r in self.rows if (p := identity.phone_key(r.phone))}
        return sorted(names), sorted(emails), sorted(phones)


def _is_erased(name: str) -> bool:
    return name in (ANON_PROFILE, ANON_PARTICIPANT, ANON_BORROWER, "")


def identity_rows(session: Session) -> list[IdentityRow]:
    """Every person-level record that still names someone."""
    rows: list[IdentityRow] = []
    for p in session.execute(select(
        Profile.id, Profile.first_name, Profile.last_name, Profile.email, Profile.phone,
        Profile.notes, Profile.experience_details,
    )):
        name = f"{p.first_name} {p.last_name}".strip()
        if not _is_erased(name) or p.email or p.phone:
            rows.append(IdentityRow(RecordRef("C", p.id), name, p.email, p.phone,
                                    f"{p.notes}\n{p.experience_details}", "profil de candidat"))
    for p in session.execute(select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.email,
        Participant.phone, Participant.notes,
    )):
        name = f"{p.first_name} {p.last_name}".strip()
        if not _is_erased(name) or p.email or p.phone:
            rows.append(IdentityRow(RecordRef("P", p.id), name, p.email, p.phone, p.notes,
                                    "fiche de participant"))
    for loan in session.execute(select(
        KitLoan.id, KitLoan.borrower_name, KitLoan.phone, KitLoan.notes, KitLoan.start,
    ).where(KitLoan.borrower_kind == "personne")):
        if not _is_erased(loan.borrower_name) or loan.phone:
            rows.append(IdentityRow(RecordRef("E", loan.id), loan.borrower_name, "", loan.phone,
                                    loan.notes, f"prêt du {loan.start:%d/%m/%Y}"))
    for req in session.execute(select(
        RecruitmentRequest.id, RecruitmentRequest.candidate_name,
        RecruitmentRequest.candidate_email,
    )):
        if req.candidate_name.strip() or req.candidate_email.strip():
            rows.append(IdentityRow(RecordRef("D", req.id), req.candidate_name,
                                    req.candidate_email, "", "", "demande de recrutement"))
    return rows


def _groups(rows: list[IdentityRow]) -> list[list[IdentityRow]]:
    """Records linked by a shared key, transitively (union-find over the keys)."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, object], int] = {}
    for i, row in enumerate(rows):
        for key in row.link_keys():
            if key in first_with:
                parent[root(i)] = root(first_with[key])
            else:
                first_with[key] = i
    grouped: dict[int, list[IdentityRow]] = {}
    for i, row in enumerate(rows):
        grouped.setdefault(root(i), []).append(row)
    return list(grouped.values())


def _person(group: list[IdentityRow]) -> PersonMatch:
    group.sort(key=lambda r: (KIND_ORDER.index(r.ref.kind), r.ref.row_id))
    name = next((r.name for r in group if r.name.strip()), "(sans nom)")
    return PersonMatch(token=group[0].ref.token, name=name, rows=group)


def _matches(row: IdentityRow, query: str, digits: str) -> bool:
    folded = identity.fold_same_length(query).strip()
    if not folded:
        return False
    name = identity.fold_same_length(row.name)
    reversed_name = " ".join(reversed(name.split()))
    if folded in name or folded in reversed_name:
        return True
    if ("@" in folded or "." in folded) and folded in row.email.lower():
        return True
    if len(digits) >= 4 and digits in identity.phone_digits(row.phone):
        return True
    return folded in identity.fold_same_length(row.notes)


def find_people(session: Session, text: str) -> list[PersonMatch]:
    """Every person one of whose records matches ``text`` by name, e-mail, phone or notes;
    each with all of their records, sorted by name."""
    query = " ".join(text.split())
    if len(query) < 2:
        raise PersonNotFound({"search": "Tapez au moins deux lettres ou chiffres."})
    digits = identity.phone_digits(query) if not any(c.isalpha() for c in query) else ""
    people = []
    for group in _groups(identity_rows(session)):
        if any(_matches(row, query, digits) for row in group):
            people.append(_person(group))
    people.sort(key=lambda p: (identity.fold_same_length(p.name), p.token))
    return people


def parse_token(token: str) -> RecordRef:
    value = token.strip().upper()
    if len(value) < 2 or value[0] not in KIND_LABELS or not value[1:].isdigit():
        raise PersonNotFound(
            {"token": f"« {token} » n'est pas un numéro de personne : utilisez celui que "
                      "« personne chercher » affiche (par exemple C12 ou P4)."}
        )
    return RecordRef(value[0], int(value[1:]))


def person(session: Session, token: str) -> PersonMatch:
    """The person whose record ``token`` names, with all of their records."""
    ref = parse_token(token)
    for group in _groups(identity_rows(session)):
        if any(r.ref == ref for r in group):
            return _person(group)
    raise PersonNotFound(
        {"token": f"Aucune personne ne porte le numéro {ref.token} (déjà effacée ?)."}
    )


# -- mentions: the person's identifiers in notes that belong to no person-level record --------
@dataclass
class Mention:
    source: str  # "Notes de la séance « Premiers pas » du 12/03/2026"
    table: str
    row_id: int
    column: str
    text: str


def _note_columns(session: Session) -> Iterable[tuple[str, str, int, str, str]]:
    """(source, table, id, column, text) for every free text outside the person records."""
    for s in session.execute(select(WorkshopSession.id, WorkshopSession.title,
                                    WorkshopSession.start, WorkshopSession.notes,
                                    WorkshopSession.referral)):
        label = f"la séance « {s.title} » du {s.start:%d/%m/%Y}"
        yield f"Notes de {label}", "workshop_session", s.id, "notes", s.notes
        yield f"Orientation de {label}", "workshop_session", s.id, "referral", s.referral
    for i in session.execute(select(Interview.id, Interview.start, Interview.notes,
                                    Interview.panel, Interview.place)):
        label = f"l'entretien du {i.start:%d/%m/%Y}"
        yield f"Notes de {label}", "profile_interview", i.id, "notes", i.notes
        yield f"Jury de {label}", "profile_interview", i.id, "panel", i.panel
    for e in session.execute(select(ProfileEvent.id, ProfileEvent.event_date, ProfileEvent.label,
                                    ProfileEvent.detail)):
        label = f"l'historique d'un profil ({e.event_date:%d/%m/%Y})"
        yield f"Libellé de {label}", "profile_event", e.id, "label", e.label
        yield f"Détail de {label}", "profile_event", e.id, "detail", e.detail
    for r in session.execute(select(ProfileRequest.id, ProfileRequest.requested_on,
                                    ProfileRequest.note)):
        yield (f"Note de la demande de profils du {r.requested_on:%d/%m/%Y}", "profile_request",
               r.id, "note", r.note)
    for k in session.execute(select(KitEvent.id, KitEvent.at, KitEvent.detail)):
        yield (f"Historique du kit ({k.at:%d/%m/%Y})", "kit_event", k.id, "detail", k.detail)
    for li in session.execute(select(KitLoanItem.id, KitLoanItem.return_notes)):
        yield "Remarque au retour d'un prêt", "kit_loan_item", li.id, "return_notes", li.return_notes
    for r in session.execute(select(RecruitmentRequest.id, RecruitmentRequest.motivation)):
        yield (f"Motivation de la demande de recrutement n° {r.id}", "recruitment_request", r.id,
               "motivation", r.motivation)
    for c in session.execute(select(RequestStatusChange.id, RequestStatusChange.changed_on,
                                    RequestStatusChange.note)):
        yield (f"Historique d'une demande ({c.changed_on:%d/%m/%Y})", "request_status_change",
               c.id, "note", c.note)


def mentions_of(session: Session, match: PersonMatch) -> list[Mention]:
    names, emails, phones = match.needles()
    found = []
    for source, table, row_id, column, text in _note_columns(session):
        if text and identity.mentions(text, names, emails, phones):
            found.append(Mention(source, table, row_id, column, text))
    return found
