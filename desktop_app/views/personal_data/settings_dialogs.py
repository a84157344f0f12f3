"""« Durées de conservation… » and « Verrouillage… »: the settings of personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from desktop_app.services.personal_data import lock
from desktop_app.services.personal_data.settings import (
    MAX_MONTHS,
    Retention,
    get_retention,
    save_retention,
)
from desktop_app.views.common.forms import FormDialog, ask, info

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext


def _months(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, MAX_MONTHS)
    box.setSuffix(" mois")
    box.setValue(value)
    return box


class RetentionDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Durées de conservation", parent, ctx=ctx, min_width=560)
        with ctx.db.session() as session:
            current = get_retention(session)
        self.candidates = self.row("candidates_months", "&Candidats non recrutés, après le "
                                   "dernier contact :", _months(current.candidates_months))
        self.participants = self.row("participants_months", "&Personnes accompagnées, après "
                                     "leur dernière activité :", _months(current.participants_months))
        self.loans = self.row("loans_months", "P&rêts du kit, après le retour :",
                              _months(current.loans_months))
        note = QLabel("Proposé : 24 mois pour les candidats (recommandation de la CNIL), 36 mois "
                      "pour les personnes accompagnées, 12 mois pour les prêts. À l'ouverture, "
                      "ce qui dépasse ces durées est proposé à l'anonymisation, jamais effacé "
                      "sans votre accord.")
        note.setWordWrap(True)
        self.add_widget(note)

    def accept(self) -> None:
        value = Retention(self.candidates.value(), self.participants.value(), self.loans.value())
        db = self.ctx.db

        def save() -> None:
            with db.session() as session:
                save_retention(session, value)

        if self.run_save(save):
            self.accept_saved()


class LockDialog(FormDialog):
    """Choose, change or remove the password; the recovery is said before anything is set."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Verrouillage de l'application", parent, ctx=ctx, min_width=600)
        with ctx.db.session() as session:
            self.enabled = lock.is_enabled(session)
            idle = lock.idle_minutes(session)
        intro = QLabel(
            "Un mot de passe est demandé à l'ouverture de CNum Biblio et après un temps sans "
            "utilisation, pour un poste partagé. Il protège l'écran, pas le fichier : "
            "les données ne sont pas chiffrées.")
        intro.setWordWrap(True)
        self.content_layout.insertWidget(0, intro)  # read before choosing
        self.password = self.row("password", "&Nouveau mot de passe :", QLineEdit())
        self.repeated = self.row("repeated", "&Retapez-le :", QLineEdit())
        for field in (self.password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" min")
        self.idle.setSpecialValueText("jamais")
        self.idle.setValue(idle)
        self.row("idle", "&Verrouiller après :", self.idle)
        recovery = QLabel(lock.RECOVERY_TEXT)
        recovery.setWordWrap(True)
        recovery.setObjectName("lockRecovery")
        self.add_widget(recovery)
        self.remove_button = QPushButton("Re&tirer le mot de passe")
        self.remove_button.setVisible(self.enabled)
        self.remove_button.clicked.connect(self.remove_lock)
        self.add_widget(self.remove_button)

    def accept(self) -> None:
        password, repeated, idle = self.password.text(), self.repeated.text(), self.idle.value()
        db = self.ctx.db

        def save() -> None:
            with db.session() as session:
                if not password and not repeated and lock.is_enabled(session):
                    lock.set_idle(session, idle)  # only the delay changes
                else:
                    lock.set_password(session, password, repeated, idle)

        if self.run_save(save):
            self.accept_saved()

    def remove_lock(self) -> None:
        if not ask(self, "Verrouillage", "Retirer le mot de passe de l'application ?"):
            return
        with self.ctx.db.session() as session:
            lock.remove(session)
        info(self, "Verrouillage", "Le mot de passe est retiré.")
        self.accept_saved()
