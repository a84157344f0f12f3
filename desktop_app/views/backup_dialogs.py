""""Restaurer une sauvegarde…" and the report of "Vérifier la base"."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.backups import BackupInfo, list_backups_for
from desktop_app.db import is_open_elsewhere


def backup_moment(locale: QLocale, backup: BackupInfo, *, seconds: bool = False) -> str:
    """« jeudi 3 décembre 2026 à 06:00 », with the seconds when ``seconds``."""
    return locale.toString(backup.taken_at,
                           "dddd d MMMM yyyy 'à' HH:mm" + (":ss" if seconds else ""))


def backup_size(locale: QLocale, backup: BackupInfo) -> str:
    """« 320,0 ko »: in the units a French office PC shows (ko, Mo; not the Kio, Mio of the
    IEC), and what kind of copy it is when it was not a regular backup."""
    size = locale.formattedDataSize(
        backup.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )
    kind = "" if backup.automatic else "  (copie avant migration ou restauration)"
    return f"{size}{kind}"


def describe_backup(locale: QLocale, backup: BackupInfo, *, seconds: bool = False) -> str:
    """« jeudi 3 décembre 2026 à 06:00 — 320,0 ko »: one line of the restore list."""
    return f"{backup_moment(locale, backup, seconds=seconds)} — {backup_size(locale, backup)}"


def describe_backups(locale: QLocale, backups: list[BackupInfo]) -> list[str]:
    """One line per backup; two taken in the same minute (« Sauvegarder maintenant » then
    a check, the backup at closing) show their seconds, or they would read the same."""
    minutes = Counter(b.taken_at.replace(second=0, microsecond=0) for b in backups)
    return [
        describe_backup(locale, b,
                        seconds=minutes[b.taken_at.replace(second=0, microsecond=0)] > 1)
        for b in backups
    ]


class RestoreDialog(QDialog):
    """Lists backups with date and size; returns the chosen one."""

    def __init__(self, db_path, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Restaurer une sauvegarde")
        self.backups = list_backups_for(db_path)  # this base's only, never another's
        # a window open read-only cannot replace the base another one writes to: say so here,
        # before a choice that could only fail
        self.holder = is_open_elsewhere(db_path)
        if self.holder is not None:
            intro = QLabel(
                f"La base est ouverte pour être modifiée {self.holder.describe()} (une autre "
                "fenêtre de CNum Biblio, ou la ligne de commande) : elle ne peut pas être "
                "restaurée depuis cette fenêtre. Fermez l'autre fenêtre, puis restaurez depuis "
                "celle-ci."
            )
        else:
            intro = QLabel(
                "Choisissez la sauvegarde à restaurer. L'état actuel de la base sera d'abord "
                "sauvegardé, vous pourrez donc revenir en arrière."
            )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Sauvegardes disponibles")
        for backup, text in zip(self.backups, describe_backups(QLocale(), self.backups),
                                strict=True):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if not self.backups:
            self.list.addItem("Aucune sauvegarde pour l'instant.")
            self.list.setEnabled(False)
        else:
            self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restaurer")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.backups) and self.holder is None
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

    def chosen(self) -> BackupInfo | None:
        if self.holder is not None:
            return None
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None


class TextReportDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 420)
