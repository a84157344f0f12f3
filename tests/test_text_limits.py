"""Text fields have sane maximum lengths and refuse control characters, in the services."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.structure import (
    StructureInfo,
    StructureValidationError,
    check_structure,
    get_structure,
    save_structure,
)


def test_a_pasted_book_is_refused_with_its_length(db) -> None:  # noqa: ANN001
    with pytest.raises(StructureValidationError) as err, db.session() as s:
        save_structure(s, StructureInfo(name="Médiathèque " * 10_000))
    assert err.value.errors["name"] == (
        "Le nom de la structure compte 120\u202f000 caractères, pour 200 au plus : "
        "raccourcissez le texte."
    )
    with db.session() as s:
        assert get_structure(s).name == ""  # nothing half-saved


def test_control_characters_are_refused() -> None:
    errors = check_structure(StructureInfo(name="Mairie", address="1 rue\x00 du Moulin"))
    assert errors == {"address": "L'adresse contient des caractères invisibles non autorisés : retapez-le."}


def test_real_long_names_fit() -> None:
    name = "Communauté de communes du Haut-Morvan et des Vallées de l'Yonne et de la Cure"
    assert check_structure(StructureInfo(name=name, signatory_title="Présidente")) == {}


def test_workshop_participant_and_kit_texts_are_limited() -> None:
    from desktop_app.services.workshops.participants import ParticipantInput
    from desktop_app.services.workshops.participants import validate as validate_person
    from desktop_app.services.workshops.sessions import SessionInput
    from desktop_app.services.workshops.sessions import validate as validate_session

    huge = "RSA, sans domicile. " * 1000
    person = validate_person(ParticipantInput(first_name="Hélène", last_name="Noël", notes=huge))
    assert person["notes"].startswith("La note compte 20\u202f000 caractères, pour 5\u202f000")
    fields = SessionInput.__dataclass_fields__
    session = SessionInput(**{"notes": huge, **({"title": "Atelier"} if "title" in fields else {})})
    assert "pour 5\u202f000 au plus" in validate_session(session).get("notes", "")


def test_kit_item_notes_are_limited(db) -> None:  # noqa: ANN001
    from desktop_app.services.kit.catalog import ItemData, validate_item

    with db.session() as s:
        errors = validate_item(s, ItemData(category_id=1, notes="x" * 6000, serial="\x00"),
                               today=date(2026, 12, 2))
    assert "6\u202f000 caractères" in errors["notes"] and "invisibles" in errors["serial"]
