""""Attestation employeur de départ en formation": the employer confirms that it lets the
conseiller attend the initial training (commitment 3 of the programme), with the periods.

One A4 page in the usual case: the structure's header, the statement with the conseiller's
name and contract, the table of training periods, the commitment quoted word for word,
"Fait à <commune>, le <date en toutes lettres>" and boxes for the signature and the stamp.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.base import (
    DocumentTemplate,
    SplitTable,
    done_at,
    p,
    signature_boxes,
    spacer,
    table_style,
)
from desktop_app.models.profiles import TRAINING_MODULE
from desktop_app.models.request import COMMITMENTS
from desktop_app.services import french
from desktop_app.services.formatting import date_short
from desktop_app.services.french_holidays import french_holidays

if TYPE_CHECKING:  # plain data classes; the document never reads the database
    from desktop_app.services.profiles.records import ConseillerTraining
    from desktop_app.services.structure import StructureInfo

TITLE = "Attestation employeur de départ en formation"


def working_days(start: date, end: date) -> int:
    """Monday to Friday between two days, both included, French public holidays excepted."""
    closed = french_holidays(range(start.year, end.year + 1))
    days = (start + timedelta(n) for n in range((end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in closed)


def statement(structure: StructureInfo, conseiller: ConseillerTraining) -> str:
    """The statement the employer signs. The contract is named by its kind and duration only:
    the salary is none of the training body's business."""
    signatory = ", ".join(v for v in (structure.signatory_name, structure.signatory_title) if v)
    undersigned = french.agree("soussigné", structure.signatory_civility)
    recruited = (
        f", recruté(e) le {french.date_long(conseiller.recruitment_date)}"
        if conseiller.recruitment_date else ""
    )
    contract_text = _without_salary(conseiller.contract_text)
    contract = f" ({contract_text})" if contract_text else ""
    return (
        f"Je {undersigned} {signatory or '……………………………………'}, agissant "
        f"{french.au_nom_de(structure.structure_type, structure.display_name)}, employeur "
        f"{french.de(conseiller.full_name)}, conseiller numérique"
        f"{recruited}{contract}, atteste que la structure laisse partir "
        f"{conseiller.full_name} suivre {training_object(conseiller)} aux dates ci-dessous. "
        "Pendant ces périodes, le conseiller est libéré de ses missions et de ses ateliers."
    )


def training_object(conseiller: ConseillerTraining) -> str:
    """What the leave is for: the initial training towards the CCP1 (the first certificate of
    the title « Médiateur numérique », RNCP 40695), a thematic module, or both."""
    kinds = {t.kind for t in conseiller.trainings}
    initial = ("la formation initiale des conseillers numériques vers le CCP1, premier "
               "certificat du titre professionnel « Médiateur numérique » (RNCP 40695)")
    modules = [t.title for t in conseiller.trainings if t.kind == TRAINING_MODULE]
    if not kinds or kinds - {TRAINING_MODULE}:
        text = initial
        if modules:
            text += " et les modules thématiques indiqués"
        return text
    if len(modules) == 1:
        return f"le module thématique « {modules[0]} » de la formation des conseillers numériques"
    return "les modules thématiques de la formation des conseillers numériques indiqués"


def _without_salary(text: str) -> str:
    """The contract summary without its amounts ("CDD de 24 mois, 35 h" stays; "1 850,00 €
    brut mensuel" goes)."""
    parts = [part.strip() for part in text.split(", ")]
    kept = [part for part in parts if "€" not in part and "brut" not in part.lower()]
    return ", ".join(kept)


def build_training_attestation(
    out: Path | str | BinaryIO,
    structure: StructureInfo,
    conseiller: ConseillerTraining,
    today: date,
) -> None:
    doc = DocumentTemplate(
        out, title=TITLE, structure=structure,
        subject=f"Dispositif Conseiller numérique — formation de {conseiller.full_name}",
    )
    width = doc.width
    story: list[Flowable] = [
        p(TITLE, "title"),
        p("Dispositif Conseiller numérique — formation du conseiller", "subtitle"),
        p(statement(structure, conseiller)),
        p("Périodes de formation", "h2"),
    ]
    if conseiller.trainings:
        rows: list[list[object]] = [
            [p(h, "cell_bold") for h in ("Formation", "Du", "Au", "Jours ouvrés", "Heures",
                                         "Organisme et lieu")]
        ]
        for t in conseiller.trainings:
            where = ", ".join(v for v in (t.organisation, t.place) if v) or "—"
            rows.append([
                p(t.kind_label, "cell"), date_short(t.start), date_short(t.end),
                str(working_days(t.start, t.end)),
                t.hours_text if t.hours is not None else "—", p(where, "cell"),
            ])
        total = sum(working_days(t.start, t.end) for t in conseiller.trainings)
        rows.append(["Total", "", "", str(total), "", ""])
        rest = width - 86 * mm
        table = SplitTable(
            rows,
            colWidths=[rest * 0.5, 22 * mm, 22 * mm, 22 * mm, 20 * mm, rest * 0.5],
            repeatRows=1,
        )
        style = table_style()
        style.add("FONT", (0, -1), (-1, -1), "DejaVuSans-Bold", 9)
        table.setStyle(style)
        story.append(table)
    else:
        story.append(p("Dates à préciser avec l'organisme de formation : du ……………… au "
                       "……………… ; du ……………… au ………………."))
    story += [
        p("Engagement de la structure d'accueil", "h2"),
        p("Conformément au dispositif, la structure d'accueil s'est engagée à « "
          f"{COMMITMENTS[2]} » (engagement n° 3)."),
        spacer(4),
        KeepTogether([
            done_at(structure.commune, today),
            spacer(2),
            signature_boxes(
                ["Signature de l'employeur (nom et qualité)", "Cachet de la structure"],
                width, height=30 * mm,
            ),
        ]),
    ]
    doc.build(story)
