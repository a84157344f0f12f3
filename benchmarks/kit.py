"""Kit figures at scale 100 (thousands of items and loans): seeding, opening the tab, searching
and scanning, the availability of a period, a reservation check, the labels PDF and the CSV.

Speed targets, not timed tests: the tab must open and search without a visible pause (a few
hundred milliseconds at most on an ordinary office PC).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

SCALE = 100


def _ms(start: float) -> str:
    return f"{1000 * (time.perf_counter() - start):.0f} ms"


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.commands.kit import write_labels
    from desktop_app.db import open_database
    from desktop_app.services.demo import foundation, kit
    from desktop_app.services.kit import api, catalog, queries
    from desktop_app.services.kit.export import export_inventory

    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        db = open_database(path)
        with db.session() as session:
            foundation.seed(session, rng=random.Random(1), scale=1, today=today)
        t = time.perf_counter()
        with db.session() as session:
            kit.seed(session, rng=random.Random(1), scale=SCALE, today=today)
        print(f"données du kit (échelle {SCALE}) : {_ms(t)}")
        with db.session() as session:
            rows = queries.item_rows(session)
            from desktop_app.services.kit.loans import loan_rows

            loans = loan_rows(session, now=datetime.now())
        print(f"{len(rows)} articles, {len(loans)} prêts")

        from desktop_app.app import make_application
        from desktop_app.views.context import AppContext
        from desktop_app.views.kit_tab import KitTab

        app = make_application()
        ctx = AppContext(db)
        t = time.perf_counter()
        tab = KitTab(ctx)
        tab.resize(1300, 800)
        tab.show()
        app.processEvents()
        print(f"ouverture de l'onglet : {_ms(t)}")
        t = time.perf_counter()
        tab.refresh()
        app.processEvents()
        print(f"rechargement après une modification : {_ms(t)}")
        t = time.perf_counter()
        for text in ("t", "ta", "tab", "tabl", "tablette"):
            tab.inventory.search.setText(text)
        app.processEvents()
        print(
            f"recherche « tablette » tapée lettre à lettre (5 filtrages) : {_ms(t)} "
            f"→ {tab.inventory.items_proxy.rowCount()} lignes"
        )
        tab.inventory.search.clear()
        number = rows[len(rows) // 2].inventory_number
        t = time.perf_counter()
        tab.inventory.search.setText(number)
        tab.inventory.scan_entered()
        app.processEvents()
        print(f"scan de {number} jusqu'à l'article affiché : {_ms(t)}")
        t = time.perf_counter()
        tab.inventory.items_table.sortByColumn(2, tab.inventory.items_table.horizontalHeader().sortIndicatorOrder())
        app.processEvents()
        print(f"tri par « Matériel » : {_ms(t)}")
        t = time.perf_counter()
        tab.pages.setCurrentIndex(1)
        app.processEvents()
        print(f"page « Prêts » (prêts en cours) : {_ms(t)}")
        t = time.perf_counter()
        tab.loans.loan_filter.setCurrentIndex(2)
        app.processEvents()
        print(f"page « Prêts », tous les prêts : {_ms(t)}")
        start = datetime.combine(today + timedelta(days=3), datetime.min.time()).replace(hour=14)
        t = time.perf_counter()
        tab.pages.setCurrentIndex(2)
        tab.availability.set_period(start, start + timedelta(hours=2))
        app.processEvents()
        print(f"disponibilités d'une période : {_ms(t)}")
        with db.session() as session:
            tablets = next(c.id for c in catalog.list_categories(session) if c.name == "Tablettes")
            t = time.perf_counter()
            messages = api.check_reservation(
                session, start, start + timedelta(hours=2), {tablets: 12}
            )
            print(f"vérification d'une réservation (api) : {_ms(t)} {messages or ''}")
        t = time.perf_counter()
        count = write_labels(db, Path(tmp) / "etiquettes.pdf")
        print(f"étiquettes PDF ({count}) : {_ms(t)}")
        t = time.perf_counter()
        with db.session() as session:
            export_inventory(session, Path(tmp) / "inventaire.csv")
        print(f"export CSV de l'inventaire : {_ms(t)}")
        tab.close()
        db.close()
