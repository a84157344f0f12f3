"""Where a backup is asked to go: a file given instead of a folder is said in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.db import open_database


def test_a_file_given_as_the_backup_folder_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.sqlite"
    open_database(base).close()
    not_a_folder = tmp_path / "sauvegardes.txt"
    not_a_folder.write_text("notes")
    assert main(["backup", "--db", str(base), "--to", str(not_a_folder)]) == 1
    err = capsys.readouterr().err
    assert "est un fichier, pas un dossier" in err
    assert "File exists" not in err
    assert not_a_folder.read_text() == "notes"
