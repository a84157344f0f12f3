"""The venue's open-data file follows the national schema (read from ../shared/reference)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.mednum import MednumExportError, write_venue_csv
from desktop_app.services.structure import StructureInfo

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "mednum" / "mednum-schema-v1.0.1.json"


LIBRARY = StructureInfo(
    name="Commune de Val-d'Aubrac-les-Combes",
    siret="21580999700012",
    address="1, place de la Mairie",
    postal_code="58120",
    commune="Val-d'Aubrac-les-Combes",
    phone="03 86 85 12 34",
    email="mairie@val-aubrac-exemple.fr",
    venue_name="Médiathèque « La Grange aux livres »",
    venue_address="12, rue des Tilleuls, 58120 Val-d'Aubrac-les-Combes",
    opening_hours={
        "tu": [("14:00", "18:30")],
        "we": [("09:00", "12:00"), ("14:00", "18:30")],
        "th": [("14:00", "18:30")],
        "fr": [("14:00", "19:00")],
        "sa": [("09:00", "12:30")],
    },
)


def _schema() -> dict:
    if not SCHEMA.exists():  # the shared folder sits beside the checkout in CI and here
        pytest.fail(f"reference schema missing: {SCHEMA}")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_export_validates_against_the_schema(tmp_path: Path) -> None:
    schema = _schema()
    path = write_venue_csv(LIBRARY, tmp_path / "lieu.csv", today=date(2026, 3, 2))
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [f["name"] for f in schema["fields"]]
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    for field in schema["fields"]:
        value = record[field["name"]]
        constraints = field.get("constraints", {})
        if constraints.get("required"):
            assert value, f"{field['name']} is required"
        if value and "pattern" in constraints:
            assert re.match(constraints["pattern"], value), (field["name"], value)
    assert record["horaires"] == "Tu 14:00-18:30; We 09:00-12:00,14:00-18:30; Th 14:00-18:30; Fr 14:00-19:00; Sa 09:00-12:30"
    assert record["telephone"] == "+33386851234"
    assert record["date_maj"] == "2026-03-02"
    assert "Conseillers numériques" in record["dispositif_programmes_nationaux"]
    assert record["adresse"] == "12, rue des Tilleuls"
    assert record["nom"] == "Médiathèque « La Grange aux livres »"


def test_export_says_what_is_missing() -> None:
    with pytest.raises(MednumExportError, match="un SIRET valide, la commune"):
        write_venue_csv(StructureInfo(name="Bibliothèque"), Path("/nonexistent/x.csv"))
