"""The operation runner: work off the GUI thread, progress past 300 ms, cancel, messages."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.progress import report
from desktop_app.views.common import operations
from desktop_app.views.common.operations import Job, run_operation, start_operation


def test_work_runs_off_the_gui_thread_and_returns(app, ctx) -> None:  # noqa: ANN001
    seen: dict[str, object] = {}

    def work(job: Job) -> int:
        seen["thread"] = threading.current_thread() is threading.main_thread()
        with job.db.session() as s:
            seen["db"] = s.connection().exec_driver_sql("select 41 + 1").scalar()
        return 7

    outcome = run_operation(None, work, label="Essai", ctx=ctx)
    assert outcome.ok and outcome.value == 7
    assert seen == {"thread": False, "db": 42}


def test_long_work_shows_progress_and_keeps_painting(app, ctx) -> None:  # noqa: ANN001
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    shown: list[QProgressDialog] = []

    def work(job: Job) -> None:
        for i in range(10):
            job.progress(i, 10)
            time.sleep(0.06)

    run_operation(None, work, label="Long travail", ctx=ctx,
                  on_start=lambda dialog: QTimer.singleShot(450, lambda: shown.append(dialog.isVisible())))
    timer.stop()
    assert shown == [True]  # past 300 ms, the progress dialog is there
    assert len(ticks) > 10  # the GUI thread kept running its event loop (no freeze)


def test_cancel_stops_and_leaves_no_file(app, ctx, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "documents"
    out.mkdir()
    target = out / "attestations.pdf"
    written: list[int] = []

    def slow_writer(job: Job, tmp: Path) -> None:
        with open(tmp, "w") as fh:
            for i in range(200):
                report(job.progress, i, 200)
                fh.write(f"page {i}\n")
                written.append(i)
                time.sleep(0.01)

    def press_cancel(dialog: QProgressDialog) -> None:
        def press() -> None:
            assert dialog.isVisible()
            button = dialog.findChild(QPushButton)
            assert button is not None and button.text() == "Annuler"
            button.click()

        QTimer.singleShot(400, press)


    def work(job: Job) -> None:
        from desktop_app.services.atomic_files import atomic_path

        with atomic_path(target) as tmp:
            slow_writer(job, tmp)

    result = run_operation(None, work, label="Attestations", ctx=ctx, on_start=press_cancel)
    assert result.cancelled and not result.ok
    assert 0 < len(written) < 200
    assert not target.exists()
    assert list(out.iterdir()) == []  # no temporary file left


def test_user_errors_become_one_french_message(app, ctx, monkeypatch) -> None:  # noqa: ANN001
    shown: list[str] = []
    monkeypatch.setattr(operations, "show_message", lambda parent, title, text: shown.append(text))

    def refused(job: Job) -> None:
        raise FieldErrors({"name": "Indiquez le nom."})

    outcome = run_operation(None, refused, label="Essai", ctx=ctx)
    assert not outcome.ok and outcome.message == "Indiquez le nom." and shown == ["Indiquez le nom."]

    def disk_full(job: Job) -> None:
        raise OSError(28, "No space left on device")

    outcome = run_operation(None, disk_full, label="Essai", ctx=ctx)
    assert "Le disque est plein" in (outcome.message or "") and len(shown) == 2
    quiet = run_operation(None, refused, label="Essai", ctx=ctx, show_error=False)
    assert quiet.message and len(shown) == 2


def test_a_bug_reaches_the_exception_dialog(app, ctx) -> None:  # noqa: ANN001
    def bug(job: Job) -> None:
        raise KeyError("oops")

    with pytest.raises(KeyError):
        run_operation(None, bug, label="Essai", ctx=ctx)


def test_changes_are_announced_with_their_initiator(app, ctx) -> None:  # noqa: ANN001
    heard: list[tuple[str, object]] = []
    ctx.changed_by.connect(lambda area, who: heard.append((area, who)))
    me = object()
    run_operation(None, lambda job: None, label="Essai", ctx=ctx, changes=("kit",), initiator=me)
    assert heard == [("kit", me)]


def test_enter_on_an_error_box_leaves_a_responsive_window(app, ctx, qtbot) -> None:  # noqa: ANN001
    """A failed operation's message box, closed with Enter, starts nothing else."""
    calls: list[int] = []

    def failing(job: Job) -> None:
        calls.append(1)
        raise ValueError("Import impossible : le fichier n'est pas un export de la plateforme.")

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, "\r")

    QTimer.singleShot(200, close_box)
    outcome = run_operation(None, failing, label="Import", ctx=ctx)
    assert outcome.message and calls == [1]
    assert QApplication.activeModalWidget() is None


def test_background_operation_reports_when_done(app, ctx, qtbot) -> None:  # noqa: ANN001
    done: list[object] = []
    running = start_operation(lambda job: 5, ctx=ctx, on_done=lambda o: done.append(o.value))
    qtbot.waitUntil(lambda: done == [5], timeout=3000)
    assert running.outcome is not None and running.outcome.ok


def _track_workers(monkeypatch) -> list:  # noqa: ANN001
    """Weak references to every worker thread made from now on."""
    import weakref

    refs: list = []
    real_init = operations._Worker.__init__

    def init(self, work, db) -> None:  # noqa: ANN001
        real_init(self, work, db)
        refs.append(weakref.ref(self))

    monkeypatch.setattr(operations._Worker, "__init__", init)
    return refs


@pytest.mark.parametrize("fails", [False, True])
def test_a_finished_operation_leaves_its_thread_to_no_collector(app, ctx, monkeypatch, fails) -> None:  # noqa: ANN001
    """A worker thread is freed as soon as its outcome is read, on the GUI thread: one left in
    a reference cycle (the job and its worker, an error's traceback and the worker's frame)
    waited for Python's collector, which could run on another worker thread and destroy the
    QThread there — the application crashed after a dialog closed."""
    import gc
    import logging

    refs = _track_workers(monkeypatch)
    # the error's log record keeps its traceback in pytest's capture (a log file does not)
    monkeypatch.setattr(logging.getLogger("desktop_app.errors"), "disabled", True)

    def work(job: Job) -> int:
        job.progress(1, 2)
        if fails:
            raise OSError(28, "No space left on device")
        return 3

    gc.disable()
    try:
        outcome = run_operation(None, work, label="Essai", ctx=ctx, show_error=False)
        assert outcome.ok is not fails
        del outcome
        running = start_operation(work, ctx=ctx)
        running.wait()
        del running
        assert refs and all(ref() is None for ref in refs), "a worker waits for the collector"
    finally:
        gc.enable()


def test_after_its_progress_window_the_window_and_field_have_the_keyboard_again(
    app, ctx, qtbot, monkeypatch  # noqa: ANN001
) -> None:
    """A long operation shows its progress window, which takes the keyboard; once it closes,
    the window that started it is active again with the same field focused — so a tab that
    then puts the focus on its list (after a decision) really gives the list the keyboard."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    monkeypatch.setattr(operations, "SHOW_AFTER_MS", 10)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    window.show()
    window.activateWindow()
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    shown: list[bool] = []

    def slow(_job: Job) -> None:
        time.sleep(0.3)

    QTimer.singleShot(150, lambda: shown.append(
        QApplication.activeWindow() is not window))  # the progress window has the keyboard
    assert run_operation(window, slow, label="Travail…").ok
    assert shown == [True]
    qtbot.waitUntil(second.hasFocus, timeout=1000)
    assert QApplication.activeWindow() is window
    first.setFocus()
    assert first.hasFocus()
