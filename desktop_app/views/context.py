"""What every tab shares: the open database, one clock, and signals saying what changed.

Tabs never talk to each other directly: after a change they call ``ctx.notify("kit", initiator=
self)`` and any other tab showing kit data refreshes itself (the initiator already shows its own
change). When the whole database is replaced (restore, switch to the demo), ``database_replaced``
tells the main window to rebuild the tabs.

The clock: every tab asks ``ctx.today()`` or ``ctx.now()``; tests pin it once with
``ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)`` instead of each tab having its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from desktop_app.db import Database
from desktop_app.services.structure import StructureInfo, get_structure

AREAS = ("structure", "request", "profiles", "workshops", "kit")


def _system_clock() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


class AppContext(QObject):
    changed = Signal(str)  # one of AREAS
    changed_by = Signal(str, object)  # the area and who changed it (a widget, or None)
    database_replaced = Signal()

    def __init__(self, db: Database, parent: QObject | None = None,
                 clock: Callable[[], datetime] = _system_clock) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.read_only = False

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def structure(self) -> StructureInfo:
        with self.db.session() as session:
            return get_structure(session)

    def notify(self, area: str, initiator: object = None) -> None:
        self.changed_by.emit(area, initiator)
        self.changed.emit(area)

    def replace_db(self, db: Database) -> None:
        old, self.db = self.db, db
        if old is not db:
            old.close()
        self.database_replaced.emit()
