"""Printed documents of the "Kit d'inclusion" tab: "Fiche de prêt", "Étiquettes", "État du kit"."""
