"""``cnum-biblio --self-test``: a headless check of an installed or frozen build.

Creates a temporary database, migrates it, seeds the demo data, runs every area's checks
(rendering every PDF, writing every export), then opens the main window offscreen and visits
every tab. Prints one line per check; exit code 0 only when all passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path


def _line(ok: bool, name: str, detail: str | None = None) -> None:
    status = "OK    " if ok else "ÉCHEC "
    print(f"{status}{name}" + (f" — {detail}" if detail else ""), flush=True)


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="cnum-selftest-") as tmp:
        workdir = Path(tmp)
        os.environ["CNUM_BIBLIO_HOME"] = str(workdir / "donnees")

        def check(name: str, fn: Callable[[], str | None]) -> object:
            nonlocal failures
            try:
                detail = fn()
            except Exception as exc:  # noqa: BLE001 - every failure is reported, then counted
                failures += 1
                _line(False, name, f"{type(exc).__name__}: {exc}")
                traceback.print_exc(file=sys.stderr)
                return None
            _line(True, name, detail if isinstance(detail, str) else None)
            return detail

        from desktop_app.commands import SelfTestContext, area_modules
        from desktop_app.db import open_database

        db_path = workdir / "selftest.sqlite"
        holder: dict = {}

        def migrate() -> str:
            holder["db"] = open_database(db_path)
            return str(db_path.name)

        check("Création et migration de la base", migrate)
        db = holder.get("db")
        if db is None:
            return 1

        def demo() -> str:
            from desktop_app.services.demo import seed_demo

            seed_demo(db)
            return "données d'exemple"

        check("Données de démonstration", demo)

        def integrity() -> str:
            from desktop_app.services.integrity import check_database

            report = check_database(db)
            if not report.ok:
                raise RuntimeError("; ".join(report.problems))
            return f"{sum(c for _, c in report.counts)} enregistrements"

        check("Intégrité de la base", integrity)

        def backup() -> str:
            from desktop_app.backups import make_backup

            return make_backup(db_path).name

        check("Sauvegarde vérifiée", backup)

        def venue_export() -> str:
            from desktop_app.services.mednum import write_venue_csv

            with db.session() as session:
                from desktop_app.services.structure import get_structure

                info = get_structure(session)
            return write_venue_csv(info, workdir / "lieu-mednum.csv").name

        check("Fiche du lieu (standard national)", venue_export)

        ctx = SelfTestContext(db=db, workdir=workdir)
        for module in area_modules():
            for item in module.self_checks():
                check(item.name, lambda item=item: item.run(ctx))

        def gui() -> str:
            from desktop_app.app import visit_main_window_offscreen

            return visit_main_window_offscreen(db, workdir)

        check("Fenêtre principale et onglets", gui)

        def preload_plan() -> str:
            """The frozen program has no source files: its tabs' code must still be found."""
            from desktop_app.views.main_window import TAB_SPECS
            from desktop_app.views.preload import modules_needed

            qt_free, views = modules_needed(spec.module for spec in TAB_SPECS)
            if not qt_free or len(views) < len(TAB_SPECS):
                raise RuntimeError("le code des onglets est introuvable pour le préchargement")
            return f"{len(qt_free) + len(views)} modules"

        check("Préchargement des onglets", preload_plan)
        db.close()
    print("Auto-test réussi." if not failures else f"Auto-test : {failures} échec(s).")
    return 0 if not failures else 1
