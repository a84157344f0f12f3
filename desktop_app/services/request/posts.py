"""Funded posts, their conventions and payments, and the post's life after recruitment.

A post is created for each post the committee granted (or by hand); it holds what the
structure pays (salary, its own employer-charges rate) and who holds it. Its holder is a
profile of "Profils reçus", read here without being changed: their "rupture" (date and reason,
"Fin de subventionnement" included) is the post's departure, which opens 6 months to replace
them (dispositif.md §9) before the post is given back. Naming a new holder records the
replacement, so the deadline is then shown as met with its date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.models.profiles import (
    RUPTURE_REASONS,
    STATUS_RECRUITED,
    STATUS_RUPTURE,
    STATUS_VALIDATED,
    Profile,
)
from desktop_app.models.request import (
    CONVENTION_KINDS,
    EMPLOYER_TYPES,
    GIVE_BACK_REASONS,
    Convention,
    ConventionPayment,
    FundedPost,
    RecruitmentRequest,
)
from desktop_app.services.dates import add_months
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.formatting import amount, date_short
from desktop_app.services.request import conventions as rules
from desktop_app.services.structure import get_structure

REPLACE_WITHIN_MONTHS = 6
DEFAULT_CHARGES_PCT = Decimal("42")
DEFAULT_CHARGES_SOURCE = (
    "Taux par défaut : 42 % du salaire brut, ordre de grandeur courant des cotisations "
    "patronales hors allègements (de 40 à 45 % selon le statut et la caisse de retraite). "
    "Votre taux réel est sur le bulletin de paie : total des cotisations patronales ÷ salaire "
    "brut ; pour un agent public, votre centre de gestion le donne."
)


class PostError(FieldErrors):
    """A refused change of a post, convention or payment; ``str(error)`` is French."""


@dataclass(frozen=True)
class Holder:
    """A conseiller of "Profils reçus" who can hold a post (validated, recruited or in rupture)."""

    profile_id: int
    name: str
    status: str
    rupture_date: date | None = None
    rupture_reason: str = ""

    @property
    def rupture_label(self) -> str:
        return RUPTURE_REASONS.get(self.rupture_reason, self.rupture_reason)


@dataclass(frozen=True)
class PaymentData:
    id: int | None
    received_on: date
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class ConventionData:
    id: int | None
    post_id: int | None
    kind: str
    employer_type: str
    qpv_zrr: bool
    start_date: date
    end_date: date
    amounts: tuple[Decimal, Decimal, Decimal]
    reference: str = ""
    note: str = ""
    payments: tuple[PaymentData, ...] = ()

    @property
    def kind_label(self) -> str:
        return CONVENTION_KINDS.get(self.kind, self.kind)

    @property
    def employer_label(self) -> str:
        return EMPLOYER_TYPES.get(self.employer_type, self.employer_type)

    @property
    def years(self) -> list[rules.ConventionYear]:
        return rules.convention_years(self.start_date, self.end_date, self.amounts)

    @property
    def granted(self) -> Decimal:
        return sum((y.amount for y in self.years), Decimal("0"))

    @property
    def received(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0"))

    @property
    def title(self) -> str:
        """"Renouvellement (2023), employeur public en QPV/ZRR, du 01/03/2023 au 28/02/2026"."""
        zone = " en QPV/ZRR" if self.qpv_zrr else ""
        return (
            f"{self.kind_label}, {self.employer_label.lower()}{zone}, du "
            f"{date_short(self.start_date)} au {date_short(self.end_date)}"
        )


@dataclass(frozen=True)
class PostData:
    id: int | None
    label: str
    gross_monthly_salary: Decimal = Decimal("0")
    employer_charges_pct: Decimal = DEFAULT_CHARGES_PCT
    holder_profile_id: int | None = None
    holder_name: str = ""
    previous_departure_on: date | None = None
    previous_departure_reason: str = ""
    replaced_on: date | None = None
    given_back_on: date | None = None
    given_back_reason: str = ""
    note: str = ""
    request_id: int | None = None
    conventions: tuple[ConventionData, ...] = ()
    holder: Holder | None = None  # read from "Profils reçus"

    @property
    def given_back_label(self) -> str:
        return GIVE_BACK_REASONS.get(self.given_back_reason, self.given_back_reason)

    @property
    def subsidy_end(self) -> date | None:
        ends = [c.end_date for c in self.conventions]
        return max(ends) if ends else None

    @property
    def departure(self) -> tuple[date, str] | None:
        """The current holder's rupture (date, reason label), if any."""
        if self.holder and self.holder.status == STATUS_RUPTURE and self.holder.rupture_date:
            return self.holder.rupture_date, self.holder.rupture_label
        return None

    @property
    def holder_text(self) -> str:
        if self.holder is not None:
            return self.holder.name
        return self.holder_name or "conseiller non renseigné"


