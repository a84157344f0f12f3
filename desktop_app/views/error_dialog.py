"""One exception dialog for the whole application, installed as ``sys.excepthook``.

Errors a user can act on (disk full, read-only folder, locked database) get their own plain
message; anything else is a bug: a French message, the traceback written to the log file in the
data folder, and a button to copy the details for whoever helps.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.errors import describe_user_error
from desktop_app.paths import (
    PrivateLogFormatter,
    error_summary,
    logs_dir,
    make_private,
    purge_old_logs,
)

log = logging.getLogger("cnum_biblio")


def setup_logging() -> None:
    """The log file, owner-only, through the formatter that removes personal data; logs not
    written for three months are deleted first."""
    folder = logs_dir()
    purge_old_logs(folder)
    path = folder / "cnum-biblio.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    make_private(path)
    handler.setFormatter(PrivateLogFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def show_error(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> QMessageBox:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    plain = describe_user_error(exc)
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning if plain else QMessageBox.Icon.Critical)
    box.setWindowTitle("CNum Biblio — un problème est survenu")
    if plain:
        log.warning("Erreur signalée à l'utilisateur : %s", error_summary(exc))
        box.setText(plain)
    else:
        log.error("Erreur inattendue (version %s)\n%s", __version__, details)
        box.setText(
            "Une erreur inattendue est survenue. L'action en cours n'a pas abouti, mais vos "
            "données déjà enregistrées sont intactes."
        )
        box.setInformativeText(
            "Le détail a été noté dans le journal du dossier des données. Vous pouvez le copier "
            "pour le transmettre à la personne qui vous aide."
        )
        box.setDetailedText(details)
        copy = box.addButton("Copier les détails", QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Close)
    return box


def excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    from desktop_app.views import splash

    splash.dismiss()
    show_error(exc_type, exc, tb).exec()


def install() -> None:
    sys.excepthook = excepthook
