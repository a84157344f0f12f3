"""The code of the tabs not shown yet is loaded while the window is idle: the Qt-free modules on
a thread, the views on the GUI thread, and nothing once the window is closing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop_app.views import preload

ROOT = Path(__file__).resolve().parents[2]


def test_the_modules_a_tab_needs_are_read_from_its_imports() -> None:
    qt_free, views = preload.modules_needed(["desktop_app.views.workshops_tab"])
    assert "desktop_app.services.workshops.planner" in qt_free
    assert "desktop_app.models.workshops" in qt_free
    assert "desktop_app.views.workshops.calendar_views" in views  # through the tab's imports
    assert "desktop_app.views.workshops_tab" in views
    assert not [m for m in qt_free if m.startswith("desktop_app.views")]  # never Qt on a thread
    assert not [m for m in views if not m.startswith("desktop_app.views")]
    # names imported from a module (classes, functions) are no modules of their own
    assert not [m for m in qt_free + views if m.rsplit(".", 1)[-1][:1].isupper()]


def test_imports_inside_functions_are_left_for_when_they_are_used() -> None:
    qt_free, _views = preload.modules_needed(["desktop_app.views.workshops_tab"])
    assert "desktop_app.services.workshops.printing" not in qt_free  # imported on printing


def _run(code: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True)
    return out.stdout


def test_a_fresh_process_loads_a_tab_code_and_the_thread_touches_no_view() -> None:
    """In a process of its own (here everything is already imported): the tab's modules are
    loaded, and the thread imported services but no view."""
    out = _run("""
        import sys, threading, builtins
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from desktop_app.views.preload import Preloader
        on_thread = []
        real_import = builtins.__import__
        def spy(name, *args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                on_thread.append(name)
            return real_import(name, *args, **kwargs)
        builtins.__import__ = spy
        assert "desktop_app.views.workshops_tab" not in sys.modules
        loader = Preloader(["desktop_app.views.workshops_tab"])
        loader.finished.connect(app.quit)
        loader.start()
        app.exec()
        builtins.__import__ = real_import
        print("tab" if "desktop_app.views.workshops_tab" in sys.modules else "no tab")
        print("planner" if "desktop_app.services.workshops.planner" in sys.modules else "-")
        views = [n for n in on_thread if "views" in n or n.startswith("PySide6.QtWidgets")]
        print("views on thread:", views)
    """)
    assert "tab" in out.splitlines()
    assert "planner" in out.splitlines()
    assert "views on thread: []" in out


def test_stopped_before_its_turn_it_loads_nothing() -> None:
    out = _run("""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from desktop_app.views.preload import Preloader
        loader = Preloader(["desktop_app.views.workshops_tab"])
        loader.stop()
        loader.start()
        loader.stop()
        for _ in range(20):
            app.processEvents()
        print("planner" if "desktop_app.services.workshops.planner" in sys.modules else "none")
    """)
    assert out.strip() == "none"


def test_the_window_preloads_only_the_tabs_not_built(main_window) -> None:  # noqa: ANN001
    built = {type(t).__module__ for t in main_window.built_tabs()}
    main_window.preload_other_tabs()
    loader = main_window._preloader
    try:
        assert loader is not None
        assert loader._view_modules
        assert not built & set(loader._view_modules)
    finally:
        loader.stop()


def test_the_warm_up_reads_in_the_background_with_the_window_s_day(
    main_window, qtbot, monkeypatch  # noqa: ANN001
) -> None:
    """The workshops tab's warm-up runs once the window is idle, on a worker thread, with a
    session of its own and the application's day; then ``finished`` is emitted."""
    import threading

    from desktop_app.services.workshops import warm_up as module

    calls = []
    real = module.warm_up

    def spy(session, today):  # noqa: ANN001, ANN202
        calls.append((threading.current_thread() is threading.main_thread(), today))
        return real(session, today)

    monkeypatch.setattr(module, "warm_up", spy)
    main_window.preload_other_tabs()
    loader = main_window._preloader
    with qtbot.waitSignal(loader.finished, timeout=20_000):
        loader.start()
    assert calls == [(False, main_window.ctx.today())]


def test_the_workshops_warm_up_compiles_the_tab_s_first_queries(demo_db) -> None:  # noqa: ANN001
    """Its use is SQLAlchemy's cache of compiled statements, kept by the engine for the
    process: after the warm-up, the planner's week read, the year's report and La Coop's list
    compile nothing more."""
    from datetime import date, datetime, timedelta

    from desktop_app.services.lacoop.entry import entry_lines
    from desktop_app.services.workshops import planner
    from desktop_app.services.workshops.periods import year_period
    from desktop_app.services.workshops.stats import compute_report
    from desktop_app.services.workshops.warm_up import warm_up

    cache = demo_db.engine._compiled_cache
    before = len(cache)
    with demo_db.session() as session:
        warm_up(session, date(2026, 12, 2))
    warmed = len(cache)
    assert warmed > before
    with demo_db.session() as session:
        monday = date(2026, 11, 30)
        planner.planner_range(session, monday, monday + timedelta(days=7))
        compute_report(session, year_period(2026), datetime(2026, 12, 2, 9, 0))
        entry_lines(session, datetime(2026, 12, 2, 9, 0), include_entered_since=date(2026, 11, 25))
    assert len(cache) == warmed
