"""Tab "Demande de recrutement" (issue 3)."""

from desktop_app.views.tab_base import PlaceholderTab


class RequestTab(PlaceholderTab):
    TITLE = "Demande de recrutement"
    AREAS_SHOWN = ("structure", "request", "profiles")
    SUMMARY = "Préparez la demande d'accueil d'un conseiller numérique et suivez-la."
    ITEMS = (
        "Le formulaire de demande, vérifié au fil de la saisie",
        "Le formulaire d'engagement à faire signer",
        "Le suivi : Brouillon, Non traitée, Validée…",
        "Les délais du dispositif et l'estimation du coût",
    )
