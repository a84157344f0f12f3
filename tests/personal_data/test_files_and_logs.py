"""Owner-only files after creation and after tightening; a failing save's log holds no name,
e-mail or phone; old logs are purged; the lock's wrong and right password."""

from __future__ import annotations

import logging
import os
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop_app import paths
from desktop_app.backups import make_backup
from desktop_app.db import open_database
from desktop_app.models.workshops import Participant
from desktop_app.services.personal_data import lock


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_created_files_are_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = os.umask(0o022)  # a usual desktop umask: files 644, folders 755
    try:
        home = tmp_path / "home"
        monkeypatch.setenv("CNUM_BIBLIO_HOME", str(home))
        assert _mode(paths.data_dir()) == 0o700
        assert _mode(paths.logs_dir()) == 0o700 and _mode(paths.files_dir()) == 0o700
        db_path = home / "base.sqlite"
        db = open_database(db_path)
        backup = make_backup(db_path)
        db.close()
        assert _mode(db_path) == 0o600
        assert _mode(backup) == 0o600 and _mode(backup.parent) == 0o700
    finally:
        os.umask(old)


def test_existing_files_are_tightened(tmp_path: Path) -> None:
    root = tmp_path / "donnees"
    (root / "fichiers" / "cv").mkdir(parents=True)
    cv = root / "fichiers" / "cv" / "cv-1.pdf"
    cv.write_bytes(b"%PDF")
    for path, mode in ((root, 0o755), (root / "fichiers", 0o755), (cv, 0o644)):
        path.chmod(mode)
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("x")
    outside.chmod(0o644)
    (root / "lien").symlink_to(outside)
    assert paths.tighten_tree(root) == 4  # root, fichiers, cv, cv-1.pdf
    assert _mode(root) == 0o700 and _mode(cv) == 0o600
    assert _mode(outside) == 0o644  # a link's target is not ours to change
    assert paths.tighten_tree(root) == 0

    db_path = tmp_path / "base.sqlite"
    open_database(db_path).close()
    db_path.chmod(0o644)
    open_database(db_path).close()
    assert _mode(db_path) == 0o600


def test_failing_save_logs_no_personal_data(db, app, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop_app.cli import error_line
    from desktop_app.views import error_dialog

    root = logging.getLogger()
    before = list(root.handlers)
    error_dialog.setup_logging()
    try:
        with pytest.raises(IntegrityError) as caught, db.session() as s:
            s.add(Participant(first_name=None, last_name="Kerbrat-Dufresnoy",
                              phone="06 71 82 93 04", email="gwen.kerbrat@exemple-rgpd.fr",
                              notes="RSA, sans domicile"))
            s.flush()
        exc = caught.value
        error_dialog.show_error(type(exc), exc, exc.__traceback__).deleteLater()
        logging.getLogger("cnum_biblio").warning("valeur tapée : %s", "gwen.kerbrat@exemple-rgpd.fr")
        error_line(exc)  # the command line's path logs it too
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
            root.removeHandler(handler)
    text = (paths.logs_dir() / "cnum-biblio.log").read_text(encoding="utf-8")
    assert "IntegrityError" in text and "participant" in text  # type, table, operation kept
    for needle in ("Kerbrat", "06 71 82 93 04", "gwen.kerbrat", "sans domicile"):
        assert needle not in text, needle
    if os.name == "posix":
        assert _mode(paths.logs_dir() / "cnum-biblio.log") == 0o600


def test_old_logs_are_purged(tmp_path: Path) -> None:
    old, recent = tmp_path / "cnum-biblio.log.3", tmp_path / "cnum-biblio.log"
    old.write_text("ancien")
    recent.write_text("récent")
    month = 86400 * 30
    os.utime(old, (time.time() - 4 * month, time.time() - 4 * month))
    assert paths.purge_old_logs(tmp_path) == 1
    assert not old.exists() and recent.exists()


def test_lock_wrong_and_right_password(db) -> None:  # noqa: ANN001
    with db.session() as s:
        assert not lock.is_enabled(s) and not lock.check_password(s, "")
        with pytest.raises(lock.LockError) as short:
            lock.set_password(s, "abc", "abc", 10)
        assert "password" in short.value.errors
        with pytest.raises(lock.LockError) as differ:
            lock.set_password(s, "mairie-2026", "mairie-2025", 10)
        assert "repeated" in differ.value.errors
        lock.set_password(s, "mairie-2026", "mairie-2026", 15)
    with db.session() as s:
        stored = s.execute(  # a salted hash, never the password itself
            text("SELECT value FROM app_setting WHERE key='lock.password'")
        ).scalar()
        assert stored.startswith("scrypt$") and "mairie-2026" not in stored
        assert lock.encode("mairie-2026") != lock.encode("mairie-2026")  # salted
        assert not lock.check_password(s, "mairie-2025")
        assert not lock.check_password(s, "")
        assert lock.check_password(s, "mairie-2026")
        assert lock.idle_minutes(s) == 15
        assert lock.remove(s)
    with db.session() as s:
        assert not lock.is_enabled(s)
    assert "verrou retirer" in lock.RECOVERY_TEXT
