"""What personal data asks of the start-up: files tightened, the password, the retention
review once the window shows. The application calls ``before_show`` and ``after_show``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop_app.paths import data_dir, tighten_tree
from desktop_app.services.personal_data.erase import vacuum_if_pending
from desktop_app.views.personal_data.lock_screen import IdleLock, ask_password_at_start
from desktop_app.views.personal_data.retention_review import review_at_start

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext


def before_show(ctx: AppContext) -> bool:
    """Tighten the data folder (files an older version left readable), then ask the lock's
    password; False when the user quits instead."""
    tighten_tree(data_dir())
    if not ctx.db.read_only:
        vacuum_if_pending(ctx.db)  # an erasure whose clean-up could not finish
    return ask_password_at_start(ctx)


def after_show(window: QWidget, ctx: AppContext) -> None:
    window.idle_lock = IdleLock(ctx, window)  # type: ignore[attr-defined]
    QTimer.singleShot(300, lambda: review_at_start(window, ctx))
