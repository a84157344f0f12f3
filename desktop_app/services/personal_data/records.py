"""One person, everywhere: the records that describe them in every area, found by one search.

The person-level records are a candidate's profile (« C »), a workshop participant (« P »), a
borrower of the kit (« E ») and the candidate named in a recruitment request (« D »). Records
sharing an e-mail or a phone number, with names and birth years that do not conflict, are one
person; a shared name alone is not (the rule and its reasons: ``identity``). The person is
named by the token of their first record (``C12``, ``P4``…), which ``chercher`` lists and
``exporter``/``effacer`` take; an export or an erasure acts on that person's records only.
Other people of the same name are the person's ``namesakes``: listed beside them, with what
tells them apart, never included.

The person's name, e-mail or phone written in other notes (a session's notes, an interview's
notes, the kit's history) are "mentions", shown and erased with them. A note that names them
only by a name a namesake also bears could be about either: it is set apart
(``Mention.shared_name``), left out of the access copy (it may be the other person's) and still
cleared of the name when the person is erased (what stays of it names neither).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop_app.models.kit import KitEvent, KitLoan, KitLoanItem
from desktop_app.models.profiles import Interview, Profile, ProfileEvent, ProfileRequest
from desktop_app.models.request import RecruitmentRequest, RequestStatusChange
from desktop_app.models.workshops import Participant, WorkshopSession
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.personal_data import identity
from desktop_app.services.progress import Progress, report

KIND_LABELS = {
    "C": "Candidat (Profils reçus)",
    "P": "Participant (Ateliers)",
    "E": "Emprunteur (Kit d'inclusion)",
    "D": "Candidat nommé dans une demande de recrutement",
}
KIND_ORDER = "CPED"
KIND_AREAS = {"C": "Profils reçus", "P": "Ateliers", "E": "Kit d'inclusion",
              "D": "Demande de recrutement"}

ANON_PROFILE = "Candidat anonymisé"
ANON_PARTICIPANT = "Personne anonymisée"
ANON_BORROWER = "Emprunteur anonymisé"


class PersonNotFound(FieldErrors):
    """A token that names no record (mistyped, or the person was erased)."""


class PersonChanged(PersonNotFound):
    """The person's records are no longer those shown (a record was changed meanwhile): the
    export or erasure the user confirmed would not act on what they saw."""


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
    place: str = ""  # commune and postal code, to tell namesakes apart
    birth_year: int | None = None

    @cached_property
    def facts(self) -> identity.Facts:
        """Read once: grouping and the namesakes' index ask for it several times."""
        name = "" if _is_erased(self.name) else self.name
        return identity.Facts.of(name, self.email, self.phone, self.birth_year)

    @property
    def summary(self) -> str:
        """« P216 — Agnès Renaud, Villapourçon, agnes@…, 03 86 66 68 24 (fiche de participant) »:
        the record with what distinguishes it from a namesake's."""
        born = f"née ou né en {self.birth_year}" if self.birth_year else ""
        parts = [p for p in (self.name.strip() or "(sans nom)", self.place, self.email.strip(),
                             self.phone.strip(), born) if p]
        return f"{self.ref.token} — {', '.join(parts)} ({self.when})"


