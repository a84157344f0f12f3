""""Profils reçus" at scale: seed ``--scale 100`` (thousands of profiles), then time opening
the tab, searching, filtering, sorting, selecting a profile and importing 2,000 rows."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def _ms(start: float) -> str:
    return f"{1000 * (time.perf_counter() - start):.0f} ms"


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop_app.db import open_database
    from desktop_app.services.demo import seed_demo
    from desktop_app.services.profiles.importer import import_file, sample_csv
    from desktop_app.views.context import AppContext
    from desktop_app.views.profiles.columns import COL_AVAILABLE, COL_POSTAL

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CNUM_BIBLIO_HOME"] = str(Path(tmp) / "home")
        db = open_database(Path(tmp) / "bench.sqlite")
        t = time.perf_counter()
        seed_demo(db, scale=100)
        print(f"données de démonstration (échelle 100) : {_ms(t)}")
        from desktop_app.views.profiles_tab import ProfilesTab

        ctx = AppContext(db)
        t = time.perf_counter()
        tab = ProfilesTab(ctx)
        tab.resize(1400, 850)
        tab.show()
        app.processEvents()
        print(f"ouverture de l'onglet ({tab.model.rowCount()} profils) : {_ms(t)}")
        t = time.perf_counter()
        tab.refresh()
        app.processEvents()
        print(f"rafraîchissement : {_ms(t)}")
        t = time.perf_counter()
        tab.search.setText("lefe")
        app.processEvents()
        print(f"recherche « lefe » ({tab.proxy.rowCount()} résultats) : {_ms(t)}")
        tab.search.clear()
        t = time.perf_counter()
        tab.status_filter.setCurrentIndex(2)
        tab.ccp1_filter.setCurrentIndex(1)
        app.processEvents()
        print(f"filtres statut + CCP1 ({tab.proxy.rowCount()} résultats) : {_ms(t)}")
        tab.status_filter.setCurrentIndex(0)
        tab.ccp1_filter.setCurrentIndex(0)
        for column, name in ((COL_POSTAL, "code postal"), (COL_AVAILABLE, "disponibilité")):
            t = time.perf_counter()
            tab.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            app.processEvents()
            print(f"tri par {name} : {_ms(t)}")
        t = time.perf_counter()
        tab.select_profile(tab.model.row_at(tab.model.rowCount() // 2).id)
        app.processEvents()
        print(f"sélection et détail d'un profil : {_ms(t)}")
        rows = [
            {"Nom": f"Essai{n}", "Prénom": "Bérénice", "Email": f"essai{n}@exemple.fr",
             "Code postal": "58120", "Formation CCP1": "oui", "Expérience": "non",
             "Test PIX": "oui", "CV": "oui"}
            for n in range(2000)
        ]
        path = Path(tmp) / "gros.csv"
        path.write_bytes(b"\xef\xbb\xbf" + sample_csv(rows).encode())
        t = time.perf_counter()
        with db.session() as session:
            _preview, result = import_file(session, path)
        print(f"import de 2 000 lignes : {_ms(t)} ({result.added} ajoutés)")
        tab.close()
        db.close()
