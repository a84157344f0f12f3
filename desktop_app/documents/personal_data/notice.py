"""The information notice to hand to participants and to candidates (articles 13–14 of the
RGPD), and the entries of the "registre des activités de traitement" (article 30). The texts
come from ``services.personal_data.notices``; this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.base import DocumentTemplate, p
from desktop_app.documents.personal_data.common import fields_block

if TYPE_CHECKING:
    from desktop_app.services.personal_data.notices import Notice, RegisterEntry
    from desktop_app.services.structure import StructureInfo

REGISTER_TITLE = "Registre des activités de traitement"


def build_notice(out: Path | BinaryIO, structure: StructureInfo, notice: Notice) -> None:
    doc = DocumentTemplate(out, title=notice.title, structure=structure)
    story: list[Flowable] = [p(notice.title, "title")]
    for heading, text in notice.sections:
        story.append(KeepTogether([p(heading, "h2"), p(text)]))
    doc.build(story)


def build_register(out: Path | BinaryIO, structure: StructureInfo,
                   entries: list[RegisterEntry]) -> None:
    doc = DocumentTemplate(out, title=REGISTER_TITLE, structure=structure)
    story: list[Flowable] = [
        p(REGISTER_TITLE, "title"),
        p("Fiches des traitements faits avec CNum Biblio (article 30 du RGPD), à joindre au "
          "registre de la structure.", "subtitle"),
    ]
    for entry in entries:
        story.append(p(entry.title, "h2"))
        story.extend(fields_block(entry.rows, doc.width, key_width=55 * mm))
    doc.build(story)
