"""What every tab shares: the open database and a signal saying what changed.

Tabs never talk to each other directly: after a change they call ``ctx.notify("kit")`` and any
tab showing kit data refreshes itself. When the whole database is replaced (restore, switch to
the demo), ``database_replaced`` tells the main window to rebuild the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.db import Database
from desktop_app.services.structure import StructureInfo, get_structure

AREAS = ("structure", "request", "profiles", "workshops", "kit")


class AppContext(QObject):
    changed = Signal(str)  # one of AREAS
    database_replaced = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def structure(self) -> StructureInfo:
        with self.db.session() as session:
            return get_structure(session)

    def notify(self, area: str) -> None:
        self.changed.emit(area)

    def replace_db(self, db: Database) -> None:
        old, self.db = self.db, db
        if old is not db:
            old.close()
        self.database_replaced.emit()
