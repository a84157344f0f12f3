"""The recruitment request: reading, autosaving, checking, filing and following it.

Rules (dispositif.md §3–4):
- a structure may file several requests over time; every one is kept, the current one is the
  most recent;
- only a "Brouillon" is edited; it can be marked as filed ("Non traitée") only when every
  required field is valid and the five commitments are ticked (``missing_for_filing`` says what
  is missing, in French);
- each status change is dated, with an optional note, in the request's history;
- the "Votre structure" section is "Paramètres de la structure" itself (one row, read and
  written through ``services.structure``), so the two stay in step; when a request is filed a
  snapshot of the identity is kept with it, so that an old request prints as it was filed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.models.request import (
    COMMITMENTS,
    COMMITTEE_OPINIONS,
    OPINION_OF_STATUS,
    REQUEST_STATUSES,
    RecruitmentRequest,
    RequestStatusChange,
)
from desktop_app.models.structure import STRUCTURE_TYPES
from desktop_app.services import validation
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.formatting import date_short, number
from desktop_app.services.request import communes, posts
from desktop_app.services.structure import (
    StructureInfo,
    check_structure,
    get_structure,
    save_structure,
)

MOTIVATION_MAX = 2500
MOTIVATION_PROMPT = (
    "décrivez le motif de votre besoin en recrutement. Indiquez les actions prévues, la "
    "justification du poste, ainsi que le public ciblé."
)
CANDIDATE_QUESTION = (
    "Avez-vous déjà identifié un candidat pour le poste de conseiller numérique ?"
)

# Which statuses may follow which (the platform's workflow).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "brouillon": ("non_traitee", "abandonnee"),
    "non_traitee": ("validee", "examen_complementaire", "refus", "abandonnee", "annulee"),
    "examen_complementaire": ("validee", "refus", "abandonnee", "annulee"),
    "validee": ("annulee",),
    "refus": (),
    "abandonnee": (),
    "annulee": (),
}
DECISIONS = ("validee", "examen_complementaire", "refus")  # the committee's opinion
OPEN_STATUSES = ("brouillon", "non_traitee", "examen_complementaire")

# The fields of the structure section, in the form's order, with their labels.
STRUCTURE_FIELDS: dict[str, str] = {
    "structure_type": "Type de structure",
    "name": "Nom de la structure",
    "siret": "SIRET",
    "address": "Adresse",
    "postal_code": "Code postal",
    "commune": "Commune",
    "insee_code": "Code INSEE",
    "departement": "Département",
    "region": "Région",
}
# The signatory section's fields that are the settings' own: the civility is kept with the
# structure (one signatory, the one the other documents name too), written from the request
# form like the "Votre structure" section and copied into the snapshot when the request is
# filed, so a filed request prints with the civility it was filed with.
SIGNATORY_SETTINGS_FIELDS: tuple[str, ...] = ("signatory_civility",)
REQUEST_FIELDS: dict[str, str] = {
    "posts_wanted": "Nombre de conseillers souhaités",
    "start_date": "Date de démarrage souhaitée",
    "candidate_name": "Nom du candidat identifié",
    "candidate_email": "E-mail du candidat identifié",
    "motivation": "Votre motivation",
    "contact_first_name": "Prénom",
    "contact_last_name": "Nom",
    "contact_function": "Votre fonction",
    "contact_email": "E-mail",
    "contact_phone": "Téléphone",
    "commitments": "Vos engagements",
    "signatory_name": "Nom du signataire",
    "signatory_title": "Qualité du signataire",
    "signature_place": "Lieu de signature",
}


@dataclass(frozen=True)
class HistoryEntry:
    status: str
    changed_on: date
    note: str

    @property
    def label(self) -> str:
        return REQUEST_STATUSES.get(self.status, self.status)


@dataclass
class RequestData:
    """A detached copy of one request (what the form edits and the documents print)."""

    id: int | None = None
    status: str = "brouillon"
    posts_wanted: int = 1
    start_date: date | None = None
    candidate_identified: bool = False
    candidate_name: str = ""
    candidate_email: str = ""
    motivation: str = ""
    contact_first_name: str = ""
    contact_last_name: str = ""
    contact_function: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    commitments: tuple[bool, ...] = (False,) * len(COMMITMENTS)
    signatory_name: str = ""
    signatory_title: str = ""
    signature_place: str = ""
    filed_on: date | None = None
    platform_number: str = ""
    committee: str = ""
    committee_opinion: str = ""
    decision_on: date | None = None
    posts_granted: int = 0
    gross_monthly_salary: Decimal = Decimal("0")
    employer_charges_pct: Decimal = Decimal("42")
    funding_pct: Decimal = Decimal("100")
    funding_months: int = 24
    structure_snapshot: StructureInfo | None = None
    history: tuple[HistoryEntry, ...] = ()
    number: int = 0  # 1 for the structure's first request, 2 for the next…

    @property
    def status_label(self) -> str:
        return REQUEST_STATUSES.get(self.status, self.status)

    @property
    def opinion_label(self) -> str:
        """"Positif", "Négatif", "Examen complémentaire", or "" before the committee's opinion."""
        return COMMITTEE_OPINIONS.get(self.committee_opinion, "")

    @property
    def is_draft(self) -> bool:
        return self.status == "brouillon"

    @property
    def title(self) -> str:
        """"Demande n° 2 — Non traitée (déposée le 12/01/2026)"."""
        text = f"Demande n° {self.number} — {self.status_label}"
        if self.status == "validee" and self.decision_on:
            text += f" le {date_short(self.decision_on)}"
        elif self.filed_on:
            text += f" (déposée le {date_short(self.filed_on)})"
        return text


