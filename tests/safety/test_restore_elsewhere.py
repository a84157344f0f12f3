"""Restoring while another process writes to the base: a window open read-only (or the command
line) cannot replace it. The dialog says so before anything is chosen, and a restore asked
anyway fails with a message about restoring, the base untouched."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.backups import BackupError, make_backup, restore_into
from desktop_app.db import open_database
from tests.safety.holder import writer_process


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.sqlite"
    open_database(path).close()
    make_backup(path)
    return path


@pytest.fixture
def holder(base: Path) -> Iterator[subprocess.Popen[str]]:
    with writer_process(base) as proc:
        yield proc


def test_the_restore_dialog_of_a_read_only_window_says_why_it_cannot(
    qtbot, base: Path, holder: subprocess.Popen[str]  # noqa: ANN001
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from desktop_app.views.backup_dialogs import RestoreDialog

    dialog = RestoreDialog(base)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "ne peut pas être restaurée depuis cette fenêtre" in texts
    assert "sur ce poste" in texts
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.list.setCurrentRow(0)
    assert dialog.chosen() is None


def test_the_restore_dialog_of_the_writing_window_offers_its_backups(
    qtbot, base: Path  # noqa: ANN001
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.views.backup_dialogs import RestoreDialog

    db = open_database(base, access="write")
    try:
        dialog = RestoreDialog(base)
        qtbot.addWidget(dialog)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        assert dialog.chosen() is not None
    finally:
        db.close()


def test_a_restore_while_another_process_writes_says_so_and_changes_nothing(
    base: Path, holder: subprocess.Popen[str]
) -> None:
    backup = next((base.parent / "backups").glob("base-*.sqlite"))
    before = base.read_bytes()
    with pytest.raises(BackupError) as info:
        restore_into(backup, base)
    message = str(info.value)
    assert "Rien n'a été restauré" in message and "lecture seule" not in message
    assert base.read_bytes() == before
