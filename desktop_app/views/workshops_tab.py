"""Tab "Ateliers" (issue 5)."""

from desktop_app.views.tab_base import PlaceholderTab


class WorkshopsTab(PlaceholderTab):
    TITLE = "Ateliers"
    AREAS_SHOWN = ("structure", "profiles", "workshops", "kit")
    SUMMARY = "Le planning du conseiller numérique : ateliers collectifs et accompagnements."
    ITEMS = (
        "Calendrier, participants et présences",
        "Programme du mois, feuilles d'émargement, attestations",
        "Export du calendrier et bilan d'activité",
    )
