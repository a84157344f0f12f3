"""The request area's documents, loaded and written in one place for the GUI and the command
line.

The "Aperçu" / "Enregistrer le PDF…" buttons and ``cnum-biblio pdf engagement|demande|
financement|label`` must print the same thing: this module reads the request and its structure
(the identity frozen when it was filed), or the posts and their conventions, or the label's
attestation, then hands plain data to ``documents/request``. It opens its own unit of work, so
the GUI runs it on the operation runner's worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop_app.db import Database
from desktop_app.services.dates import add_months
from desktop_app.services.request import cost, label, posts, requests, smic
from desktop_app.services.structure import StructureInfo, get_structure

# ReportLab loads only when something is printed: the request tab, the first one shown at
# start-up, reads this module's titles and plans, not its documents.
if TYPE_CHECKING:
    from desktop_app.documents.request.label import LabelSheet

ENGAGEMENT = "engagement"
RECAP = "recap"
FINANCING = "financement"
LABEL = "label"
KINDS = (ENGAGEMENT, RECAP)  # the documents of one request
POST_KINDS = (FINANCING, LABEL)  # the documents of the structure's posts
TITLES = {
    ENGAGEMENT: "Formulaire d'engagement",
    RECAP: "Récapitulatif de la demande",
    FINANCING: "Plan de financement du poste",
    LABEL: "Attestation sur l'honneur du label",
}
_FILE_BASES = {
    ENGAGEMENT: "formulaire-engagement",
    RECAP: "recapitulatif-demande",
    FINANCING: "plan-de-financement",
    LABEL: "attestation-label-conseiller-numerique",
}

NO_REQUEST = (
    "Aucune demande de recrutement : préparez-la d'abord dans l'onglet « Demande de "
    "recrutement »."
)


@dataclass(frozen=True)
class RequestDocument:
    """Everything one of the two documents prints, read in one unit of work."""

    request: requests.RequestData
    structure: StructureInfo
    today: date


def file_name(kind: str, number: int = 0) -> str:
    """The French file name proposed for ``kind`` (of request n° ``number``)."""
    if kind in POST_KINDS:
        return f"{_FILE_BASES[kind]}.pdf"
    return f"{_FILE_BASES[kind]}-{number}.pdf"


def plan_for(session, today: date) -> cost.FundingPlan:  # noqa: ANN001 - a Session
    """The posts' costs as "Postes et financement" shows them."""
    return cost.funding_plan(posts.list_posts(session), smic.smic_values(session), today)


def label_sheet(session, today: date) -> LabelSheet:  # noqa: ANN001 - a Session
    """The last attestation signed, or a sheet to fill in: the structure's signatory and the
    conseillers holding a post."""
    from desktop_app.documents.request.label import LabelSheet

    state = label.state(session)
    structure = get_structure(session)
    all_posts = posts.list_posts(session)
    lines = []
    for post in all_posts:
        if not post.conventions and post.given_back_on:
            continue  # given back without ever being funded: not a funded post
        text = f"{post.label} — {post.holder_text}"
        if post.conventions:
            text += " ; " + " ; ".join(f"convention {c.title}" for c in post.conventions)
        else:  # granted, its convention not typed: said, not passed off as funded
            text += " ; convention non saisie"
        lines.append(text)
    last = state.last
    if last is not None:
        return LabelSheet(
            last.signed_on, last.mediator_name, last.signatory_name, last.signatory_title,
            structure.commune, tuple(lines), add_months(last.signed_on, label.RENEW_EVERY_MONTHS),
        )
    holders = [p.holder_text for p in all_posts if p.holder is not None and not p.given_back_on]
    return LabelSheet(
        today, ", ".join(holders), structure.signatory_name, structure.signatory_title,
        structure.commune, tuple(lines), add_months(today, label.RENEW_EVERY_MONTHS),
    )


def load(db: Database, today: date, request_id: int | None = None) -> RequestDocument:
    """The request ``request_id`` (the current one when None) ready to print; a
    ``RequestError`` with a French message when there is none."""
    with db.session() as session:
        data = (
            requests.current_request(session)
            if request_id is None
            else requests.get_request(session, request_id)
        )
        if data is None:
            raise requests.RequestError(NO_REQUEST)
        structure = requests.structure_for(session, data)
    return RequestDocument(data, structure, today)


def build(kind: str, document: RequestDocument, out: Path | str | BinaryIO) -> None:
    """Write ``kind`` of ``document`` to ``out`` (no database needed)."""
    from desktop_app.documents.request.engagement import build_engagement
    from desktop_app.documents.request.recap import build_recap

    if kind == ENGAGEMENT:
        build_engagement(out, document.request, document.structure, document.today)
    elif kind == RECAP:
        build_recap(out, document.request, document.structure, document.today)
    else:
        raise ValueError(f"Document inconnu : {kind}")


def write_posts_document(db: Database, kind: str, out: Path | str | BinaryIO, today: date) -> str:
    """Write the financing plan or the label's attestation; returns a short description."""
    with db.session() as session:
        structure = get_structure(session)
        if kind == FINANCING:
            plan = plan_for(session, today)
        elif kind == LABEL:
            state = label.state(session)
            if not state.eligible:
                raise label.LabelError(state.reason)
            sheet = label_sheet(session, today)
        else:
            raise ValueError(f"Document inconnu : {kind}")
    from desktop_app.documents.request.financing import build_financing
    from desktop_app.documents.request.label import build_label

    if kind == FINANCING:
        build_financing(out, plan, structure)
        n = len(plan.posts)
        # within the command's parentheses: « (2 postes : la subvention … n'est pas compté). »
        # (it read « (2 postes, La subvention … compté.). »)
        sentence = cost.end_sentence(plan).rstrip(".")
        return f"{n} poste{'s' if n > 1 else ''} : {sentence[:1].lower()}{sentence[1:]}"
    build_label(out, sheet, structure)
    return f"attestation du {sheet.signed_on.strftime('%d/%m/%Y')}"


def write(db: Database, kind: str, out: Path | str | BinaryIO, today: date,
          request_id: int | None = None) -> RequestDocument:
    """Load then write ``kind``; returns what was printed (its title names the request)."""
    document = load(db, today, request_id)
    build(kind, document, out)
    return document