# Columns copied between the row and RequestData (everything but computed/related values).
_COLUMNS = tuple(
    f.name
    for f in fields(RequestData)
    if f.name not in ("id", "commitments", "structure_snapshot", "history", "number")
)


class RequestError(FieldErrors):
    """A refused action; ``str(error)`` is a French message for the user."""


# -- reading --------------------------------------------------------------------------------
def _to_data(row: RecruitmentRequest, number: int) -> RequestData:
    values = {name: getattr(row, name) for name in _COLUMNS}
    snapshot = None
    if row.structure_snapshot:
        raw = json.loads(row.structure_snapshot)
        snapshot = StructureInfo(**{k: v for k, v in raw.items() if k in StructureInfo.__dataclass_fields__})
    return RequestData(
        id=row.id,
        commitments=tuple(ch == "1" for ch in row.commitments.ljust(len(COMMITMENTS), "0"))[
            : len(COMMITMENTS)
        ],
        structure_snapshot=snapshot,
        # In the order the steps were taken: a request filed on the platform the day before
        # it was entered here has its « Brouillon » dated after its « Non traitée ».
        history=tuple(HistoryEntry(h.status, h.changed_on, h.note)
                      for h in sorted(row.history, key=lambda h: h.id)),
        number=number,
        **values,
    )


def list_requests(session: Session) -> list[RequestData]:
    """Every request, oldest first (numbered 1, 2…); the last one is the current request."""
    rows = session.scalars(
        select(RecruitmentRequest)
        .options(selectinload(RecruitmentRequest.history))
        .order_by(RecruitmentRequest.id)
    ).all()
    return [_to_data(row, i) for i, row in enumerate(rows, start=1)]


def current_request(session: Session) -> RequestData | None:
    requests = list_requests(session)
    return requests[-1] if requests else None


def get_request(session: Session, request_id: int) -> RequestData:
    for data in list_requests(session):
        if data.id == request_id:
            return data
    raise RequestError("Cette demande n'existe plus.")


def structure_for(session: Session, data: RequestData) -> StructureInfo:
    """The identity shown for a request: the snapshot once filed, the settings for a draft."""
    if data.structure_snapshot is not None and not data.is_draft:
        # The logo is not copied into the snapshot: the current one is printed.
        return replace(data.structure_snapshot, logo_png=get_structure(session).logo_png)
    return get_structure(session)


