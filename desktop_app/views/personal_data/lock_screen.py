"""The lock itself: the password asked at start-up, and the screen hidden after an idle time.

``IdleLock`` watches the application's keyboard and mouse events; when nothing happened for
the chosen minutes it hides the main window's content behind ``UnlockDialog``. A wrong password
is said and nothing else happens; there is no limit that could lock the account's owner out
(the recovery is ``cnum-biblio verrou retirer``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.personal_data import lock
from desktop_app.views.common.input_safety import install_input_safety

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}


class UnlockDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 quit_text: str = "&Quitter") -> None:
        super().__init__(parent)
        install_input_safety()
        self.ctx = ctx
        self.setWindowTitle("CNum Biblio est verrouillé")
        self.setObjectName("unlockDialog")
        self.setModal(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel("&Mot de passe :")
        label.setBuddy(self.password)
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        recovery = QLabel(lock.RECOVERY_TEXT)
        recovery.setWordWrap(True)
        recovery.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox()
        ok = buttons.addButton("&Déverrouiller", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(recovery)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        with self.ctx.db.session() as session:
            right = lock.check_password(session, self.password.text())
        if not right:
            self.message.setText("Mot de passe incorrect. Réessayez.")
            self.password.selectAll()
            self.password.setFocus()
            return
        super().accept()


class IdleLock(QObject):
    """Locks ``window`` after the idle time stored with the data (read again at each lock,
    so a change in « Verrouillage… » applies at once)."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        QApplication.instance().installEventFilter(self)
        self.restart()

    def restart(self) -> None:
        with self.ctx.db.session() as session:
            minutes = lock.idle_minutes(session) if lock.is_enabled(session) else 0
        if minutes:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.locked and event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def lock_now(self) -> None:
        with self.ctx.db.session() as session:
            if not lock.is_enabled(session):
                return
        self.locked = True
        central = getattr(self.window, "centralWidget", lambda: None)()
        if central is not None:
            central.setVisible(False)
        dialog = UnlockDialog(self.ctx, self.window, quit_text="&Quitter CNum Biblio")
        try:
            if dialog.exec():
                if central is not None:
                    central.setVisible(True)
            else:
                self.window.close()
        finally:
            self.locked = False
            self.restart()


def ask_password_at_start(ctx: AppContext) -> bool:
    """True when the application may open (no lock, or the right password)."""
    with ctx.db.session() as session:
        if not lock.is_enabled(session):
            return True
    from desktop_app.views import splash

    splash.dismiss()
    return bool(UnlockDialog(ctx).exec())
