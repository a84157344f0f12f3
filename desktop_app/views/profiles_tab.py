"""Tab "Profils reçus" (issue 4)."""

from desktop_app.views.tab_base import PlaceholderTab


class ProfilesTab(PlaceholderTab):
    TITLE = "Profils reçus"
    AREAS_SHOWN = ("request", "profiles")
    SUMMARY = "Les profils de candidats envoyés par la plateforme nationale."
    ITEMS = (
        "Import des profils, comparaison et présélection",
        "Entretiens, refus et recrutement dans la limite des postes attribués",
        "Contrat de travail et dates de formation",
    )
