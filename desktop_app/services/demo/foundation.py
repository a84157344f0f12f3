"""Demo structure: a rural commune and its library (the people and addresses are made up)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.services.structure import StructureInfo, save_structure, set_setting

DEMO_STRUCTURE = StructureInfo(
    structure_type="commune",
    name="Commune de Saint-Léger-de-Fougeret",
    # One commune of the list the application ships (resources/communes), named as it is there,
    # with its postal code, INSEE code, SIREN, département and région: the request's checks
    # pass, and the postal code's commune list, the settings, the documents and the exports all
    # show the same commune. The NIC, the addresses, the people and the library are made up.
    siret="21580249700010",
    address="1, place de la Mairie",
    postal_code="58120",
    commune="Saint-Léger-de-Fougeret",
    insee_code="58249",
    departement="Nièvre",
    region="Bourgogne-Franche-Comté",
    phone="03 86 85 12 34",
    email="mairie@saint-leger-fougeret-exemple.fr",
    signatory_civility="madame",
    signatory_name="Hélène Brossard-Delacroix",
    signatory_title="Maire",
    venue_name="Médiathèque intercommunale « La Grange aux livres »",
    venue_address="12, rue des Tilleuls, 58120 Saint-Léger-de-Fougeret",
    opening_hours={
        "mo": [],
        "tu": [("14:00", "18:30")],
        "we": [("09:00", "12:00"), ("14:00", "18:30")],
        "th": [("14:00", "18:30")],
        "fr": [("14:00", "19:00")],
        "sa": [("09:00", "12:30")],
        "su": [],
    },
)


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    save_structure(session, DEMO_STRUCTURE)
    set_setting(session, "demo", "1")
    set_setting(session, "assistant_done", "1")


