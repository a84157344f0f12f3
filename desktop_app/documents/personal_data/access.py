"""« Données personnelles détenues » : the readable copy given to a person who asks what is
held about them (right of access). One section per record, titled with where it comes from;
every field, empty ones shown as « — » so the person sees that nothing is hidden."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_app.documents.base import DocumentTemplate, p, spacer
from desktop_app.documents.personal_data.common import fields_block

if TYPE_CHECKING:  # plain data classes; the document never reads the database
    from desktop_app.services.personal_data.collect import PersonData
    from desktop_app.services.structure import StructureInfo

TITLE = "Données personnelles détenues"


def build_access(out: Path | BinaryIO, structure: StructureInfo, data: PersonData,
                 generated: datetime) -> None:
    doc = DocumentTemplate(out, title=TITLE, structure=structure,
                           subject=f"{TITLE} — {data.name}")
    width = doc.width
    story: list[Flowable] = [
        p(TITLE, "title"),
        p(f"{data.name} — document établi le {generated:%d/%m/%Y à %H:%M}", "subtitle"),
        p(f"Voici toutes les données que {structure.display_name} détient à votre sujet dans "
          "CNum Biblio, avec leur origine (article 15 du RGPD). Vous pouvez en demander la "
          "correction ou l'effacement."),
    ]
    for section in data.sections:
        story.append(p(section.source, "h2"))
        story.extend(fields_block(section.fields, width))
        for child in section.children:
            story.append(spacer(2))
            story.append(p(child.source, "cell_bold"))
            story.extend(fields_block(child.fields, width))
    if data.mentions:
        story.append(p("Mentions dans d'autres notes", "h2"))
        story.extend(fields_block([(m.source, m.text) for m in data.mentions], width,
                                  key_width=65 * mm))
    if data.files:
        story.append(p("Fichiers joints", "h2"))
        story.append(p("Le fichier suivant est conservé dans le dossier des données et vous "
                       "est remis avec ce document : " + ", ".join(data.files)))
    doc.build(story)
