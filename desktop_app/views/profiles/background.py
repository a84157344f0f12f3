"""Long work off the GUI thread (reading and writing big imports) with a progress dialog and
a cancel button. The work function receives ``progress(done, total) -> bool``; it returns
False once the user has cancelled, and the work is expected to stop (and roll back)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class BackgroundTask(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], bool]], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()
        self.cancelled = threading.Event()

    def report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[BackgroundTask] = set()


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[Callable[[int, int], bool]], object],
    on_done: Callable[[object], None],
    on_failed: Callable[[Exception], None],
) -> BackgroundTask:
    """Start ``work`` in the thread pool; ``on_done``/``on_failed`` run in the GUI thread."""
    task = BackgroundTask(work)
    dialog = QProgressDialog(label, "Annuler", 0, 0, parent)
    dialog.setWindowTitle("Veuillez patienter")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(task.cancelled.set)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish(callback: Callable, value: object) -> None:
        _running.discard(task)
        dialog.canceled.disconnect()  # closing a QProgressDialog emits "canceled"
        dialog.close()
        dialog.deleteLater()
        callback(value)

    task.signals.progress.connect(progress)
    task.signals.done.connect(lambda value: finish(on_done, value))
    task.signals.failed.connect(lambda exc: finish(on_failed, exc))
    task.dialog = dialog  # type: ignore[attr-defined]
    _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task
