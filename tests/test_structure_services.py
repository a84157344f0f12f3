"""Structure settings, field checks and opening hours (headless)."""

from __future__ import annotations

import pytest

from desktop_app.services import opening_hours, validation
from desktop_app.services.csv_export import neutralise, write_csv
from desktop_app.services.formatting import amount, date_in_words
from desktop_app.services.structure import (
    StructureInfo,
    StructureValidationError,
    get_structure,
    save_structure,
)


def test_field_checks() -> None:
    assert validation.check_siret("215 809 997 00012") is None
    assert "clé de contrôle" in validation.check_siret("21580999700013")
    assert "14 chiffres" in validation.check_siret("2158099970001")
    assert validation.check_email("secretariat@mairie-exemple.fr") is None
    assert validation.check_email("secretariat@") is not None
    assert validation.check_phone("03 86 85 12 34") is None
    assert validation.check_phone("+32 2 555 12 12") is None
    assert validation.check_phone("12 34") is not None
    assert validation.phone_e164("03 86 85 12 34") == "+33386851234"


def test_save_refuses_invalid_values_and_keeps_nothing(db) -> None:
    with pytest.raises(StructureValidationError) as info, db.session() as session:
        save_structure(session, StructureInfo(name="", siret="123"))
    assert set(info.value.errors) == {"name", "siret"}
    with db.session() as session:
        assert get_structure(session).name == ""


def test_opening_hours_parse_and_osm() -> None:
    assert opening_hours.parse_day("9h-12h et 14h-18h30") == [("09:00", "12:00"), ("14:00", "18:30")]
    assert opening_hours.parse_day("fermé") == []
    with pytest.raises(opening_hours.OpeningHoursError, match="Mardi"):
        opening_hours.parse_day("14:00-12:00", "tu")
    with pytest.raises(opening_hours.OpeningHoursError, match="chevauchent"):
        opening_hours.parse_day("09:00-12:00, 11:00-13:00")
    hours = {d: [("09:00", "12:00"), ("14:00", "18:30")] for d in ("mo", "tu", "we", "th", "fr")}
    hours["sa"] = [("08:30", "12:00")]
    assert opening_hours.to_osm(hours) == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"


def test_french_formats() -> None:
    from datetime import date

    assert amount(1554.58) == "1\u202f554,58\u00a0€"
    assert date_in_words(date(2026, 3, 1)) == "1er mars 2026"
    assert date_in_words(date(2026, 12, 24)) == "24 décembre 2026"


def test_csv_neutralises_formulas(tmp_path) -> None:
    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("Élodie") == "Élodie"
    path = tmp_path / "export.csv"
    write_csv(path, ["Nom", "Valeur"], [["=1+1", "12,50"], ["@cmd", "+33"]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == ["Nom;Valeur", "'=1+1;12,50", "'@cmd;'+33"]


@pytest.mark.parametrize(
    ("typed", "ranges"),
    [
        ("9-12", [("09:00", "12:00")]),
        ("14-18h30", [("14:00", "18:30")]),
        ("9h-12h, 14h à 18h30", [("09:00", "12:00"), ("14:00", "18:30")]),
        ("8h30 – 12h", [("08:30", "12:00")]),
        ("14:00-24:00", [("14:00", "24:00")]),
    ],
)
def test_opening_hours_are_typed_as_any_time(typed: str, ranges: list) -> None:
    assert opening_hours.parse_day(typed, "tu") == ranges


@pytest.mark.parametrize("typed", ["9h-", "25-26", "9h-12h-14h", "midi-14h"])
def test_what_is_not_a_range_is_refused_in_french(typed: str) -> None:
    with pytest.raises(opening_hours.OpeningHoursError, match="Mardi : .* n'est pas une plage"):
        opening_hours.parse_day(typed, "tu")
