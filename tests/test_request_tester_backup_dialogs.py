"""« Restaurer une sauvegarde… » as a secretary reads it: two backups taken in the same minute
(« Sauvegarder maintenant », then « Vérifier la base ») looked the same."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale

from desktop_app.backup_files import BackupInfo
from desktop_app.views.backup_dialogs import describe_backups


def _backup(at: datetime, size: int = 327_680, *, automatic: bool = True) -> BackupInfo:
    return BackupInfo(Path(f"/tmp/b-{at:%H%M%S}.sqlite"), at, size, automatic)


def test_backups_of_the_same_minute_are_told_apart() -> None:
    locale = QLocale(QLocale.Language.French, QLocale.Country.France)
    lines = describe_backups(locale, [
        _backup(datetime(2026, 12, 3, 6, 0, 41)), _backup(datetime(2026, 12, 3, 6, 0, 34)),
        _backup(datetime(2026, 12, 2, 17, 30, 5), 5_300_000),
    ])
    assert len(set(lines)) == 3, lines
    assert lines[0].startswith("jeudi 3 décembre 2026 à 06:00:41")
    assert lines[1].startswith("jeudi 3 décembre 2026 à 06:00:34")
    assert lines[2].startswith("mercredi 2 décembre 2026 à 17:30 —")  # alone in its minute
