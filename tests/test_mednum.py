"""The venue's open-data file follows the national schema (a copy in tests/data, see its README)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.mednum import MednumExportError, write_venue_csv
from desktop_app.services.structure import StructureInfo

DATA = Path(__file__).resolve().parent / "data" / "mednum"
SCHEMA = DATA / "mednum-schema-v1.0.1.json"
EXAMPLE = DATA / "mednum-exemple-valide-v1.0.1.csv"


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
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _check_rows(schema: dict, rows: list[list[str]]) -> list[dict[str, str]]:
    """Header in the schema's order, required cells filled, patterns met; returns the records."""
    assert rows[0] == [f["name"] for f in schema["fields"]]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    for record in records:
        for field in schema["fields"]:
            value = record[field["name"]]
            constraints = field.get("constraints", {})
            if constraints.get("required"):
                assert value, f"{field['name']} is required"
            if value and "pattern" in constraints:
                assert re.match(constraints["pattern"], value), (field["name"], value)
    return records


def test_the_schema_check_accepts_the_standard_s_own_valid_example() -> None:
    schema = _schema()
    assert schema["version"] == "v1.0.1" and len(schema["fields"]) == 32
    with EXAMPLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    records = _check_rows(schema, rows)
    assert len(records) >= 1
    # The check can fail: the same example with its SIRET cut short does not pass.
    short_siret = [
        "123" if name == "pivot" else cell for name, cell in zip(rows[0], rows[1], strict=True)
    ]
    broken = [rows[0], short_siret]
    with pytest.raises(AssertionError, match="pivot"):
        _check_rows(schema, broken)


def test_export_validates_against_the_schema(tmp_path: Path) -> None:
    schema = _schema()
    path = write_venue_csv(LIBRARY, tmp_path / "lieu.csv", today=date(2026, 3, 2))
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 2
    (record,) = _check_rows(schema, rows)
    assert (
        record["horaires"]
        == "Tu 14:00-18:30; We 09:00-12:00,14:00-18:30; Th 14:00-18:30; Fr 14:00-19:00; Sa 09:00-12:30"
    )
    assert record["telephone"] == "+33386851234"
    assert record["date_maj"] == "2026-03-02"
    assert "Conseillers numériques" in record["dispositif_programmes_nationaux"]
    assert record["adresse"] == "12, rue des Tilleuls"
    assert record["nom"] == "Médiathèque « La Grange aux livres »"


def test_export_says_what_is_missing() -> None:
    with pytest.raises(MednumExportError, match="un SIRET valide, la commune"):
        write_venue_csv(StructureInfo(name="Bibliothèque"), Path("/nonexistent/x.csv"))
