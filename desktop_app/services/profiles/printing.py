"""Documents of "Profils reçus": read what they need, then hand plain data to ``documents``.

The GUI and the command line both call this module, so the attestation printed from the tab
and from ``cnum-biblio pdf formation`` are the same document built from the same data. The
document module receives plain data classes only; no session leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.documents.profiles.training_attestation import build_training_attestation
from desktop_app.services.profiles.records import ConseillerTraining, current_conseiller
from desktop_app.services.structure import StructureInfo, get_structure
from desktop_app.services.text import slug

NO_CONSEILLER = (
    "aucun conseiller validé ou recruté : validez d'abord une candidature dans "
    "« Profils reçus »"
)


class NoConseiller(ValueError):  # noqa: N818 - reads as the situation it names
    """There is nobody to write the attestation for; ``str()`` is the French message."""

    def __init__(self) -> None:
        super().__init__(NO_CONSEILLER)


@dataclass(frozen=True)
class AttestationData:
    structure: StructureInfo
    conseiller: ConseillerTraining

    @property
    def file_name(self) -> str:
        return attestation_file_name(self.conseiller.full_name)


def attestation_file_name(full_name: str) -> str:
    """The name proposed when saving: ``attestation-formation-camille-martin.pdf``."""
    return f"attestation-formation-{slug(full_name)}.pdf"


def attestation_data(db: Any, profile_id: int | None = None,  # noqa: ANN401
                     training_id: int | None = None) -> AttestationData:
    """The structure and the conseiller (``profile_id``, else the current one), with every
    leave or, given ``training_id``, that leave only (one attestation per leave)."""
    with db.session() as session:
        conseiller = current_conseiller(session, profile_id, training_id)
        structure = get_structure(session)
    if conseiller is None:
        raise NoConseiller()
    return AttestationData(structure, conseiller)


def write_training_attestation(db: Any, out: Path, today: date,  # noqa: ANN401 - a Database
                               profile_id: int | None = None,
                               training_id: int | None = None) -> str:
    """Write the training attestation to ``out``; returns the conseiller's name."""
    data = attestation_data(db, profile_id, training_id)
    build_training_attestation(out, data.structure, data.conseiller, today)
    return data.conseiller.full_name
