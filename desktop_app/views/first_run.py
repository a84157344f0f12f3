"""The short assistant shown on first start with an empty database.

It asks for the structure's identity (the same form as "Paramètres de la structure"); it can be
skipped, and it offers to discover the application with the demo database instead.

The form scrolls inside the window and the window never grows taller than the screen, so the
three decision buttons, "Enregistrer et commencer" first, stay on screen on a 1366×768 laptop;
each has an Alt+letter, and Enter saves. Escape (or closing the window) asks before throwing
away what was typed, as every form of the application does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.services.structure import StructureInfo, get_setting, save_structure, set_setting
from desktop_app.views.common.forms import (
    GuardedDialog,
    message_label,
    required_note,
    scrolling,
)
from desktop_app.views.common.operations import run_operation
from desktop_app.views.context import AppContext
from desktop_app.views.structure_form import StructureForm, preferred_height

ASSISTANT_DONE_KEY = "assistant_done"

# Result codes beyond Accepted/Rejected
DEMO_REQUESTED = 2


class FirstRunAssistant(GuardedDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Bienvenue dans CNum Biblio")
        self.form = StructureForm()
        self.form.set_info(ctx.structure())
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro())
        layout.addWidget(required_note())  # « Nom de la structure » is marked « * »
        layout.addWidget(scrolling(self.form), 1)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        self.resize(700, preferred_height(parent))

    def _intro(self) -> QLabel:
        intro = QLabel(
            "<h2>Bienvenue dans CNum Biblio</h2>"
            "<p>Indiquez qui vous êtes : ces informations figurent sur chaque document imprimé "
            "(formulaire d'engagement, programme des ateliers, attestations, fiches de prêt). "
            "Vous pourrez les modifier à tout moment dans <i>Édition › Paramètres de la "
            "structure</i>.</p>"
        )
        intro.setWordWrap(True)
        return intro

    def _buttons(self) -> QHBoxLayout:
        self.demo_button = QPushButton("&Découvrir avec des données d'exemple")
        self.demo_button.setToolTip(
            "Ouvre une base de démonstration séparée ; vos propres données restent vides."
        )
        self.skip_button = QPushButton("Passe&r")
        self.save_button = QPushButton("&Enregistrer et commencer")
        self.save_button.setDefault(True)
        self.demo_button.clicked.connect(self._demo)
        self.skip_button.clicked.connect(self._skip)
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _mark_done(self) -> None:
        with self.ctx.db.session() as session:
            set_setting(session, ASSISTANT_DONE_KEY, "1")

    def _skip(self) -> None:
        """Skipping is a decision: remembered, and what was typed is not kept."""
        self._mark_done()
        self.mark_clean()
        self.reject()

    def _demo(self) -> None:
        self.mark_clean()
        self.done(DEMO_REQUESTED)

    def _save(self) -> None:
        info = self.form.validate()
        if info is None:
            return
        self.message.setVisible(False)
        outcome = run_operation(
            self, lambda job: _save_and_finish(job.db, info), label="Enregistrement en cours…",
            ctx=self.ctx, changes=("structure",), initiator=self, show_error=False,
            cancellable=False,
        )
        if not outcome.ok:
            self.message.setText(outcome.message or "")
            self.message.setVisible(bool(outcome.message))
            return
        self.mark_clean()
        self.accept()


def _save_and_finish(db, info: StructureInfo) -> None:  # noqa: ANN001 - a Database
    """The structure and "assistant done" in one unit of work: both, or neither."""
    with db.session() as session:
        save_structure(session, info)
        set_setting(session, ASSISTANT_DONE_KEY, "1")


def assistant_needed(ctx: AppContext) -> bool:
    with ctx.db.session() as session:
        done = get_setting(session, ASSISTANT_DONE_KEY) == "1"
    return not done and not ctx.structure().is_configured
