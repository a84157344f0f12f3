"""File names made from French names: ligatures spelt out, long names cut after a word."""

from __future__ import annotations

from desktop_app.services.text import fold, short_slug, slug


def test_ligatures_are_spelt_out_in_file_names_not_in_search_keys() -> None:
    assert slug("Jeanne Lebœuf (autre intervenant)") == "jeanne-leboeuf-autre-intervenant"
    assert slug("Lætitia Strauß") == "laetitia-strauss"
    assert fold("Lebœuf") == "lebœuf"  # search keys keep one character for one (SQL LIKE)


def test_short_slug_ends_on_a_whole_word() -> None:
    name = "Marie-Thérèse Lemaître-Dubois-Saint-Gérand du Château-Lefèvre"
    cut = short_slug(name)
    assert cut == "marie-therese-lemaitre-dubois-saint"
    assert len(cut) <= 40 and slug(name).startswith(cut + "-")
    # one word longer than the limit: cut, there is no word boundary to keep
    assert short_slug("Anticonstitutionnellement", 20) == "anticonstitutionnell"
    assert short_slug("Éloïse") == "eloise"
