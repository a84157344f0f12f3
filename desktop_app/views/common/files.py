"""One way to choose files and to write documents from the GUI.

- ``ask_save_path`` / ``ask_open_path``: the folder last used is remembered per purpose
  ("pdf", "import-profils", "ics"…), a French file name is proposed, the extension is added when
  the person left it out. Windows gets its native dialog; elsewhere Qt's own dialog is used with
  every label set in French (Qt's translation does not cover all of them: "Look in:").
- ``write_file``: a writer (a ``documents`` or ``services`` function taking a path) runs through
  the operation runner — off the GUI thread, with progress past 300 ms — into a temporary file
  beside the target that becomes the target only when complete (``services.atomic_files``): a full
  disk or a cancel leaves nothing half-written.
- ``preview_pdf`` / ``save_pdf``: the two document buttons, "Aperçu" and "Enregistrer le PDF…".
  When no PDF viewer opens, the person is told where the file is and can open its folder.

Tests replace ``ask_save_path``/``ask_open_path`` (module attributes) to drive the dialogs, and
``open_url`` to see what would be opened.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.services.atomic_files import atomic_path
from desktop_app.views.common.operations import Job, Outcome, run_operation

Writer = Callable[[Path], object]

_FRENCH_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Regarder dans :",
    QFileDialog.DialogLabel.FileName: "Nom du fichier :",
    QFileDialog.DialogLabel.FileType: "Type de fichier :",
    QFileDialog.DialogLabel.Accept: "&Enregistrer",
    QFileDialog.DialogLabel.Reject: "Annuler",
}


def _folder_key(purpose: str) -> str:
    return f"folders/{purpose}"


def remembered_folder(purpose: str) -> Path:
    folder = Path(str(QSettings().value(_folder_key(purpose), str(Path.home()))))
    return folder if folder.is_dir() else Path.home()


def remember_folder(purpose: str, folder: Path) -> None:
    QSettings().setValue(_folder_key(purpose), str(folder))


def _dialog(parent: QWidget | None, caption: str, start: str, filter_text: str,
            saving: bool) -> QFileDialog:
    dialog = QFileDialog(parent, caption, start, filter_text)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setFileMode(
        QFileDialog.FileMode.AnyFile if saving else QFileDialog.FileMode.ExistingFile
    )
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        for label, text in _FRENCH_LABELS.items():
            if label == QFileDialog.DialogLabel.Accept and not saving:
                text = "&Ouvrir"
            dialog.setLabelText(label, text)
    return dialog


def ask_save_path(parent: QWidget | None, purpose: str, caption: str, file_name: str,
                  filter_text: str) -> Path | None:
    """ "Enregistrer sous" in the folder last used for ``purpose``; None when the person gave
    up. The extension of ``file_name`` is added when left out."""
    dialog = _dialog(parent, caption, str(remembered_folder(purpose) / file_name),
                     filter_text, saving=True)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    wanted = Path(file_name).suffix
    if wanted and path.suffix.lower() != wanted.lower():
        path = path.with_name(path.name + wanted)
    remember_folder(purpose, path.parent)
    return path


def ask_open_path(parent: QWidget | None, purpose: str, caption: str,
                  filter_text: str) -> Path | None:
    """ "Ouvrir" in the folder last used for ``purpose``; None when the person gave up."""
    dialog = _dialog(parent, caption, str(remembered_folder(purpose)), filter_text,
                     saving=False)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    remember_folder(purpose, path.parent)
    return path


def open_url(url: QUrl) -> bool:
    """Open with the system's program; replaced in tests."""
    return QDesktopServices.openUrl(url)


def write_file(parent: QWidget | None, writer: Writer, target: Path, *,
               label: str = "Préparation du document…",
               error_title: str = "Document non produit",
               with_progress: Callable[[Job, Path], object] | None = None) -> Outcome[object]:
    """Write ``target`` through ``writer(tmp_path)`` off the GUI thread, atomically.

    ``with_progress(job, tmp_path)`` replaces ``writer`` for writers that report progress and can
    be cancelled (batches of certificates, label sheets)."""

    def work(job: Job) -> object:
        with atomic_path(target) as tmp:
            return with_progress(job, tmp) if with_progress else writer(tmp)

    return run_operation(parent, work, label=label, error_title=error_title)


def show_file_location(parent: QWidget | None, path: Path, reason: str) -> None:
    """Say where ``path`` is (when it could not be opened) and offer to open its folder."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Document enregistré",
        f"{reason}\n\nLe document a été enregistré ici :\n{path}",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    folder_button = box.addButton("Ouvrir le &dossier", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Fermer", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is folder_button:
        open_url(QUrl.fromLocalFile(str(path.parent)))


def open_document(parent: QWidget | None, path: Path) -> bool:
    """Open ``path`` with the system's viewer; when none opens, say where it is."""
    if open_url(QUrl.fromLocalFile(str(path))):
        return True
    show_file_location(
        parent, path,
        "Aucun programme n'a pu ouvrir ce document (pas de lecteur de PDF installé ?).",
    )
    return False


def preview_pdf(parent: QWidget | None, build: Writer, file_name: str, *,
                label: str = "Préparation du document…",
                with_progress: Callable[[Job, Path], object] | None = None) -> Path | None:
    """Write the PDF to a temporary folder and open it with the system's viewer."""
    target = Path(tempfile.mkdtemp(prefix="cnum-apercu-")) / file_name
    if not write_file(parent, build, target, label=label, with_progress=with_progress).ok:
        return None
    open_document(parent, target)
    return target


def save_pdf(parent: QWidget | None, build: Writer, file_name: str, *,
             label: str = "Préparation du document…",
             with_progress: Callable[[Job, Path], object] | None = None) -> Path | None:
    """Ask where to save, then write the PDF there; None when nothing was written."""
    target = ask_save_path(parent, "pdf", "Enregistrer le PDF", file_name,
                           "Documents PDF (*.pdf)")
    if target is None:
        return None
    if not write_file(parent, build, target, label=label, with_progress=with_progress).ok:
        return None
    return target
