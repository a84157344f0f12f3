"""CSV export of the inventory (formats.md §2), through the shared writer that neutralises
formulas: a brand, a location or a note starting with "=" never runs in a spreadsheet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.services import formatting as fmt
from desktop_app.services.csv_export import write_csv
from desktop_app.services.kit.queries import item_rows

HEADER = (
    "Numéro d'inventaire",
    "Catégorie",
    "Marque",
    "Modèle",
    "Numéro de série",
    "Date d'acquisition",
    "Valeur (€)",
    "Financement",
    "État",
    "Disponibilité",
    "Emplacement",
    "Quantité en stock",
    "Seuil d'alerte",
    "Détail",
    "Notes",
)


def export_inventory(session: Session, path: Path, *, now: datetime | None = None) -> int:
    """Write every item (retired ones too, with their reason); returns the number of rows."""
    rows = item_rows(session, now=now)
    return write_csv(
        path,
        HEADER,
        (
            (
                r.inventory_number,
                r.category,
                r.brand,
                r.model,
                r.serial,
                fmt.date_short(r.acquired_on),
                f"{r.value:.2f}".replace(".", ",") if r.value is not None else "",
                r.funding,
                r.condition_label,
                r.state_label,
                r.location,
                "" if r.quantity is None else str(r.quantity),
                "" if r.alert_threshold is None else str(r.alert_threshold),
                r.detail,
                r.notes,
            )
            for r in rows
        ),
    )
