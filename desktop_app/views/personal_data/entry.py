"""The way into « Données d'une personne » from a tab: a context-menu action (right click, or
the menu key) on the tab's table, opening the dialog on the selected record's person. A context
action adds no button to the tab's layout and no Alt letter that could clash with its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView

from desktop_app.views.common.tables import selected_id

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext

ACTION_TEXT = "Données personnelles de cette personne (RGPD)…"


def add_person_data_action(table: QAbstractItemView, ctx: AppContext, kind: str,
                           applies: Callable[[int], bool] | None = None,
                           record_of: Callable[[int], int | None] | None = None) -> QAction:
    """``kind``: « C » (profiles), « P » (participants) or « E » (loans); the selected row's
    id names the record, or ``record_of(row id)`` does (a registration names its participant).
    ``applies(id)`` may refuse a row (a loan to a workshop names no one)."""
    action = QAction(ACTION_TEXT, table)
    action.setObjectName(f"personData{kind}")
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(action)

    def run() -> None:
        row_id = selected_id(table)
        if row_id is None or (applies is not None and not applies(row_id)):
            return
        if record_of is not None:
            row_id = record_of(row_id)
            if row_id is None:
                return
        from desktop_app.views.personal_data.person_dialog import open_person_data

        open_person_data(table.window(), ctx, f"{kind}{row_id}")

    action.triggered.connect(lambda _checked=False: run())
    return action
