"""One runner for every action that writes or may take long (after Anki's ``CollectionOp``).

Why one runner: a save, an import, a batch of certificates, a backup all need the same things —
the GUI thread must keep painting, the person must be able to cancel, a refused input must become
one plain French message, a bug must reach the exception dialog, and the other tabs must learn
what changed. Writing that once keeps every action honest in the same way.

How it works:

- ``run_operation(parent, work, label=...)`` runs ``work(job)`` on a worker thread. ``job.db``
  is the database; the work opens its own unit of work there (``with job.db.session() as s``),
  so no ORM object crosses threads. ``job.progress(done, total)`` reports progress and returns
  False once "Annuler" was pressed (``services.progress.report`` turns that into ``Cancelled``).
- For the caller the call is synchronous: it returns an ``Outcome`` once the work is over, which
  keeps dialogs simple (``if run_operation(...).ok: self.accept()``). Meanwhile a local event loop
  keeps the window painting; user input is held back (mouse, keys, wheel) so nothing can start a
  second action, and past ``SHOW_AFTER_MS`` a progress dialog with "Annuler" appears.
- A refused input (``FieldErrors`` and other ``ValueError`` with a French message), an OS or
  SQLite error the person can act on: ``Outcome.message`` holds the French text, shown in a box
  unless the caller places it itself (``show_error=False``, used by forms for field messages).
  Anything else is a bug: it is raised again in the GUI thread, where the exception dialog takes
  it.
- On success, ``changes`` (areas such as ``"kit"``) are announced through the context with the
  ``initiator``, so the tab that saved does not reload itself needlessly.
- ``start_operation`` is the variant that does not wait (automatic backups): no dialog, no input
  held back, ``on_done(outcome)`` runs in the GUI thread when the work ends.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from desktop_app.errors import describe_user_error
from desktop_app.services.progress import Cancelled

log = logging.getLogger(__name__)

T = TypeVar("T")

SHOW_AFTER_MS = 300

_HELD_BACK = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Wheel,
    QEvent.Type.Shortcut,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Close,
}


@dataclass
class Outcome(Generic[T]):
    """How an operation ended: its value, or that it was cancelled, or the error and its French
    message."""

    value: T | None = None
    error: BaseException | None = None
    cancelled: bool = False
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


class Job:
    """What the work function receives, on the worker thread.

    It holds its worker weakly: a job and its worker pointing at each other would leave every
    finished worker (a ``QThread``) to Python's cyclic collector, which runs on whichever
    thread happens to allocate — another worker's — and a QThread destroyed there crashes
    the application."""

    def __init__(self, db: Any, worker: _Worker) -> None:  # noqa: ANN401 - a Database
        self.db = db
        self._worker = weakref.ref(worker)

    def _the_worker(self) -> _Worker:
        worker = self._worker()
        if worker is None:  # only if the work outlives its own thread object
            raise Cancelled
        return worker

    @property
    def cancelled(self) -> bool:
        worker = self._worker()
        return worker is None or worker.cancel_requested

    def progress(self, done: int, total: int) -> bool:
        """Report progress; False once the person asked to cancel."""
        worker = self._the_worker()
        worker.progressed.emit(int(done), int(total))
        return not worker.cancel_requested

    def set_text(self, text: str) -> None:
        """Change the progress dialog's sentence ("Attestation 3 sur 40")."""
        self._the_worker().text_changed.emit(text)


class _Worker(QThread):
    progressed = Signal(int, int)
    text_changed = Signal(str)

    def __init__(self, work: Callable[[Job], Any], db: Any) -> None:  # noqa: ANN401
        super().__init__()
        self.work = work
        self.job = Job(db, self)
        self.cancel_requested = False
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.job)
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.error = exc
        finally:
            self.work = None  # a closure may hold what holds the worker

    def take_outcome(self) -> Outcome[Any]:
        """The outcome, once the thread has finished; the worker then lets go of it, so that
        nothing of the work (an error's traceback holds this worker's frame) keeps the worker
        in a cycle: it is freed by reference counting, on the GUI thread."""
        outcome = _outcome(self.result, self.error)
        self.result = self.error = None
        return outcome


