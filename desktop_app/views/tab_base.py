"""Base class of the four tabs: each gets the shared context and refreshes when data it shows
changes (``AREAS_SHOWN``), unless the change is its own (``initiator``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.views.context import AppContext


class TabBase(QWidget):
    TITLE = ""
    AREAS_SHOWN: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        ctx.changed_by.connect(self._on_changed)

    def _on_changed(self, area: str, initiator: object = None) -> None:
        if area not in self.AREAS_SHOWN:
            return
        if initiator is not None and (initiator is self or self._owns(initiator)):
            return
        self.refresh()

    def _owns(self, initiator: object) -> bool:
        return isinstance(initiator, QWidget) and self.isAncestorOf(initiator)

    def save_pending(self) -> None:
        """Write what was typed and is not saved yet (a form that saves by itself after a
        pause): called when the session ends without the window being closed. Tabs whose
        changes go through dialogs have nothing pending."""

    def refresh(self) -> None:
        """Reload what the tab shows from the database."""
