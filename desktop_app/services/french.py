"""French grammar and typography for what a mayor signs: articles, elision, agreement, spacing.

Why a module of its own: every printed document (and a few messages) writes the same
constructions — "au nom de la commune de Châtel-Censoir", "employeur d'Élodie", "Je
soussignée", "3 personnes inscrites", "le 1er janvier 2027" — and a rule fixed in one place is
fixed everywhere. Plain functions on strings, no database, no Qt, no ReportLab.

Numbers, amounts and month names come from Babel (``services.formatting``); this module adds
what Babel does not know: the article a structure takes, "de" + "le" → "du", elision before a
vowel or a mute h, and the unbreakable spaces French typography asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.services import formatting
from desktop_app.services.text import fold

NBSP = "\u00a0"  # no-break space: "2 h", "1 850,00 €", "12 mars 2026"
NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and inside « »

_VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
# Words whose h is "aspiré": no elision ("de Hongrie", "le Havre"). Everything else starting
# with h elides, which is right for almost every first name and place ("d'Hélène").
_ASPIRATED_H = {
    "hameau", "hangar", "haut", "haute", "hauts", "hautes", "havre", "halle", "halles",
    "hongrie", "hollande", "huit", "heros", "herisson", "hetre", "hugues", "hurepoix",
}


def starts_with_vowel_sound(word: str) -> bool:
    """True when ``word`` takes elision: "Élodie", "Auxerre", "Hélène", "Yves" (not "Yann",
    whose y is a consonant before a vowel, nor "Hongrie", whose h is aspirated)."""
    word = word.strip().lstrip("«\u00a0\u202f \"'(")
    if not word:
        return False
    folded = fold(word)
    first = word[0].lower()
    if first == "h":
        head = re.split(r"[\s\-'’]", folded, maxsplit=1)[0]
        return head not in _ASPIRATED_H
    if first == "y":
        return len(word) < 2 or word[1].lower() not in _VOWELS
    return first in _VOWELS


def elide(particle: str, word: str) -> str:
    """ "de" + "Élodie" → "d'Élodie"; "de" + "Camille" → "de Camille". Works for de, le, la,
    que, je, ne, se, ce (the particles that elide in writing)."""
    if particle.lower() in ("de", "le", "la", "que", "je", "ne", "se", "ce") and (
        starts_with_vowel_sound(word)
    ):
        return f"{particle[:-1]}'{word}"
    return f"{particle} {word}"


def de(word: str) -> str:
    """The preposition "de" before a noun group that may start with an article:
    "le Creusot" → "du Creusot", "les Riceys" → "des Riceys", "la commune" → "de la commune",
    "l'association" → "de l'association", "Auxerre" → "d'Auxerre". A capitalised article that
    is part of a place name contracts too ("Le Creusot" → "du Creusot"), as the French do;
    "La" and "L'" stay ("de La Charité-sur-Loire")."""
    stripped = word.strip()
    lower = stripped.lower()
    if lower.startswith("le "):
        return "du " + stripped[3:]
    if lower.startswith("les "):
        return "des " + stripped[4:]
    if lower.startswith(("la ", "l'", "l’")):
        return "de " + stripped
    return elide("de", stripped)


def a(word: str) -> str:
    """The preposition "à": "le département" → "au département", "les Riceys" → "aux Riceys"."""
    stripped = word.strip()
    lower = stripped.lower()
    if lower.startswith("le "):
        return "au " + stripped[3:]
    if lower.startswith("les "):
        return "aux " + stripped[4:]
    return "à " + stripped


@dataclass(frozen=True)
class _Noun:
    words: str  # folded, as a name starts: "communaute de communes"
    feminine: bool
    keeps_case: bool = False  # an acronym ("GIP", "CCAS") keeps its capitals


# Longest first: "communauté de communes" before "commune".
_NOUNS = sorted(
    (
        _Noun("communaute de communes", True),
        _Noun("communaute d'agglomeration", True),
        _Noun("communaute urbaine", True),
        _Noun("commune nouvelle", True),
        _Noun("commune", True),
        _Noun("mairie", True),
        _Noun("ville", True),
        _Noun("metropole", True),
        _Noun("association", True),
        _Noun("federation", True),
        _Noun("mediatheque", True),
        _Noun("bibliotheque", True),
        _Noun("region", True),
        _Noun("collectivite", True),
        _Noun("cooperative", True),
        _Noun("societe", True),
        _Noun("fondation", True),
        _Noun("maison", True),
        _Noun("departement", False),
        _Noun("conseil departemental", False),
        _Noun("conseil regional", False),
        _Noun("syndicat", False),
        _Noun("centre communal d'action sociale", False),
        _Noun("centre social", False),
        _Noun("centre", False),
        _Noun("groupement", False),
        _Noun("pays", False),
        _Noun("pole", False),
        _Noun("espace", False),
        _Noun("tiers-lieu", False),
        _Noun("gip", False, keeps_case=True),
        _Noun("ccas", False, keeps_case=True),
        _Noun("cias", False, keeps_case=True),
        _Noun("epci", False, keeps_case=True),
        _Noun("sivom", False, keeps_case=True),
        _Noun("sivu", False, keeps_case=True),
    ),
    key=lambda n: -len(n.words),
)

# What a bare name is, by structure type (``models.structure.STRUCTURE_TYPES``): the noun, its
# gender, and whether "de" links it to the name ("la commune de Vézelay", "la région
# Bourgogne-Franche-Comté").
_TYPE_NOUNS = {
    "commune": ("commune", True, True),
    "departement": ("département", False, True),
    "region": ("région", True, False),
    "epci": ("EPCI", False, False),
    "collectivite_statut_particulier": ("collectivité", True, False),
    "gip": ("GIP", False, False),
    "structure_privee": ("structure", True, False),
}


def _article(noun: str, feminine: bool) -> str:
    if starts_with_vowel_sound(noun):
        return "l'"
    return "la " if feminine else "le "


def structure_phrase(structure_type: str, name: str) -> str:
    """The structure as the subject of a French sentence, with its article:

    - a name that starts with what it is keeps it, lower-cased: "Commune de Châtel-Censoir" →
      "la commune de Châtel-Censoir", "Communauté de communes du Serein" → "la communauté de
      communes du Serein", "Association Familles Rurales" → "l'association Familles Rurales",
      "CCAS d'Avallon" → "le CCAS d'Avallon";
    - a bare name takes the noun of its type: ("commune", "Auxerre") → "la commune d'Auxerre",
      ("commune", "Le Creusot") → "la commune du Creusot", ("region", "Bourgogne-Franche-Comté")
      → "la région Bourgogne-Franche-Comté";
    - a name that already starts with an article is left as written ("La Poste" → "La Poste").
    """
    name = " ".join(name.split())
    if not name:
        return "la structure"
    folded = fold(name)
    for noun in _NOUNS:
        if folded == noun.words or (
            folded.startswith(noun.words) and folded[len(noun.words)] in " '’-"
        ):
            head = name[: len(noun.words)]
            rest = name[len(noun.words):]
            head = head if noun.keeps_case else head[:1].lower() + head[1:]
            return f"{_article(head, noun.feminine)}{head}{rest}"
    noun, feminine, with_de = _TYPE_NOUNS.get(structure_type, ("structure", True, False))
    if not with_de and folded.startswith(("le ", "la ", "les ", "l'", "l’")):
        return name
    if structure_type == "departement" and (starts_with_vowel_sound(name) or folded[:1] == "y"):
        name = "l'" + name  # every département starting with a vowel takes l': "de l'Yonne"
    tail = de(name) if with_de else name
    return f"{_article(noun, feminine)}{noun} {tail}"


def au_nom_de(structure_type: str, name: str) -> str:
    """ "au nom de la commune de Châtel-Censoir", "au nom du département de l'Yonne"."""
    return "au nom " + de(structure_phrase(structure_type, name))


# ------------------------------------------------------------------ agreement

FEMININE = ("feminin", "f", "mme", "madame", "mademoiselle", "mlle")
MASCULINE = ("masculin", "m", "m.", "monsieur", "mr")


def gender_of(civility_or_gender: str | None) -> str | None:
    """ "f", "m" or None (unknown) from a civility ("Mme", "M.") or a stored gender."""
    value = fold(civility_or_gender or "").strip()
    if value in FEMININE:
        return "f"
    if value in MASCULINE:
        return "m"
    return None


def agree(masculine: str, gender: str | None, *, feminine: str | None = None) -> str:
    """ "soussigné" → "soussignée" for a woman, "soussigné" for a man and "soussigné(e)" when
    nobody knows (the form the signatory can still correct by hand)."""
    female = feminine or masculine + "e"
    g = gender_of(gender) if gender not in ("f", "m") else gender
    if g == "f":
        return female
    if g == "m":
        return masculine
    suffix = female[len(masculine):] if female.startswith(masculine) else ""
    return f"{masculine}({suffix})" if suffix else f"{masculine} / {female}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 personne inscrite", "6 personnes inscrites", "0 personne": in French 0 and 1 take
    the singular. The number and the noun never part at a line end (no-break space)."""
    word = singular if abs(count) < 2 else (plural_form or _plural_of(singular))
    return f"{formatting.number(count)}{NBSP}{word}"