@dataclass
class PersonMatch:
    """One person found by a search: their token and every record of theirs."""

    token: str
    name: str
    rows: list[IdentityRow] = field(default_factory=list)
    namesakes: list[PersonMatch] = field(default_factory=list)  # other people, same name

    @property
    def refs(self) -> list[RecordRef]:
        return [r.ref for r in self.rows]

    @property
    def emails(self) -> list[str]:
        """Each e-mail once, however its case is written (as it is linked)."""
        return _distinct([r.email.strip() for r in self.rows], identity.email_key)

    @property
    def phones(self) -> list[str]:
        """Each number once, as first written: « 06 12 34 56 78 » and « 0612345678 » are the
        same phone (which is what links the records)."""
        return _distinct([r.phone.strip() for r in self.rows], identity.phone_key)

    @property
    def places(self) -> list[str]:
        """Each commune once: « Saint-Léger » is left out beside « 71990 Saint-Léger »."""
        places = {r.place for r in self.rows if r.place}
        return sorted(p for p in places if not any(o.endswith(f" {p}") for o in places))

    @property
    def linked_by(self) -> list[str]:
        """What links the records: « même téléphone (06 71 82 93 04) »; empty for one record."""
        if len(self.rows) < 2:
            return []
        found: dict[tuple[str, str], list[IdentityRow]] = {}
        for row in self.rows:
            for key in row.facts.strong_keys():
                found.setdefault(key, []).append(row)
        texts = []
        for (kind, _value), rows in sorted(found.items()):
            if len(rows) > 1:
                shown = (rows[0].email if kind == "email" else rows[0].phone).strip()
                label = "même e-mail" if kind == "email" else "même téléphone"
                texts.append(f"{label} ({shown}) : {', '.join(r.ref.token for r in rows)}")
        return texts

    @property
    def sources(self) -> str:
        """« Candidat (Profils reçus), Participant (Ateliers) »."""
        kinds = sorted({r.ref.kind for r in self.rows}, key=KIND_ORDER.index)
        return ", ".join(KIND_LABELS[k] for k in kinds)

    @property
    def areas(self) -> str:
        """« Profils reçus, Ateliers »: the short form of ``sources``, for a table's column."""
        kinds = sorted({r.ref.kind for r in self.rows}, key=KIND_ORDER.index)
        return ", ".join(KIND_AREAS[k] for k in kinds)

    @property
    def fingerprint(self) -> str:
        """Six characters that change when a record of the person is added, removed or altered
        (name, contact, commune…): the command line's « personne montrer » prints it, and
        « personne effacer --empreinte » refuses unless the records are still those shown, as
        the dialog refuses (``PersonChanged``)."""
        text = "\n".join(sorted(r.summary for r in self.rows))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6].upper()

    def needles(self) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
        """The name keys, e-mails and phone digits to find in free text."""
        names = {k for r in self.rows if (k := identity.name_key(r.name)) is not None}
        emails = {m for r in self.rows if (m := identity.email_key(r.email))}
        phones = {p for r in self.rows if (p := identity.phone_key(r.phone))}
        return sorted(names), sorted(emails), sorted(phones)


def _distinct(values: list[str], key: Callable[[str], str | None]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(key(value) or value, value)
    return sorted(seen.values())


def _is_erased(name: str) -> bool:
    return name.strip() in (ANON_PROFILE, ANON_PARTICIPANT, ANON_BORROWER, "")


def _place(commune: str, postal_code: str) -> str:
    return " ".join(p for p in (postal_code.strip(), commune.strip()) if p)


def identity_rows(session: Session) -> list[IdentityRow]:
    """Every person-level record that still names someone."""
    rows: list[IdentityRow] = []
    for p in session.execute(select(
        Profile.id, Profile.first_name, Profile.last_name, Profile.email, Profile.phone,
        Profile.notes, Profile.experience_details, Profile.commune, Profile.postal_code,
    )):
        name = f"{p.first_name} {p.last_name}".strip()
        if not _is_erased(name) or p.email or p.phone:
            rows.append(IdentityRow(RecordRef("C", p.id), name, p.email, p.phone,
                                    f"{p.notes}\n{p.experience_details}", "profil de candidat",
                                    _place(p.commune, p.postal_code)))
    for p in session.execute(select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.email,
        Participant.phone, Participant.notes, Participant.commune, Participant.postal_code,
        Participant.birth_year,
    )):
        name = f"{p.first_name} {p.last_name}".strip()
        if not _is_erased(name) or p.email or p.phone:
            rows.append(IdentityRow(RecordRef("P", p.id), name, p.email, p.phone, p.notes,
                                    "fiche de participant", _place(p.commune, p.postal_code),
                                    p.birth_year))
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


def _order(row: IdentityRow) -> tuple[int, int]:
    return KIND_ORDER.index(row.ref.kind), row.ref.row_id


def _groups(rows: list[IdentityRow]) -> list[list[IdentityRow]]:
    """The records grouped into people by ``identity.group``, each group in token order."""
    rows = sorted(rows, key=_order)
    return [[rows[i] for i in members] for members in identity.group([r.facts for r in rows])]


def _person(group: list[IdentityRow]) -> PersonMatch:
    group.sort(key=_order)
    name = next((r.name for r in group if r.name.strip()), "(sans nom)")
    return PersonMatch(token=group[0].ref.token, name=name, rows=group)


