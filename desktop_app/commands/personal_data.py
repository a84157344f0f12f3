"""Command line of personal data (RGPD):

- ``cnum-biblio personne chercher TEXTE --db CHEMIN``: the people found, with their number N;
- ``cnum-biblio personne exporter N --db CHEMIN --out FICHIER``: the access copy, PDF or JSON
  after the file's extension;
- ``cnum-biblio personne montrer N --db CHEMIN``: what an erasure would change and keep, record
  by record, and the records' fingerprint (six characters);
- ``cnum-biblio personne effacer N --db CHEMIN --empreinte XXXXXX``: erase, refused (nothing
  erased, code 1) unless the person's records are still those ``montrer`` showed — the dialog's
  ``PersonChanged`` guard for a command typed later, or in a script. At a terminal, without
  ``--empreinte``, the same list is shown and « oui » asked.
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
from desktop_app.services import french
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.personal_data import erase as erasing
from desktop_app.services.personal_data import lock, printing
from desktop_app.services.personal_data.collect import collect
from desktop_app.services.personal_data.records import (
    PersonMatch,
    PersonNotFound,
    find_people,
    person,
)


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
    show = actions.add_parser("montrer", help="ce que l'effacement changerait et garderait, "
                                              "avec l'empreinte de ses fiches")
    show.add_argument("numero", metavar="N", help="le numéro que « chercher » affiche")
    add_db_argument(show)
    show.set_defaults(func=_cmd_show)
    erase = actions.add_parser("effacer", help="effacer la personne (les chiffres restent)")
    erase.add_argument("numero", metavar="N", help="le numéro que « chercher » affiche")
    add_db_argument(erase)
    erase.add_argument("--empreinte", metavar="XXXXXX",
                       help="l'empreinte que « montrer » affiche : rien n'est effacé si les "
                            "fiches ont changé depuis")
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


def _plan(db: Database, token: str) -> tuple[PersonMatch, list[str]]:
    """The person and the lines that say what erasing them changes and keeps (every note
    read, as the dialog's question does), ending with the fingerprint."""
    with db.session() as session:
        found = person(session, token)
        data = collect(session, found)
    _records, details = erasing.erasure_lines(data, found)
    lines = [f"{found.name} ({found.token}) — {_count(len(found.rows), 'fiche')} à anonymiser.",
             *details]
    if found.namesakes:
        lines.append("Pas touchées, car ce sont d'autres personnes du même nom :")
        lines.extend(f"  {o.rows[0].summary}" if len(o.rows) == 1
                     else f"  {o.token} ({len(o.rows)} fiches)" for o in found.namesakes)
    lines.append(f"Empreinte de ces fiches : {found.fingerprint}")
    return found, lines


def _count(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _same_print(given: str) -> str:
    return "".join(c for c in given.upper() if c.isalnum())


def _cmd_show(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        found, lines = _plan(db, args.numero)
    except PersonNotFound as exc:
        raise _say(exc) from exc
    finally:
        db.close()
    print("\n".join(lines))
    print(f"Pour effacer exactement cela : cnum-biblio personne effacer {found.token} "
          f"--db \"{args.db}\" --empreinte {found.fingerprint}")
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        found, lines = _plan(db, args.numero)
        if args.empreinte is not None:
            if _same_print(args.empreinte) != found.fingerprint:
                raise CommandError(
                    f"rien n'a été effacé : les fiches {french.elide('de', found.name)} "
                    f"({found.token}) ont changé depuis qu'elles ont été montrées (l'empreinte "
                    f"{args.empreinte} ne correspond plus). Relancez « cnum-biblio personne "
                    f"montrer {args.numero} » et vérifiez-les."
                )
        else:
            if not sys.stdin.isatty():
                raise CommandError(
                    "rien n'a été effacé : lancez d'abord « cnum-biblio personne montrer "
                    f"{args.numero} », vérifiez la liste, puis ajoutez --empreinte suivi de "
                    "l'empreinte affichée"
                )
            print("\n".join(lines))
            answer = input("Effacer ces données ? Cette action ne peut pas être annulée. "
                           "Tapez « oui » : ")
            if answer.strip().lower() != "oui":
                print("Rien n'a été effacé.")
                return 1
        now = datetime.now().replace(microsecond=0)
        result = erasing.erase(db, found.token, now, found.refs)
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
