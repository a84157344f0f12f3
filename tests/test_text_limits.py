"""Text fields have sane maximum lengths and refuse control characters, in the services."""

from __future__ import annotations

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
    assert err.value.errors["name"].startswith("Le nom de la structure est trop long (120")
    assert "200 au plus" in err.value.errors["name"]
    with db.session() as s:
        assert get_structure(s).name == ""  # nothing half-saved


def test_control_characters_are_refused() -> None:
    errors = check_structure(StructureInfo(name="Mairie", address="1 rue\x00 du Moulin"))
    assert errors == {"address": "L'adresse contient des caractères invisibles non autorisés : retapez-le."}


def test_real_long_names_fit() -> None:
    name = "Communauté de communes du Haut-Morvan et des Vallées de l'Yonne et de la Cure"
    assert check_structure(StructureInfo(name=name, signatory_title="Présidente")) == {}