class _People:
    """Every person of the base, and who bears the same name as whom."""

    def __init__(self, session: Session) -> None:
        self.groups = _groups(identity_rows(session))
        self.by_name: dict[tuple[str, ...], list[int]] = {}
        for index, group in enumerate(self.groups):
            for key in {k for r in group if (k := identity.namesake_key(r.facts))}:
                self.by_name.setdefault(key, []).append(index)

    def person(self, index: int) -> PersonMatch:
        found = _person(self.groups[index])
        others = sorted({i for r in found.rows
                         if (k := identity.namesake_key(r.facts)) is not None
                         for i in self.by_name.get(k, ()) if i != index})
        found.namesakes = [_person(self.groups[i]) for i in others]
        return found


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
    everyone = _People(session)
    people = [everyone.person(i) for i, group in enumerate(everyone.groups)
              if any(_matches(row, query, digits) for row in group)]
    people.sort(key=lambda p: (identity.fold_same_length(p.name), _order(p.rows[0])))
    return people


def parse_token(token: str) -> RecordRef:
    value = token.strip().upper()
    if len(value) < 2 or value[0] not in KIND_LABELS or not value[1:].isdigit():
        raise PersonNotFound(
            {"token": f"« {token} » n'est pas un numéro de personne : utilisez celui que "
                      "« personne chercher » affiche (par exemple C12 ou P4)."}
        )
    return RecordRef(value[0], int(value[1:]))


def person(session: Session, token: str,
           expected: Iterable[RecordRef] | None = None) -> PersonMatch:
    """The person whose record ``token`` names, with all of their records. With ``expected``
    (the records the user was shown), ``PersonChanged`` unless the person's records are still
    exactly those."""
    ref = parse_token(token)
    everyone = _People(session)
    for index, group in enumerate(everyone.groups):
        if any(r.ref == ref for r in group):
            found = everyone.person(index)
            if expected is not None and set(expected) != set(found.refs):
                raise PersonChanged(
                    {"token": f"Les fiches de {found.name} ({ref.token}) ont changé depuis leur "
                              "affichage : relancez la recherche et vérifiez-les."}
                )
            return found
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
    shared_name: bool = False  # found only by a name a namesake also bears


@dataclass(frozen=True)
class _NoteColumn:
    """One free-text column outside the person records, with what its label is made of: the
    label is written only for the notes that name the person (tens of thousands do not)."""

    text: InstrumentedAttribute[str]
    row_id: InstrumentedAttribute[int]
    context: tuple[InstrumentedAttribute[Any], ...]
    label: Callable[..., str]

    @property
    def table(self) -> str:
        return self.text.class_.__tablename__

    @property
    def column(self) -> str:
        return self.text.key


def _session_label(what: str) -> Callable[..., str]:
    return lambda title, start: f"{what} de la séance « {title} » du {start:%d/%m/%Y}"


def _interview_label(what: str) -> Callable[..., str]:
    return lambda start: f"{what} de l'entretien du {start:%d/%m/%Y}"


def _event_label(what: str) -> Callable[..., str]:
    return lambda day: f"{what} de l'historique d'un profil ({day:%d/%m/%Y})"


# In the order the notes are listed (and were, when one pass read them row by row).
_NOTE_COLUMNS: tuple[_NoteColumn, ...] = (
    _NoteColumn(WorkshopSession.notes, WorkshopSession.id,
                (WorkshopSession.title, WorkshopSession.start), _session_label("Notes")),
    _NoteColumn(WorkshopSession.referral, WorkshopSession.id,
                (WorkshopSession.title, WorkshopSession.start), _session_label("Orientation")),
    _NoteColumn(Interview.notes, Interview.id, (Interview.start,), _interview_label("Notes")),
    _NoteColumn(Interview.panel, Interview.id, (Interview.start,), _interview_label("Jury")),
    _NoteColumn(ProfileEvent.label, ProfileEvent.id, (ProfileEvent.event_date,),
                _event_label("Libellé")),
    _NoteColumn(ProfileEvent.detail, ProfileEvent.id, (ProfileEvent.event_date,),
                _event_label("Détail")),
    _NoteColumn(ProfileRequest.note, ProfileRequest.id, (ProfileRequest.requested_on,),
                lambda day: f"Note de la demande de profils du {day:%d/%m/%Y}"),
    _NoteColumn(KitEvent.detail, KitEvent.id, (KitEvent.at,),
                lambda at: f"Historique du kit ({at:%d/%m/%Y})"),
    _NoteColumn(KitLoanItem.return_notes, KitLoanItem.id, (),
                lambda: "Remarque au retour d'un prêt"),
    _NoteColumn(RecruitmentRequest.motivation, RecruitmentRequest.id, (RecruitmentRequest.id,),
                lambda number: f"Motivation de la demande de recrutement n° {number}"),
    _NoteColumn(RequestStatusChange.note, RequestStatusChange.id, (RequestStatusChange.changed_on,),
                lambda day: f"Historique d'une demande ({day:%d/%m/%Y})"),
)


