""""Récapitulatif de la demande": every field of a request and its status history.

Kept with the structure's papers, or handed to the mayor before filing (the money is the
"Plan de financement du poste", a document of its own); several pages are
numbered "Page n / N" by the shared frame.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.base import (
    FONT_BOLD,
    DocumentTemplate,
    key_value_table,
    p,
    spacer,
    styles,
    table,
    table_style,
)
from desktop_app.documents.request.engagement import TICKED, UNTICKED, identity_table
from desktop_app.models.request import COMMITMENTS, COMMITMENTS_INTRO, MISSIONS
from desktop_app.services import validation
from desktop_app.services.formatting import date_in_words, date_short, number
from desktop_app.services.request.requests import (
    CANDIDATE_QUESTION,
    MOTIVATION_MAX,
    RequestData,
)
from desktop_app.services.structure import StructureInfo

TITLE = "Récapitulatif de la demande"


@lru_cache(maxsize=1)
def _lead_style() -> ParagraphStyle:
    """The body in bold, a little apart from what precedes: the missions' heading, under the
    commitments (it read as one more line of them)."""
    return ParagraphStyle("recap_lead", parent=styles()["body"], fontName=FONT_BOLD,
                          spaceBefore=2 * mm, spaceAfter=1 * mm)


def build_recap(
    out: Path | str | BinaryIO,
    request: RequestData,
    structure: StructureInfo,
    today: date,
) -> None:
    doc = DocumentTemplate(
        out, title=f"{TITLE} n° {request.number}", structure=structure,
        subject="Dispositif Conseiller numérique — demande d'accueil de conseillers",
    )
    width = doc.frame_width
    story: list[Flowable] = [
        p(f"{TITLE} n° {request.number}", "title"),
        p(f"Statut : {request.status_label} — édité le {date_in_words(today)}", "subtitle"),
        p("Votre structure", "h2"),
        identity_table(structure, width),
        p("Votre besoin", "h2"),
        key_value_table(
            [
                ("Nombre de conseillers souhaités", str(request.posts_wanted)),
                ("Date de démarrage souhaitée", date_short(request.start_date)),
                (CANDIDATE_QUESTION, "Oui" if request.candidate_identified else "Non"),
                # two rows: a long name and its e-mail together outgrew a cell (cut)
                *(
                    [("Candidat identifié", request.candidate_name),
                     ("E-mail du candidat", request.candidate_email)]
                    if request.candidate_identified else []
                ),
            ],
            width, key_width=70 * mm,
        ),
        p("Votre motivation", "h2"),
        p(request.motivation or "—"),
        # grouped as the form's counter is (« 2 069 », not « 2069 »)
        p(f"{number(len(request.motivation))} / {number(MOTIVATION_MAX)} caractères", "muted"),
        p("Vos informations de contact", "h2"),
        key_value_table(
            [
                ("Prénom", request.contact_first_name),
                ("Nom", request.contact_last_name),
                ("Votre fonction", request.contact_function),
                ("E-mail", request.contact_email),
                ("Téléphone", validation.format_phone(request.contact_phone)),
            ],
            width,
        ),
    ]
    # The five commitments are read together, as the structure signs them, and so are the
    # missions: neither list is cut by a page break (the heading goes with its list).
    story.append(KeepTogether([
        p("Vos engagements", "h2"),
        p(f"{COMMITMENTS_INTRO} :"),
        *(p(f"{TICKED if ok else UNTICKED}  {text}")
          for ok, text in zip(request.commitments, COMMITMENTS, strict=True)),
    ]))
    story.append(KeepTogether([
        p("Les trois missions prioritaires du conseiller numérique :", _lead_style()),
        *(p(f"{i}. {m}") for i, m in enumerate(MISSIONS, start=1)),
    ]))
    story += [
        p("Signataire", "h2"),
        key_value_table(
            [
                ("Nom", request.signatory_name),
                ("Qualité", request.signatory_title),
                ("Lieu de signature", request.signature_place),
            ],
            width,
        ),
        p("Suivi de la demande", "h2"),
        key_value_table(
            [
                ("Statut", request.status_label),
                ("Déposée le", date_short(request.filed_on)),
                ("N° de dossier sur la plateforme", request.platform_number),
                ("Comité de sélection", request.committee),
                ("Avis du comité", request.opinion_label),
                ("Date de l'avis", date_short(request.decision_on)),
                ("Postes attribués", str(request.posts_granted) if request.status == "validee" else ""),
            ],
            width, key_width=70 * mm,
        ),
        spacer(2),
    ]
    history = [["Date", "Statut", "Note"]] + [
        [date_short(h.changed_on), p(h.label, "cell"), p(h.note or "", "cell")]
        for h in request.history
    ]
    history_table = table(history, colWidths=[25 * mm, 45 * mm, width - 70 * mm], repeatRows=1)
    history_table.setStyle(table_style())
    story.append(history_table)
    doc.build(story)