def _plural_of(phrase: str) -> str:
    """Each word of a short noun group in the plural: "personne inscrite" → "personnes
    inscrites"; "participation" → "participations". Words ending in s, x or z stay."""
    out = []
    for word in phrase.split(" "):
        if not word or word in ("de", "du", "des", "à", "en", "sous", "et") or word[-1] in "sxz":
            out.append(word)
        elif word.endswith("al") and word not in ("final", "bal", "festival"):
            out.append(word[:-2] + "aux")
        elif word.endswith(("eau", "au", "eu")):
            out.append(word + "x")
        else:
            out.append(word + "s")
    return " ".join(out)


# ------------------------------------------------------------------ typography


def day_in_words(value: date) -> str:
    """ "1er", "2", "31": the ordinal of the first of the month, as French writes dates."""
    return "1er" if value.day == 1 else str(value.day)


def date_long(value: date | None) -> str:
    """ "1er janvier 2027", "12 mars 2026", unbreakable (a date never splits at a line end)."""
    if value is None:
        return ""
    return formatting.date_in_words(value).replace(" ", NBSP)


def date_full(value: date | None) -> str:
    """ "vendredi 1er janvier 2027", unbreakable."""
    if value is None:
        return ""
    return formatting.date_full(value).replace(" 1 ", " 1er ").replace(" ", NBSP)


