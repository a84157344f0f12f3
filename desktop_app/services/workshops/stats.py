"""The "Bilan d'activité": what the conseiller did over a period (dispositif.md §7).

Every figure comes from a handful of SQL queries, never from loading sessions as objects: the
participations are counted per session in SQL and read as one small row of numbers per session
(added up here), the people are counted by one GROUP BY. A year of ``--scale 100`` data is
summed in a few tens of milliseconds (``benchmarks/workshops_reports.py``).

What is counted, so that the figures can be explained to whoever reads the report (a report
goes to the programme and to the council, so it counts only what took place):
- a *session* is any workshop or individual appointment dated in the period, not cancelled,
  and begun before the moment the report is computed (``now``): whether it is marked
  "Réalisé" or still "Planifié", a past session took place. Sessions still to come are only
  reported as a count ("Séances à venir"), as are the cancelled ones;
- a *participation* is one person's presence at one session: a registration marked "Présent",
  or, for an individual appointment marked "Réalisé" whose attendance was not recorded, its
  registered person (the appointment took place, so the person came); plus the people counted
  without being registered (``anonymous_count``);
- *distinct people* are registered persons with at least one participation: people counted
  anonymously cannot be told apart, so they only appear in participations, under
  "Non communiqué" / "Non communiqué ou hétérogène" in the age and status breakdowns;
- *hours* add up the sessions' durations (the conseiller's time with the public);
- duration brackets: under 30 minutes, 30 to 59, 60 to 119, 120 and more (a one-hour
  workshop is in "1 h à 2 h", as a two-hour one is in "2 h et plus");
- a session with several themes counts once under each of its themes, so the theme rows add
  up to more than the number of sessions: that breakdown says so with two lines, the sum of its
  rows and the distinct sessions (equal to the key figures). Sessions without a theme have a
  row of their own, so that no session is left out of a breakdown.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    AGE_BRACKETS,
    PLACE_TYPES,
    SOCIAL_STATUSES,
    THEMES,
    Participant,
    Registration,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services.csv_export import write_csv
from desktop_app.services.formatting import date_short
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.printable import (
    DURATION_BRACKETS,
    NO_THEME,
    ActivityReport,
    Breakdown,
    BreakdownRow,
    breakdown_cells,
    breakdown_header,
    breakdown_total_cells,
    decimal_fr,
    percent_fr,
)

__all__ = [
    "DURATION_BRACKETS",
    "ActivityReport",
    "Breakdown",
    "BreakdownRow",
    "attended",
    "breakdown_cells",
    "breakdown_header",
    "breakdown_total_cells",
    "compute_report",
    "decimal_fr",
    "percent_fr",
    "report_file_name",
    "write_report_csv",
]

def _duration_bracket(column):  # noqa: ANN001, ANN202 - an SQL expression
    return case(
        (column < 30, literal("moins_30")),
        (column < 60, literal("30_60")),
        (column < 120, literal("60_120")),
        else_=literal("120_plus"),
    )


def attended():  # noqa: ANN202 - an SQL condition on Registration joined to WorkshopSession
    """A registration that counts as a participation (see the module's docstring); La Coop's
    beneficiaries' file uses it too, so both count the same people."""
    return or_(
        Registration.attendance == "present",
        and_(
            Registration.attendance.is_(None),
            Registration.status == "inscrit",
            WorkshopSession.kind == "individuel",
            WorkshopSession.status == "realise",
        ),
    )


def compute_report(
    session: Session, period: Period, now: datetime | None = None,
    *, conseiller: str | None = None,
) -> ActivityReport:
    """All figures of the "Bilan d'activité" of ``period`` (both days included), counting the
    sessions begun before ``now`` (the caller's clock; the computer's one by default), for the
    whole structure or, with ``conseiller`` (a ``conflicts.conseiller_key``), for one."""
    now = now or datetime.now()
    ws = WorkshopSession
    in_period = and_(ws.start >= period.start_dt, ws.start < period.end_dt)
    scope = ""
    if conseiller is not None:  # the key folds names, so it is compared here, not in SQL
        from desktop_app.services.lacoop.conseillers import holder_for
        from desktop_app.services.workshops.conflicts import conseiller_key

        scope = holder_for(session, conseiller).label

        held = [
            sid for sid, pid, name in session.execute(
                select(ws.id, ws.conseiller_profile_id, ws.conseiller_name).where(in_period)
            )
            if conseiller_key(pid, name) == conseiller
        ]
        in_period = and_(in_period, ws.id.in_(held))
    not_cancelled = and_(in_period, ws.status != "annule")
    active = and_(not_cancelled, ws.start < now)
    report = ActivityReport(period, counted_until=now, conseiller=scope)

    report.cancelled = (
        session.scalar(select(func.count()).select_from(ws).where(in_period, ws.status == "annule"))
        or 0
    )
    planned, next_start = session.execute(
        select(func.count(), func.min(ws.start)).select_from(ws).where(
            not_cancelled, ws.start >= now
        )
    ).one()
    report.planned = planned or 0
    report.next_planned_start = next_start

    # Participations per session (registrations that count + anonymous), read once as one
    # small row per session and added up here: the key figures, the place, duration and theme
    # breakdowns all come from these rows and the (session, theme) pairs. Summing them in SQL
    # meant computing the participations per session three times; a year of ``--scale 100``
    # is a few thousand rows. Each session's count is a correlated subquery on the indexed
    # registration.session_id: a grouped subquery joined to the sessions had SQLite sort a
    # year's registrations in a temporary B-tree, then index that result to join it back.
    attended_here = (
        select(func.count())
        .select_from(Registration)
        .where(Registration.session_id == ws.id, attended())
        .correlate(ws)
        .scalar_subquery()
    )
    per_session: dict[int, int] = {}  # session → participations
    by_place: dict[str, tuple[int, int]] = {}
    by_bracket: dict[str, tuple[int, int]] = {}
    for sid, kind, place, bracket, minutes, anonymous, p in session.execute(
        select(
            ws.id,
            ws.kind,
            ws.place_type,
            _duration_bracket(ws.duration_min),
            ws.duration_min,
            ws.anonymous_count,
            ws.anonymous_count + attended_here,
        )
        .where(active)
    ):
        p = int(p or 0)
        per_session[sid] = p
        if kind == "individuel":
            report.individual += 1
        else:
            report.workshops += 1
        report.minutes += int(minutes or 0)
        report.anonymous += int(anonymous or 0)
        report.participations += p
        for data, key in ((by_place, place), (by_bracket, bracket)):
            old = data.get(key, (0, 0))
            data[key] = (old[0] + 1, old[1] + p)
    by_theme: dict[str, tuple[int, int]] = {}
    themed = (0, 0)  # sessions with at least one theme, and their participations
    themed_ids: set[int] = set()
    for sid, theme in session.execute(
        select(SessionTheme.session_id, SessionTheme.theme)
        .join(ws, ws.id == SessionTheme.session_id)
        .where(active)
    ):
        p = per_session.get(sid)
        if p is None:
            continue
        old = by_theme.get(theme, (0, 0))
        by_theme[theme] = (old[0] + 1, old[1] + p)
        if sid not in themed_ids:
            themed_ids.add(sid)
            themed = (themed[0] + 1, themed[1] + p)

    # People: one GROUP BY age × status. Every person sits in exactly one cell, so distinct
    # counts of the cells add up to distinct counts per age, per status and overall. Each
    # person's participations are grouped first, so the cells count rows, not distinct ids
    # (a COUNT(DISTINCT) keeps one more temporary B-tree per cell).
    per_person = (
        select(Registration.participant_id.label("pid"), func.count().label("n"))
        .join(ws, ws.id == Registration.session_id)
        .where(active, attended())
        .group_by(Registration.participant_id)
        .subquery()
    )
    by_age: dict[str, tuple[int, int]] = {}
    by_status: dict[str, tuple[int, int]] = {}
    for age, status, people, n in session.execute(
        select(
            Participant.age_bracket,
            Participant.social_status,
            func.count(),
            func.sum(per_person.c.n),
        )
        .select_from(per_person)
        .join(Participant, Participant.id == per_person.c.pid)
        .group_by(Participant.age_bracket, Participant.social_status)
    ):
        report.people += int(people)
        for data, key in ((by_age, age), (by_status, status)):
            old = data.get(key, (0, 0))
            data[key] = (old[0] + int(people), old[1] + int(n))

    def rows_for(labels: dict[str, str], data: dict[str, tuple[int, int]]) -> list[BreakdownRow]:
        rows = [
            BreakdownRow(k, v, data.get(k, (0, 0))[0], data.get(k, (0, 0))[1])
            for k, v in labels.items()
        ]
        others = sorted((kv for kv in data.items() if kv[0] not in labels), key=lambda kv: str(kv[0]))
        rows += [BreakdownRow(k, k, n, p) for k, (n, p) in others]
        return rows

    def people_rows(
        labels: dict[str, str], data: dict[str, tuple[int, int]], unknown: str
    ) -> list[BreakdownRow]:
        rows = []
        for key, label in labels.items():
            people, n = data.get(key, (0, 0))
            if key == unknown:
                n += report.anonymous
            rows.append(BreakdownRow(key, label, people=people, participations=n))
        rows += [
            BreakdownRow(k, k, people=pe, participations=n)
            for k, (pe, n) in data.items()
            if k not in labels
        ]
        return rows

    theme_rows = rows_for(THEMES, by_theme)
    unthemed = (report.sessions - int(themed[0]), report.participations - int(themed[1]))
    if unthemed != (0, 0):
        theme_rows.append(BreakdownRow("", NO_THEME, *unthemed))
    report.breakdowns = [
        Breakdown("Par thématique", "Thématique", theme_rows, overlapping=True),
        Breakdown("Par lieu", "Lieu", rows_for(PLACE_TYPES, by_place)),
        Breakdown("Par durée", "Durée", rows_for(DURATION_BRACKETS, by_bracket)),
        Breakdown(
            "Par tranche d'âge", "Tranche d'âge", people_rows(AGE_BRACKETS, by_age, "nc"), True
        ),
        Breakdown("Par statut", "Statut", people_rows(SOCIAL_STATUSES, by_status, "nc"), True),
    ]
    return report


def write_report_csv(report: ActivityReport, out: Path, structure_name: str = "") -> int:
    """The report as a CSV file for a spreadsheet (formats.md §2): one block per table,
    separated by an empty line. Returns the number of lines written after the header."""
    period = report.period
    rows: list[list[str]] = []
    if structure_name:
        rows.append(["Structure", structure_name])
    rows.append(["Conseiller", report.conseiller or "Toute la structure"])
    rows.append([])
    rows.append(["Indicateur", "Valeur"])
    rows += [list(pair) for pair in report.key_figures()]
    for breakdown in report.breakdowns:
        rows.append([])
        rows.append(breakdown_header(breakdown))
        rows += breakdown_cells(breakdown, report)
        rows += breakdown_total_cells(breakdown, report)
    rows.append([])
    rows.append(["Méthode", report.counting_rule()])
    header = ["Bilan d'activité", f"du {date_short(period.start)} au {date_short(period.end)}"]
    return write_csv(Path(out), header, rows)


def report_file_name(period: Period, extension: str = "pdf", conseiller: str = "") -> str:
    """``bilan-activite-<first>-au-<last>[-<conseiller>].<ext>``: two conseillers' reports of
    the same period do not overwrite each other."""
    from desktop_app.services.text import short_slug

    who = f"-{short_slug(conseiller)}" if conseiller else ""
    return (
        f"bilan-activite-{period.start.isoformat()}-au-{period.end.isoformat()}{who}.{extension}"
    )
