"""The "mise en relation" workflow of dispositif.md §6: who may go where, with what.

Every action has the programme's French label, is dated in the profile's history, and is
reversible where §6 says so. Validation is limited by the quota of posts granted by the
current request (read from the request area's api) and asks for the recruitment date and the
contract, checked with French messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.profiles import (
    CONTRACT_TYPES,
    RUPTURE_REASONS,
    STATUS_LABELS,
    STATUS_NEW,
    STATUS_NOT_RETAINED,
    STATUS_PRESELECTED,
    STATUS_RECRUITED,
    STATUS_RUPTURE,
    STATUS_VALIDATED,
    Profile,
    ProfileEvent,
)
from desktop_app.services.dates import check_period
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.formatting import amount, date_short
from desktop_app.services.request import api as request_api

QUOTA_MESSAGE = (
    "Action non autorisée : quota atteint de conseillers validés par rapport au nombre de "
    "postes attribués"
)

# Action identifiers → the programme's labels.
PRESELECT = "preselect"
REFUSE = "refuse"
CANCEL_REFUSAL = "cancel_refusal"
CANCEL_PRESELECTION = "cancel_preselection"
VALIDATE = "validate"
CANCEL_VALIDATION = "cancel_validation"
CONFIRM_RECRUITMENT = "confirm_recruitment"
RUPTURE = "rupture"
CANCEL_RUPTURE = "cancel_rupture"

ACTION_LABELS: dict[str, str] = {
    PRESELECT: "Présélectionner ce candidat",
    REFUSE: "Ce profil ne correspond pas",
    CANCEL_REFUSAL: "Annuler le désintérêt",
    CANCEL_PRESELECTION: "Annuler la présélection",
    VALIDATE: "Valider cette candidature",
    CANCEL_VALIDATION: "Annuler le recrutement",
    CONFIRM_RECRUITMENT: "Candidat recruté",
    RUPTURE: "Rupture",
    CANCEL_RUPTURE: "Annuler la rupture",
}

# Status → actions offered, in the order the buttons are shown.
ACTIONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    STATUS_NEW: (PRESELECT, VALIDATE, REFUSE),
    STATUS_PRESELECTED: (VALIDATE, CANCEL_PRESELECTION, REFUSE),
    STATUS_NOT_RETAINED: (CANCEL_REFUSAL,),
    STATUS_VALIDATED: (CONFIRM_RECRUITMENT, CANCEL_VALIDATION),
    STATUS_RECRUITED: (RUPTURE, CANCEL_VALIDATION),
    STATUS_RUPTURE: (CANCEL_RUPTURE,),
}
# Candidates holding one of the posts granted.
HOLDING_POST = (STATUS_VALIDATED, STATUS_RECRUITED)


class WorkflowError(ValueError):
    """An action that is not allowed now; ``str(error)`` is the French message."""


class QuotaError(WorkflowError):
    """The programme's refusal, followed by what to do (``quota_refusal``) when known."""

    def __init__(self, message: str = QUOTA_MESSAGE) -> None:
        super().__init__(message)


class FormError(FieldErrors):
    """Input refused field by field: ``errors`` maps a field name to a French message."""


@dataclass
class ContractInput:
    recruitment_date: date | None
    contract_type: str  # key of CONTRACT_TYPES ("titulaire": appointment as a civil servant)
    start: date | None
    end: date | None
    salary: str  # as typed, "1 802,50" or "1802.5"; empty for a "titulaire"


@dataclass
class QuotaInfo:
    granted: int  # posts granted by the validated request(s), from the request area's api
    holding: int

    @property
    def reached(self) -> bool:
        return self.holding >= self.granted

    @property
    def text(self) -> str:
        return f"Candidats validés : {self.holding} sur {self.granted} poste(s) attribué(s)"


