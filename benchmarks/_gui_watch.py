"""Timing a step of a tab as a person sees it, shared by the tab benchmarks: from the action
to the window painted, and the longest moment the GUI thread did not answer (a 5 ms timer
ticks; the widest gap between two ticks), with the French line of each figure and its goal.

The leading underscore keeps it out of ``make bench``'s list of benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

TICK_MS = 5
BLOCK_GOAL_MS = 100  # the GUI thread never blocked longer (issue on speed)


class Watch:
    """Times an action and the longest gap between the event loop's ticks during it."""

    def __init__(self, app) -> None:  # noqa: ANN001 - the QApplication
        from PySide6.QtCore import Qt, QTimer

        self.app = app
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def once(
        self, action: Callable[[], object], until: Callable[[], bool] | None = None
    ) -> tuple[float, float]:
        """(milliseconds until done — and ``until()`` true — and painted, longest block of the
        GUI thread in ms). Events already waiting are handled first, untimed."""
        from PySide6.QtCore import QEventLoop

        self.app.processEvents()
        self.ticks = []
        self.timer.start()
        start = time.perf_counter()
        action()
        while until is not None and not until():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        self.app.processEvents()
        end = time.perf_counter()
        self.timer.stop()
        points = [start, *self.ticks, end]
        block = max(b - a for a, b in zip(points, points[1:], strict=False))
        return 1000 * (end - start), 1000 * block

    def median(
        self,
        action: Callable[[], object],
        before: Callable[[], object] | None = None,
        runs: int = 5,
    ) -> tuple[float, float]:
        """Median of ``runs`` timings; ``before`` (not timed) sets each run up."""
        results = []
        for _ in range(runs):
            if before is not None:
                before()
                self.app.processEvents()
            results.append(self.once(action))
        return (
            statistics.median(r[0] for r in results),
            statistics.median(r[1] for r in results),
        )


class Report:
    """The figures' lines; ``missed`` names those past their goal."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def line(self, what: str, value: float, block: float, goal: float, extra: str = "") -> None:
        ok = value <= goal and block <= BLOCK_GOAL_MS
        if not ok:
            self.missed.append(what)
        print(
            f"{what} : {value:.0f} ms (objectif ≤ {goal:.0f} ms) ; fil graphique bloqué au plus "
            f"{block:.0f} ms (objectif ≤ {BLOCK_GOAL_MS} ms){extra}"
            + ("" if ok else " — NON ATTEINT"),
            flush=True,
        )

    def steps(self, what: str, results: list[tuple[float, float]], goal: float,
              extra: str = "") -> None:
        """Repeated steps: their median against the goal, the longest block against its goal."""
        median = statistics.median(r[0] for r in results)
        slowest = max(r[0] for r in results)
        self.line(what, median, max(r[1] for r in results), goal,
                  f" ; médiane de {len(results)}, la plus lente {slowest:.0f} ms{extra}")
