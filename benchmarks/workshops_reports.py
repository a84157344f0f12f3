"""Figures of the workshop documents, calendar export and "Bilan d'activité" on the
``--scale 100`` demo data (tens of thousands of sessions and registrations).

Run with ``.venv/bin/python -m benchmarks workshops_reports``. Targets: a year's report in well
under the 100 ms a person notices; a month's programme and a month's calendar export in under a
second.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path


def _timed(label: str, fn, repeat: int = 1):  # noqa: ANN001, ANN202
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label} : {1000 * best:.0f} ms", flush=True)
    return result


def run(scale: int = 100) -> None:
    from sqlalchemy import func, select

    from desktop_app.db import open_database
    from desktop_app.models.workshops import Registration, WorkshopSession
    from desktop_app.services.demo import seed_demo
    from desktop_app.services.workshops.attestations import load_certificates
    from desktop_app.services.workshops.ics import export_ics
    from desktop_app.services.workshops.periods import Period, month_period
    from desktop_app.services.workshops.printing import write_certificates, write_programme
    from desktop_app.services.workshops.stats import compute_report, write_report_csv

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite")
        today = date.today()
        _timed(
            f"données de démonstration (échelle {scale})",
            lambda: seed_demo(db, scale=scale, today=today),
        )
        with db.session() as s:
            sessions = s.scalar(select(func.count()).select_from(WorkshopSession))
            registrations = s.scalar(select(func.count()).select_from(Registration))
            first = s.scalar(select(func.min(WorkshopSession.start)))
        print(f"{sessions} séances, {registrations} inscriptions depuis le {first:%d/%m/%Y}")
        year = Period(date(today.year - 1, today.month, 1), today)
        all_time = Period(first.date(), date(today.year + 1, 12, 31))
        with db.session() as s:
            report = _timed(
                "bilan d'une année (12 derniers mois)", lambda: compute_report(s, year), 3
            )
            print(
                f"  → {report.sessions} séances, {report.people} personnes, "
                f"{report.participations} participations"
            )
            _timed("bilan de toute la base", lambda: compute_report(s, all_time), 3)
            _timed(
                "bilan en CSV",
                lambda: write_report_csv(report, folder / "bilan.csv", "Structure"),
            )
        from desktop_app.documents.workshops.activity_report import build_activity_report
        from desktop_app.services.structure import StructureInfo

        _timed(
            "bilan en PDF",
            lambda: build_activity_report(
                folder / "bilan.pdf", report, StructureInfo(name="Structure")
            ),
        )
        _panel_figures(db, year)
        month = month_period(today.year, today.month)
        with db.session() as s:
            data = _timed(
                "programme du mois (PDF)",
                lambda: write_programme(s, folder / "programme.pdf", today.year, today.month),
            )
            print(f"  → {len(data.sessions)} ateliers")
            result = _timed(
                "export .ics du mois", lambda: export_ics(s, folder / "mois.ics", month)
            )
            print(f"  → {result.events} évènements")
            result = _timed(
                "export .ics de toutes les séances à venir",
                lambda: export_ics(s, folder / "futur.ics"),
            )
            print(
                f"  → {result.events} évènements, {(folder / 'futur.ics').stat().st_size // 1024} Kio"
            )
            last_month = month_period(
                *(lambda d: (d.year, d.month))(
                    month.start.replace(day=1) - __import__("datetime").timedelta(days=1)
                )
            )
            batch = _timed(
                "attestations du mois dernier (lecture)",
                lambda: load_certificates(s, period=last_month),
            )
        if batch.items:
            items = batch.items[:200]
            batch = type(batch)(batch.structure, items, batch.issued)
            _timed(
                f"{len(items)} attestations (PDF)",
                lambda: write_certificates(folder / "att.pdf", batch),
            )
        db.close()


def _panel_figures(db, period) -> None:  # noqa: ANN001
    """The "Bilan d'activité" page: computing and showing a year, as the user sees it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from desktop_app.views.context import AppContext
    from desktop_app.views.workshops.reports import ReportsPanel

    _app = QApplication.instance() or QApplication([])
    ctx = AppContext(db)
    panel = ReportsPanel(ctx)
    panel.resize(1200, 800)
    _timed(
        "page « Bilan d'activité » : une année affichée",
        lambda: panel.set_period(period.start, period.end),
        3,
    )
    shiboken6.delete(panel)  # before the application object, or Qt complains at exit
    shiboken6.delete(ctx)


if __name__ == "__main__":
    run()
