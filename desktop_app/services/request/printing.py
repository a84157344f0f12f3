"""The request's two documents, loaded and written in one place for the GUI and the command line.

The "Aperçu" / "Enregistrer le PDF…" buttons and ``cnum-biblio pdf engagement|demande`` must
print the same thing: this module reads the request, its structure (the identity frozen when it
was filed) and the cost estimate, then hands plain data to ``documents/request``. It opens its
own unit of work, so the GUI runs it on the operation runner's worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from desktop_app.db import Database
from desktop_app.documents.request.engagement import build_engagement
from desktop_app.documents.request.recap import build_recap
from desktop_app.services.request import cost, requests
from desktop_app.services.structure import StructureInfo

ENGAGEMENT = "engagement"
RECAP = "recap"
KINDS = (ENGAGEMENT, RECAP)
TITLES = {ENGAGEMENT: "Formulaire d'engagement", RECAP: "Récapitulatif de la demande"}
_FILE_BASES = {ENGAGEMENT: "formulaire-engagement", RECAP: "recapitulatif-demande"}

NO_REQUEST = (
    "Aucune demande de recrutement : préparez-la d'abord dans l'onglet « Demande de "
    "recrutement »."
)


@dataclass(frozen=True)
class RequestDocument:
    """Everything one of the two documents prints, read in one unit of work."""

    request: requests.RequestData
    structure: StructureInfo
    estimate: cost.CostEstimate
    today: date


def file_name(kind: str, number: int) -> str:
    """The French file name proposed for ``kind`` of request n° ``number``."""
    return f"{_FILE_BASES[kind]}-{number}.pdf"


def estimate_for(session, data: requests.RequestData, today: date) -> cost.CostEstimate:  # noqa: ANN001
    """The estimate as "Coût et financement" shows it: the Smic in force when the post starts,
    the saved hypotheses, the posts granted once validated (asked for before)."""
    smic = cost.smic_on(session, data.start_date or today)
    return cost.estimate(
        smic=smic,
        gross_monthly_salary=data.gross_monthly_salary or smic.monthly_gross,
        employer_charges_pct=data.employer_charges_pct,
        funding_pct=data.funding_pct,
        funding_months=data.funding_months,
        posts=data.posts_granted if data.status == "validee" else data.posts_wanted,
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
        estimate = estimate_for(session, data, today)
    return RequestDocument(data, structure, estimate, today)


def build(kind: str, document: RequestDocument, out: Path | str | BinaryIO) -> None:
    """Write ``kind`` of ``document`` to ``out`` (no database needed)."""
    if kind == ENGAGEMENT:
        build_engagement(out, document.request, document.structure, document.today)
    elif kind == RECAP:
        build_recap(out, document.request, document.structure, document.today, document.estimate)
    else:
        raise ValueError(f"Document inconnu : {kind}")


def write(db: Database, kind: str, out: Path | str | BinaryIO, today: date,
          request_id: int | None = None) -> RequestDocument:
    """Load then write ``kind``; returns what was printed (its title names the request)."""
    document = load(db, today, request_id)
    build(kind, document, out)
    return document
