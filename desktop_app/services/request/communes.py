"""The offline list of French communes (``resources/communes/communes.json.gz``).

Built by ``scripts/build_communes.py`` from Etalab's ``@etalab/decoupage-administratif``
(MIT licence): INSEE code, name, postal codes, département, région and SIREN of each commune.
Nothing is looked up on the network. The file is read once, on first use, and indexed by postal
code and INSEE code (about 35,000 communes: a few tens of milliseconds).
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import cache

from desktop_app.paths import resource

COMMUNES_FILE = ("communes", "communes.json.gz")


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    postal_codes: tuple[str, ...]
    departement_code: str
    departement: str  # "Nièvre"
    region: str  # "Bourgogne-Franche-Comté"
    siren: str  # "" when the source has none (overseas collectivities)

    @property
    def label(self) -> str:
        """"Garchizy (58600) — Nièvre": how a proposal is shown."""
        return f"{self.name} ({' '.join(self.postal_codes)}) — {self.departement}"


@dataclass(frozen=True)
class CommuneIndex:
    by_insee: dict[str, Commune]
    by_postal_code: dict[str, tuple[Commune, ...]]
    source: str


def _name_key(commune: Commune) -> str:
    """French alphabetical order: accents do not count (Château before Chaumard)."""
    decomposed = unicodedata.normalize("NFKD", commune.name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def index() -> CommuneIndex:
    with gzip.open(resource(*COMMUNES_FILE), "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    departements = payload["departements"]
    regions = payload["regions"]
    by_insee: dict[str, Commune] = {}
    by_cp: dict[str, list[Commune]] = {}
    for insee, name, cps, dep, siren in payload["communes"]:
        dep_name, region_code = departements.get(dep, [dep, ""])
        commune = Commune(
            insee=insee,
            name=name,
            postal_codes=tuple(cps.split()),
            departement_code=dep,
            departement=dep_name,
            region=regions.get(region_code, dep_name),
            siren=siren,
        )
        by_insee[insee] = commune
        for cp in commune.postal_codes:
            by_cp.setdefault(cp, []).append(commune)
    return CommuneIndex(
        by_insee=by_insee,
        by_postal_code={cp: tuple(sorted(v, key=_name_key)) for cp, v in by_cp.items()},
        source=payload.get("source", ""),
    )


def for_postal_code(postal_code: str) -> tuple[Commune, ...]:
    """Communes served by a postal code, by name; empty when the code does not exist."""
    return index().by_postal_code.get(postal_code.strip(), ())


def by_insee(code: str) -> Commune | None:
    return index().by_insee.get(code.strip())


def postal_code_exists(postal_code: str) -> bool:
    return postal_code.strip() in index().by_postal_code


def source() -> str:
    return index().source
