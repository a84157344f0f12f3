""""À propos": version, data folder, licences of the bundled fonts and data."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.paths import data_dir

CREDITS = [
    ("Polices DejaVu Sans", "licence Bitstream Vera / domaine public (resources/fonts/LICENCE-DejaVu.txt)"),
    ("Police Noto Sans Symbols 2", "SIL Open Font License 1.1 (resources/fonts/LICENCE-Noto.txt)"),
    ("python-bidi et arabic-reshaper", "licences LGPL v3 et MIT (écritures de droite à gauche)"),
    ("Qt et PySide6", "LGPL v3 — The Qt Company"),
    ("ReportLab", "licence BSD"),
    ("SQLAlchemy et Alembic", "licence MIT"),
    ("Liste des communes (Etalab, @etalab/decoupage-administratif)", "licence MIT — données INSEE et La Poste (resources/communes/LICENCE.txt)"),
]


class AboutDialog(QDialog):
    def __init__(self, db_path, parent: QWidget | None = None, extra_credits=()) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(f"À propos de {APP_NAME}")
        credits = "".join(f"<li><b>{name}</b> : {text}</li>" for name, text in [*CREDITS, *extra_credits])
        label = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>Le dispositif Conseiller numérique pour les petites bibliothèques et mairies "
            "rurales : demande de recrutement, postes et financement, profils reçus, ateliers "
            "et kit d'inclusion numérique. Lancé en 2020 avec le plan France Relance, le "
            "dispositif est financé depuis 2024 par le budget de l'État. Les données restent "
            "sur ce poste.</p>"
            f"<p><b>Dossier des données :</b> {data_dir()}<br/>"
            f"<b>Base ouverte :</b> {db_path}</p>"
            f"<p><b>Composants et données inclus :</b></p><ul>{credits}</ul>"
        )
        label.setWordWrap(True)
        label.setOpenExternalLinks(False)
        from PySide6.QtCore import Qt

        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.resize(560, 420)
