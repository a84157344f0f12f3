""""Aperçu" and "Enregistrer le PDF…" for any document: the same two buttons everywhere.

``build`` is a callable writing the PDF to the path it is given (a function of
``desktop_app.documents``); errors the user can act on get a plain message.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.errors import describe_user_error
from desktop_app.views.widgets import warn

PdfBuilder = Callable[[Path], None]


def _build(parent: QWidget | None, build: PdfBuilder, target: Path) -> bool:
    try:
        build(target)
    except Exception as exc:
        message = describe_user_error(exc)
        if message is None and isinstance(exc, ValueError):
            message = str(exc)
        if message is None:
            raise
        warn(parent, "Document non produit", message)
        return False
    return True


def preview_pdf(parent: QWidget | None, build: PdfBuilder, file_name: str) -> Path | None:
    """Write the PDF to a temporary file and open it with the system's viewer."""
    folder = Path(tempfile.mkdtemp(prefix="cnum-apercu-"))
    target = folder / file_name
    if not _build(parent, build, target):
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


def save_pdf(parent: QWidget | None, build: PdfBuilder, file_name: str) -> Path | None:
    settings = QSettings()
    folder = settings.value("last_pdf_folder", str(Path.home()))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Enregistrer le PDF", str(Path(folder) / file_name), "Documents PDF (*.pdf)"
    )
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    if not _build(parent, build, target):
        return None
    settings.setValue("last_pdf_folder", str(target.parent))
    return target
