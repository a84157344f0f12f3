"""Command line of "Demande de recrutement": ``pdf engagement`` and ``pdf demande`` (the current
request), ``pdf financement`` (the posts' financing plan) and ``pdf label`` (the label's
attestation sur l'honneur), and the self-test checks (render the documents, look a postal code
up)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
)

FILE_NAMES = {
    "engagement": "formulaire-engagement.pdf",
    "demande": "recapitulatif-demande.pdf",
    "financement": "plan-de-financement.pdf",
    "label": "attestation-label.pdf",
}
KINDS = {
    "engagement": "formulaire d'engagement de la demande en cours (à faire signer)",
    "demande": "récapitulatif de la demande en cours et de son historique",
    "financement": "plan de financement des postes (coût, subvention, fin de la subvention)",
    "label": "attestation sur l'honneur du label « conseiller numérique » (à faire signer)",
}
# command name → printing kind
PRINTED = {
    "engagement": "engagement", "demande": "recap", "financement": "financement",
    "label": "label",
}
POST_DOCUMENTS = ("financement", "label")


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    for kind, help_text in KINDS.items():
        parser = pdf_sub.add_parser(kind, help=help_text)
        add_db_argument(parser)
        add_out_argument(parser)
        parser.set_defaults(func=lambda args, k=kind: _cmd_pdf(args, k))


def render(db, kind: str, out: Path, today: date | None = None) -> str:  # noqa: ANN001
    """Write the document of the current request; returns its title ("Demande n° 2 — …")."""
    from desktop_app.services.request import printing
    from desktop_app.services.request.label import LabelError
    from desktop_app.services.request.requests import RequestError

    if kind in POST_DOCUMENTS:
        try:
            return printing.write_posts_document(db, PRINTED[kind], out, today or date.today())
        except LabelError as error:
            raise CommandError(str(error)) from None
    try:
        document = printing.write(db, PRINTED[kind], out, today or date.today())
    except RequestError:  # the only refusal for the current request: there is none
        raise CommandError(
            "aucune demande de recrutement : préparez-la d'abord dans l'onglet "
            "« Demande de recrutement »"
        ) from None
    return document.request.title


def _cmd_pdf(args: argparse.Namespace, kind: str) -> int:
    from desktop_app.db import open_database

    db = open_database(args.db)
    try:
        title = render(db, kind, args.out)
    finally:
        db.close()
    print(f"{args.out} écrit ({title}).")
    return 0


def _check_pdf(kind: str) -> SelfCheck:
    def run(ctx: SelfTestContext) -> str:
        out = ctx.workdir / FILE_NAMES[kind]
        title = render(ctx.db, kind, out)
        data = out.read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 2000:
            raise RuntimeError(f"{out.name} n'est pas un PDF complet")
        return f"{out.name} ({len(data) // 1024} Ko, {title})"

    from desktop_app.services.request.printing import TITLES

    return SelfCheck(f"PDF « {TITLES[PRINTED[kind]]} »", run)


def _check_communes(ctx: SelfTestContext) -> str:
    from desktop_app.services.request import communes

    found = communes.for_postal_code("58120")
    if not found or not communes.by_insee("75056"):
        raise RuntimeError("fichier des communes illisible ou incomplet")
    return f"{len(communes.index())} communes, 58120 → {len(found)} communes"


def self_checks() -> list[SelfCheck]:
    return [
        _check_pdf("engagement"),
        _check_pdf("demande"),
        _check_pdf("financement"),
        _check_pdf("label"),
        SelfCheck("Fichier des communes (hors ligne)", _check_communes),
    ]
