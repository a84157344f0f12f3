"""People helped: one record per person across every session they attend.

Searching comes before creating: ``search`` ignores accents, case and word order ("helene
brossard" finds "Hélène Brossard-Delacroix"), and ``create_participant`` refuses a second record
with the same first and last name unless the caller confirms it is someone else.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    AGE_BRACKETS,
    GENDERS,
    SOCIAL_STATUSES,
    Participant,
    Registration,
    age_bracket_of,
)
from desktop_app.services import validation
from desktop_app.services.text import accent_blind_like, fold
from desktop_app.services.workshops import ValidationError, WorkshopError


@dataclass
class ParticipantInput:
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    age_bracket: str = "nc"
    social_status: str = "nc"
    gender: str = "nc"
    commune: str = ""
    helped_before: bool = False
    notes: str = ""
    birth_year: int | None = None
    postal_code: str = ""
    insee_code: str = ""  # chosen among the communes of the postal code


def age_bracket(birth_year: int | None, typed: str, year: int) -> str:
    """The bracket La Coop would derive from the birth year, else the one typed in."""
    return age_bracket_of(birth_year, year) or typed


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    first_name: str
    last_name: str
    commune: str
    phone: str
    email: str
    sessions: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_name(self) -> str:
        return f"{self.last_name} {self.first_name}"


class PossibleDuplicate(WorkshopError):
    """Someone with the same name already exists; ``matches`` lists them."""

    def __init__(self, matches: list[ParticipantRow]) -> None:
        names = ", ".join(
            f"{m.full_name}" + (f" ({m.commune})" if m.commune else "") for m in matches
        )
        super().__init__(
            f"Une personne du même nom existe déjà : {names}. Choisissez-la dans la recherche, "
            "ou confirmez qu'il s'agit d'une autre personne."
        )
        self.matches = matches


def validate(data: ParticipantInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.first_name.strip():
        errors["first_name"] = "Le prénom est obligatoire."
    elif len(data.first_name.strip()) > 100:
        errors["first_name"] = "Le prénom est trop long (100 caractères au plus)."
    if not data.last_name.strip():
        errors["last_name"] = "Le nom est obligatoire."
    elif len(data.last_name.strip()) > 100:
        errors["last_name"] = "Le nom est trop long (100 caractères au plus)."
    if msg := validation.check_phone(data.phone, required=False):
        errors["phone"] = msg
    if msg := validation.check_email(data.email, required=False):
        errors["email"] = msg
    if data.age_bracket not in AGE_BRACKETS:
        errors["age_bracket"] = "Choisissez la tranche d'âge dans la liste."
    if data.social_status not in SOCIAL_STATUSES:
        errors["social_status"] = "Choisissez le statut dans la liste."
    if data.gender not in GENDERS:
        errors["gender"] = "Choisissez le genre dans la liste."
    if len(data.commune.strip()) > 200:
        errors["commune"] = "La commune est trop longue (200 caractères au plus)."
    this_year = date.today().year
    if data.birth_year is not None and not 1900 <= data.birth_year <= this_year:
        errors["birth_year"] = f"L'année de naissance va de 1900 à {this_year}."
    errors.update(commune_errors(data.postal_code, data.insee_code))
    for name, value, limit, what in (
        ("first_name", data.first_name, validation.NAME_MAX, "Le prénom"),
        ("last_name", data.last_name, validation.NAME_MAX, "Le nom"),
        ("email", data.email, validation.NAME_MAX, "L'e-mail"),
        ("notes", data.notes, validation.NOTE_MAX, "La note"),
    ):
        validation.check_text(errors, name, value, limit, what)
    return errors


def commune_errors(postal_code: str, insee_code: str) -> dict[str, str]:
    """The INSEE code must be a real commune served by the postal code (La Coop refuses a
    beneficiary whose codes disagree)."""
    from desktop_app.services.request import communes

    postal_code, insee_code = postal_code.strip(), insee_code.strip()
    if postal_code and not (len(postal_code) == 5 and postal_code.isdigit()):
        return {"postal_code": "Le code postal a 5 chiffres (ex. 58120)."}
    if postal_code and not communes.postal_code_exists(postal_code):
        return {"postal_code": f"Le code postal {postal_code} n'existe pas."}
    if insee_code:
        found = communes.by_insee(insee_code)
        if found is None:
            return {"commune": f"Le code INSEE {insee_code} n'est celui d'aucune commune."}
        if postal_code and postal_code not in found.postal_codes:
            return {
                "commune": f"{found.name} n'a pas le code postal {postal_code} "
                f"(ses codes : {', '.join(found.postal_codes)})."
            }
    return {}


def _row(p: Participant, sessions: int = 0) -> ParticipantRow:
    return ParticipantRow(p.id, p.first_name, p.last_name, p.commune, p.phone, p.email, sessions)


def _like_pattern(word: str) -> str:
    """A LIKE pattern finding ``word`` anywhere, whatever the accents."""
    return f"%{accent_blind_like(word)}%"


_fold = lru_cache(maxsize=20_000)(fold)  # first names, names and communes repeat a lot


@lru_cache(maxsize=20_000)
def _search_keys(
    first: str, last: str, commune: str, email: str, phone: str
) -> tuple[str, str, tuple[str, str]]:
    """The folded text a search looks in, the phone's digits, and the sort key. Cached (a pure
    function of the row): each keystroke of a search goes through thousands of people, most of
    them again."""
    first, last = _fold(first), _fold(last)
    return (
        f"{first} {last} {_fold(commune)} {fold(email)}",
        # ``validation.digits_only`` without a regular expression per row: spaces, dots, dashes
        "".join(phone.replace(".", "").replace("-", "").split()),
        (last, first),
    )


def search(session: Session, text: str, *, limit: int = 50) -> list[ParticipantRow]:
    """People whose name (or phone, e-mail, commune) contains every word typed, accents and
    case ignored, sorted by last name. The database narrows the candidates with accent-blind
    LIKE patterns, then each candidate is checked exactly."""
    words = fold(text).split()
    query = select(
        Participant.id,
        Participant.first_name,
        Participant.last_name,
        Participant.commune,
        Participant.phone,
        Participant.email,
    )
    haystack = func.lower(
        Participant.first_name
        + " "
        + Participant.last_name
        + " "
        + Participant.commune
        + " "
        + Participant.email
    )
    for word in words:
        pattern = _like_pattern(word)
        if not word.isdigit() and pattern.strip("%_"):  # "%_%" would keep everyone anyway
            query = query.where(haystack.like(pattern, escape="\\"))
    found: list[tuple[tuple[str, str], int, tuple]] = []
    for r in session.execute(query):
        hay, digits, key = _search_keys(r[1], r[2], r[3], r[5], r[4])
        # a word is in the names, commune and e-mail, or in the phone's digits (a word never
        # holds a space, so it cannot straddle the two)
        if all(w in hay or w in digits for w in words):
            found.append((key, r[0], r))
    return [ParticipantRow(*r) for _key, _id, r in heapq.nsmallest(limit, found)]


def same_name(
    session: Session, first_name: str, last_name: str, *, exclude_id: int | None = None
) -> list[ParticipantRow]:
    target = (fold(first_name).strip(), fold(last_name).strip())
    rows = session.scalars(
        select(Participant).where(func.lower(Participant.last_name) == last_name.strip().lower())
    ).all()
    if not rows:  # accents may differ: compare folded names in Python
        rows = [
            p
            for p in session.scalars(select(Participant)).all()
            if fold(p.last_name).strip() == target[1]
        ]
    return [
        _row(p)
        for p in rows
        if (fold(p.first_name).strip(), fold(p.last_name).strip()) == target and p.id != exclude_id
    ]


def _apply(p: Participant, data: ParticipantInput) -> None:
    p.first_name = data.first_name.strip()
    p.last_name = data.last_name.strip()
    p.phone = validation.format_phone(data.phone.strip()) if data.phone.strip() else ""
    p.email = validation.normalize_email(data.email)
    p.birth_year = data.birth_year
    # a known year decides the bracket (La Coop's rule); the typed one stays otherwise
    p.age_bracket = age_bracket(data.birth_year, data.age_bracket, date.today().year)
    p.postal_code = data.postal_code.strip()
    p.insee_code = data.insee_code.strip()
    p.social_status = data.social_status
    p.gender = data.gender
    p.commune = data.commune.strip()
    if p.insee_code:  # the commune's official name goes with its code
        from desktop_app.services.request import communes

        if (found := communes.by_insee(p.insee_code)) is not None:
            p.commune = found.name
    p.helped_before = data.helped_before
    p.notes = data.notes.strip()


def create_participant(
    session: Session, data: ParticipantInput, *, allow_same_name: bool = False
) -> int:
    errors = validate(data)
    if errors:
        raise ValidationError(errors)
    if not allow_same_name and (matches := same_name(session, data.first_name, data.last_name)):
        raise PossibleDuplicate(matches)
    p = Participant()
    _apply(p, data)
    session.add(p)
    session.flush()
    return p.id


def update_participant(session: Session, participant_id: int, data: ParticipantInput) -> None:
    errors = validate(data)
    if errors:
        raise ValidationError(errors)
    p = session.get(Participant, participant_id)
    if p is None:
        raise ValidationError({"participant": "Cette personne n'existe plus."})
    _apply(p, data)
    session.flush()


def get_participant(session: Session, participant_id: int) -> ParticipantInput:
    p = session.get(Participant, participant_id)
    if p is None:
        raise ValidationError({"participant": "Cette personne n'existe plus."})
    return ParticipantInput(
        first_name=p.first_name,
        last_name=p.last_name,
        phone=p.phone,
        email=p.email,
        age_bracket=p.age_bracket,
        social_status=p.social_status,
        gender=p.gender,
        commune=p.commune,
        helped_before=p.helped_before,
        notes=p.notes,
        birth_year=p.birth_year,
        postal_code=p.postal_code,
        insee_code=p.insee_code,
    )


def session_count(session: Session, participant_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Registration.id)).where(
                Registration.participant_id == participant_id, Registration.status == "inscrit"
            )
        )
        or 0
    )
