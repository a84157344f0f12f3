"""Command line of personal data (RGPD):

- ``cnum-biblio personne chercher TEXTE --db CHEMIN``: the people found, with their number N;
- ``cnum-biblio personne exporter N --db CHEMIN --out FICHIER``: the access copy, PDF or JSON
  after the file's extension;
- ``cnum-biblio personne effacer N --db CHEMIN [--oui]``: erase (asks unless ``--oui``);
- ``cnum-biblio verrou retirer --db CHEMIN``: remove a forgotten lock password (the data is
  never encrypted by it, so nothing is lost);
- ``cnum-biblio pdf notice-participants|notice-candidats|registre-traitements``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
)
from desktop_app.db import Database
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.personal_data import erase as erasing
from desktop_app.services.personal_data import lock, printing
from desktop_app.services.personal_data.records import PersonNotFound, find_people, person


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    people = sub.add_parser("personne", help="données d'une personne (RGPD) : chercher, "
                                             "exporter, effacer")
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(people))
    search = actions.add_parser("chercher", help="chercher une personne par nom, e-mail, "
                                                 "téléphone ou note")
    search.add_argument("texte", metavar="TEXTE")
    add_db_argument(search)
    search.set_defaults(func=_cmd_search)
    export = actions.add_parser("exporter", help="toutes ses données, en PDF ou en JSON")
    export.add_argument("numero", metavar="N", help="le numéro que « chercher » affiche")
    add_db_argument(export)
    add_out_argument(export)
    export.set_defaults(func=_cmd_export)
    erase = actions.add_parser("effacer", help="effacer la personne (les chiffres restent)")
    erase.add_argument("numero", metavar="N", help="le numéro que « chercher » affiche")
    add_db_argument(erase)
    erase.add_argument("--oui", action="store_true", help="ne pas demander de confirmation")
    erase.set_defaults(func=_cmd_erase)

    unlock = sub.add_parser("verrou", help="verrou de l'application (mot de passe oublié)")
    unlock_actions = unlock.add_subparsers(dest="action", metavar="ACTION", required=True,
                                           parser_class=type(unlock))
    remove = unlock_actions.add_parser("retirer", help="retirer le mot de passe")
    add_db_argument(remove)
    remove.set_defaults(func=_cmd_unlock)

    for name, audience, text in (
        ("notice-participants", "participants", "notice d'information des participants"),
        ("notice-candidats", "candidats", "notice d'information des candidats"),
    ):
        doc = pdf_sub.add_parser(name, help=text)
        add_db_argument(doc)
        add_out_argument(doc)
        doc.set_defaults(func=_cmd_notice, audience=audience)
    register_doc = pdf_sub.add_parser("registre-traitements",
                                      help="fiches du registre des activités de traitement")
    add_db_argument(register_doc)
    add_out_argument(register_doc)
    register_doc.set_defaults(func=_cmd_register)


def _open(path: Path) -> Database:
    from desktop_app.db import open_database

    return open_database(path)


def _say(error: PersonNotFound) -> CommandError:
    return CommandError(" ".join(error.errors.values()) or str(error))


def _cmd_search(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        with db.session() as session:
            people = find_people(session, args.texte)
    except PersonNotFound as exc:
        raise _say(exc) from exc
    finally:
        db.close()
    if not people:
        print(f"Personne ne correspond à « {args.texte} ».")
        return 0
    for found in people:
        contact = ", ".join([*found.emails, *found.phones])
        print(f"{found.token}\t{found.name}\t{found.sources}" + (f"\t{contact}" if contact else ""))
    return 0


def _check_out(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise CommandError(f"le fichier de sortie doit se terminer par « .pdf » ou « .json » : {out}")
    if not out.parent.exists():
        raise CommandError(f"le dossier « {out.parent} » n'existe pas")
    return suffix


def _cmd_export(args: argparse.Namespace) -> int:
    suffix = _check_out(args.out)
    db = _open(args.db)
    try:
        with atomic_path(args.out) as tmp:
            writer = printing.write_access_pdf if suffix == ".pdf" else printing.write_access_json
            writer(db, args.numero, tmp, datetime.now().replace(microsecond=0))
    except PersonNotFound as exc:
        raise _say(exc) from exc
    finally:
        db.close()
    print(args.out)
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        with db.session() as session:
            found = person(session, args.numero)
        if not args.oui:
            if not sys.stdin.isatty():
                raise CommandError("ajoutez --oui pour effacer sans question (aucune saisie "
                                   "possible ici)")
            answer = input(f"Effacer {found.name} ({found.sources}) ? Tapez « oui » : ")
            if answer.strip().lower() != "oui":
                print("Rien n'a été effacé.")
                return 1
        now = datetime.now().replace(microsecond=0)
        result = erasing.erase(db, args.numero, now)
        older = erasing.backups_before(db.path, now)
    except PersonNotFound as exc:
        raise _say(exc) from exc
    finally:
        db.close()
    print(f"{found.name} est effacé(e) : {result.records} fiche(s) anonymisée(s), "
          f"{result.mentions} note(s) corrigée(s), {len(result.cv_files)} CV supprimé(s).")
    if older:
        print(f"{len(older)} sauvegarde(s) plus ancienne(s) contiennent encore ces données "
              "(supprimez-les depuis l'application, menu RGPD) :")
        for backup in older:
            print(f"  {backup.path}")
    return 0


def _cmd_unlock(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        with db.session() as session:
            had = lock.remove(session)
    finally:
        db.close()
    print("Le mot de passe de l'application est retiré." if had
          else "L'application n'avait pas de mot de passe.")
    return 0


def _cmd_notice(args: argparse.Namespace) -> int:
    _check_pdf(args.out)
    db = _open(args.db)
    try:
        with atomic_path(args.out) as tmp:
            printing.write_notice(db, args.audience, tmp)
    finally:
        db.close()
    print(args.out)
    return 0


def _cmd_register(args: argparse.Namespace) -> int:
    _check_pdf(args.out)
    db = _open(args.db)
    try:
        with atomic_path(args.out) as tmp:
            printing.write_register(db, tmp)
    finally:
        db.close()
    print(args.out)
    return 0


def _check_pdf(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"le fichier de sortie doit se terminer par « .pdf » : {out}")
    if not out.parent.exists():
        raise CommandError(f"le dossier « {out.parent} » n'existe pas")


def self_checks() -> list[SelfCheck]:
    def notices(ctx: SelfTestContext) -> str:
        for audience in ("participants", "candidats"):
            printing.write_notice(ctx.db, audience, ctx.workdir / f"notice-{audience}.pdf")
        printing.write_register(ctx.db, ctx.workdir / "registre.pdf")
        return "notices et registre"

    return [SelfCheck("Données personnelles : notices et registre", notices)]
