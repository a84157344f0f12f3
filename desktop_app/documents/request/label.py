""""Attestation sur l'honneur" of the label « conseiller numérique », printed for signature
like the engagement form (one A4 page): the structure, the statement, the label's commitments
each with its box to tick, the posts that make the structure eligible, the yearly renewal,
"Fait à …, le …" and the signature and stamp boxes. Blank lines stand for what is not known yet
so that the page can be filled in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.base import DocumentTemplate, done_at, p, signature_boxes, spacer
from desktop_app.documents.request.engagement import UNTICKED, identity_table
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.formatting import date_long
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


def build_label(out: Path | str | BinaryIO, sheet: LabelSheet, structure: StructureInfo) -> None:
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            _build(tmp, sheet, structure)
    else:
        _build(out, sheet, structure)


def _build(out: Path | BinaryIO, sheet: LabelSheet, structure: StructureInfo) -> None:
    doc = DocumentTemplate(
        out, title=f"{TITLE} — {rules.LABEL}", structure=structure,
        subject="Dispositif Conseiller numérique — label de la structure",
    )
    doc.build(_story(doc.width, sheet, structure))


def _story(width: float, sheet: LabelSheet, structure: StructureInfo) -> list[Flowable]:
    signatory = ", ".join(v for v in (sheet.signatory_name, sheet.signatory_title) if v)
    story: list[Flowable] = [
        p(TITLE, "title"),
        p(f"{rules.LABEL} — Dispositif Conseiller numérique", "subtitle"),
        p("La structure", "h2"),
        identity_table(structure, width),
        p("Déclaration", "h2"),
        p(
            f"Signataire : {signatory or BLANK}, pour la structure « {structure.display_name} ».\n"
            f"Le signataire {rules.STATEMENT} : {sheet.mediator_name or BLANK}."
        ),
        p("La structure s'engage à :", "h2"),
    ]
    story += [p(f"{UNTICKED}  {text}") for text in rules.COMMITMENTS]
    story.append(p("Postes financés par le dispositif (éligibilité au label)", "h2"))
    story += [p(f"• {line}", "small") for line in sheet.posts] or [p("—")]
    story += [
        spacer(2),
        p(rules.BENEFITS, "small"),
        p(
            "Cette attestation se renouvelle chaque année : prochain renouvellement avant le "
            f"{date_long(sheet.renewal_due)}.",
        ),
        KeepTogether([
            spacer(3),
            done_at(sheet.place or structure.commune, sheet.signed_on),
            spacer(3),
            signature_boxes(
                ["Signature (précédée du nom et de la qualité)", "Cachet de la structure"],
                width, height=28 * mm,
            ),
        ]),
    ]
    return story
