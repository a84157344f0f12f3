"""Long work off the GUI thread, with a progress bar and a cancel button.

Used for label sheets of the whole kit (thousands of labels take seconds). The work function
runs in a ``QThread`` and receives ``progress(done, total) -> bool``: it returns False once the
person pressed "Annuler", and the work stops. The database is read before, in the GUI thread;
the worker only computes and writes its file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[[Callable[[int, int], bool]], Any]


class Cancelled(Exception):
    """The person pressed "Annuler"."""


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Work, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            self.result = self.work(self._progress)
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.error = exc


def run_with_progress(
    parent: QWidget | None,
    text: str,
    work: Work,
    *,
    on_start: Callable[[QProgressDialog], None] | None = None,
) -> Any:  # noqa: ANN401
    """Run ``work`` in a thread while a progress dialog shows; return its result, or raise its
    exception (``Cancelled`` when the person cancelled)."""
    dialog = QProgressDialog(text, "Annuler", 0, 0, parent)
    dialog.setWindowTitle("Veuillez patienter")
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = _Worker(work)
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"{text} ({done} / {total})")

    def cancel() -> None:
        worker.cancelled = True

    worker.progressed.connect(progressed)
    dialog.canceled.connect(cancel)
    worker.finished.connect(loop.quit)
    if on_start is not None:  # the dialog exists, the work has not started (tests use it)
        on_start(dialog)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.canceled.disconnect(cancel)  # closing a QProgressDialog emits "canceled"
    dialog.close()
    dialog.deleteLater()
    if worker.cancelled:
        raise Cancelled()
    if worker.error is not None:
        raise worker.error
    return worker.result