# -- creating and autosaving ---------------------------------------------------------------
def new_request(session: Session, today: date) -> RequestData:
    """Start a new "Brouillon". Only one draft at a time; contact and signatory are taken from
    the previous request (or from the structure's settings) so nothing is typed twice."""
    previous = current_request(session)
    if previous is not None and previous.status in ("brouillon",):
        raise RequestError("Une demande en brouillon existe déjà : complétez-la.")
    structure = get_structure(session)
    row = RecruitmentRequest(status="brouillon", posts_wanted=1)
    if previous is not None:
        for name in (
            "contact_first_name", "contact_last_name", "contact_function", "contact_email",
            "contact_phone", "signatory_name", "signatory_title", "signature_place",
            "gross_monthly_salary", "employer_charges_pct", "funding_pct", "funding_months",
        ):
            setattr(row, name, getattr(previous, name))
    else:
        row.signatory_name = structure.signatory_name
        row.signatory_title = structure.signatory_title
        row.signature_place = structure.commune
        row.contact_email = structure.email
        row.contact_phone = structure.phone
    row.commitments = "0" * len(COMMITMENTS)
    session.add(row)
    session.flush()
    session.add(RequestStatusChange(request=row, status="brouillon", changed_on=today, note=""))
    session.flush()
    return get_request(session, row.id)


def save_draft(session: Session, data: RequestData) -> None:
    """Autosave: store what is typed, valid or not (a draft may be incomplete). Only a draft is
    edited; the cost estimate can be changed at any stage."""
    row = session.get(RecruitmentRequest, data.id)
    if row is None:
        raise RequestError("Cette demande n'existe plus.")
    cost_fields = ("gross_monthly_salary", "employer_charges_pct", "funding_pct", "funding_months")
    names = _COLUMNS if row.status == "brouillon" else cost_fields
    workflow = ("status", "filed_on", "platform_number", "committee", "committee_opinion",
                "decision_on", "posts_granted")
    for name in names:
        if name in workflow:
            continue
        value = getattr(data, name)
        setattr(row, name, value.strip() if isinstance(value, str) and name != "motivation" else value)
    if row.status == "brouillon":
        row.commitments = "".join("1" if c else "0" for c in data.commitments)


def save_structure_section(session: Session, info: StructureInfo) -> dict[str, str]:
    """Write the "Votre structure" section, and the signatory's civility, into "Paramètres de
    la structure".

    Fields that fail the settings' own checks keep their previous value there (other documents
    print them); their messages are returned so the form shows them at the field."""
    current = get_structure(session)
    # Only the form's own fields: phone, logo, opening hours… stay as the settings have them.
    own = (*STRUCTURE_FIELDS, *SIGNATORY_SETTINGS_FIELDS)
    info = replace(current, **{key: getattr(info, key) for key in own})
    errors = check_structure(info)
    if errors:
        info = replace(info, **{k: getattr(current, k) for k in errors if hasattr(current, k)})
    if check_structure(info):  # e.g. no name at all yet: nothing can be saved
        return errors
    save_structure(session, info)
    return errors


# -- checks ---------------------------------------------------------------------------------
def check_structure_section(info: StructureInfo) -> dict[str, str]:
    """The request's stricter checks of the identity (every field required, commune data)."""
    errors: dict[str, str] = {}
    if info.structure_type not in STRUCTURE_TYPES:
        errors["structure_type"] = "Choisissez le type de structure dans la liste."
    for key in ("name", "address", "commune", "departement", "region"):
        if not getattr(info, key).strip():
            errors[key] = f"« {STRUCTURE_FIELDS[key]} » est obligatoire."
    # the settings' own limits: a longer name was silently not saved there (the form said
    # « Enregistré automatiquement » and the old name came back on the next opening)
    for key, limit, what in _STRUCTURE_TEXT_LIMITS:
        validation.check_text(errors, key, getattr(info, key).strip(), limit, what)
    if msg := validation.check_siret(info.siret):
        errors["siret"] = msg
    postal_code = info.postal_code.strip()
    if msg := validation.check_postal_code_format(postal_code):
        errors["postal_code"] = msg if postal_code else "Le code postal est obligatoire."
    elif not communes.postal_code_exists(postal_code):
        errors["postal_code"] = (
            f"Le code postal {postal_code} n'existe pas. Vérifiez-le sur un courrier de la mairie."
        )
    insee = info.insee_code.strip()
    commune = communes.by_insee(insee) if insee else None
    if not insee:
        errors["insee_code"] = (
            "Le code INSEE est obligatoire : choisissez la commune proposée pour le code postal."
        )
    elif commune is None:
        errors["insee_code"] = f"Le code INSEE {insee} n'existe pas (5 caractères, ex. 58062)."
    elif "postal_code" not in errors and postal_code not in commune.postal_codes:
        errors["insee_code"] = (
            f"Le code INSEE {insee} est celui de {commune.name}, qui n'a pas le code postal "
            f"{postal_code}. Choisissez la commune proposée pour ce code postal."
        )
    if (
        info.structure_type == "commune"
        and "siret" not in errors
        and commune is not None
        and commune.siren
        and validation.digits_only(info.siret)[:9] != commune.siren
    ):
        errors["siret"] = (
            f"Pour une commune, le SIRET commence par le SIREN de la commune : {commune.name} a "
            f"le SIREN {commune.siren}, ce SIRET commence par "
            f"{validation.digits_only(info.siret)[:9]}."
        )
    return errors


