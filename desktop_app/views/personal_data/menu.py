"""The main window's personal-data actions, in « Édition »: « Données d'une personne… » and
the « RGPD » submenu. Each action loads its dialog (and ReportLab) only when chosen, so the
start-up stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def install_menu(window: QMainWindow, menu: QMenu) -> QAction:
    """Add the actions to ``menu``; returns « Données d'une personne… »."""

    def ctx():  # noqa: ANN202 - the window's AppContext, read when the action runs
        return window.ctx  # type: ignore[attr-defined]

    def action(text: str, slot, target: QMenu) -> QAction:  # noqa: ANN001
        item = QAction(text, window)
        item.triggered.connect(lambda _checked=False: slot())
        target.addAction(item)
        return item

    person = action("&Données d'une personne…", lambda: _open_person(window, ctx()), menu)
    person.setObjectName("personDataAction")
    sub = menu.addMenu("&RGPD")
    sub.setObjectName("privacyMenu")
    action("&Durées de conservation…", lambda: _retention(window, ctx()), sub)
    action("Données à &anonymiser…", lambda: _review(window, ctx()), sub)
    action("&Verrouillage de l'application…", lambda: _lock(window, ctx()), sub)
    sub.addSeparator()
    action("&Notice d'information des participants…",
           lambda: _document(window, ctx(), "participants"), sub)
    action("Notice d'information des &candidats…",
           lambda: _document(window, ctx(), "candidats"), sub)
    action("Fiche du &registre des traitements…", lambda: _document(window, ctx(), "registre"),
           sub)
    return person


def _open_person(window, ctx) -> None:  # noqa: ANN001
    from desktop_app.views.personal_data.person_dialog import open_person_data

    open_person_data(window, ctx)


def _retention(window, ctx) -> None:  # noqa: ANN001
    from desktop_app.views.personal_data.settings_dialogs import RetentionDialog

    RetentionDialog(ctx, window).exec()


def _review(window, ctx) -> None:  # noqa: ANN001
    from desktop_app.views.personal_data.retention_review import review_retention

    review_retention(window, ctx, quiet=False)


def _lock(window, ctx) -> None:  # noqa: ANN001
    from desktop_app.views.personal_data.settings_dialogs import LockDialog

    LockDialog(ctx, window).exec()
    idle = getattr(window, "idle_lock", None)
    if idle is not None:
        idle.restart()


def _document(window, ctx, which: str) -> None:  # noqa: ANN001
    from desktop_app.services.personal_data import printing
    from desktop_app.views.common import files

    db = ctx.db
    if which == "registre":
        files.preview_pdf(window, lambda tmp: printing.write_register(db, tmp),
                          "registre-des-traitements.pdf")
    else:
        files.preview_pdf(window, lambda tmp: printing.write_notice(db, which, tmp),
                          f"notice-information-{which}.pdf")
