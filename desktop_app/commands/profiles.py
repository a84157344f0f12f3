"""Command line of "Profils reçus": ``import-profiles`` and ``pdf formation``, and the
self-test checks (import a generated sample file, render the training attestation)."""

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


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-profiles",
        help="importer l'export des candidats de la plateforme (CSV)",
        description="Importe les profils sans aperçu : ajoute les nouveaux candidats, met à "
        "jour ceux déjà connus (même e-mail) et liste les lignes refusées.",
    )
    parser.add_argument("file", type=Path, metavar="FICHIER", help="fichier CSV de la plateforme")
    parser.add_argument(
        "--accepter-colonnes-manquantes", action="store_true", dest="accept_missing",
        help="importer même si des colonnes de l'export manquent (elles sont nommées)",
    )
    add_db_argument(parser)
    parser.set_defaults(func=_cmd_import)

    pdf = pdf_sub.add_parser(
        "formation",
        help="attestation employeur de départ en formation du conseiller actuel",
    )
    add_db_argument(pdf)
    add_out_argument(pdf)
    pdf.set_defaults(func=_cmd_pdf_formation)


def _cmd_import(args: argparse.Namespace) -> int:
    """Lines are printed as they are written (the file is streamed, never held): each refused
    line with its reason, each added or updated profile."""
    import gc
    import sys

    from desktop_app.db import open_database
    from desktop_app.services.profiles.importer import ImportFileError, import_file

    out = sys.stdout

    def report(kind: str, row: object) -> None:
        line = getattr(row, "line", 0)
        if kind == "refusé":
            out.write(f"Refusé (ligne {line}) : {row.reason}\n")  # type: ignore[attr-defined]
        elif kind == "ajouté":
            out.write(f"Ajouté (ligne {line}) : {row.full_name} <{row.email}>\n")  # type: ignore[attr-defined]
        else:
            changes = "; ".join(row.changes) or "aucun changement"  # type: ignore[attr-defined]
            out.write(f"Mis à jour (ligne {line}) : {row.full_name} <{row.email}> — "  # type: ignore[attr-defined]
                      f"{changes}\n")

    db = open_database(args.db)
    # What exists now (the modules, the models, the open base) lives as long as the command:
    # frozen, it is left out of the collector's passes. The import's rows come and go by
    # thousands and trigger full passes, each of which walked all of it again (≈ 140 ms for
    # 10,000 rows, a sixth of the import).
    gc.freeze()
    try:
        try:
            with db.session() as session:
                preview, result = import_file(session, args.file, report=report,
                                              accept_missing=args.accept_missing)
        except ImportFileError as exc:
            hint = (" Relancez avec --accepter-colonnes-manquantes pour importer quand même."
                    if "colonne(s)" in str(exc) and "Import refusé" in str(exc) else "")
            raise CommandError(
                f"{args.file.name} : {exc}{hint} Aucun profil n'a été importé.") from exc
    finally:
        db.close()
        gc.unfreeze()
    print(f"Lot reçu : {preview.file_name} ({preview.format_description})")
    for note in preview.notes:
        print(f"Remarque : {note}")
    if preview.missing_columns:
        print("Remarque : importé sans les colonnes "
              + ", ".join(f"« {c} »" for c in preview.missing_columns) + " (accord donné).")
    print(
        f"{result.added} ajouté(s), {result.updated} mis à jour, {result.rejected} refusé(s)."
    )
    return 0


def render_attestation(db, out: Path, today: date | None = None) -> str:  # noqa: ANN001
    """Write the attestation of the current conseiller; returns their name."""
    from desktop_app.services.profiles.printing import NoConseiller, write_training_attestation

    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return write_training_attestation(db, out, today or date.today())
    except NoConseiller as exc:
        raise CommandError(str(exc)) from exc


def _cmd_pdf_formation(args: argparse.Namespace) -> int:
    from desktop_app.db import open_database

    db = open_database(args.db)
    try:
        name = render_attestation(db, args.out)
    finally:
        db.close()
    print(f"Attestation de départ en formation de {name} : {args.out}")
    return 0


def _check_import(ctx: SelfTestContext) -> str:
    from desktop_app.services.profiles.importer import import_file, sample_csv

    path = ctx.workdir / "export-candidats.csv"
    rows = [
        {"Nom": "Essai-Autotest", "Prénom": "Bérénice", "Email": "berenice.essai@exemple.fr",
         "Code postal": "58120", "Formation CCP1": "oui", "Expérience": "non",
         "Test PIX": "oui", "CV": "oui"},
        {"Nom": "Faux", "Prénom": "Ligne", "Email": "pas-une-adresse", "Code postal": "58120",
         "Formation CCP1": "non", "Expérience": "non", "Test PIX": "non", "CV": "non"},
    ]
    path.write_bytes(b"\xef\xbb\xbf" + sample_csv(rows).encode("utf-8"))
    with ctx.db.session() as session:
        _preview, result = import_file(session, path)
    if (result.added + result.updated, result.rejected) != (1, 1):
        raise RuntimeError(f"import inattendu : {result}")
    return f"{result.added} ajouté, {result.updated} mis à jour, {result.rejected} refusé"


def _check_attestation(ctx: SelfTestContext) -> str:
    out = ctx.workdir / "attestation-formation.pdf"
    name = render_attestation(ctx.db, out)
    if out.stat().st_size < 1000:
        raise RuntimeError("PDF vide")
    return f"{name}, {out.stat().st_size // 1024} Ko"


def self_checks() -> list[SelfCheck]:
    return [
        SelfCheck("Import de profils (CSV de la plateforme)", _check_import),
        SelfCheck("Attestation employeur de départ en formation", _check_attestation),
    ]
