"""The short assistant shown on first start with an empty database.

It asks for the structure's identity (the same form as "Paramètres de la structure"); it can be
skipped, and it offers to discover the application with the demo database instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.structure import save_structure, set_setting
from desktop_app.views.context import AppContext
from desktop_app.views.structure_form import StructureForm

ASSISTANT_DONE_KEY = "assistant_done"

# Result codes beyond Accepted/Rejected
DEMO_REQUESTED = 2


class FirstRunAssistant(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Bienvenue dans CNum Biblio")
        intro = QLabel(
            "<h2>Bienvenue dans CNum Biblio</h2>"
            "<p>Indiquez qui vous êtes : ces informations figurent sur chaque document imprimé "
            "(formulaire d'engagement, programme des ateliers, attestations, fiches de prêt). "
            "Vous pourrez les modifier à tout moment dans <i>Fichier › Paramètres de la "
            "structure</i>.</p>"
        )
        intro.setWordWrap(True)
        self.form = StructureForm()
        self.form.set_info(ctx.structure())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)

        self.demo_button = QPushButton("Découvrir avec des données d'exemple")
        self.demo_button.setToolTip(
            "Ouvre une base de démonstration séparée ; vos propres données restent vides."
        )
        self.skip_button = QPushButton("Passer")
        self.save_button = QPushButton("Enregistrer et commencer")
        self.save_button.setDefault(True)
        self.demo_button.clicked.connect(self._demo)
        self.skip_button.clicked.connect(self._skip)
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.resize(700, 780)

    def _mark_done(self) -> None:
        with self.ctx.db.session() as session:
            set_setting(session, ASSISTANT_DONE_KEY, "1")

    def _skip(self) -> None:
        self._mark_done()
        self.reject()

    def _demo(self) -> None:
        self.done(DEMO_REQUESTED)

    def _save(self) -> None:
        info = self.form.validate()
        if info is None:
            return
        with self.ctx.db.session() as session:
            save_structure(session, info)
            set_setting(session, ASSISTANT_DONE_KEY, "1")
        self.ctx.notify("structure")
        self.accept()


def assistant_needed(ctx: AppContext) -> bool:
    from desktop_app.services.structure import get_setting

    with ctx.db.session() as session:
        done = get_setting(session, ASSISTANT_DONE_KEY) == "1"
    return not done and not ctx.structure().is_configured
