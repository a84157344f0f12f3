"""The French a mayor signs: article and case of the structure, elision, agreement, spacing."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services import french
from desktop_app.services.french import NBSP, NNBSP


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("commune", "Commune de Châtel-Censoir", "au nom de la commune de Châtel-Censoir"),
        ("commune", "Châtel-Censoir", "au nom de la commune de Châtel-Censoir"),
        ("commune", "Auxerre", "au nom de la commune d'Auxerre"),
        ("commune", "Le Creusot", "au nom de la commune du Creusot"),
        ("commune", "Les Riceys", "au nom de la commune des Riceys"),
        ("epci", "Communauté de communes du Serein",
         "au nom de la communauté de communes du Serein"),
        ("structure_privee", "Association Familles Rurales",
         "au nom de l'association Familles Rurales"),
        ("structure_privee", "CCAS d'Avallon", "au nom du CCAS d'Avallon"),
        ("departement", "Yonne", "au nom du département de l'Yonne"),
        ("region", "Bourgogne-Franche-Comté", "au nom de la région Bourgogne-Franche-Comté"),
    ],
)
def test_the_structure_takes_its_article_and_case(kind: str, name: str, expected: str) -> None:
    assert french.au_nom_de(kind, name) == expected


def test_elision_before_a_vowel_or_a_mute_h() -> None:
    assert french.de("Élodie Martin") == "d'Élodie Martin"
    assert french.de("Hélène Roy") == "d'Hélène Roy"
    assert french.de("Yves Morel") == "d'Yves Morel"
    assert french.de("Yann Morel") == "de Yann Morel"  # y before a vowel: a consonant
    assert french.de("Hongrie") == "de Hongrie"  # aspirated h
    assert french.de("Camille Petit") == "de Camille Petit"


def test_agreement_from_civility_and_plural_from_count() -> None:
    assert french.agree("soussigné", "Mme") == "soussignée"
    assert french.agree("soussigné", "masculin") == "soussigné"
    assert french.agree("soussigné", None) == "soussigné(e)"
    assert french.agree("inscrit", "feminin") == "inscrite"
    assert french.plural(1, "personne inscrite") == f"1{NBSP}personne inscrite"
    assert french.plural(0, "personne inscrite") == f"0{NBSP}personne inscrite"
    assert french.plural(6, "personne inscrite") == f"6{NBSP}personnes inscrites"


def test_typography_and_first_of_the_month() -> None:
    text = french.typography("Durée : 2 h 30 ; total 1 850,00 € ! « Oui » à 14:00 ?")
    assert text == (
        f"Durée{NNBSP}: 2{NBSP}h{NBSP}30{NNBSP}; total 1{NNBSP}850,00{NBSP}€{NNBSP}! "
        f"«{NNBSP}Oui{NNBSP}» à 14:00{NNBSP}?"
    )
    assert french.date_long(date(2027, 1, 1)) == f"1er{NBSP}janvier{NBSP}2027"
    assert french.date_full(date(2027, 1, 1)) == f"vendredi{NBSP}1er{NBSP}janvier{NBSP}2027"
    assert french.first_of_month("avant le 1 janvier 2027, le 21 mars") == (
        "avant le 1er janvier 2027, le 21 mars"
    )


@pytest.mark.parametrize("width", [60, 80, 95, 120, 160, 250])
def test_print_never_breaks_a_line_inside_an_amount_or_before_a_mark(width: int) -> None:
    """French spacing puts narrow no-break spaces in « 193 200,00 € », before « ? » and inside
    « »; ReportLab broke lines there as at any space. At every width, each line of the
    paragraph keeps the amount, the question mark and the quotes whole."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from desktop_app.documents.base import FONT, register_fonts
    from desktop_app.documents.text import markup

    register_fonts()
    font = FONT
    text = ("Les postes coûtent 193 200,00 € sur trois ans ; la bibliothèque « L'Œil de "
            "Bœuf » en est-elle d'accord ? Oui")
    style = getSampleStyleSheet()["Normal"].clone("t", fontName=font)
    paragraph = Paragraph(markup(text, font), style)
    paragraph.wrap(width, 10_000)
    lines = [" ".join(w if isinstance(w, str) else w.text for w in line[1])
             if isinstance(line, tuple) else "".join(f.text for f in line.words)
             for line in paragraph.blPara.lines]
    flat = [line.replace(NBSP, " ").replace(NNBSP, " ").strip() for line in lines]
    assert not any(line.startswith(("200,00", "€", "?", "»")) for line in flat), flat
    assert not any(line.endswith(("193", "«")) for line in flat), flat
