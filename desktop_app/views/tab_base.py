"""Base class of the four tabs: each gets the shared context and refreshes when data it shows
changes (``AREAS_SHOWN``)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.views.context import AppContext


class TabBase(QWidget):
    TITLE = ""
    AREAS_SHOWN: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, area: str) -> None:
        if area in self.AREAS_SHOWN:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the tab shows from the database."""


class PlaceholderTab(TabBase):
    """What a tab will hold, until its issue fills it."""

    SUMMARY = ""
    ITEMS: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        items = "".join(f"<li>{item}</li>" for item in self.ITEMS)
        label = QLabel(f"<h2>{self.TITLE}</h2><p>{self.SUMMARY}</p><ul>{items}</ul>")
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addStretch()