def check_request_fields(data: RequestData, today: date) -> dict[str, str]:
    """Messages for the request's own fields (the structure section is checked apart)."""
    errors: dict[str, str] = {}
    if data.posts_wanted < 1:
        errors["posts_wanted"] = "Demandez au moins un conseiller."
    if data.start_date is None:
        errors["start_date"] = "Indiquez la date de démarrage souhaitée."
    elif data.is_draft and data.start_date < today:
        errors["start_date"] = (
            f"La date de démarrage ({date_short(data.start_date)}) est passée : choisissez une "
            "date à partir d'aujourd'hui."
        )
    if data.candidate_identified:
        if not data.candidate_name.strip():
            errors["candidate_name"] = "Indiquez le nom du candidat identifié."
        if msg := validation.check_email(data.candidate_email):
            errors["candidate_email"] = msg
    length = len(data.motivation)
    if not data.motivation.strip():
        errors["motivation"] = "Décrivez votre motivation (2 500 caractères au plus)."
    elif length > MOTIVATION_MAX:
        errors["motivation"] = (
            f"Le texte compte {number(length)} caractères : retirez-en "
            f"{number(length - MOTIVATION_MAX)} (2 500 au plus)."
        )
    for key in ("contact_first_name", "contact_last_name", "contact_function"):
        if not getattr(data, key).strip():
            errors[key] = f"« {REQUEST_FIELDS[key]} » est obligatoire."
    if msg := validation.check_email(data.contact_email):
        errors["contact_email"] = msg
    if msg := check_french_phone(data.contact_phone):
        errors["contact_phone"] = msg
    unticked = [str(i) for i, ok in enumerate(data.commitments, start=1) if not ok]
    if unticked:
        errors["commitments"] = (
            "Cochez les cinq engagements (manque" + ("nt" if len(unticked) > 1 else "")
            + " : n° " + ", ".join(unticked) + ")."
        )
    for key in ("signatory_name", "signatory_title", "signature_place"):
        if not getattr(data, key).strip():
            errors[key] = f"« {REQUEST_FIELDS[key]} » est obligatoire."
    for key, limit, what in _REQUEST_TEXT_LIMITS:
        validation.check_text(errors, key, getattr(data, key).strip(), limit, what)
    return errors


_STRUCTURE_TEXT_LIMITS = (
    ("name", validation.NAME_MAX, "Le nom de la structure"),
    ("address", validation.LINE_MAX, "L'adresse"),
    ("commune", validation.NAME_MAX, "La commune"),
)
# As the settings limit the structure's names: beyond, the « Formulaire d'engagement » no
# longer holds on the one page the mayor signs (the signature went to a second page, under
# « … [texte coupé] »), and the recapitulative's cells cut the text.
SIGNATURE_PLACE_MAX = 100  # the longest commune name has 45 characters
_REQUEST_TEXT_LIMITS = (
    ("candidate_name", validation.NAME_MAX, "Le nom du candidat"),
    ("contact_first_name", validation.NAME_MAX, "Le prénom"),
    ("contact_last_name", validation.NAME_MAX, "Le nom"),
    ("contact_function", validation.TITLE_MAX, "La fonction"),
    ("signatory_name", validation.NAME_MAX, "Le nom du signataire"),
    ("signatory_title", validation.TITLE_MAX, "La qualité du signataire"),
    ("signature_place", SIGNATURE_PLACE_MAX, "Le lieu de signature"),
)


