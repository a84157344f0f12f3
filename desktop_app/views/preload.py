"""Loading the code of the tabs not shown yet while the window is idle.

A tab is built on its first show (``main_window.TabSpec``); without help, that first show also
pays for importing its modules — for the workshops tab, about half of it goes into importing
the planner, the holidays, the statistics and their dataclasses. A person rarely clicks a tab
in the first seconds, so those seconds are used to load that code in advance:

- the modules that never touch Qt (``services``, ``models``, ``documents`` — a rule the layer
  test enforces) are imported in the background by the operation runner: the GUI thread stays
  free, and they are most of the cost;
- the views' own modules are imported afterwards on the GUI thread, one per turn of the event
  loop, as Qt's classes want (each is a few milliseconds once its services are loaded).

No widget is built: the tab is still made on its first show. A tab may name a warm-up, a read
of what it shows first whose result is dropped (its queries compiled, the holidays loaded).
Which modules a view needs is read from its compiled code (its ``import`` statements,
following the ``desktop_app.views`` modules it imports), so the list cannot go stale, and the
frozen program, which has no source files, is read the same way. Importing the same module
from two threads is safe: Python's import locks make the second wait for the first, and as
there is no import cycle in the package (``tests/test_layers.py``) they cannot deadlock. A
failure here is only logged: the tab's own import, later, reports it as it always did.
"""

from __future__ import annotations

import dis
import importlib
import logging
import pkgutil
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import CodeType
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app import startup_gc
from desktop_app.views.common.operations import Job, Outcome, Running, start_operation

log = logging.getLogger(__name__)

PACKAGE = "desktop_app"
VIEWS = f"{PACKAGE}.views"
QT_FREE = tuple(f"{PACKAGE}.{layer}" for layer in ("services", "models", "documents"))
IDLE_DELAY_MS = 1500  # after the window appeared: start-up's own background reads go first


def _code_of(module: str) -> tuple[CodeType, bool] | None:
    """(compiled code, is a package) of one of the application's modules, found without
    importing anything — ``importlib.util.find_spec`` imports the parent packages, which may
    be views: the finder of the module's folder is asked directly, the one Python's import
    system would use (in a checkout, the files and their cached bytecode; in the frozen
    program, which has no source files, its archive). None for a name that is no module (a
    class imported by name)."""
    root = Path(sys.modules[PACKAGE].__file__ or "").parent
    parts = module.split(".")[1:]
    folder = root.joinpath(*parts[:-1]) if parts else root.parent
    finder = pkgutil.get_importer(str(folder))
    spec = finder.find_spec(module) if finder is not None else None  # type: ignore[call-arg]
    loader = spec.loader if spec is not None else None
    if loader is None or not hasattr(loader, "get_code"):
        return None
    code = loader.get_code(module)
    return None if code is None else (code, spec.submodule_search_locations is not None)


def _imports_of(module: str, code: CodeType, is_package: bool) -> list[str]:
    """The application's modules named by ``module``'s top-level imports (absolute names),
    read from its bytecode. Imports inside functions are left out: they are the heavy
    libraries a function loads when it is used (ReportLab, phonenumbers…), on purpose."""
    package = module if is_package else module.rpartition(".")[0]
    names: list[str] = []
    consts: list[object] = []
    for instruction in dis.get_instructions(code):
        if instruction.opname == "LOAD_CONST":
            consts = [*consts[-1:], instruction.argval]
            continue
        if instruction.opname == "IMPORT_NAME" and len(consts) == 2:
            level, fromlist = consts
            base = str(instruction.argval)
            if isinstance(level, int) and level:
                parent = package.rsplit(".", level - 1)[0] if level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.append(base)
            # ``from package import module``: the names may be submodules
            if isinstance(fromlist, tuple):
                names.extend(f"{base}.{name}" for name in fromlist if name != "*")
        consts = []
    return [n for n in names if n.startswith(f"{PACKAGE}.")]


def modules_needed(view_modules: Iterable[str]) -> tuple[list[str], list[str]]:
    """(modules that never touch Qt, view modules) that ``view_modules`` import, directly or
    through other view modules; each list in the order they were found, views last-found
    first so that a view's own imports come before it."""
    qt_free: list[str] = []
    views: list[str] = []
    seen: set[str] = set()
    pending = list(view_modules)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if not name.startswith((*QT_FREE, VIEWS)):
            continue
        try:
            found_code = _code_of(name)
        except (ImportError, OSError, SyntaxError, ValueError):
            continue
        if found_code is None:  # a class or function imported by name, not a module
            continue
        if name.startswith(QT_FREE):
            qt_free.append(name)
            continue
        found = _imports_of(name, *found_code)
        views.append(name)
        pending.extend(found)
    views.reverse()
    return qt_free, views


class Preloader(QObject):
    """Imports the modules of ``view_modules`` when started: the Qt-free ones in the
    background (the operation runner's ``start_operation``), which then also runs the
    ``warm_ups`` — Qt-free functions ``warm_up(session, today)`` that read what the tabs read
    first, so that SQLAlchemy has compiled those queries and the holidays are loaded — then
    the views on the GUI thread, one per event-loop turn. ``stop()`` ends it between two
    modules (closing the window)."""

    finished = Signal()

    def __init__(
        self,
        view_modules: Iterable[str],
        parent: QObject | None = None,
        *,
        db: Any = None,  # noqa: ANN401 - a Database
        today: date | None = None,
        warm_ups: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self._view_modules = list(view_modules)
        self._warm_ups = list(warm_ups)
        self._db, self._today = db, today or date.today()
        self._views: list[str] = []
        self._stopped = False
        self._running: Running | None = None

    def start(self) -> None:
        if self._running is not None or self._stopped:
            return
        self._running = start_operation(self._load_in_background, db=self._db,
                                        on_done=self._background_done)

    def start_when_idle(self, delay_ms: int = IDLE_DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self, self.start)

    def stop(self) -> None:
        self._stopped = True
        self._views.clear()
        if self._running is not None:
            self._running.cancel()

    def _load_in_background(self, job: Job) -> list[str]:
        """On the worker thread: never raises (a failure here is the tab's to report)."""
        try:
            qt_free, views = modules_needed(self._view_modules)
            for name in qt_free:
                if job.cancelled:
                    return []
                if name not in sys.modules:
                    importlib.import_module(name)
            for target in self._warm_ups:
                if job.cancelled or job.db is None:
                    break
                module, _, function = target.partition(":")
                with job.db.session() as session:
                    getattr(importlib.import_module(module), function)(session, self._today)
        except Exception:  # noqa: BLE001 - the tab's own import will report it
            log.warning("préchargement interrompu", exc_info=True)
            return []
        return views

    def _background_done(self, outcome: Outcome[list[str]]) -> None:
        self._running = None
        if self._stopped or not outcome.ok:
            return
        self._views = list(outcome.value or [])
        self._import_next_view()

    def _import_next_view(self) -> None:
        while self._views and not self._stopped:
            name = self._views.pop(0)
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the tab's own import will report it
                log.warning("préchargement de %s impossible", name, exc_info=True)
                self._views.clear()
                break
            QTimer.singleShot(0, self, self._import_next_view)  # one module per turn
            return
        if not self._stopped:
            startup_gc.freeze_more()  # the code loaded lives as long as the program
            self.finished.emit()
