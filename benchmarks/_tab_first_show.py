"""A tab's first show as a person meets it, shared by the tab benchmarks: in a fresh process
(bytecode compiled first, as an installed program has it; an offscreen screen of 1366 × 768;
settings of its own, so the window opens on its first tab), the main window is set up as
``app.main`` does it and shown, then the person clicks the tab.

Two moments are measured, each the median of a few processes:
- *at once*: the click comes as soon as the window is shown — the tab imports its code,
  builds its widgets, reads and paints (a person who clicks in the first second);
- *after the preload*: the window was left idle until its preload of the other tabs' code
  (``views/preload``) ended — what a person meets in the usual case, the goal's case; the
  longest the GUI thread did not answer during the preload is measured too (it must stay
  under the block goal: a person may type meanwhile).

The leading underscore keeps it out of ``make bench``'s list of benchmark modules."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1366, 768)
PRELOAD_WAIT_S = 20  # the preload ends within a second here; past this, it is reported stuck


def compile_bytecode() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop_app")],
                   check=True, capture_output=True)


def environment(folder: Path) -> dict[str, str]:
    """An offscreen screen of 1366 × 768 (offscreen's own 800 × 800 would squeeze the window)
    and a data folder of its own."""
    screen = folder / "screen.json"
    screen.write_text(json.dumps({"screens": [
        {"name": "bench", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
            "CNUM_BIBLIO_HOME": str(folder / "home")}


def measure(path: str, title: str, preloaded: bool) -> dict[str, float]:
    """In this (fresh) process: the window shown, then the tab ``title`` clicked."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from benchmarks._gui_watch import Watch
    from desktop_app import startup_gc
    from desktop_app.app import make_application
    from desktop_app.db import open_database
    from desktop_app.views.context import AppContext
    from desktop_app.views.main_window import MainWindow

    db = open_database(Path(path))
    app = make_application()
    ctx = AppContext(db)
    window = MainWindow(ctx)
    window.backup_timer.stop()
    window.resize(SCREEN[0], SCREEN[1] - 28)
    window.show()
    startup_gc.freeze_long_lived()  # as app.main once the window is shown; later freezes too
    for _ in range(3):
        app.processEvents()
    preload_ms = preload_block = 0.0
    if preloaded:
        done: list[float] = []
        ticks: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(5)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        start = time.perf_counter()
        window.preload_other_tabs()
        loader = window._preloader
        assert loader is not None
        loader.finished.connect(lambda: done.append(time.perf_counter()))
        loader.start()  # without the idle delay: the wait below is the idle time
        while not done and time.perf_counter() - start < PRELOAD_WAIT_S:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        timer.stop()
        if not done:
            raise RuntimeError("le préchargement ne s'est pas terminé")
        preload_ms = 1000 * (done[0] - start)
        points = [start, *ticks, done[0]]
        preload_block = 1000 * max(b - a for a, b in zip(points, points[1:], strict=False))
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == title)
    if window.tabs.currentIndex() == index:
        raise RuntimeError(f"la fenêtre s'est ouverte sur « {title} »")
    shown, block = Watch(app).once(lambda: window.tabs.setCurrentIndex(index))
    window.close()
    db.close()
    return {"shown": shown, "block": block, "preload": preload_ms,
            "preload_block": preload_block}


def in_fresh_processes(path: Path, title: str, folder: Path, *, preloaded: bool,
                       runs: int = 3) -> dict[str, float]:
    """Medians over ``runs`` fresh processes of :func:`measure`."""
    env = environment(folder)
    code = ("import json, sys; from benchmarks._tab_first_show import measure; "
            "print(json.dumps(measure(sys.argv[1], sys.argv[2], sys.argv[3] == '1')))")
    results = []
    for _ in range(runs):
        # settings of their own: the window opens on its first tab, not on the last one shown
        with tempfile.TemporaryDirectory(dir=folder) as config:
            out = subprocess.run(
                [sys.executable, "-c", code, str(path), title, "1" if preloaded else "0"],
                check=True, capture_output=True, text=True, cwd=ROOT,
                env={**env, "XDG_CONFIG_HOME": config},
            )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(float(r[key]) for r in results) for key in results[0]}