def check_french_phone(value: str) -> str | None:
    """10 digits, or + country code and 11 to 12 digits (dispositif.md §4), and a real number."""
    raw = validation.digits_only(value or "").replace("(", "").replace(")", "")
    if not raw:
        return "Le numéro de téléphone est obligatoire."
    if raw.startswith("+"):
        ok = raw[1:].isdigit() and 11 <= len(raw[1:]) <= 12
    else:
        ok = raw.isdigit() and len(raw) == 10
    if not ok:
        return (
            f"« {value.strip()} » : le numéro compte 10 chiffres (03 86 12 34 56) ou + l'indicatif "
            "du pays et 11 à 12 chiffres (+33 3 86 12 34 56)."
        )
    return validation.check_phone(value)


def check_all(data: RequestData, structure: StructureInfo, today: date) -> dict[str, str]:
    return {**check_structure_section(structure), **check_request_fields(data, today)}


def missing_for_filing(data: RequestData, structure: StructureInfo, today: date) -> list[str]:
    """What stops filing, one short French line per field ("SIRET : …")."""
    errors = check_all(data, structure, today)
    # read apart from the form, « Nom : … » could be the structure's or the signatory's
    labels = {**STRUCTURE_FIELDS, **REQUEST_FIELDS, **_CONTACT_LABELS}
    return [f"{labels.get(key, key)} : {message}" for key, message in errors.items()]


_CONTACT_LABELS = {
    "contact_first_name": "Prénom (contact)",
    "contact_last_name": "Nom (contact)",
    "contact_function": "Votre fonction (contact)",
}


# -- status changes -------------------------------------------------------------------------
def file_request(
    session: Session, request_id: int, *, filed_on: date, platform_number: str, note: str,
    today: date,
) -> RequestData:
    """"Brouillon" → "Non traitée": only a complete request; keeps a snapshot of the identity."""
    data = get_request(session, request_id)
    if not data.is_draft:
        raise RequestError("Cette demande a déjà été déposée.")
    structure = get_structure(session)
    missing = missing_for_filing(data, structure, min(filed_on, today))
    if missing:
        raise RequestError("La demande est incomplète :\n• " + "\n• ".join(missing))
    if filed_on > today:
        raise RequestError("La date de dépôt ne peut pas être dans le futur.")
    row = session.get(RecruitmentRequest, request_id)
    assert row is not None
    snapshot = asdict(structure)
    snapshot.pop("logo_png", None)
    snapshot.pop("opening_hours", None)
    row.structure_snapshot = json.dumps(snapshot, ensure_ascii=False)
    row.filed_on = filed_on
    row.platform_number = platform_number.strip()
    _set_status(session, row, "non_traitee", filed_on, note)
    return get_request(session, request_id)


def granted_beyond_wanted(posts_wanted: int, posts_granted: int) -> str | None:
    """The warning for a committee's grant above the posts the request wished for, None
    otherwise. The programme's committee grants the quota and does not forbid more, so such a
    number is kept if confirmed; but it is most often a typing slip (« 11 » for « 1 »), and it
    fixes how many candidates may then be recruited."""
    if posts_wanted < 1 or posts_granted <= posts_wanted:
        return None
    wanted = f"{posts_wanted} poste{'s' if posts_wanted > 1 else ''}"
    return (
        f"Plus de postes que demandé : la demande en souhaitait {wanted}, vous indiquez "
        f"{posts_granted} postes attribués. Vérifiez le nombre inscrit dans la décision du "
        "comité ; s'il est juste, enregistrez-le tel quel."
    )


