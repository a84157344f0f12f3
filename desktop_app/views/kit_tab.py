"""Tab "Kit d'inclusion" (issue 6)."""

from desktop_app.views.tab_base import PlaceholderTab


class KitTab(PlaceholderTab):
    TITLE = "Kit d'inclusion"
    AREAS_SHOWN = ("kit", "workshops")
    SUMMARY = "L'inventaire du kit d'inclusion numérique."
    ITEMS = (
        "Matériel et consommables, état et historique",
        "Prêts au public et aux ateliers, réservations, réparations",
        "Étiquettes, état du kit et export",
    )
