"""Communes of residence as La Coop checks them: a real INSEE code whose postal code and name
(case ignored) agree. Names are looked up in the communes data the application ships."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop_app.services.request import communes
from desktop_app.services.text import fold


@dataclass(frozen=True)
class Residence:
    name: str
    insee: str = ""
    postal_code: str = ""


@cache
def _by_name() -> dict[str, tuple[str, ...]]:
    """Folded commune name → INSEE codes (names repeat across départements)."""
    found: dict[str, set[str]] = {}
    for cp in communes.index().postal_codes():
        for c in communes.for_postal_code(cp):
            found.setdefault(_name_key(c.name), set()).add(c.insee)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _name_key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").replace("’", "'").split())


def same_name(a: str, b: str) -> bool:
    return _name_key(a) == _name_key(b)


def resolve(name: str, insee: str = "", postal_code: str = "") -> Residence:
    """The official commune for what is known: the INSEE code first, else a name that only one
    commune of France bears (or only one with that postal code); otherwise the name alone."""
    name, insee, postal_code = name.strip(), insee.strip(), postal_code.strip()
    if insee and (found := communes.by_insee(insee)) is not None:
        cp = postal_code if postal_code in found.postal_codes else found.postal_codes[0]
        return Residence(found.name, found.insee, cp)
    if not name:
        return Residence("")
    codes = _by_name().get(_name_key(name), ())
    hits = [c for c in (communes.by_insee(code) for code in codes) if c is not None]
    if postal_code:
        hits = [c for c in hits if postal_code in c.postal_codes] or hits
    if len(hits) == 1:
        cp = postal_code if postal_code in hits[0].postal_codes else hits[0].postal_codes[0]
        return Residence(hits[0].name, hits[0].insee, cp)
    return Residence(name, "", postal_code)