# -- reading ----------------------------------------------------------------------------------
def holders(session: Session) -> list[Holder]:
    """The conseillers who can hold a post, read from "Profils reçus" (never changed here)."""
    rows = session.scalars(
        select(Profile)
        .where(Profile.status.in_((STATUS_VALIDATED, STATUS_RECRUITED, STATUS_RUPTURE)))
        .order_by(Profile.last_name, Profile.first_name, Profile.id)
    ).all()
    return [_holder(p) for p in rows]


def _holder(profile: Profile) -> Holder:
    return Holder(
        profile.id, profile.full_name, profile.status, profile.rupture_date,
        profile.rupture_reason,
    )


def _convention(row: Convention) -> ConventionData:
    return ConventionData(
        row.id, row.post_id, row.kind, row.employer_type, row.qpv_zrr, row.start_date,
        row.end_date,
        (Decimal(row.amount_year1), Decimal(row.amount_year2), Decimal(row.amount_year3)),
        row.reference, row.note,
        tuple(PaymentData(p.id, p.received_on, Decimal(p.amount), p.note) for p in row.payments),
    )


def list_posts(session: Session) -> list[PostData]:
    rows = session.scalars(
        select(FundedPost)
        .options(selectinload(FundedPost.conventions).selectinload(Convention.payments))
        .order_by(FundedPost.id)
    ).all()
    holder_ids = [r.holder_profile_id for r in rows if r.holder_profile_id is not None]
    found = {
        p.id: _holder(p)
        for p in session.scalars(select(Profile).where(Profile.id.in_(holder_ids)))
    } if holder_ids else {}
    return [
        PostData(
            r.id, r.label, Decimal(r.gross_monthly_salary), Decimal(r.employer_charges_pct),
            r.holder_profile_id, r.holder_name, r.previous_departure_on,
            r.previous_departure_reason, r.replaced_on, r.given_back_on, r.given_back_reason,
            r.note, r.request_id, tuple(_convention(c) for c in r.conventions),
            found.get(r.holder_profile_id) if r.holder_profile_id is not None else None,
        )
        for r in rows
    ]


def get_post(session: Session, post_id: int) -> PostData:
    for post in list_posts(session):
        if post.id == post_id:
            return post
    raise PostError("Ce poste n'existe plus.")


def default_employer_type(session: Session) -> str:
    """Private for a "Structure privée", public for every local authority and GIP."""
    return rules.PRIVATE if get_structure(session).structure_type == "structure_privee" else rules.PUBLIC


# -- posts ------------------------------------------------------------------------------------
@dataclass
class PostInput:
    label: str
    gross_monthly_salary: Decimal
    employer_charges_pct: Decimal
    holder_profile_id: int | None = None
    note: str = ""
    errors: dict[str, str] = field(default_factory=dict)


_NUMBERED = re.compile(r"^\s*poste\s+(?:n°\s*)?(\d+)\b", re.IGNORECASE)


def next_post_number(labels: Iterable[str]) -> int:
    """The number proposed for a new post ("Poste 3" when two exist): one more than the posts
    there are, skipping any number a post's name already carries ("Poste 3 — annexe"), so the
    name proposed is never that of an existing post. The posts a validated request creates are
    numbered the same way."""
    names = list(labels)
    used = {int(m.group(1)) for name in names if (m := _NUMBERED.match(name))}
    number = len(names) + 1
    while number in used:
        number += 1
    return number


