""""Aide › Guides d'utilisation": the user guides of ``docs/`` rendered in the application.

The guides are the same Markdown files maintainers keep true in the repository (one per tab),
so what the help says is what the README links to; the frozen build bundles them under
``docs/`` beside ``resources/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QTextCursor, QTextDocument, QTextLength, QTextOption, QTextTable
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDES = (
    ("Demande de recrutement", "request.md"),
    ("Profils reçus", "profiles.md"),
    ("Ateliers", "workshops.md"),
    ("Kit d'inclusion", "kit.md"),
    ("Données personnelles (RGPD)", "personal_data.md"),
    ("Installer l'application", "installers.md"),
)


def guides_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "docs"
    return Path(__file__).resolve().parents[2] / "docs"


def available_guides() -> list[tuple[str, Path]]:
    folder = guides_dir()
    return [(title, folder / name) for title, name in GUIDES if (folder / name).is_file()]


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, start: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guides d'utilisation")
        self.guides = available_guides()
        self.list = QListWidget()
        self.list.setAccessibleName("Guides")
        self.list.setMaximumWidth(220)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Texte du guide")
        self.text.setOpenExternalLinks(False)
        # a path or a command longer than the line breaks where it must, not off screen
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for title, _path in self.guides:
            self.list.addItem(title)
        self.list.currentRowChanged.connect(self.show_guide)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(980, 640)
        if self.guides:
            self.list.setCurrentRow(min(start, len(self.guides) - 1))
        else:
            self.text.setPlainText(
                "Les guides d'utilisation n'ont pas été trouvés à côté de l'application "
                f"(dossier attendu : {guides_dir()}). Réinstallez l'application."
            )

    def show_guide(self, row: int) -> None:
        if 0 <= row < len(self.guides):
            path = self.guides[row][1]
            self.text.setMarkdown(path.read_text(encoding="utf-8"))
            _wrap_code_blocks(self.text.document())


def _wrap_code_blocks(document: QTextDocument) -> None:
    """Command lines of the guides wrap at the window's edge: a code block is laid out without
    line breaks, and its longest line pushed the whole guide sideways behind a scroll bar."""
    cursor = QTextCursor(document)
    for frame in document.rootFrame().childFrames():  # the guides' tables: the page's width
        if isinstance(frame, QTextTable):
            table_format = frame.format()
            table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            frame.setFormat(table_format)
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.nonBreakableLines():
            fmt.setNonBreakableLines(False)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
