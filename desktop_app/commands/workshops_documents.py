"""Command line of the workshop documents, calendar export and activity report (issue 5,
part B), and their self-test checks. ``commands/workshops.py`` calls ``register`` and
``self_checks`` from here, so the planner's own commands and these stay in separate files.

- ``cnum-biblio pdf programme --db PATH --out FILE [--month AAAA-MM]`` (default: this month)
- ``cnum-biblio pdf emargement --db PATH --out FILE --seance N``
- ``cnum-biblio pdf attestations --db PATH --out FILE [--from AAAA-MM-JJ] [--to AAAA-MM-JJ]``
  (default: this month; ``--seance N`` for one session)
- ``cnum-biblio export-ics --db PATH --out FILE [--from …] [--to …]`` (default: every session
  still to come)
- ``cnum-biblio export-stats --db PATH --out FILE [--from …] [--to …]`` (default: this year;
  ``--pdf FILE`` also prints the report)
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from desktop_app.commands import (
    CommandError,
    SelfCheck,
    SelfTestContext,
    add_db_argument,
    add_out_argument,
)


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="AAAA-MM-JJ", help="premier jour inclus")
    parser.add_argument("--to", dest="end", metavar="AAAA-MM-JJ", help="dernier jour inclus")


def _session_argument(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--seance",
        dest="session_id",
        type=int,
        required=required,
        metavar="N",
        help="numéro de la séance",
    )


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    programme = pdf_sub.add_parser("programme", help="programme du mois des ateliers (à afficher)")
    add_db_argument(programme)
    add_out_argument(programme)
    programme.add_argument(
        "--month", metavar="AAAA-MM", help="mois (par défaut : le mois en cours)"
    )
    programme.set_defaults(func=_cmd_programme)

    sheet = pdf_sub.add_parser("emargement", help="feuille d'émargement d'une séance")
    add_db_argument(sheet)
    add_out_argument(sheet)
    _session_argument(sheet, required=True)
    sheet.set_defaults(func=_cmd_sign_in)

    certificates = pdf_sub.add_parser(
        "attestations",
        help="attestations de participation des personnes présentes (une page chacune)",
    )
    add_db_argument(certificates)
    add_out_argument(certificates)
    _period_arguments(certificates)
    _session_argument(certificates, required=False)
    certificates.set_defaults(func=_cmd_certificates)

    ics = sub.add_parser(
        "export-ics",
        help="exporter les séances en fichier calendrier (.ics)",
        description="Sans --from ni --to : toutes les séances à venir.",
    )
    add_db_argument(ics)
    add_out_argument(ics)
    _period_arguments(ics)
    ics.set_defaults(func=_cmd_ics)

    stats = sub.add_parser(
        "export-stats",
        help="bilan d'activité de la période en CSV (par défaut : l'année en cours)",
    )
    add_db_argument(stats)
    add_out_argument(stats)
    _period_arguments(stats)
    stats.add_argument("--pdf", type=Path, metavar="FICHIER", help="imprimer aussi le bilan en PDF")
    stats.add_argument(
        "--conseiller", metavar="NOM",
        help="le bilan d'un seul conseiller (par défaut : toute la structure)",
    )
    stats.set_defaults(func=_cmd_stats)


def _open(path: Path):  # noqa: ANN202 - a Database
    from desktop_app.db import open_database

    return open_database(path)


def _period(args: argparse.Namespace, default):  # noqa: ANN001, ANN202 - Period
    from desktop_app.services.workshops.periods import PeriodError, period_from_text

    try:
        return period_from_text(args.start, args.end, default=default)
    except PeriodError as exc:
        raise CommandError(str(exc)) from exc


def _parent_exists(out: Path) -> None:
    if not out.parent.exists():
        raise CommandError(
            f"le dossier « {out.parent} » n'existe pas : créez-le ou choisissez-en un autre"
        )


def _cmd_programme(args: argparse.Namespace) -> int:
    from desktop_app.services.workshops.periods import PeriodError, parse_month
    from desktop_app.services.workshops.printing import write_programme

    today = date.today()
    try:
        year, month = (
            parse_month(args.month, "Le mois (--month)")
            if args.month
            else (today.year, today.month)
        )
    except PeriodError as exc:
        raise CommandError(str(exc)) from exc
    _parent_exists(args.out)
    db = _open(args.db)
    try:
        with db.session() as session:
            data = write_programme(session, args.out, year, month, now=datetime.now())
    finally:
        db.close()
    print(f"Programme de {month:02d}/{year} : {len(data.sessions)} atelier(s) — {args.out}")
    return 0


def _cmd_sign_in(args: argparse.Namespace) -> int:
    from desktop_app.services.workshops.printing import write_sign_in

    _parent_exists(args.out)
    db = _open(args.db)
    try:
        with db.session() as session:
            data = write_sign_in(session, args.out, args.session_id)
    finally:
        db.close()
    print(f"Feuille d'émargement : {len(data.people)} inscrit(s) — {args.out}")
    return 0


def _cmd_certificates(args: argparse.Namespace) -> int:
    from desktop_app.services.workshops.attestations import (
        load_certificates,
        no_certificate_message,
    )
    from desktop_app.services.workshops.periods import month_period
    from desktop_app.services.workshops.printing import write_certificates

    today = date.today()
    period = None
    if args.session_id is None or args.start or args.end:
        period = _period(args, month_period(today.year, today.month))
    _parent_exists(args.out)
    db = _open(args.db)
    try:
        with db.session() as session:
            batch = load_certificates(session, session_id=args.session_id, period=period)
    finally:
        db.close()
    if not batch.items:
        raise CommandError(no_certificate_message(args.session_id, period))
    pages = write_certificates(args.out, batch)
    print(f"{pages} attestation(s) de participation — {args.out}")
    return 0


def _cmd_ics(args: argparse.Namespace) -> int:
    from desktop_app.services.workshops.ics import export_ics
    from desktop_app.services.workshops.periods import Period

    period = None
    if args.start or args.end:
        today = date.today()
        period = _period(args, Period(today, date(today.year + 1, 12, 31)))
    _parent_exists(args.out)
    db = _open(args.db)
    try:
        with db.session() as session:
            result = export_ics(session, args.out, period)
    finally:
        db.close()
    print(result.summary(period, f"dans {args.out}"))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from desktop_app.services.structure import get_structure
    from desktop_app.services.workshops.periods import year_period
    from desktop_app.services.workshops.stats import compute_report, write_report_csv

    period = _period(args, year_period(date.today().year))
    _parent_exists(args.out)
    if args.pdf:
        _parent_exists(args.pdf)
    db = _open(args.db)
    try:
        with db.session() as session:
            key = None
            if args.conseiller:
                from desktop_app.services.lacoop.conseillers import find_holder

                try:
                    key = find_holder(session, args.conseiller).key
                except LookupError as exc:
                    raise CommandError(str(exc)) from exc
            report = compute_report(session, period, conseiller=key)
            structure = get_structure(session)
    finally:
        db.close()
    write_report_csv(report, args.out, structure.display_name)
    if args.pdf:
        from desktop_app.services.workshops.printing import write_report

        write_report(args.pdf, report, structure)
    print(
        f"Bilan d'activité {period.label()} ({report.scope_label()}) : "
        f"{report.sessions} séance(s), "
        f"{report.participations} participation(s) — {args.out}"
    )
    return 0


# -- self-test -------------------------------------------------------------------------------


def _demo_month(ctx: SelfTestContext) -> tuple[int, int]:
    """The month holding the most collective workshops of the demo data (else this month)."""
    from sqlalchemy import select

    from desktop_app.models.workshops import WorkshopSession

    with ctx.db.session() as session:
        starts = session.scalars(
            select(WorkshopSession.start).where(WorkshopSession.kind == "collectif")
        ).all()
    if not starts:
        today = date.today()
        return today.year, today.month
    counts: dict[tuple[int, int], int] = {}
    for start in starts:
        counts[(start.year, start.month)] = counts.get((start.year, start.month), 0) + 1
    return max(counts, key=lambda k: counts[k])


def _check_programme(ctx: SelfTestContext) -> str:
    from desktop_app.services.workshops.printing import write_programme

    year, month = _demo_month(ctx)
    out = ctx.workdir / "programme.pdf"
    with ctx.db.session() as session:
        data = write_programme(session, out, year, month)
    _expect_pdf(out)
    return f"{len(data.sessions)} atelier(s) en {month:02d}/{year}"


def _check_sign_in(ctx: SelfTestContext) -> str:
    from sqlalchemy import select

    from desktop_app.models.workshops import WorkshopSession
    from desktop_app.services.workshops.printing import write_sign_in

    out = ctx.workdir / "emargement.pdf"
    with ctx.db.session() as session:
        first = session.scalars(
            select(WorkshopSession.id).where(WorkshopSession.kind == "collectif").limit(1)
        ).first()
        if first is None:
            return "aucune séance dans les données de démonstration"
        data = write_sign_in(session, out, first)
    _expect_pdf(out)
    return f"{len(data.people)} inscrit(s)"


def _check_certificates(ctx: SelfTestContext) -> str:
    from desktop_app.services.workshops.attestations import load_certificates
    from desktop_app.services.workshops.periods import Period
    from desktop_app.services.workshops.printing import write_certificates

    with ctx.db.session() as session:
        batch = load_certificates(session, period=Period(date(1900, 1, 1), date(9999, 12, 30)))
    if not batch.items:
        return "aucune présence relevée dans les données de démonstration"
    batch = type(batch)(batch.structure, batch.items[:20], batch.issued)
    out = ctx.workdir / "attestations.pdf"
    pages = write_certificates(out, batch)
    _expect_pdf(out)
    return f"{pages} page(s)"


def _check_ics(ctx: SelfTestContext) -> str:
    from icalendar import Calendar

    from desktop_app.services.workshops.ics import export_ics
    from desktop_app.services.workshops.periods import Period

    out = ctx.workdir / "ateliers.ics"
    with ctx.db.session() as session:
        result = export_ics(session, out, Period(date(1900, 1, 1), date(9999, 12, 30)))
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    if len(events) != result.events:
        raise RuntimeError(f"{len(events)} évènements relus pour {result.events} séances")
    return f"{result.events} séance(s)"


def _check_stats(ctx: SelfTestContext) -> str:
    from desktop_app.services.structure import get_structure
    from desktop_app.services.workshops.periods import Period
    from desktop_app.services.workshops.printing import write_report
    from desktop_app.services.workshops.stats import compute_report, write_report_csv

    period = Period(date(1900, 1, 1), date(9999, 12, 30))
    with ctx.db.session() as session:
        report = compute_report(session, period)
        structure = get_structure(session)
    write_report_csv(report, ctx.workdir / "bilan.csv", structure.display_name)
    write_report(ctx.workdir / "bilan.pdf", report, structure)
    _expect_pdf(ctx.workdir / "bilan.pdf")
    return f"{report.sessions} séance(s), {report.participations} participation(s)"


def _expect_pdf(path: Path) -> None:
    with path.open("rb") as fh:
        if fh.read(5) != b"%PDF-":
            raise RuntimeError(f"{path.name} n'est pas un PDF")


def self_checks() -> list[SelfCheck]:
    return [
        SelfCheck("Programme du mois (PDF)", _check_programme),
        SelfCheck("Feuille d'émargement (PDF)", _check_sign_in),
        SelfCheck("Attestations de participation (PDF)", _check_certificates),
        SelfCheck("Export du calendrier (.ics)", _check_ics),
        SelfCheck("Bilan d'activité (CSV et PDF)", _check_stats),
    ]
