"""Speed of the long documents against ReportLab's raw canvas, on the ``--scale 100`` demo base.

Run with ``.venv/bin/python -m benchmarks documents``. In one process, median of 3, each run
of the application followed by a run of its floor (``benchmarks/floors/raw_canvas.py``) so that
both see the same load on the machine:

- **attestations**: the "Attestations de participation" of the last three whole months
  (thousands of pages in one PDF), read from the base and written as a person does it
  (``load_and_write_certificates``);
- **feuilles d'émargement**: the sign-in sheet of every session of the last whole month, one
  PDF each, each read in its own unit of work as the tab does (``write_sign_in``);
- **étiquettes**: the labels of every item of the kit, on 3 × 7 and on 3 × 8 sheets
  (``write_labels``).

Each figure is pages per second; the floor writes the same number of pages (and files) of the
same look with the same embedded fonts and no layout, each file flushed to the disk as the
application's are. Goal (issue 17): at least 50 % of the floor's rate. Returns False when a goal
is missed.

How to read it: a sign-in sheet is a document of its own, and most of its time, for the floor as
for the application, goes to what every PDF costs (embedding the subsets of two fonts, writing
and flushing the file); the application adds reading the session and laying out its tables.
Attestations can beat the floor: what their pages share is drawn once per PDF (PDF forms,
``documents.base.Stamp``) where the floor draws it on every page.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

GOAL = 0.50
SCALE = 100
RUNS = 3


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _median(work: Callable[[], tuple[int, float]], floor: Callable[[], tuple[int, float]]
            ) -> tuple[int, float, int, float]:
    """(pages, median seconds) of the application and of the floor, run alternately."""
    ours: list[float] = []
    theirs: list[float] = []
    pages = floor_pages = 0
    for _ in range(RUNS):
        pages, seconds = work()
        ours.append(seconds)
        floor_pages, seconds = floor()
        theirs.append(seconds)
    return pages, statistics.median(ours), floor_pages, statistics.median(theirs)


def _line(name: str, pages: int, seconds: float, floor_pages: int, floor_seconds: float) -> bool:
    rate = pages / seconds
    floor_rate = floor_pages / floor_seconds
    ratio = rate / floor_rate
    met = ratio >= GOAL
    print(
        f"{name} : {pages} pages en {seconds:.2f} s ({rate:.0f} pages/s) ; "
        f"plancher {floor_rate:.0f} pages/s ; rapport {100 * ratio:.0f} % "
        f"(objectif ≥ {100 * GOAL:.0f} %){'' if met else ' — non atteint'}",
        flush=True,
    )
    return met


def _last_months(today: date, months: int) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    for _ in range(months - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def run() -> bool:
    from sqlalchemy import select

    from benchmarks.floors import raw_canvas
    from desktop_app.db import open_database
    from desktop_app.documents.kit.labels import SHEETS
    from desktop_app.models.workshops import WorkshopSession
    from desktop_app.services.demo import seed_demo
    from desktop_app.services.kit import printing as kit_printing
    from desktop_app.services.workshops import printing as ws_printing
    from desktop_app.services.workshops.periods import Period

    ok = True
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_folder = folder / "plancher"
        floor_folder.mkdir()
        db = open_database(folder / "demo.sqlite")
        started = time.perf_counter()
        seed_demo(db, scale=SCALE, today=today)
        print(f"base de démonstration (échelle {SCALE}) : {time.perf_counter() - started:.1f} s",
              flush=True)

        # attestations of the last three whole months, one PDF
        period = Period(*_last_months(today, 3))
        out = folder / "attestations.pdf"

        def attestations() -> tuple[int, float]:
            t0 = time.perf_counter()
            with db.session() as s:
                pages = ws_printing.load_and_write_certificates(s, out, period=period, issued=today)
            return pages, time.perf_counter() - t0

        certificates = _count_certificates(db, period, today)
        pages, seconds, floor_pages, floor_seconds = _median(
            attestations, lambda: raw_canvas.attestations(certificates, floor_folder)
        )
        assert pages == _pages(out) == floor_pages
        ok &= _line("attestations", pages, seconds, floor_pages, floor_seconds)

        # sign-in sheets of every session of the last whole month, one PDF each
        start, end = _last_months(today, 1)
        month = Period(start, end)
        with db.session() as s:
            ids = list(
                s.scalars(
                    select(WorkshopSession.id)
                    .where(WorkshopSession.start >= month.start_dt,
                           WorkshopSession.start < month.end_dt)
                    .order_by(WorkshopSession.start, WorkshopSession.id)
                )
            )
        people: list[int] = []
        sheets = folder / "emargement"
        sheets.mkdir()

        def sign_in() -> tuple[int, float]:
            people.clear()
            t0 = time.perf_counter()
            for sid in ids:
                with db.session() as s:
                    data = ws_printing.write_sign_in(s, sheets / f"{sid}.pdf", sid)
                people.append(len(data.people))
            seconds = time.perf_counter() - t0
            return sum(_pages(sheets / f"{sid}.pdf") for sid in ids), seconds

        pages, seconds = sign_in()  # the people counts for the floor
        pages, seconds, floor_pages, floor_seconds = _median(
            sign_in, lambda: raw_canvas.sign_in_sheets(list(people), floor_folder)
        )
        ok &= _line(
            f"feuilles d'émargement ({len(ids)} séances)", pages, seconds, floor_pages,
            floor_seconds,
        )

        # labels of the whole kit, on both sheet formats
        for key in ("3x7", "3x8"):
            sheet = SHEETS[key]
            out = folder / f"etiquettes-{key}.pdf"
            count = [0]

            def labels(key: str = key, out: Path = out, count: list[int] = count
                       ) -> tuple[int, float]:
                t0 = time.perf_counter()
                count[0] = kit_printing.write_labels(db, out, sheet=key)
                seconds = time.perf_counter() - t0
                return _pages(out), seconds

            labels()
            pages, seconds, floor_pages, floor_seconds = _median(
                labels,
                lambda sheet=sheet, count=count: raw_canvas.labels(
                    count[0], floor_folder, per_page=sheet.per_page, columns=sheet.columns
                ),
            )
            ok &= _line(
                f"étiquettes {key} ({count[0]} articles)", pages, seconds, floor_pages,
                floor_seconds,
            )
        db.close()
    return ok


def _count_certificates(db, period, today: date) -> int:  # noqa: ANN001
    from desktop_app.services.workshops.attestations import load_certificates

    with db.session() as s:
        return len(load_certificates(s, period=period, issued=today).items)


if __name__ == "__main__":
    raise SystemExit(0 if run() else 1)
