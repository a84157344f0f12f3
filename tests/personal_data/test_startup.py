"""Start-up: the data folder tightened and the password asked before the window; the retention
review shown over the window without blocking it; the idle lock hiding the screen."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop_app import paths
from desktop_app.services.personal_data import lock
from desktop_app.views.personal_data import lock_screen, startup
from desktop_app.views.personal_data.retention_review import RetentionReviewDialog
from tests.personal_data.helpers import build


def test_before_show_tightens_and_asks_the_password(ctx, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    stray = paths.data_dir() / "ancien.log"
    stray.write_text("x")
    stray.chmod(0o644)
    asked: list[str] = []
    monkeypatch.setattr(lock_screen.UnlockDialog, "exec", lambda self: asked.append("x") or 0)
    assert startup.before_show(ctx)  # no lock: nothing asked
    assert asked == [] and stat.S_IMODE(os.stat(stray).st_mode) == 0o600
    with ctx.db.session() as s:
        lock.set_password(s, "mairie-2026", "mairie-2026", 10)
    assert not startup.before_show(ctx)  # « Quitter » in the password box
    assert asked == ["x"]


def test_after_show_reviews_without_blocking(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    build(ctx.db, tmp_path)
    ctx.clock = lambda: datetime(2027, 4, 9, 9, 0)
    window = QMainWindow()
    window.ctx = ctx
    qtbot.addWidget(window)
    window.show()
    startup.after_show(window, ctx)
    qtbot.waitUntil(lambda: window.findChild(RetentionReviewDialog) is not None, timeout=3000)
    review = window.findChild(RetentionReviewDialog)
    assert review.isVisible() and review.list.count() == 7  # 3 headers, 4 lines
    review.reject()
    assert not window.idle_lock.timer.isActive()  # no password: no idle lock


def test_idle_lock_hides_the_screen_until_the_password(ctx, qtbot,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with ctx.db.session() as s:
        lock.set_password(s, "mairie-2026", "mairie-2026", 3)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Données"))
    qtbot.addWidget(window)
    window.show()
    idle = lock_screen.IdleLock(ctx, window)
    assert idle.timer.isActive() and idle.timer.interval() == 3 * 60_000
    seen: list[bool] = []

    def unlock(dialog: lock_screen.UnlockDialog) -> int:
        seen.append(window.centralWidget().isVisible())
        dialog.password.setText("mairie-2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(lock_screen.UnlockDialog, "exec", unlock)
    idle.lock_now()
    assert seen == [False]  # hidden while the password is asked
    assert window.centralWidget().isVisible() and idle.timer.isActive()
