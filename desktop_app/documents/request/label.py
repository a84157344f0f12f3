""""Attestation sur l'honneur" of the label « conseiller numérique », printed for signature
like the engagement form (one A4 page): the structure, the statement, the label's commitments
each with its box to tick, the posts that make the structure eligible, the yearly renewal,
"Fait à …, le …" and the signature and stamp boxes. Blank lines stand for what is not known yet
so that the page can be filled in by hand.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.base import DocumentTemplate, done_at, p, signature_boxes, spacer
from desktop_app.documents.request.engagement import UNTICKED, identity_table
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.formatting import date_in_words
from desktop_app.services.request import label as rules
from desktop_app.services.structure import StructureInfo

TITLE = "Attestation sur l'honneur"
BLANK = "……………………………………"


@dataclass(frozen=True)
class LabelSheet:
    """What the attestation prints (plain data)."""

    signed_on: date
    mediator_name: str
    signatory_name: str
    signatory_title: str
    place: str
    posts: tuple[str, ...]  # "Poste 1 — Camille Martin, convention du … au …"
    renewal_due: date


@dataclass(frozen=True)
class _Level:
    cell: str  # style of the identity table
    text: str  # style of the declaration and the commitments
    signature_mm: float
    gap_mm: float


# With three posts, « Fait à … » and the signature boxes went alone onto a second page: a
# statement signed apart from what it states. The layout is tightened until it fits one page.
_LEVELS = (
    _Level("cell", "body", 28, 3),
    _Level("cell", "body", 22, 1.5),
    _Level("small", "small", 20, 1),
)


def build_label(out: Path | str | BinaryIO, sheet: LabelSheet, structure: StructureInfo) -> None:
    """One A4 page when it can be (see ``_LEVELS``); a very long list of posts goes on."""
    data = b""
    for level in _LEVELS:
        buffer = io.BytesIO()
        doc = DocumentTemplate(
            buffer, title=f"{TITLE} — {rules.LABEL}", structure=structure,
            subject="Dispositif Conseiller numérique — label de la structure",
        )
        doc.build(_story(doc.frame_width, sheet, structure, level))
        data = buffer.getvalue()
        if doc.page <= 1:
            break
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(data)
    else:
        out.write(data)


def _story(
    width: float, sheet: LabelSheet, structure: StructureInfo, level: _Level = _LEVELS[0]
) -> list[Flowable]:
    signatory = ", ".join(v for v in (sheet.signatory_name, sheet.signatory_title) if v)
    story: list[Flowable] = [
        p(TITLE, "title"),
        p(f"{rules.LABEL} — Dispositif Conseiller numérique", "subtitle"),
        p("La structure", "h2"),
        identity_table(structure, width, level.cell),
        p("Déclaration", "h2"),
        p(
            f"Signataire : {signatory or BLANK}, pour la structure « {structure.display_name} ».\n"
            f"Le signataire {rules.STATEMENT} : {sheet.mediator_name or BLANK}.",
            level.text,
        ),
        p("La structure s'engage à :", "h2"),
    ]
    story += [p(f"{UNTICKED}  {text}", level.text) for text in rules.COMMITMENTS]
    story.append(p("Postes financés par le dispositif (éligibilité au label)", "h2"))
    story += [p(f"• {line}", "small") for line in sheet.posts] or [p("—")]
    story += [
        spacer(min(2, level.gap_mm)),
        p(rules.BENEFITS, "small"),
        p(
            "Cette attestation se renouvelle chaque année : prochain renouvellement avant le "
            f"{date_in_words(sheet.renewal_due)}.",
            level.text,
        ),
        KeepTogether([
            spacer(level.gap_mm),
            done_at(sheet.place or structure.commune, sheet.signed_on),
            spacer(level.gap_mm),
            signature_boxes(
                ["Signature (précédée du nom et de la qualité)", "Cachet de la structure"],
                width, height=level.signature_mm * mm,
            ),
        ]),
    ]
    return story