def user_message(exc: BaseException) -> str | None:
    """The French message of an error the person can act on, None for a bug."""
    message = describe_user_error(exc)
    if message is None and isinstance(exc, ValueError) and str(exc):
        message = str(exc)
    return message


class _InputHold(QObject):
    """Holds back user input everywhere but in the progress dialog while work runs."""

    def __init__(self, allowed: QWidget) -> None:
        super().__init__()
        self.allowed = allowed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() not in _HELD_BACK:
            return False
        if isinstance(watched, QWidget) and self.allowed.isVisible():
            window = watched.window()
            if window is self.allowed:
                return False
        return True


class _Relay(QObject):
    """Lives in the GUI thread so the worker's signals reach the dialog through the event loop."""

    def __init__(self, dialog: QProgressDialog, label: str) -> None:
        super().__init__()
        self.dialog = dialog
        self.label = label

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    @Slot(str)
    def text_changed(self, text: str) -> None:
        self.dialog.setLabelText(text)


def _progress_dialog(parent: QWidget | None, label: str, title: str,
                     cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, "Annuler" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.hide()
    return dialog


def _give_keyboard_back(window: QWidget | None, focus: QWidget | None) -> None:
    """The window and field that had the keyboard before the progress window showed get it
    back. Window managers usually do it for a closed modal window; not every one does (nor
    Qt's offscreen and minimal platforms), and a tab's next ``setFocus`` (its list after a
    decision) would then go to a window that no longer has the keyboard."""
    import shiboken6

    if window is None or not shiboken6.isValid(window) or not window.isVisible():
        return
    window.activateWindow()
    if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
        focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def _announce(ctx: Any, changes: Iterable[str], initiator: object) -> None:  # noqa: ANN401
    if ctx is None:
        return
    for area in changes:
        ctx.notify(area, initiator=initiator)


def _finish(outcome: Outcome[Any], parent: QWidget | None, show_error: bool,
            error_title: str) -> Outcome[Any]:
    if outcome.error is not None and outcome.message is None:
        raise outcome.error  # a bug: the exception dialog takes it
    if outcome.message is not None and show_error:
        show_message(parent, error_title, outcome.message)
    return outcome


def _outcome(result: Any, error: BaseException | None) -> Outcome[Any]:  # noqa: ANN401
    if error is None:
        return Outcome(value=result)
    if isinstance(error, Cancelled):
        return Outcome(cancelled=True)
    message = user_message(error)
    if message is not None:
        log.info("Opération refusée : %s", message)
    return Outcome(error=error, message=message)


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    """A warning box whose Enter closes it and starts nothing else."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.exec()


def run_operation(
    parent: QWidget | None,
    work: Callable[[Job], T],
    *,
    label: str,
    db: Any = None,  # noqa: ANN401 - a Database; taken from ``ctx`` when not given
    ctx: Any = None,  # noqa: ANN401 - the AppContext
    changes: Iterable[str] = (),
    initiator: object = None,
    show_error: bool = True,
    cancellable: bool = True,
    title: str = "Veuillez patienter",
    error_title: str = "Opération impossible",
    on_start: Callable[[QProgressDialog], None] | None = None,
) -> Outcome[T]:
    """Run ``work(job)`` off the GUI thread and return how it ended (see the module's doc)."""
    if db is None and ctx is not None:
        db = ctx.db
    dialog = _progress_dialog(parent, label, title, cancellable)
    relay = _Relay(dialog, label)
    worker = _Worker(work, db)
    worker.progressed.connect(relay.progressed)
    worker.text_changed.connect(relay.text_changed)

    def cancel() -> None:
        worker.cancel_requested = True
        dialog.setLabelText("Annulation en cours…")
        if not dialog.isVisible():  # Escape hid it: keep saying what is happening
            QTimer.singleShot(0, dialog.show)

    dialog.canceled.connect(cancel)  # the "Annuler" button
    dialog.rejected.connect(cancel)  # Escape
    hold = _InputHold(dialog)
    app = QApplication.instance()
    had_keyboard = (QApplication.activeWindow(), QApplication.focusWidget())
    app.installEventFilter(hold)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    shower = QTimer()
    shower.setSingleShot(True)
    shower.timeout.connect(dialog.show)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    try:
        if on_start is not None:  # the dialog exists, the work has not started (tests use it)
            on_start(dialog)
        shower.start(SHOW_AFTER_MS)
        worker.start()
        if not worker.isFinished():
            loop.exec()
        worker.wait()
    finally:
        shower.stop()
        app.removeEventFilter(hold)
        QGuiApplication.restoreOverrideCursor()
        dialog.canceled.disconnect(cancel)  # closing a QProgressDialog emits "canceled"
        dialog.rejected.disconnect(cancel)
        shown = dialog.isVisible()
        dialog.close()
        dialog.deleteLater()
        if shown:
            _give_keyboard_back(*had_keyboard)
    cancelled = worker.cancel_requested and (
        worker.error is None or isinstance(worker.error, Cancelled)
    )
    outcome = worker.take_outcome()
    if cancelled:
        outcome = Outcome(cancelled=True)
    if outcome.ok:
        _announce(ctx, changes, initiator)
    return _finish(outcome, parent, show_error, error_title)


class Running(QObject):
    """An operation started by ``start_operation``; ``done`` is emitted with its Outcome."""

    done = Signal(object)

    def __init__(self, worker: _Worker, ctx: Any, changes: tuple[str, ...],  # noqa: ANN401
                 initiator: object, on_done: Callable[[Outcome[Any]], None] | None) -> None:
        super().__init__()
        self.worker: _Worker | None = worker
        self.outcome: Outcome[Any] | None = None
        self._ctx, self._changes, self._initiator = ctx, changes, initiator
        self._on_done = on_done
        worker.finished.connect(self._finished)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_requested = True

    def wait(self) -> None:
        """Block until the work ends (used when the application closes)."""
        if self.worker is not None:
            self.worker.wait()
        if self.outcome is None:
            self._finished()

    @Slot()
    def _finished(self) -> None:
        if self.outcome is not None or self.worker is None:
            return
        _running.discard(self)
        # let go of the finished thread: its signal's connection holds this object, which
        # held it back — a cycle through Qt that no collector sees, and a thread never freed
        worker, self.worker = self.worker, None
        worker.finished.disconnect(self._finished)
        outcome = worker.take_outcome()
        self.outcome = outcome
        if outcome.ok:
            _announce(self._ctx, self._changes, self._initiator)
        self.done.emit(outcome)
        if self._on_done is not None:
            self._on_done(outcome)
        if outcome.error is not None and outcome.message is None:
            log.error("Erreur dans une opération en arrière-plan", exc_info=outcome.error)
            raise outcome.error


_running: set[Running] = set()


def start_operation(
    work: Callable[[Job], T],
    *,
    db: Any = None,  # noqa: ANN401
    ctx: Any = None,  # noqa: ANN401
    changes: Iterable[str] = (),
    initiator: object = None,
    on_done: Callable[[Outcome[T]], None] | None = None,
) -> Running:
    """Start ``work(job)`` in the background without waiting; ``on_done`` runs in the GUI
    thread. A bug in the work is logged and reaches the exception dialog there."""
    if db is None and ctx is not None:
        db = ctx.db
    worker = _Worker(work, db)
    running = Running(worker, ctx, tuple(changes), initiator, on_done)  # type: ignore[arg-type]
    _running.add(running)
    worker.start()
    return running


def wait_for_background_work() -> None:
    """Let every background operation end (closing, replacing the database), including the
    ones their results start (a fill that asks for the next one)."""
    while _running:
        for running in list(_running):
            running.wait()
            _running.discard(running)


def operations_running() -> int:
    """How many background operations are still going (for code that must wait for quiet)."""
    return len(_running)
