"""The offline list of French communes (``resources/communes/communes.json.gz``).

Built by ``scripts/build_communes.py`` from Etalab's ``@etalab/decoupage-administratif``
(MIT licence): INSEE code, name, postal codes, département, région and SIREN of each commune.
Nothing is looked up on the network. The file is read once, on first use, and indexed by postal
code and INSEE code (about 35,000 communes: a few tens of milliseconds).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache

from desktop_app.paths import resource
from desktop_app.services.text import fold

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


class CommuneIndex:
    """Raw rows of the file and two dictionaries of row numbers: ``Commune`` objects are made
    only for what is looked up (building 35,000 of them up front took a third of a second)."""

    def __init__(self, payload: dict) -> None:
        self._rows: list[list[str]] = payload["communes"]
        self._departements: dict[str, list[str]] = payload["departements"]
        self._regions: dict[str, str] = payload["regions"]
        self.source: str = payload.get("source", "")
        self._by_insee = {row[0]: i for i, row in enumerate(self._rows)}
        by_cp: dict[str, list[int]] = {}
        for i, row in enumerate(self._rows):
            for cp in row[2].split():
                by_cp.setdefault(cp, []).append(i)
        self._by_cp = by_cp

    def __len__(self) -> int:
        return len(self._rows)

    def postal_codes(self) -> list[str]:
        return list(self._by_cp)

    def has_postal_code(self, postal_code: str) -> bool:
        return postal_code in self._by_cp

    def commune(self, i: int) -> Commune:
        insee, name, cps, dep, siren = self._rows[i]
        dep_name, region_code = self._departements.get(dep, [dep, ""])
        return Commune(
            insee=insee,
            name=name,
            postal_codes=tuple(cps.split()),
            departement_code=dep,
            departement=dep_name,
            region=self._regions.get(region_code, dep_name),
            siren=siren,
        )

    def by_insee(self, code: str) -> Commune | None:
        i = self._by_insee.get(code)
        return None if i is None else self.commune(i)

    def by_postal_code(self, postal_code: str) -> tuple[Commune, ...]:
        found = [self.commune(i) for i in self._by_cp.get(postal_code, ())]
        return tuple(sorted(found, key=_name_key))


def _name_key(commune: Commune) -> str:
    """French alphabetical order: accents do not count (Château before Chaumard)."""
    return fold(commune.name)


@cache
def index() -> CommuneIndex:
    with gzip.open(resource(*COMMUNES_FILE), "rt", encoding="utf-8") as fh:
        return CommuneIndex(json.load(fh))


def for_postal_code(postal_code: str) -> tuple[Commune, ...]:
    """Communes served by a postal code, in French alphabetical order; empty when the code does
    not exist."""
    return index().by_postal_code(postal_code.strip())


def by_insee(code: str) -> Commune | None:
    return index().by_insee(code.strip())


def postal_code_exists(postal_code: str) -> bool:
    return index().has_postal_code(postal_code.strip())


def source() -> str:
    return index().source
