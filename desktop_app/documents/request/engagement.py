""""Formulaire d'engagement": what the mayor signs (one A4 page).

The structure's identity, the need, the five commitments of the programme each with its box
(ticked when accepted in the form), the three priority missions, the signatory, "Fait à
<commune>, le <date en toutes lettres>" and boxes for the signature and the stamp.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from desktop_app.documents.base import (
    DocumentTemplate,
    done_at,
    key_value_table,
    p,
    signature_boxes,
    spacer,
)
from desktop_app.models.request import COMMITMENTS, COMMITMENTS_INTRO, MISSIONS
from desktop_app.services import french
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.french import date_long
from desktop_app.services.request.requests import RequestData
from desktop_app.services.structure import StructureInfo

TITLE = "Formulaire d'engagement"
TICKED, UNTICKED = "☒", "☐"


def identity_table(structure: StructureInfo, width: float, style: str = "cell") -> Table:
    rows = [
        ("Type de structure", structure.type_label),
        ("Nom", structure.display_name),
        ("SIRET", structure.siret),
        # apart: together, an address of the 300 characters the settings allow and its
        # commune outgrew a cell and were cut « … [texte coupé] »
        ("Adresse", structure.address),
        ("Commune", structure.city_line),
        ("Code INSEE", structure.insee_code),
        ("Département", structure.departement),
        ("Région", structure.region),
    ]
    return key_value_table(rows, width, style=style)




def build_engagement(
    out: Path | str | BinaryIO, request: RequestData, structure: StructureInfo, today: date
) -> None:
    """One A4 page: when long names push the signature block to a second page, the layout is
    tightened step by step (smaller text, shorter boxes) until it fits."""
    data = b""
    for compact in range(len(_LEVELS)):
        buffer = io.BytesIO()
        doc = DocumentTemplate(
            buffer, title=TITLE, structure=structure,
            subject="Dispositif Conseiller numérique — engagement de la structure d'accueil",
        )
        doc.build(_story(doc.frame_width, request, structure, today, _LEVELS[compact]))
        data = buffer.getvalue()
        if doc.page <= 1:
            break
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(data)
    else:
        out.write(data)


@dataclass(frozen=True)
class _Level:
    text: str  # style of the commitments, missions and declaration
    cell: str  # style of the identity table
    signature_mm: float
    gap_mm: float


_LEVELS = (
    _Level("body", "cell", 30, 3),
    _Level("body", "cell", 22, 1.5),
    _Level("small", "small", 20, 1),
)


def _story(
    width: float, request: RequestData, structure: StructureInfo, today: date, level: _Level
) -> list[Flowable]:
    story: list[Flowable] = [
        p(TITLE, "title"),
        p("Dispositif Conseiller numérique — accueil de conseillers numériques", "subtitle"),
        p("La structure", "h2"),
        identity_table(structure, width, level.cell),
        spacer(level.gap_mm),
        p(
            f"Nombre de conseillers souhaités : {request.posts_wanted}"
            + (f" — date de démarrage souhaitée : {date_long(request.start_date)}"
               if request.start_date else ""),
            level.text,
        ),
        p(f"{COMMITMENTS_INTRO} :", "h2"),
    ]
    box_rows = [
        [p(TICKED if ok else UNTICKED, level.text), p(text, level.text)]
        for ok, text in zip(request.commitments, COMMITMENTS, strict=True)
    ]
    boxes = Table(box_rows, colWidths=[8 * mm, width - 8 * mm])
    boxes.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    story.append(boxes)
    story.append(p("Les trois missions prioritaires du conseiller numérique", "h2"))
    story += [p(f"{i}. {mission}", level.text) for i, mission in enumerate(MISSIONS, start=1)]
    signatory = ", ".join(v for v in (request.signatory_name, request.signatory_title) if v)
    # The civility is the structure's (the filed snapshot's once filed): an old snapshot that
    # has none, or a civility not said, keeps the neutral « soussigné(e) ».
    undersigned = french.agree("soussigné", structure.signatory_civility)
    when = request.filed_on or today
    story.append(
        KeepTogether(
            [
                p("Signataire", "h2"),
                p(
                    f"Je {undersigned} {signatory or '……………………………'}, agissant "
                    f"{french.au_nom_de(structure.structure_type, structure.display_name)}, "
                    "certifie l'exactitude des informations "
                    "ci-dessus et engage la structure à respecter les engagements cochés.",
                    level.text,
                ),
                spacer(level.gap_mm),
                done_at(request.signature_place or structure.commune, when),
                spacer(level.gap_mm),
                signature_boxes(
                    ["Signature (précédée du nom et de la qualité)", "Cachet de la structure"],
                    width, height=level.signature_mm * mm,
                ),
            ]
        )
    )
    return story
