"""What the kit's pages need from the tab that holds them, as a protocol: the pages import this,
never ``views.kit_tab`` (which imports the pages), so there is no import cycle."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.services.kit.catalog import CategoryInfo


class KitHost(Protocol):
    ctx: Any  # the AppContext
    categories: list[CategoryInfo]
    loaded: bool  # the first reading of the inventory is shown
    loans: Any  # the "Prêts" page: the inventory's "Prêter…" opens a loan there
    inventory: Any  # the "Inventaire" page: « Disponibilités » starts from the rows it shows
    message: Any  # the tab's message line (a QLabel), under the pages

    def refresh(self) -> None:
        """Reload the inventory and the summary (after a page's own save)."""

    def set_message(self, text: str, ok: bool = True) -> None:
        """The tab's message line, under the pages."""

    def run_dialog(self, dialog: QDialog) -> object:
        """Run a dialog; its saved value, None when it was cancelled."""

    def show_page(self, page: QWidget) -> None: ...
