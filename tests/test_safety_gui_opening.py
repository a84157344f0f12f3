"""The application's opening dialog offers only real remedies: read-only when another process
writes, restore only from a sound backup, never a silent new empty base."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app import app as app_module
from desktop_app.backups import make_backup
from desktop_app.db import open_database
from desktop_app.paths import backups_dir_for
from desktop_app.services.structure import StructureInfo, get_structure, save_structure

NAME = "Médiathèque du Cheylard"
ROOT = Path(__file__).resolve().parent.parent


class Answers:
    """Stands in for the message box: records what was offered, answers ``choice``."""

    def __init__(self, choice: str) -> None:
        self.choice = choice
        self.asked: list[tuple[str, list[str]]] = []
        self.informative: list[str] = []

    def __call__(self, title: str, text: str, informative: str, choices) -> str:  # noqa: ANN001
        keys = [key for key, _label in choices]
        self.asked.append((text, keys))
        self.informative.append(informative)
        return self.choice if self.choice in keys else app_module.QUIT


def _base_with_backup(path: Path) -> None:
    db = open_database(path)
    with db.session() as session:
        save_structure(session, StructureInfo(name=NAME))
    make_backup(path)
    db.close()


def _name(db) -> str:  # noqa: ANN001
    with db.session() as session:
        return get_structure(session).name


def test_damage_offers_the_restore_of_a_sound_backup(
    app, db_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    _base_with_backup(db_path)
    damaged = b"SQLite format 3\x00" + b"\xee" * 3000
    db_path.write_bytes(damaged)
    answers = Answers(app_module.RESTORE)
    monkeypatch.setattr(app_module, "ask_user", answers)
    db = app_module.open_for_gui(db_path)
    assert db is not None
    try:
        assert _name(db) == NAME
    finally:
        db.close()
    assert answers.asked[0][1] == [app_module.RESTORE, app_module.QUIT]
    [aside] = db_path.parent.glob("*endommagee*")
    assert aside.read_bytes() == damaged


def test_no_restore_is_offered_from_an_empty_backup(
    app, db_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xee" * 3000)
    folder = backups_dir_for(db_path)
    folder.mkdir()
    (folder / f"{db_path.stem}-20260101-120000.sqlite").write_bytes(b"")
    answers = Answers(app_module.RESTORE)
    monkeypatch.setattr(app_module, "ask_user", answers)
    assert app_module.open_for_gui(db_path) is None
    assert answers.asked[0][1] == [app_module.QUIT]
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00\xee")
    # the message says to restore a backup: what to do when there is none is said too
    assert "Aucune sauvegarde utilisable" in answers.informative[0]
    assert str(folder) in answers.informative[0] and "base vide" in answers.informative[0]


def test_a_missing_base_with_backups_is_restored_not_recreated_empty(
    app, db_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    _base_with_backup(db_path)
    db_path.unlink()
    answers = Answers(app_module.QUIT)
    monkeypatch.setattr(app_module, "ask_user", answers)
    assert app_module.open_for_gui(db_path) is None
    assert not db_path.exists()
    assert "sauvegarde" in answers.asked[0][0]
    answers.choice = app_module.RESTORE
    db = app_module.open_for_gui(db_path)
    assert db is not None
    try:
        assert _name(db) == NAME
    finally:
        db.close()


def test_a_second_instance_may_open_read_only(
    app, db_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    _base_with_backup(db_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from desktop_app.db import open_database
                db = open_database(sys.argv[1], access="write")
                print("PRET", flush=True)
                sys.stdin.readline()
                """
            ),
            str(db_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "PRET"
        answers = Answers(app_module.READ_ONLY)
        monkeypatch.setattr(app_module, "ask_user", answers)
        db = app_module.open_for_gui(db_path)
        assert db is not None and db.read_only
        try:
            assert _name(db) == NAME
        finally:
            db.close()
        text, keys = answers.asked[0]
        assert "déjà ouverte sur ce poste" in text
        assert keys == [app_module.READ_ONLY, app_module.QUIT]
    finally:
        holder.kill()
        holder.wait(timeout=30)
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()


def test_a_full_disk_offers_nothing_to_restore(
    app, db_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    _base_with_backup(db_path)
    from desktop_app import db as dbmod

    monkeypatch.setattr(dbmod, "_free_bytes", lambda _folder: 0)
    import sqlite3

    real_connect = dbmod._readonly_connect

    def full(path: Path) -> sqlite3.Connection:
        if path == db_path:
            raise sqlite3.OperationalError("disk I/O error")
        return real_connect(path)

    monkeypatch.setattr(dbmod, "_readonly_connect", full)
    answers = Answers(app_module.RESTORE)
    monkeypatch.setattr(app_module, "ask_user", answers)
    assert app_module.open_for_gui(db_path) is None
    text, keys = answers.asked[0]
    assert "plein" in text and "est endommagée" not in text
    assert keys == [app_module.QUIT]
    assert not list(db_path.parent.glob("*endommagee*"))
