"""French wording of quantities of kit units: "3 tablettes demandées", "1 ordinateur portable
demandé", "0 disponible" (in French, 0 and 1 take the singular)."""

from __future__ import annotations

from desktop_app.models.kit import KitCategory


def plural_label(name: str) -> str:
    """ "Tablettes" → "tablettes"; an acronym-like start ("PC portables") is kept as is."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def units(category: KitCategory, count: int) -> str:
    """ "3 tablettes", "1 tablette", "0 tablette"."""
    noun = plural_label(category.name) if count > 1 else category.singular
    return f"{count} {noun}"


def agreed(category: KitCategory, count: int, participle: str) -> str:
    """Past participle agreed with the category: ("demandé", tablettes, 3) → "demandées"."""
    word = participle + ("e" if category.feminine else "")
    return word + ("s" if count > 1 else "")


def shortage(category: KitCategory, wanted: int, free: int, period: str) -> str:
    """ "3 tablettes demandées, 2 disponibles le 12/03 de 14:00 à 16:00"."""
    available = "disponibles" if free > 1 else "disponible"
    return (
        f"{units(category, wanted)} {agreed(category, wanted, 'demandé')}, "
        f"{free} {available} {period}"
    )
