"""The venue's record in the national open-data standard for digital-mediation venues
("Standard de données des lieux de médiation numérique", v1.0.1; formats.md §4).

The national map ("cartographie nationale des lieux d'inclusion numérique") is fed with such
files: the library can publish where and when the public meets its conseiller numérique. One row,
32 columns in the schema's order, UTF-8, `,` separator, multi-valued cells joined with `|`,
values in composed Unicode (NFC).
"""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from pathlib import Path

from desktop_app.services import opening_hours, validation
from desktop_app.services.atomic_files import atomic_open
from desktop_app.services.structure import StructureInfo

COLUMNS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "typologie", "telephone", "courriels",
    "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
    "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
    "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
)

# What a library hosting a conseiller numérique offers, in the standard's vocabulary.
DEFAULT_SERVICES = (
    "Maîtrise des outils numériques du quotidien",
    "Aide aux démarches administratives",
    "Accès internet et matériel informatique",
)


class MednumExportError(ValueError):
    """French message listing what to fill in "Paramètres de la structure" first."""


def venue_row(info: StructureInfo, today: date) -> dict[str, str]:
    missing = []
    if not validation.digits_only(info.siret) or validation.check_siret(info.siret):
        missing.append("un SIRET valide")
    if not info.commune:
        missing.append("la commune")
    if validation.check_postal_code_format(info.postal_code):
        missing.append("le code postal")
    if not (info.venue_address or info.address):
        missing.append("l'adresse")
    if missing:
        raise MednumExportError(
            "Pour publier la fiche du lieu, complétez d'abord dans « Paramètres de la "
            f"structure » : {', '.join(missing)}."
        )
    address = info.address
    if info.venue_address:
        # "12, rue des Tilleuls, 58120 Commune": keep the street part
        address = info.venue_address.split(f", {info.postal_code}")[0].strip() or info.address
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        id=f"cnum-biblio-{validation.digits_only(info.siret)}",
        pivot=validation.digits_only(info.siret),
        nom=info.venue_name or info.name,
        commune=info.commune,
        code_postal=info.postal_code,
        code_insee=info.insee_code,
        adresse=address,
        typologie="BIB",
        telephone=validation.phone_e164(info.phone),
        courriels=info.email,
        horaires=opening_hours.to_osm(info.opening_hours),
        presentation_resume=(
            "Un conseiller numérique accompagne le public : ateliers collectifs et "
            "rendez-vous individuels."
        ),
        source=info.name,
        itinerance="Fixe",
        structure_parente=info.name if info.venue_name else "",
        date_maj=today.isoformat(),
        services="|".join(DEFAULT_SERVICES),
        frais_a_charge="Gratuit",
        dispositif_programmes_nationaux="Conseillers numériques",
        modalites_acces="Se présenter|Téléphoner",
        modalites_accompagnement="Accompagnement individuel|Dans un atelier collectif",
    )
    return {k: unicodedata.normalize("NFC", v) for k, v in row.items()}


def write_venue_csv(info: StructureInfo, path: Path, today: date | None = None) -> Path:
    row = venue_row(info, today or date.today())
    with atomic_open(Path(path), "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerow(row)
    return Path(path)