def change_status(
    session: Session, request_id: int, status: str, *, changed_on: date, note: str = "",
    committee: str = "", posts_granted: int = 0, today: date,
) -> RequestData:
    """A later step: the committee's decision (with its number, e.g. "COSELEC 12", and the
    posts granted when "Validée"), or the request abandoned or cancelled."""
    row = session.get(RecruitmentRequest, request_id)
    if row is None:
        raise RequestError("Cette demande n'existe plus.")
    if status == "non_traitee":
        raise RequestError("Utilisez « Marquer comme déposée » pour déposer la demande.")
    if status not in TRANSITIONS.get(row.status, ()):
        raise RequestError(
            f"Une demande « {REQUEST_STATUSES[row.status]} » ne peut pas passer à "
            f"« {REQUEST_STATUSES.get(status, status)} »."
        )
    if changed_on > today:
        raise RequestError("La date ne peut pas être dans le futur.")
    if row.filed_on and changed_on < row.filed_on:
        raise RequestError(
            f"La date ne peut pas précéder le dépôt de la demande ({date_short(row.filed_on)})."
        )
    if status in DECISIONS:
        if not committee.strip():
            raise RequestError("Indiquez le numéro du comité de sélection (ex. « COSELEC 12 »).")
        if status == "validee" and posts_granted < 1:
            raise RequestError("Indiquez le nombre de postes attribués (au moins 1).")
        row.committee = committee.strip()
        row.committee_opinion = OPINION_OF_STATUS[status]
        row.decision_on = changed_on
        row.posts_granted = posts_granted if status == "validee" else 0
        # The history keeps each opinion's committee (a later one replaces it on the request).
        plural = "s" if posts_granted > 1 else ""
        granted = (
            f", {posts_granted} poste{plural} attribué{plural}" if status == "validee" else ""
        )
        opinion = COMMITTEE_OPINIONS[OPINION_OF_STATUS[status]]
        note = f"{committee.strip()} — avis « {opinion} »{granted}" + (
            f" — {note.strip()}" if note.strip() else ""
        )
    elif status == "annulee":
        row.posts_granted = 0  # a cancelled request grants nothing any more
    _set_status(session, row, status, changed_on, note)
    if status == "validee":
        posts.posts_for_request(session, row.id, row.posts_granted)
    return get_request(session, request_id)


def _set_status(
    session: Session, row: RecruitmentRequest, status: str, on: date, note: str
) -> None:
    row.status = status
    session.add(RequestStatusChange(request=row, status=status, changed_on=on, note=note.strip()))
    session.flush()


def can_start_new_request(session: Session) -> bool:
    current = current_request(session)
    return current is None or current.status != "brouillon"


@dataclass
class FormState:
    """Everything the form edits, for "Annuler les modifications" (back to this state)."""

    request: RequestData
    structure: StructureInfo = field(default_factory=StructureInfo)


def snapshot(session: Session, request_id: int) -> FormState:
    return FormState(get_request(session, request_id), get_structure(session))


def restore(session: Session, state: FormState) -> None:
    save_draft(session, state.request)
    row = session.get(RecruitmentRequest, state.request.id)
    if row is not None and row.status == "brouillon" and state.structure.is_configured:
        save_structure_section(session, state.structure)


def _undone_labels() -> dict[str, str]:
    """Every field the form edits, in its order, with its label."""
    labels = dict(STRUCTURE_FIELDS)
    for key, label in REQUEST_FIELDS.items():
        if key == "candidate_name":
            labels["candidate_identified"] = "Candidat déjà identifié"
        if key == "signatory_name":
            labels["signatory_civility"] = "Civilité du signataire"
        labels[key] = label
    return labels


def changed_fields(current: FormState, back_to: FormState) -> list[str]:
    """The labels of the form's fields whose value differs between ``current`` and
    ``back_to``, in the form's order: "Annuler les modifications" says what it will put back
    before doing it."""
    changed = []
    for key, label in _undone_labels().items():
        source = "structure" if key in STRUCTURE_FIELDS or key == "signatory_civility" else "request"
        if getattr(getattr(current, source), key) != getattr(getattr(back_to, source), key):
            changed.append(label)
    return changed
