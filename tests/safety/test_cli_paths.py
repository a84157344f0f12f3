"""Paths the command line is given: a folder where a base is expected is called a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main


def test_a_folder_given_as_the_base_is_called_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Mairie" / "base.sqlite"
    folder.mkdir(parents=True)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--db", str(folder)])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "est un dossier, pas un fichier" in err
    assert "n'existe pas" not in err
