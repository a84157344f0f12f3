"""Planner figures on the ``--scale 100`` demo data (tens of thousands of sessions and
registrations): reading a week, a month grid and a year's list, then the tab itself changing
week, switching to the month and the list (offscreen). Target: each step well under the 100 ms a
person notices, because only the displayed range is read.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _best(fn, repeat: int = 5) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return 1000 * best


def run(scale: int = 100) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import func, select

    from desktop_app.db import open_database
    from desktop_app.models.workshops import Participant, Registration, WorkshopSession
    from desktop_app.services.demo import seed_demo
    from desktop_app.services.workshops import participants as ps
    from desktop_app.services.workshops import planner

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite")
        today = date.today()
        t0 = time.perf_counter()
        seed_demo(db, scale=scale, today=today)
        print(f"données de démonstration (échelle {scale}) : {time.perf_counter() - t0:.1f} s")
        with db.session() as s:
            n_sessions = s.scalar(select(func.count()).select_from(WorkshopSession))
            n_regs = s.scalar(select(func.count()).select_from(Registration))
            n_people = s.scalar(select(func.count()).select_from(Participant))
        print(f"{n_sessions} séances, {n_regs} inscriptions, {n_people} personnes")
        monday = today - timedelta(days=today.weekday())
        with db.session() as s:
            week = _best(lambda: planner.planner_range(s, monday, monday + timedelta(days=7)))
            grid = _best(lambda: planner.planner_range(s, monday, monday + timedelta(days=42)))
            year = _best(
                lambda: planner.planner_range(s, date(today.year, 1, 1), date(today.year + 1, 1, 1))
            )
            filtered = _best(
                lambda: planner.planner_range(
                    s, date(today.year, 1, 1), date(today.year + 1, 1, 1), theme="email"
                )
            )
            search = _best(lambda: ps.search(s, "martin"))
        print(f"lecture d'une semaine : {week:.1f} ms")
        print(f"lecture d'un mois (6 semaines) : {grid:.1f} ms")
        print(f"lecture d'une année (liste) : {year:.1f} ms")
        print(f"année filtrée par thématique : {filtered:.1f} ms")
        print(f"recherche d'une personne parmi {n_people} : {search:.1f} ms")

        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from desktop_app.views.context import AppContext
        from desktop_app.views.workshops_tab import WorkshopsTab

        ctx = AppContext(db)
        t0 = time.perf_counter()
        tab = WorkshopsTab(ctx)
        tab.resize(1300, 800)
        tab.show()
        app.processEvents()
        print(f"ouverture de l'onglet : {1000 * (time.perf_counter() - t0):.0f} ms")

        def step(action) -> float:  # noqa: ANN001
            t = time.perf_counter()
            action()
            tab.repaint()
            app.processEvents()
            return 1000 * (time.perf_counter() - t)

        weeks = [step(lambda: tab.move(-1)) for _ in range(10)]
        print(
            f"semaine précédente (10 fois) : max {max(weeks):.0f} ms, moyenne {sum(weeks) / 10:.0f} ms"
        )
        print(f"vue Mois : {step(lambda: tab.set_view('month')):.0f} ms")
        months = [step(lambda: tab.move(-1)) for _ in range(5)]
        print(f"mois précédent (5 fois) : max {max(months):.0f} ms")
        print(f"vue Liste (un mois) : {step(lambda: tab.set_view('list')):.0f} ms")
        tab.period_filter.setCurrentIndex(tab.period_filter.findData("year"))
        print(
            f"liste d'une année ({tab.list_proxy.rowCount()} séances) : {step(tab.refresh):.0f} ms"
        )
        print(
            f"tri de la liste par titre : {step(lambda: tab.list_view.sortByColumn(4, tab.list_view.horizontalHeader().sortIndicatorOrder())):.0f} ms"
        )
        tab.close()
        tab.deleteLater()
        app.processEvents()
        db.close()
