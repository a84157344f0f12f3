"""Figures of the "Bilan d'activité", the workshop documents and the calendar export on the
``--scale 100`` demo data (tens of thousands of sessions and registrations).

Run with ``.venv/bin/python -m benchmarks workshops_reports``. Goals (issue 17), each printed
with its figure; ``run()`` returns False when one is missed, so ``make bench`` exits non-zero:

- a year's report computed (``compute_report``, median of 3): ≤ 150 ms;
- the "Bilan d'activité" page showing a year (computed in the background), from the call to
  the figures painted: ≤ 150 ms; the longest period it still computes on the GUI thread
  (``reports.SYNC_DAYS``, a quarter): ≤ 100 ms; neither holding the window more than 100 ms
  (median of 3, the longest block beside it);
- a month's programme (PDF) and a month's calendar export: ≤ 1 s each (written off the GUI
  thread by the tab).

The rest (the whole base's report, the CSV and PDF of the report, certificates) is printed for
information; the certificates' speed against the raw canvas is ``benchmarks/documents.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPORT_GOAL_MS = 150
PANEL_GOAL_MS = 100
DOCUMENT_GOAL_MS = 1000


class _Goals:
    def __init__(self) -> None:
        self.missed: list[str] = []

    def timed(self, label: str, fn: Callable[[], Any], repeat: int = 1,
              goal: float | None = None) -> Any:  # noqa: ANN401 - what ``fn`` returns
        times: list[float] = []
        result = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = fn()
            times.append(1000 * (time.perf_counter() - t0))
        ms = statistics.median(times)
        how = f" (médiane de {repeat})" if repeat > 1 else ""
        if goal is None:
            print(f"{label} : {ms:.0f} ms{how}", flush=True)
            return result
        met = ms <= goal
        if not met:
            self.missed.append(label)
        print(f"{label} : {ms:.0f} ms{how} (objectif ≤ {goal} ms)"
              f"{'' if met else ' — non atteint'}", flush=True)
        return result


def run(scale: int = 100) -> bool:
    from sqlalchemy import func, select

    from benchmarks.workshops import demo_base
    from desktop_app.db import open_database
    from desktop_app.models.workshops import Registration, WorkshopSession
    from desktop_app.services.workshops.attestations import load_certificates
    from desktop_app.services.workshops.ics import export_ics
    from desktop_app.services.workshops.periods import Period, month_period
    from desktop_app.services.workshops.printing import write_certificates, write_programme
    from desktop_app.services.workshops.stats import compute_report, write_report_csv

    goals = _Goals()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(demo_base(folder, scale))
        today = date.today()
        with db.session() as s:
            sessions = s.scalar(select(func.count()).select_from(WorkshopSession))
            registrations = s.scalar(select(func.count()).select_from(Registration))
            first = s.scalar(select(func.min(WorkshopSession.start)))
        print(f"{sessions} séances, {registrations} inscriptions depuis le {first:%d/%m/%Y}")
        year = Period(date(today.year - 1, today.month, 1), today)
        all_time = Period(first.date(), date(today.year + 1, 12, 31))
        with db.session() as s:
            report = goals.timed("bilan d'une année (12 derniers mois)",
                                 lambda: compute_report(s, year), 3, REPORT_GOAL_MS)
            print(
                f"  → {report.sessions} séances, {report.people} personnes, "
                f"{report.participations} participations"
            )
            goals.timed("bilan de toute la base (calculé hors du fil graphique)",
                        lambda: compute_report(s, all_time), 3)
            goals.timed("bilan en CSV",
                        lambda: write_report_csv(report, folder / "bilan.csv", "Structure"))
        from desktop_app.documents.workshops.activity_report import build_activity_report
        from desktop_app.services.structure import StructureInfo

        goals.timed("bilan en PDF", lambda: build_activity_report(
            folder / "bilan.pdf", report, StructureInfo(name="Structure")))
        _panel_figures(db, year, goals)
        month = month_period(today.year, today.month)
        with db.session() as s:
            data = goals.timed(
                "programme du mois (PDF)",
                lambda: write_programme(s, folder / "programme.pdf", today.year, today.month),
                goal=DOCUMENT_GOAL_MS,
            )
            print(f"  → {len(data.sessions)} ateliers")
            result = goals.timed("export .ics du mois",
                                 lambda: export_ics(s, folder / "mois.ics", month),
                                 goal=DOCUMENT_GOAL_MS)
            print(f"  → {result.events} évènements")
            result = goals.timed("export .ics de toutes les séances à venir",
                                 lambda: export_ics(s, folder / "futur.ics"))
            print(
                f"  → {result.events} évènements, {(folder / 'futur.ics').stat().st_size // 1024} Kio"
            )
            last = month.start.replace(day=1) - timedelta(days=1)
            last_month = month_period(last.year, last.month)
            batch = goals.timed("attestations du mois dernier (lecture)",
                                lambda: load_certificates(s, period=last_month))
        if batch.items:
            items = batch.items[:200]
            batch = type(batch)(batch.structure, items, batch.issued)
            goals.timed(f"{len(items)} attestations (PDF)",
                        lambda: write_certificates(folder / "att.pdf", batch))
        db.close()
    if goals.missed:
        print(f"non atteints : {', '.join(goals.missed)}")
    return not goals.missed


def _panel_figures(db, period, goals: _Goals) -> None:  # noqa: ANN001
    """The "Bilan d'activité" page: a period shown as the user sees it — from the call to the
    figures painted, with the longest block of the GUI thread (``_gui_watch``)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6

    from benchmarks._gui_watch import Report, Watch
    from desktop_app.app import make_application
    from desktop_app.views.context import AppContext
    from desktop_app.views.workshops.reports import SYNC_DAYS, ReportsPanel

    app = make_application()  # the application's own set-up (French locale, translations)
    ctx = AppContext(db)
    panel = ReportsPanel(ctx)
    panel.resize(1200, 800)
    panel.show()
    watch = Watch(app)
    watch.once(lambda: None, until=lambda: not panel.computing())  # the first show's year

    def show(start: date, end: date) -> None:
        panel.set_period(start, end)
        panel.repaint()

    def runs(start: date, end: date) -> list[tuple[float, float]]:
        results = []
        for shift in range(3):  # a day apart, so that each run computes
            results.append(watch.once(lambda s=shift: show(start - timedelta(days=s), end),
                                      until=lambda: not panel.computing()))
        return results

    report = Report()
    report.steps("page « Bilan d'activité » : une année affichée (calculée en arrière-plan)",
                 runs(period.start, period.end), REPORT_GOAL_MS)
    report.steps(f"page « Bilan d'activité » : {SYNC_DAYS} jours affichés (la plus longue "
                 "période calculée dans le fil graphique)",
                 runs(period.end - timedelta(days=SYNC_DAYS), period.end), PANEL_GOAL_MS)
    goals.missed.extend(report.missed)
    panel.close()
    shiboken6.delete(panel)  # before the application object, or Qt complains at exit
    shiboken6.delete(ctx)


if __name__ == "__main__":
    run()
