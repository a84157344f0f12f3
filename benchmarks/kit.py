"""Kit figures at scale 100 (thousands of items and loans): seeding, opening the tab, reloading
it, searching and scanning, the pages « Prêts » and « Disponibilités », a reservation check, the
labels PDF and the CSV.

Each step of the tab is timed as the person waits for it (from the action to the table filled and
painted, offscreen) and, beside it, the longest time the GUI thread did not answer during the
step: a timer ticks every 5 ms in the event loop, and the widest gap between two ticks is the
longest block (work on the operation runner's worker thread does not block). Goals (issue on
speed): the tab shown the first time, a reload after a change and each page shown ≤ 100 ms; a
search keystroke or a change of filter ≤ 30 ms; « Disponibilités » of a period ≤ 100 ms; the GUI
thread never blocked more than 100 ms. Figures are the median of several runs.

The base is written in a process of its own (the seeding's garbage would be collected during the
timed steps). The first show happens once in a process, cold (statements not yet compiled, caches empty): it
is measured in fresh processes (median of 3) that open the base and read the structure, as the
application does before showing a tab, freeze what start-up built out of the garbage collector's
sight, as the application does once its window is shown (``startup_gc``), then show the tab. The tab appears at once and its table
fills when the rows, read on a worker thread, arrive: both times are printed, the goal is on the
first (the GUI thread's) and on the longest block.

The clock of the tab is pinned (as in the tests), so that the loans' filter does not re-read them
when a minute happens to turn during the run. The labels PDF (documents) and the CSV export run
off the GUI thread in the application: they are shown without a goal here.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks._gui_watch import Report, Watch

SCALE = 100
RUNS = 5
TAB_GOAL_MS = 100  # first show, reload, a page shown, « Disponibilités »
KEY_GOAL_MS = 30  # a search keystroke, a filter changed
COLD_RUNS = 3


def _ms(start: float) -> str:
    return f"{1000 * (time.perf_counter() - start):.0f} ms"


def _show_tab(watch: Watch, ctx) -> tuple:  # noqa: ANN001 - an AppContext
    """The kit tab shown, then filled: (the tab, ms until shown, ms until its table is filled,
    longest block of the GUI thread in ms)."""
    from desktop_app import startup_gc
    from desktop_app.views.kit_tab import KitTab

    tabs: list[KitTab] = []

    def show() -> None:
        tab = KitTab(ctx)
        startup_gc.freeze_more()  # as the main window does once it built a tab
        tab.resize(1300, 800)
        tab.show()
        tabs.append(tab)

    shown, block = watch.once(show)
    filled, fill_block = watch.once(lambda: None, until=lambda: tabs[0].loaded)
    return tabs[0], shown, shown + filled, max(block, fill_block)


def first_show(path: str) -> dict[str, float]:
    """In a fresh process: the base opened and the structure read (as the application does
    before it shows a tab), then the kit tab shown — how long until shown, until its table is
    filled, and the longest block of the GUI thread (ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.app import make_application
    from desktop_app.db import open_database
    from desktop_app.views.context import AppContext

    db = open_database(Path(path))
    app = make_application()
    now = datetime.now().replace(second=0, microsecond=0)
    ctx = AppContext(db, clock=lambda: now)
    ctx.structure()
    # as the application does once its window is shown, before anyone can open the tab: what
    # start-up built is collected once and frozen out of the collector's sight. Without it a
    # full collection walking every module and model (40–60 ms) landed in this step or not,
    # depending on how many objects the code measured happened to make
    import gc

    from desktop_app import startup_gc

    gc.collect()
    startup_gc.freeze_long_lived()
    watch = Watch(app)
    tab, shown, filled, block = _show_tab(watch, ctx)
    rows = tab.inventory.items_model.rowCount()
    tab.close()
    db.close()
    return {"shown": shown, "filled": filled, "block": block,
            "rows": rows}


def seed(path: str) -> float:
    """In a process of its own (its garbage would otherwise be collected during the timed
    steps): the structure and the kit at ``SCALE``; the kit's seeding time in ms."""
    from desktop_app.db import open_database
    from desktop_app.services.demo import foundation, kit

    today = date.today()
    db = open_database(Path(path))
    with db.session() as session:
        foundation.seed(session, rng=random.Random(1), scale=1, today=today)
    t = time.perf_counter()
    with db.session() as session:
        kit.seed(session, rng=random.Random(1), scale=SCALE, today=today)
    elapsed = 1000 * (time.perf_counter() - t)
    db.close()
    return elapsed


def _in_child(function: str, path: Path) -> object:
    code = f"import json, sys; from benchmarks.kit import {function}; " \
           f"print(json.dumps({function}(sys.argv[1])))"
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.commands.kit import write_labels
    from desktop_app.db import open_database
    from desktop_app.services.kit import api, catalog, queries
    from desktop_app.services.kit.export import export_inventory

    today = date.today()
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        print(f"données du kit (échelle {SCALE}) : {_in_child('seed', path):.0f} ms")
        runs = [_in_child("first_show", path) for _ in range(COLD_RUNS)]
        cold = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        report.line(
            "ouverture de l'onglet (premier affichage, processus neuf)", cold["shown"],
            cold["block"], TAB_GOAL_MS,
            f" ; tableau rempli ({cold['rows']:.0f} lignes) après {cold['filled']:.0f} ms",
        )
        db = open_database(path)
        now = datetime.now().replace(second=0, microsecond=0)
        with db.session() as session:
            rows = queries.item_rows(session, now=now)
            from desktop_app.services.kit.loans import loan_rows

            loans = loan_rows(session, now=now)
        print(f"{len(rows)} articles, {len(loans)} prêts")

        from desktop_app.app import make_application
        from desktop_app.views.context import AppContext

        app = make_application()
        watch = Watch(app)
        ctx = AppContext(db, clock=lambda: now)
        tab, shown, filled, block = _show_tab(watch, ctx)
        tabs = [tab]
        print(
            f"ouverture de l'onglet dans ce processus (ses requêtes déjà compilées) : affiché en {shown:.0f} ms, "
            f"tableau rempli après {filled:.0f} ms, fil graphique bloqué au plus "
            f"{block:.0f} ms"
        )
        value, block = watch.median(tab.refresh)
        report.line("rechargement après une modification", value, block, TAB_GOAL_MS)

        search = tab.inventory.search
        keystrokes: dict[str, list[tuple[float, float]]] = {}
        for _ in range(RUNS):
            search.clear()
            app.processEvents()
            for text in ("t", "ta", "tab", "tabl", "tablette"):
                keystrokes.setdefault(text, []).append(
                    watch.once(lambda text=text: search.setText(text))
                )
        medians = [
            (statistics.median(k[0] for k in runs), statistics.median(k[1] for k in runs))
            for runs in keystrokes.values()
        ]
        report.line(
            "recherche « tablette » tapée lettre à lettre (la plus lente des 5 frappes)",
            max(m[0] for m in medians), max(m[1] for m in medians), KEY_GOAL_MS,
            f" → {tab.inventory.items_proxy.rowCount()} lignes",
        )

        number = rows[len(rows) // 2].inventory_number

        def scan() -> None:
            search.setText(number)
            tab.inventory.scan_entered()

        value, block = watch.median(scan, before=search.clear)
        shown = tab.inventory.detail.inventory_number if tab.inventory.detail else "rien"
        report.line(
            f"scan de {number} jusqu'à l'article affiché", value, block, TAB_GOAL_MS,
            f" → {shown}",
        )
        search.clear()
        from PySide6.QtCore import Qt

        table = tab.inventory.items_table

        orders = iter([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * RUNS)
        value, block = watch.median(lambda: table.sortByColumn(2, next(orders)))
        report.line("tri par « Matériel »", value, block, TAB_GOAL_MS)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        def leave_and_change() -> None:  # a change elsewhere: the pages read again when shown
            tab.pages.setCurrentIndex(0)
            tab.refresh()

        value, block = watch.median(lambda: tab.pages.setCurrentIndex(1), before=leave_and_change)
        report.line("page « Prêts » affichée (prêts en cours)", value, block, TAB_GOAL_MS)
        loan_filter = tab.loans.loan_filter
        choices = iter([2, 0] * RUNS)
        value, block = watch.median(lambda: loan_filter.setCurrentIndex(next(choices)))
        report.line(
            "page « Prêts », filtre « Tous » / « En cours »", value, block, KEY_GOAL_MS,
            f" → {tab.loans.loans_proxy.rowCount()} prêts",
        )
        loan_filter.setCurrentIndex(0)

        value, block = watch.median(lambda: tab.pages.setCurrentIndex(2), before=leave_and_change)
        report.line("page « Disponibilités » affichée (les deux heures à venir)", value, block,
                    TAB_GOAL_MS)
        start = datetime.combine(today + timedelta(days=3), datetime.min.time()).replace(hour=14)
        value, block = watch.median(
            lambda: tab.availability.set_period(start, start + timedelta(hours=2))
        )
        report.line("disponibilités d'une période (Afficher)", value, block, TAB_GOAL_MS)

        with db.session() as session:
            tablets = next(c.id for c in catalog.list_categories(session) if c.name == "Tablettes")
            t = time.perf_counter()
            messages = api.check_reservation(
                session, start, start + timedelta(hours=2), {tablets: 12}
            )
            print(f"vérification d'une réservation (api) : {_ms(t)} {messages or ''}")
        t = time.perf_counter()
        count = write_labels(db, Path(tmp) / "etiquettes.pdf")
        print(f"étiquettes PDF ({count}) : {_ms(t)} (hors du fil graphique ; voir documents)")
        t = time.perf_counter()
        with db.session() as session:
            export_inventory(session, Path(tmp) / "inventaire.csv")
        print(f"export CSV de l'inventaire : {_ms(t)} (hors du fil graphique)")
        for shown_tab in tabs:
            shown_tab.close()
        db.close()
    if report.missed:
        print(f"kit : objectifs non atteints : {', '.join(report.missed)}")
    return not report.missed
