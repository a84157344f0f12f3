"""The exception dialog and the plain messages for errors a user can act on."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import OperationalError

from desktop_app.errors import describe_user_error
from desktop_app.paths import logs_dir
from desktop_app.views import error_dialog


def test_plain_messages_for_disk_full_read_only_and_locked() -> None:
    assert "disque est plein" in describe_user_error(OSError(errno.ENOSPC, "No space left"))
    assert "lecture seule" in describe_user_error(PermissionError(errno.EACCES, "denied", "x.pdf"))
    locked = OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
    assert "occupée par un autre programme" in describe_user_error(locked)
    assert describe_user_error(ZeroDivisionError()) is None


def test_unexpected_error_is_logged_and_offers_to_copy_details(app, qtbot) -> None:
    error_dialog.setup_logging()
    try:
        raise ZeroDivisionError("division par zéro dans le calcul")
    except ZeroDivisionError as exc:
        box = error_dialog.show_error(type(exc), exc, exc.__traceback__)
    qtbot.addWidget(box)
    assert "erreur inattendue" in box.text()
    copy = next(b for b in box.buttons() if b.text() == "Copier les détails")
    copy.click()
    assert "ZeroDivisionError" in app.clipboard().text()
    log = (logs_dir() / "cnum-biblio.log").read_text(encoding="utf-8")
    assert "division par zéro dans le calcul" in log


def test_disk_full_gets_its_own_message(app, qtbot) -> None:
    exc = OSError(errno.ENOSPC, "No space left on device")
    box = error_dialog.show_error(OSError, exc, None)
    qtbot.addWidget(box)
    assert "disque est plein" in box.text()
    assert not any(b.text() == "Copier les détails" for b in box.buttons())
