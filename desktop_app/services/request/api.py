"""What other areas may ask of the recruitment request (the only entry point they use).

Contract used by "Profils reçus" (quota, deadlines). Implemented by the request area. The
candidates' dates (validation, contract, rupture) are read from the profiles' model and never
changed here.

A structure may file several requests over time (e.g. a second one for one more post): the quota
is the sum of the posts granted by every request that is "Validée", and the selection deadline
runs from the most recent validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.profiles import STATUS_RECRUITED, STATUS_VALIDATED, Profile
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.dates import add_months
from desktop_app.services.formatting import date_in_words
from desktop_app.services.french import elide
from desktop_app.services.profiles import api as profiles_api
from desktop_app.services.request import label, posts

VALIDATED = "validee"
SELECT_WITHIN_MONTHS = 1  # "dans un délai maximum d'un mois"
SIGN_WITHIN_DAYS = 15  # "dans les 15 jours suivants"
SOON_DAYS = 7


def granted_posts(session: Session) -> int:
    """Number of posts granted ("postes attribués") by the validated request(s): the quota of
    candidates that may be validated. 0 when no request is validated."""
    total = session.scalar(
        select(func.coalesce(func.sum(RecruitmentRequest.posts_granted), 0)).where(
            RecruitmentRequest.status == VALIDATED
        )
    )
    return int(total or 0)


def validation_date(session: Session) -> date | None:
    """Date on which the current request became "Validée", or None.

    With several requests, the most recent validation counts: it opens a new month to select
    a candidate for the newly granted post(s)."""
    return session.scalar(
        select(func.max(RecruitmentRequest.decision_on)).where(
            RecruitmentRequest.status == VALIDATED
        )
    )


@dataclass(frozen=True)
class Deadline:
    """A time limit of the programme, e.g. "Sélectionner un candidat avant le 12 avril 2026".

    A met deadline stays in the list as met, with the day it was met ("Candidat sélectionné le
    3 mars 2026"), and is never shown as due again."""

    label: str  # full French sentence with the date written out
    due: date
    level: str  # "ok", "soon" (within its reminder), "late" (past) or "met"
    met_on: date | None = None
    # what it is about, for a tab that says it in its own words: "selection", "contract" (a
    # candidate's contract to sign, or signed), "" for the others (posts, label)
    kind: str = ""


def deadline_level(due: date, today: date, reminder_days: int = SOON_DAYS) -> str:
    if due < today:
        return "late"
    if (due - today).days <= reminder_days:
        return "soon"
    return "ok"


# Reminders before each date of a post's life (days).
CONVENTION_REMINDER_DAYS = 90
REPLACEMENT_REMINDER_DAYS = 30
LABEL_REMINDER_DAYS = 30


def _met(label: str, due: date, on: date, kind: str = "") -> Deadline:
    return Deadline(label, due, "met", on, kind)


def deadlines(session: Session, today: date) -> list[Deadline]:
    """The programme's time limits (dispositif.md §3, §9), shown by the request tab and the
    profiles tab: select a candidate within one month of the latest validation; sign the
    contract within 15 days of a candidate's validation; for each post still held, the end of
    its convention, a replacement within 6 months of a departure; the label's yearly renewal.

    The selection is met by any candidate validated since the request's validation, even once
    their contract is signed or they have left; the contract by its signature — and a
    candidate validated before the latest validation keeps an unsigned contract's deadline."""
    result: list[Deadline] = []
    validated_on = validation_date(session)
    if validated_on is not None:
        due = add_months(validated_on, SELECT_WITHIN_MONTHS)
        chosen = session.execute(
            select(Profile.validated_on, Profile.contract_signed_on, Profile.first_name,
                   Profile.last_name)
            .where(Profile.validated_on.is_not(None), Profile.validated_on >= validated_on)
            .order_by(Profile.validated_on, Profile.id)
        ).all()
        if not chosen:
            result.append(Deadline(
                f"Sélectionner un candidat avant le {date_in_words(due)}", due,
                deadline_level(due, today), kind="selection",
            ))
        else:
            first = chosen[0]
            result.append(_met(
                f"Candidat sélectionné le {date_in_words(first.validated_on)} "
                f"(délai : {date_in_words(due)})", due, first.validated_on, "selection",
            ))
        # A candidate validated before the latest validation (a second request, one more
        # post) still has a contract to sign: only the signed ones stay in the past.
        unsigned_before = session.execute(
            select(Profile.validated_on, Profile.contract_signed_on, Profile.first_name,
                   Profile.last_name)
            .where(Profile.validated_on.is_not(None), Profile.validated_on < validated_on,
                   Profile.contract_signed_on.is_(None),
                   Profile.status.in_((STATUS_VALIDATED, STATUS_RECRUITED)))
            .order_by(Profile.validated_on, Profile.id)
        ).all()
        for row in [*unsigned_before, *chosen]:
            sign_due = row.validated_on + timedelta(days=SIGN_WITHIN_DAYS)
            name = f"{row.first_name} {row.last_name}".strip()
            if row.contract_signed_on is not None:
                result.append(_met(
                    f"Contrat {elide('de', name)} signé le "  # « Contrat d'Élodie … »
                    f"{date_in_words(row.contract_signed_on)}",
                    sign_due, row.contract_signed_on, "contract",
                ))
            else:
                # whose contract: with two candidates validated, « Signer le contrat avant
                # le … » did not say
                result.append(Deadline(
                    f"Signer le contrat {elide('de', name)} avant le {date_in_words(sign_due)}",
                    sign_due, deadline_level(sign_due, today), kind="contract",
                ))
    else:
        candidate_on = profiles_api.latest_candidate_validation_date(session)
        if candidate_on is not None:
            due = candidate_on + timedelta(days=SIGN_WITHIN_DAYS)
            result.append(Deadline(
                f"Signer le contrat avant le {date_in_words(due)}", due,
                deadline_level(due, today), kind="contract",
            ))
    for post in posts.list_posts(session):
        result += post_deadlines(post, today)
    state = label.state(session)
    if state.renewal_due is not None:
        due = state.renewal_due
        result.append(Deadline(
            f"Renouveler le label « conseiller numérique » avant le {date_in_words(due)}", due,
            deadline_level(due, today, LABEL_REMINDER_DAYS),
        ))
    return result


def post_deadlines(post: posts.PostData, today: date) -> list[Deadline]:
    """One post's dates: its replacement after a departure, the end of its last convention,
    or its giving back (met)."""
    name = post.label
    if post.given_back_on is not None:
        return [_met(
            f"{name} : rendu le {date_in_words(post.given_back_on)} ({post.given_back_label})",
            post.given_back_on, post.given_back_on,
        )]
    found: list[Deadline] = []
    due = posts.replacement_due(post)
    departure = post.departure
    if due is not None and departure is not None:
        verb = "remplacer" if due >= today else "remplacer (sinon le poste est à rendre)"
        found.append(Deadline(
            f"{name} : {verb} {post.holder_text} ({departure[1]} le "
            f"{date_in_words(departure[0])}) avant le {date_in_words(due)}",
            due, deadline_level(due, today, REPLACEMENT_REMINDER_DAYS),
        ))
    elif post.replaced_on is not None and post.previous_departure_on is not None:
        found.append(_met(
            f"{name} : conseiller remplacé le {date_in_words(post.replaced_on)} (départ le "
            f"{date_in_words(post.previous_departure_on)})",
            add_months(post.previous_departure_on, posts.REPLACE_WITHIN_MONTHS), post.replaced_on,
        ))
    end = post.subsidy_end
    if end is not None:
        if end < today:
            found.append(_met(
                f"{name} : convention terminée le {date_in_words(end)}", end, end
            ))
        else:
            found.append(Deadline(
                f"{name} : fin de la convention le {date_in_words(end)}", end,
                deadline_level(end, today, CONVENTION_REMINDER_DAYS),
            ))
    return found