_NUMBER_UNIT = re.compile(
    r"(?<=\d) (?=(?:h|min|€|%|j|jours?|mois|ans?|km|m|cm|mm|Ko|Mo|places?|personnes?)\b|€|%)"
)
_BEFORE_MARK = re.compile(r"[ \u00a0]([;:!?])")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_HOUR_MIN = re.compile(r"(?<=\bh) (?=\d{2}\b)")
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FIRST = re.compile(rf"(?<![\d,.])\b1(?=[ \u00a0](?:{_MONTHS})\b)")


def typography(text: str) -> str:
    """French typography for plain text: a narrow no-break space before ; : ! ? and inside
    « », a no-break space between a number and its unit ("2 h", "1 850,00 €", "45 min") and
    inside "1 h 30", so that no line starts with a lone mark or a lone unit.

    A colon inside a time, an address or a link ("14:00", "https://…") has no space before
    it and is left alone."""
    text = _BEFORE_MARK.sub(NNBSP + r"\1", text)
    text = re.sub(r"«[ \u00a0]?", "«" + NNBSP, text)
    text = re.sub(r"[ \u00a0]?»", NNBSP + "»", text)
    text = _THOUSANDS.sub(NNBSP, text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    return _HOUR_MIN.sub(NBSP, text)


def first_of_month(text: str) -> str:
    """ "1 janvier 2027" → "1er janvier 2027" inside any sentence (dates written by Babel)."""
    return _FIRST.sub("1er", text)
