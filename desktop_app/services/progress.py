"""Progress reporting and cancellation for long work, shared by every service.

A long service function takes ``progress: Progress | None``; it calls ``report(progress, done,
total)`` between two steps. The callable returns False once the person pressed "Annuler";
``report`` then raises ``Cancelled`` so the work stops where it is and its unit of work rolls
back (and files being written are removed by their atomic writer). The GUI's operation runner
supplies the callable; the command line passes None.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]


class Cancelled(Exception):  # noqa: N818 - reads better at the call site: ``except Cancelled``
    """The person cancelled the work; nothing was kept."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far the work is; raise ``Cancelled`` if the person cancelled."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
