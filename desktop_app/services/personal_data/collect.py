"""Everything held about one person, section by section, with where each part comes from: the
content of the right of access (the readable PDF and the machine-readable JSON).

Every column of every record is included (read from the tables' own definitions, so a column
added later by an area is exported without anyone remembering to add it here); stored codes are
shown with the programme's labels in the readable part and kept as stored in the JSON.

Only the chosen person's records are collected (``records.person``): a namesake's never are,
nor the notes that name the person only by a name a namesake also bears (``shared_mentions``,
shown in the dialog for the user to check, never written in the copy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from desktop_app.models import kit as kit_models
from desktop_app.models import profiles as profile_models
from desktop_app.models import workshops as workshop_models
from desktop_app.models.base import Base
from desktop_app.models.kit import KitItem, KitLoan, KitLoanItem
from desktop_app.models.profiles import Interview, Profile, ProfileEvent, TrainingSession
from desktop_app.models.request import RecruitmentRequest
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.personal_data.records import (
    KIND_LABELS,
    Mention,
    PersonMatch,
    RecordRef,
    mentions_of,
    person,
)
from desktop_app.services.progress import Progress, report

# Column → French label; a column missing here is shown under its own name.
LABELS: dict[str, str] = {
    "id": "Numéro", "first_name": "Prénom", "last_name": "Nom", "email": "E-mail",
    "phone": "Téléphone", "postal_code": "Code postal", "commune": "Commune",
    "availability_date": "Disponibilité", "mobility": "Mobilité", "situation": "Situation",
    "graduate": "Diplômé", "diploma": "Diplôme", "experience": "Expérience en médiation",
    "experience_details": "Détail de l'expérience", "ccp1": "CCP1", "pix_shared": "Pix partagé",
    "pix_level": "Niveau Pix", "pix_professional": "Pix : vie professionnelle",
    "pix_resources": "Pix : production de ressources", "pix_citizen": "Pix : e-citoyenneté",
    "cv_on_platform": "CV sur la plateforme", "cv_file": "CV joint", "source": "Origine",
    "batch_id": "Lot reçu", "status": "Statut", "status_changed_on": "Statut changé le",
    "refusal_reason": "Motif du refus", "validated_on": "Validé le",
    "recruitment_date": "Date de recrutement", "contract_type": "Type de contrat",
    "contract_start": "Début du contrat", "contract_end": "Fin du contrat",
    "salary_gross": "Salaire brut", "contract_signed_on": "Contrat signé le",
    "recruited_on": "Recruté le", "rupture_date": "Date de rupture",
    "rupture_reason": "Motif de la rupture", "notes": "Notes", "created_at": "Créé le",
    "updated_at": "Modifié le", "age_bracket": "Tranche d'âge",
    "social_status": "Statut social", "gender": "Genre", "helped_before": "Déjà accompagné",
    "borrower_kind": "Type d'emprunteur", "borrower_name": "Emprunteur",
    "id_checked": "Pièce d'identité vérifiée", "start": "Début", "due": "Retour prévu",
    "closed_at": "Clos le", "event_date": "Date", "label": "Libellé", "detail": "Détail",
    "at": "Enregistré le", "place": "Lieu", "panel": "Jury", "start_date": "Du",
    "end_date": "Au", "organisation": "Organisme", "session_id": "Séance",
    "participant_id": "Participant", "registered_at": "Inscrit le", "attendance": "Présence",
    "candidate_identified": "Candidat identifié", "candidate_name": "Nom du candidat",
    "candidate_email": "E-mail du candidat", "returned_at": "Rendu le",
    "return_condition": "État au retour", "return_notes": "Remarque au retour",
    "profile_id": "Profil", "loan_id": "Prêt", "item_id": "Article",
    "birth_year": "Année de naissance", "insee_code": "Code commune (Insee)",
    "job_seeker": "Demandeur d'emploi", "employed": "En emploi", "in_training": "En formation",
    "ccp1_trained": "CCP1", "pix_professional_ok": "Pix : vie professionnelle",
    "pix_resources_ok": "Pix : production de ressources", "pix_citizen_ok": "Pix : e-citoyenneté",
    "pix_certified_on": "Certification Pix le", "kind": "Type", "hours": "Heures",
    "title": "Intitulé",
}
# Links between records: in the JSON, not in the readable copy (the section says it already).
LINK_COLUMNS = frozenset({"session_id", "participant_id", "profile_id", "loan_id", "item_id",
                          "batch_id"})
CODES: dict[str, dict[Any, str]] = {
    "status": profile_models.STATUS_LABELS, "source": profile_models.SOURCES,
    "mobility": profile_models.MOBILITY, "situation": profile_models.SITUATIONS,
    "contract_type": profile_models.CONTRACT_TYPES,
    "rupture_reason": profile_models.RUPTURE_REASONS,
    "age_bracket": workshop_models.AGE_BRACKETS, "social_status": workshop_models.SOCIAL_STATUSES,
    "gender": workshop_models.GENDERS, "attendance": workshop_models.ATTENDANCE,
    "borrower_kind": kit_models.BORROWER_KINDS, "return_condition": kit_models.CONDITIONS,
    "pix_level": profile_models.PIX_LEVELS,
}
REGISTRATION_CODES = {"status": workshop_models.REGISTRATION_STATUSES}


@dataclass
class Section:
    """One record as held: where it comes from, and each field (label, shown text)."""

    source: str
    table: str
    row_id: int
    fields: list[tuple[str, str]]
    raw: dict[str, Any]
    children: list[Section] = field(default_factory=list)


@dataclass
class PersonData:
    token: str
    name: str
    sections: list[Section]
    mentions: list[Mention]
    files: list[str]  # attached files (CVs) held in the data folder
    match: PersonMatch | None = None  # who the records are, and the namesakes left out
    shared_mentions: list[Mention] = field(default_factory=list)  # maybe a namesake's: not exported


def shown(column: str, value: Any, codes: dict[str, dict[Any, str]] | None = None) -> str:  # noqa: ANN401
    if value is None or value == "":
        return ""
    table = (codes or CODES).get(column)
    if table is not None and value in table:
        return str(table[value])
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _plain(value: Any) -> Any:  # noqa: ANN401
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} octets>"
    return value


def attributes(model: type) -> list[str]:
    """Every column of ``model`` by its attribute name (which may differ from the column's)."""
    return [attr.key for attr in sa_inspect(model).column_attrs]


def _section(row: Base, source: str, codes: dict[str, dict[Any, str]] | None = None) -> Section:
    names = attributes(type(row))
    raw = {name: _plain(getattr(row, name)) for name in names}
    fields = [(LABELS.get(name, name), shown(name, getattr(row, name), codes))
              for name in names if name not in LINK_COLUMNS]
    return Section(source, row.__tablename__, int(row.id), fields, raw)


def _profile(session: Session, profile_id: int) -> tuple[Section, str | None]:
    profile = session.get(Profile, profile_id)
    assert profile is not None
    section = _section(profile, f"Profils reçus — profil de candidat n° {profile.id}")
    for event in session.scalars(select(ProfileEvent).where(
            ProfileEvent.profile_id == profile.id).order_by(ProfileEvent.at, ProfileEvent.id)):
        section.children.append(_section(event, "Historique du profil"))
    for interview in session.scalars(select(Interview).where(Interview.profile_id == profile.id)):
        section.children.append(_section(interview, "Entretien"))
    for training in session.scalars(select(TrainingSession).where(
            TrainingSession.profile_id == profile.id)):
        section.children.append(_section(training, "Période de formation"))
    return section, profile.cv_file or None


def _participant(session: Session, participant_id: int) -> Section:
    participant = session.get(Participant, participant_id)
    assert participant is not None
    section = _section(participant, f"Ateliers — fiche de participant n° {participant.id}")
    rows = session.execute(
        select(Registration, WorkshopSession)
        .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
        .where(Registration.participant_id == participant.id)
        .order_by(WorkshopSession.start)
        # a session's themes, equipment… are not the person's: not loaded (four queries more)
        .options(lazyload("*"))
    )
    for registration, ws in rows:
        child = _section(registration, f"Inscription à « {ws.title} » du "
                                       f"{ws.start:%d/%m/%Y à %H:%M}", CODES | REGISTRATION_CODES)
        child.fields.insert(0, ("Séance", f"{ws.title} — {ws.start:%d/%m/%Y à %H:%M}"))
        child.raw["session"] = {"title": ws.title, "start": ws.start.isoformat(),
                                "kind": ws.kind, "status": ws.status}
        section.children.append(child)
    return section


def _loan(session: Session, loan_id: int) -> Section:
    loan = session.get(KitLoan, loan_id)
    assert loan is not None
    section = _section(loan, f"Kit d'inclusion — prêt n° {loan.id}")
    for line in session.scalars(select(KitLoanItem).where(KitLoanItem.loan_id == loan.id)):
        item = session.get(KitItem, line.item_id)
        child = _section(line, "Article prêté")
        if item is not None:
            child.fields.insert(0, ("Article", f"{item.inventory_number} {item.brand} "
                                               f"{item.model}".strip()))
            child.raw["inventory_number"] = item.inventory_number
        section.children.append(child)
    return section


def _request(session: Session, request_id: int) -> Section:
    request = session.get(RecruitmentRequest, request_id)
    assert request is not None
    columns = ("id", "candidate_identified", "candidate_name", "candidate_email", "status",
               "created_at")
    raw = {c: _plain(getattr(request, c)) for c in columns}
    fields = [(LABELS.get(c, c), shown(c, getattr(request, c), {})) for c in columns]
    return Section(f"Demande de recrutement n° {request.id} — candidat identifié",
                   "recruitment_request", request.id, fields, raw)


def collect(session: Session, match: PersonMatch, *, narrowed: bool = False,
            progress: Progress | None = None) -> PersonData:
    """The person's records and the notes that name them; ``narrowed``: the notes found by the
    quick look the dialog uses on each click (``records.mentions_of``), else by reading every
    note (the access copy, the erasure's list). ``progress`` is told between two steps and
    stops the reading (``Cancelled``) when it says so: the dialog's reading of a person chosen
    a moment ago, replaced by another choice, leaves the two cores to the one wanted."""
    sections: list[Section] = []
    files: list[str] = []
    for ref in match.refs:
        report(progress, 0, 1)
        if ref.kind == "C":
            section, cv = _profile(session, ref.row_id)
            if cv:
                files.append(cv)
        elif ref.kind == "P":
            section = _participant(session, ref.row_id)
        elif ref.kind == "E":
            section = _loan(session, ref.row_id)
        else:
            section = _request(session, ref.row_id)
        sections.append(section)
    own = {(s.table, s.row_id) for s in sections}
    own |= {(c.table, c.row_id) for s in sections for c in s.children}
    found = [m for m in mentions_of(session, match, narrowed=narrowed, progress=progress)
             if (m.table, m.row_id) not in own]
    return PersonData(match.token, match.name, sections, [m for m in found if not m.shared_name],
                      files, match, [m for m in found if m.shared_name])


def person_data(session: Session, token: str,
                expected: list[RecordRef] | None = None) -> PersonData:
    """Everything held about the person ``token`` names; with ``expected``, only if their
    records are still exactly those (``records.person``)."""
    return collect(session, person(session, token, expected))


def as_json(data: PersonData, generated: datetime) -> dict[str, Any]:
    def one(section: Section) -> dict[str, Any]:
        return {"source": section.source, "table": section.table, "donnees": section.raw,
                "elements": [one(c) for c in section.children]}

    return {
        "document": "Données personnelles détenues (droit d'accès, article 15 du RGPD)",
        "personne": data.name,
        "numero": data.token,
        "produit_le": generated.isoformat(timespec="minutes"),
        "sources": [one(s) for s in data.sections],
        "mentions_dans_des_notes": [
            {"source": m.source, "table": m.table, "texte": m.text} for m in data.mentions
        ],
        "fichiers_joints": data.files,
    }


def write_json(data: PersonData, out: Path, generated: datetime) -> Path:
    out.write_text(json.dumps(as_json(data, generated), ensure_ascii=False, indent=2),
                   encoding="utf-8")
    return out


def kind_summary(data: PersonData) -> str:
    kinds = {s.table for s in data.sections}
    names = {"profile": "C", "participant": "P", "kit_loan": "E", "recruitment_request": "D"}
    return ", ".join(KIND_LABELS[names[t]] for t in names if t in kinds)