def check_post(data: PostInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.label.strip():
        errors["label"] = "Donnez un nom au poste (ex. « Poste 1 — médiathèque »)."
    elif len(data.label.strip()) > 100:
        errors["label"] = (
            f"Le nom du poste compte {len(data.label.strip())} caractères : 100 au plus."
        )
    if data.gross_monthly_salary < 0 or data.gross_monthly_salary > Decimal("20000"):
        errors["salary"] = "Le salaire brut mensuel doit être entre 0 et 20 000 €."
    if not Decimal("0") <= data.employer_charges_pct <= Decimal("100"):
        errors["charges"] = "Le taux de charges patronales doit être entre 0 et 100 %."
    return errors


def save_post(session: Session, post_id: int | None, data: PostInput, today: date) -> int:
    """Create or change a post. Naming a new holder after the previous one's departure records
    the replacement (the 6-month deadline is then met)."""
    errors = check_post(data)
    if errors:
        raise PostError(errors, "Le poste n'est pas enregistré : " + " ".join(errors.values()))
    row = FundedPost() if post_id is None else session.get(FundedPost, post_id)
    if row is None:
        raise PostError("Ce poste n'existe plus.")
    if post_id is None:
        session.add(row)
    row.label = data.label.strip()
    row.gross_monthly_salary = data.gross_monthly_salary
    row.employer_charges_pct = data.employer_charges_pct
    row.note = data.note.strip()
    if data.holder_profile_id != row.holder_profile_id:
        previous = (
            session.get(Profile, row.holder_profile_id) if row.holder_profile_id else None
        )
        if previous is not None and previous.status == STATUS_RUPTURE and previous.rupture_date:
            row.previous_departure_on = previous.rupture_date
            row.previous_departure_reason = (
                f"{previous.full_name} — "
                f"{RUPTURE_REASONS.get(previous.rupture_reason, previous.rupture_reason)}"
            )
            row.replaced_on = today if data.holder_profile_id else None
        row.holder_profile_id = data.holder_profile_id
        new = session.get(Profile, data.holder_profile_id) if data.holder_profile_id else None
        row.holder_name = new.full_name if new is not None else ""
    session.flush()
    return row.id


def give_back(session: Session, post_id: int, on: date, reason: str, today: date) -> None:
    """The post is given back to the programme (e.g. "Fin de subventionnement", or no
    replacement within 6 months): its deadlines stop, its cost afterwards is nil."""
    row = session.get(FundedPost, post_id)
    if row is None:
        raise PostError("Ce poste n'existe plus.")
    if reason not in GIVE_BACK_REASONS:
        raise PostError({"reason": "Choisissez le motif dans la liste."})
    if on > today:
        raise PostError({"on": "La date ne peut pas être dans le futur."})
    row.given_back_on = on
    row.given_back_reason = reason
    session.flush()


def undo_give_back(session: Session, post_id: int) -> None:
    row = session.get(FundedPost, post_id)
    if row is None:
        raise PostError("Ce poste n'existe plus.")
    row.given_back_on = None
    row.given_back_reason = ""
    session.flush()


def delete_post(session: Session, post_id: int) -> None:
    row = session.get(FundedPost, post_id)
    if row is not None:
        session.delete(row)
        session.flush()


def posts_for_request(session: Session, request_id: int, count: int) -> int:
    """Create the posts a validated request granted (named "Poste 3"… after the existing ones),
    unless it already has them; returns how many were created."""
    have = len(session.scalars(
        select(FundedPost.id).where(FundedPost.request_id == request_id)
    ).all())
    existing = len(session.scalars(select(FundedPost.id)).all())
    created = 0
    for _ in range(max(count - have, 0)):
        created += 1
        session.add(FundedPost(
            label=f"Poste {existing + created}", request_id=request_id,
            employer_charges_pct=DEFAULT_CHARGES_PCT,
        ))
    session.flush()
    return created


# -- conventions ------------------------------------------------------------------------------
def default_convention_start(session: Session, post_id: int, today: date) -> date:
    """The start proposed for a new convention of a post: the day after its last convention
    ends (a renewal follows it), else the committee's decision on the request that brought the
    post (or, for a post added by hand, on the latest request decided), else ``today``."""
    post = get_post(session, post_id)
    if post.conventions:
        return max(c.end_date for c in post.conventions) + timedelta(days=1)
    query = select(RecruitmentRequest.decision_on).where(
        RecruitmentRequest.decision_on.is_not(None)
    )
    if post.request_id is not None:
        query = query.where(RecruitmentRequest.id == post.request_id)
    decided = session.scalars(query.order_by(RecruitmentRequest.decision_on.desc())).first()
    return decided or today


def check_convention(data: ConventionData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind not in CONVENTION_KINDS:
        errors["kind"] = "Choisissez le type de convention."
    if data.employer_type not in EMPLOYER_TYPES:
        errors["employer_type"] = "Choisissez le type d'employeur."
    if data.end_date <= data.start_date:
        errors["end_date"] = (
            f"La fin ({date_short(data.end_date)}) doit suivre le début "
            f"({date_short(data.start_date)})."
        )
    elif rules.months_between(data.start_date, data.end_date) > 36:
        errors["end_date"] = "Une convention dure 36 mois au plus."
    for index, value in enumerate(data.amounts, start=1):
        if value < 0 or value > Decimal("100000"):
            errors[f"amount{index}"] = f"Le montant de l'année {index} doit être entre 0 et 100 000 €."
    return errors


def save_convention(session: Session, data: ConventionData) -> int:
    errors = check_convention(data)
    if errors:
        raise PostError(errors, "La convention n'est pas enregistrée : " + " ".join(errors.values()))
    if data.id is None:
        if data.post_id is None or session.get(FundedPost, data.post_id) is None:
            raise PostError("Ce poste n'existe plus.")
        row = Convention(post_id=data.post_id)
        session.add(row)
    else:
        row = session.get(Convention, data.id)
        if row is None:
            raise PostError("Cette convention n'existe plus.")
    row.kind, row.employer_type, row.qpv_zrr = data.kind, data.employer_type, data.qpv_zrr
    row.start_date, row.end_date = data.start_date, data.end_date
    row.amount_year1, row.amount_year2, row.amount_year3 = data.amounts
    row.reference, row.note = data.reference.strip(), data.note.strip()
    session.flush()
    return row.id


def delete_convention(session: Session, convention_id: int) -> None:
    row = session.get(Convention, convention_id)
    if row is not None:
        session.delete(row)
        session.flush()


def add_payment(
    session: Session, convention_id: int, received_on: date, value: Decimal, note: str,
    today: date,
) -> int:
    row = session.get(Convention, convention_id)
    if row is None:
        raise PostError("Cette convention n'existe plus.")
    errors: dict[str, str] = {}
    if value <= 0:
        errors["amount"] = "Le montant reçu doit être positif."
    if received_on > today:
        errors["received_on"] = "La date du versement ne peut pas être dans le futur."
    convention = _convention(row)
    if value > 0 and convention.received + value > convention.granted:
        # the State pays at most what the convention grants: a slip (« 250000 » for 25 000)
        # or amounts of the convention typed wrong
        left = convention.granted - convention.received
        errors["amount"] = (
            f"Ce versement porterait le reçu à {amount(convention.received + value)} pour "
            f"{amount(convention.granted)} accordés (reste à recevoir : "
            f"{amount(max(left, Decimal('0')))}) : vérifiez le montant, ou les montants "
            "accordés de la convention (« Modifier la convention… »)."
        )
    if errors:
        raise PostError(errors, "Le versement n'est pas enregistré : " + " ".join(errors.values()))
    payment = ConventionPayment(convention=row, received_on=received_on, amount=value,
                                note=note.strip())
    session.add(payment)
    session.flush()
    return payment.id


def delete_payment(session: Session, payment_id: int) -> None:
    row = session.get(ConventionPayment, payment_id)
    if row is not None:
        session.delete(row)
        session.flush()


def payments_text(convention: ConventionData) -> str:
    """"Reçu : 25 000,00 € sur 50 000,00 €"."""
    return f"Reçu : {amount(convention.received)} sur {amount(convention.granted)}"


# -- the post's life --------------------------------------------------------------------------
def replacement_due(post: PostData) -> date | None:
    """6 months after the holder's departure, while the post is neither replaced nor given back."""
    departure = post.departure
    if departure is None or post.given_back_on is not None:
        return None
    return add_months(departure[0], REPLACE_WITHIN_MONTHS)