def parse_salary(text: str) -> Decimal | None:
    cleaned = (text or "").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    cleaned = cleaned.replace("€", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def check_contract(data: ContractInput) -> tuple[dict[str, str], Decimal | None]:
    """French messages per field ("recruitment_date", "contract_type", "start", "end",
    "salary") and the parsed salary."""
    errors: dict[str, str] = {}
    if data.recruitment_date is None:
        errors["recruitment_date"] = "Indiquez la date de recrutement."
    if data.contract_type not in CONTRACT_TYPES:
        errors["contract_type"] = "Choisissez le type de contrat (ou « titulaire »)."
    titulaire = data.contract_type == "titulaire"
    if data.start is None:
        errors["start"] = (
            "Indiquez la date de nomination." if titulaire else "Indiquez la date de début du contrat."
        )
    if data.contract_type in ("cdd", "pec", "projet") and data.end is None:
        label = CONTRACT_TYPES[data.contract_type]
        errors["end"] = f"Un contrat « {label} » a une date de fin : indiquez-la."
    if data.contract_type in ("cdi", "titulaire") and data.end is not None:
        errors["end"] = (
            "Un CDI n'a pas de date de fin : laissez ce champ vide."
            if data.contract_type == "cdi"
            else "Une nomination comme titulaire n'a pas de date de fin : laissez ce champ vide."
        )
    if data.start and data.end and data.end <= data.start:
        errors["end"] = (
            f"La date de fin ({date_short(data.end)}) doit être postérieure à la date de début "
            f"({date_short(data.start)})."
        )
    salary: Decimal | None = None
    try:
        salary = parse_salary(data.salary)
    except ValueError:
        errors["salary"] = (
            f"« {data.salary} » n'est pas un montant : écrivez par exemple 1 802,50."
        )
    if "salary" not in errors:
        if salary is None and not titulaire:
            errors["salary"] = "Indiquez le salaire brut mensuel."
        elif salary is not None and salary <= 0:
            errors["salary"] = "Le salaire brut mensuel doit être supérieur à zéro."
        elif salary is not None and salary >= Decimal("100000000"):
            errors["salary"] = "Ce salaire brut mensuel est trop élevé : vérifiez le montant."
    return errors, salary


def quota(session: Session) -> QuotaInfo:
    profiles = Profile.__table__.c  # plain columns: a Core statement compiles faster
    holding = session.scalar(
        select(func.count(profiles.id)).where(profiles.status.in_(HOLDING_POST))
    ) or 0
    return QuotaInfo(request_api.granted_posts(session), holding)


def quota_refusal(session: Session) -> str:
    """The programme's message, then who holds the posts and what frees one: the message
    alone told the deputy mayor neither who counted nor what to do."""
    info = quota(session)
    if info.granted == 0:
        advice = ("Aucun poste n'est attribué : aucune demande de recrutement n'est « Validée » "
                  "(onglet « Demande de recrutement »).")
    else:
        holders = session.execute(
            select(Profile.first_name, Profile.last_name, Profile.status)
            .where(Profile.status.in_(HOLDING_POST))
            .order_by(Profile.last_name, Profile.first_name)
        ).all()
        names = ", ".join(
            f"{first} {last} ({STATUS_LABELS[status].lower()})" for first, last, status in holders)
        advice = (
            f"{info.holding} candidat(s) pour {info.granted} poste(s) attribué(s) : {names}. "
            "Pour valider ce candidat, annulez d'abord l'un de ces recrutements (« Annuler le "
            "recrutement ») ou, si son contrat a pris fin, notifiez sa « Rupture »."
        )
    return f"{QUOTA_MESSAGE}. {advice}"


def _get(session: Session, profile_id: int) -> Profile:
    profile = session.get(Profile, profile_id)
    if profile is None:
        raise WorkflowError("Ce profil n'existe plus : il a peut-être été supprimé.")
    return profile


def _allowed(profile: Profile, action: str) -> None:
    if action not in ACTIONS_BY_STATUS.get(profile.status, ()):
        raise WorkflowError(
            f"« {ACTION_LABELS[action]} » n'est pas possible pour un profil au statut "
            f"« {STATUS_LABELS.get(profile.status, profile.status)} »."
        )


def _record(profile: Profile, today: date, label: str, detail: str = "") -> None:
    profile.events.append(ProfileEvent(event_date=today, label=label, detail=detail))


def _move(profile: Profile, status: str, today: date) -> None:
    profile.status = status
    profile.status_changed_on = today


def available_actions(status: str) -> list[tuple[str, str]]:
    return [(a, ACTION_LABELS[a]) for a in ACTIONS_BY_STATUS.get(status, ())]


def preselect(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, PRESELECT)
    _move(profile, STATUS_PRESELECTED, today)
    _record(profile, today, STATUS_LABELS[STATUS_PRESELECTED])


def cancel_preselection(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, CANCEL_PRESELECTION)
    _move(profile, STATUS_NEW, today)
    _record(profile, today, "Présélection annulée")


REASON_MAX = 300  # a reason, read in the detail and the history; the rest goes to the notes


def refuse(session: Session, profile_id: int, today: date, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise FormError({"reason": "Indiquez pourquoi ce profil ne correspond pas."})
    if len(reason) > REASON_MAX:
        raise FormError({"reason": (
            f"Le motif compte {len(reason)} caractères : {REASON_MAX} au plus. "
            "Raccourcissez-le (le détail peut aller dans les notes du profil).")})
    profile = _get(session, profile_id)
    _allowed(profile, REFUSE)
    _move(profile, STATUS_NOT_RETAINED, today)
    profile.refusal_reason = reason
    _record(profile, today, STATUS_LABELS[STATUS_NOT_RETAINED], f"Motif : {reason}")


def cancel_refusal(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, CANCEL_REFUSAL)
    _move(profile, STATUS_NEW, today)
    profile.refusal_reason = ""
    _record(profile, today, "Désintérêt annulé", "Le profil redevient une nouvelle candidature.")


def salary_notice(session: Session, salary: Decimal | None, start: date | None,
                  contract_type: str) -> str:
    """A gross monthly salary under the Smic in force at the contract's start, said (never
    refused: the working time is not recorded): the programme funds a post "sur la base d'un
    salaire à hauteur du SMIC au minimum" (dispositif §9). "" when nothing to say."""
    if salary is None or start is None or contract_type == "titulaire":
        return ""
    from desktop_app.services.request import smic

    in_force = smic.value_on(smic.smic_values(session), start)
    if salary >= in_force.monthly_gross:
        return ""
    return (f"{amount(salary)} brut par mois est inférieur au Smic ({in_force.label}) : le "
            "programme finance un poste « sur la base d'un salaire à hauteur du SMIC au "
            "minimum ». Vérifiez le montant ; pour le corriger : « Annuler le recrutement », puis "
            "« Valider cette candidature » de nouveau.")


def contract_summary(profile: Profile, *, with_salary: bool = True) -> str:
    """« CDD à partir du … jusqu'au …, 1 850,00 € brut par mois »; without the salary for
    documents read outside the structure (the training attestation)."""
    if not profile.contract_type:
        return ""
    label = CONTRACT_TYPES.get(profile.contract_type, profile.contract_type)
    if profile.contract_type == "titulaire":
        text = f"Nomination comme titulaire le {date_short(profile.contract_start)}"
    else:
        text = f"{label} à partir du {date_short(profile.contract_start)}"
        if profile.contract_end:
            text += f" jusqu'au {date_short(profile.contract_end)}"
    if with_salary and profile.salary_gross is not None:
        text += f", {amount(profile.salary_gross)} brut par mois"
    return text


def validate(session: Session, profile_id: int, today: date, contract: ContractInput) -> None:
    """"Valider cette candidature": quota first (the programme refuses before anything else),
    then the contract."""
    profile = _get(session, profile_id)
    _allowed(profile, VALIDATE)
    info = quota(session)
    if info.reached:
        raise QuotaError(quota_refusal(session))
    errors, salary = check_contract(contract)
    if errors:
        raise FormError(errors)
    _move(profile, STATUS_VALIDATED, today)
    profile.validated_on = today
    profile.recruitment_date = contract.recruitment_date
    profile.contract_type = contract.contract_type
    profile.contract_start = contract.start
    profile.contract_end = contract.end
    profile.salary_gross = salary
    _record(
        profile,
        today,
        STATUS_LABELS[STATUS_VALIDATED],
        f"Date de recrutement : {date_short(contract.recruitment_date)}. "
        f"{contract_summary(profile)}.",
    )


def cancel_validation(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, CANCEL_VALIDATION)
    _move(profile, STATUS_PRESELECTED, today)
    profile.validated_on = None
    profile.recruited_on = None
    _record(profile, today, "Recrutement annulé", "Le candidat redevient présélectionné.")


def confirm_recruitment(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, CONFIRM_RECRUITMENT)
    _move(profile, STATUS_RECRUITED, today)
    profile.recruited_on = today
    _record(profile, today, STATUS_LABELS[STATUS_RECRUITED], "Recrutement confirmé par le programme.")


def record_signature(session: Session, profile_id: int, today: date, signed_on: date | None) -> None:
    """The contract was signed (stops the 15-day deadline)."""
    profile = _get(session, profile_id)
    if profile.status not in HOLDING_POST:
        raise WorkflowError("Seul le contrat d'un candidat validé ou recruté peut être signé.")
    if signed_on is not None and profile.validated_on and signed_on < profile.validated_on:
        raise FormError({"signed_on": (
            f"La signature ({date_short(signed_on)}) ne peut pas précéder la validation de la "
            f"candidature, enregistrée le {date_short(profile.validated_on)} : indiquez une "
            "date à partir de celle-ci.")})
    profile.contract_signed_on = signed_on
    if signed_on:
        _record(profile, today, "Contrat signé", f"Signé le {date_short(signed_on)}.")
    else:
        _record(profile, today, "Signature du contrat annulée")


def rupture(session: Session, profile_id: int, today: date, when: date | None, reason: str) -> None:
    errors: dict[str, str] = {}
    if when is None:
        errors["date"] = "Indiquez la date de la rupture."
    if reason not in RUPTURE_REASONS:
        errors["reason"] = "Choisissez le motif de la rupture."
    profile = _get(session, profile_id)
    if when and profile.contract_start and when < profile.contract_start:
        errors["date"] = (
            f"La rupture ne peut pas précéder le début du contrat ({date_short(profile.contract_start)})."
        )
    if errors:
        raise FormError(errors)
    _allowed(profile, RUPTURE)
    _move(profile, STATUS_RUPTURE, today)
    profile.rupture_date = when
    profile.rupture_reason = reason
    _record(
        profile,
        today,
        STATUS_LABELS[STATUS_RUPTURE],
        f"Rupture le {date_short(when)} : {RUPTURE_REASONS[reason]}.",
    )


def cancel_rupture(session: Session, profile_id: int, today: date) -> None:
    profile = _get(session, profile_id)
    _allowed(profile, CANCEL_RUPTURE)
    if quota(session).reached:
        raise QuotaError(quota_refusal(session))
    _move(profile, STATUS_RECRUITED, today)
    profile.rupture_date = None
    profile.rupture_reason = ""
    _record(profile, today, "Rupture annulée", "Le conseiller redevient recruté.")


# The programme's initial training lasts weeks; a period longer than a year is a typing slip
# ("2202" for "2026"), never a plan.
MAX_TRAINING_DAYS = 366


def check_training_period(start: date | None, end: date | None) -> dict[str, str]:
    """French messages for a training period longer than a year (field "end"); an end before
    the start is the record's own check."""
    if start is None or end is None or end < start:
        return {}
    if check_period(start, end, max_days=MAX_TRAINING_DAYS) is None:
        return {}
    return {"end": (
        f"Une période de formation dure au plus un an : du {date_short(start)} au "
        f"{date_short(end)}, vérifiez le dernier jour."
    )}


SIMPLE_ACTIONS = {
    PRESELECT: preselect,
    CANCEL_PRESELECTION: cancel_preselection,
    CANCEL_REFUSAL: cancel_refusal,
    CANCEL_VALIDATION: cancel_validation,
    CONFIRM_RECRUITMENT: confirm_recruitment,
    CANCEL_RUPTURE: cancel_rupture,
}