def _like_sql(patterns: list[identity.LikeAlternative], columns: list[str], *,
              lower: bool = True) -> tuple[str, dict[str, str]]:
    """The WHERE of ``_notes``: each column not empty and, lower-cased, matching one of the
    alternatives (``identity.like_patterns``). Written as SQL text with bound patterns: the
    expression tree SQLAlchemy would compile for each person (a hundred LIKEs, a new shape for
    each) cost more than the database's work.

    ``lower=False`` leaves the column as it is, for a database whose LIKE already ignores the
    case of ASCII letters (SQLite's): a pattern fixes no other letter (``accent_blind_like``
    makes every other one ``_``), so the result is the same, and each row's text is no longer
    copied lower-cased once per pattern — two thirds of the scan of the kit's history."""
    names: dict[str, str] = {}  # pattern → its parameter
    for alternative in patterns:
        for part in alternative:
            for pattern in (part,) if isinstance(part, str) else part:
                names.setdefault(pattern, f"p{len(names)}")

    def one(column: str, part: str | tuple[str, ...]) -> str:
        parts = (part,) if isinstance(part, str) else part
        text = f"lower({column})" if lower else column
        return " OR ".join(f"{text} LIKE :{names[p]} ESCAPE '\\'" for p in parts)

    where = " OR ".join(
        f"({column} != '' AND ("
        + " OR ".join("(" + " AND ".join(f"({one(column, part)})" for part in alt) + ")"
                      for alt in patterns)
        + "))"
        for column in columns)
    return where, {name: pattern for pattern, name in names.items()}


def _notes(session: Session, patterns: list[identity.LikeAlternative] | None,
           progress: Progress | None = None
           ) -> Iterable[tuple[_NoteColumn, int, str, tuple[Any, ...]]]:
    """(column, row id, text, label parts) of every non-empty note; with ``patterns``, only
    those whose lower-cased text matches one of them (``identity.like_patterns``). The columns
    of one table are read by one query (one pass over the table); ``progress`` is told before
    each (``Cancelled`` when it says stop)."""
    if patterns == []:
        return
    case_blind = session.get_bind().dialect.name == "sqlite"  # its LIKE ignores ASCII case
    tables = [list(group) for _table, group in groupby(_NOTE_COLUMNS, key=lambda c: c.table)]
    for done, specs in enumerate(tables):
        report(progress, done, len(tables))
        first = specs[0]
        texts = [spec.text for spec in specs]
        if patterns is None:
            keep: Any = or_(*(t != "" for t in texts))
        else:
            where, params = _like_sql(
                patterns, [f"{spec.table}.{spec.text.expression.name}" for spec in specs],
                lower=not case_blind)
            keep = sql_text(where).bindparams(**params)
        query = select(first.row_id, *first.context, *texts).where(keep)
        count = len(first.context)
        for row in session.execute(query.order_by(first.row_id)):
            parts = tuple(row[1:1 + count])
            for spec, text in zip(specs, row[1 + count:], strict=True):
                if text:
                    yield spec, row[0], text, parts


def mentions_of(session: Session, match: PersonMatch, *, narrowed: bool = False,
                progress: Progress | None = None) -> list[Mention]:
    """The notes that name the person; ``shared_name`` when only by a namesake's name too.

    Each note is checked exactly (``identity.mentions``). ``narrowed``: the database first
    keeps only the notes that could name them — a word of their names (a short one after a
    civility, or with the rest of the name), their e-mail, their phone's digits —
    accents of French ignored (``identity.like_patterns``), so that a click in the dialog reads a handful of notes instead of every one (a second at
    ``--scale 100``). A
    note that writes the name with a letter accented in another language (« Šimić » for
    « Simic ») escapes that first look: the erasure and the access copy read every note.
    ``progress``: told between two tables, ``Cancelled`` when it says stop (a choice in the
    dialog that another one replaced)."""
    names, emails, phones = match.needles()
    shared = {k for other in match.namesakes for k in other.needles()[0]} & set(names)
    own = [k for k in names if k not in shared]
    patterns = identity.like_patterns(names, emails, phones) if narrowed else None
    found = []
    for spec, row_id, text, parts in _notes(session, patterns, progress):
        if identity.mentions(text, own, emails, phones):
            found.append(Mention(spec.label(*parts), spec.table, row_id, spec.column, text))
        elif shared and identity.mentions(text, sorted(shared), [], []):
            found.append(Mention(spec.label(*parts), spec.table, row_id, spec.column, text,
                                 shared_name=True))
    return found
