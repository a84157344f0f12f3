""" "Fiche de prêt": what the borrower and the library sign when devices leave the building.

The items with their inventory and serial numbers, the borrower, the dates, the conditions of
the loan, "Fait à <commune>, le <date>" and two signature boxes. Printed again after a return,
it shows the date and the condition on return of each item.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from desktop_app.documents.base import (
    DocumentTemplate,
    done_at,
    key_value_table,
    p,
    signature_boxes,
    spacer,
    table_style,
)
from desktop_app.documents.kit.common import cell
from desktop_app.services import formatting as fmt
from desktop_app.services import validation
from desktop_app.services.kit.printable import LOAN_CONDITIONS, LoanInfo
from desktop_app.services.structure import StructureInfo

TITLE = "Fiche de prêt"


def _when(value) -> str:  # noqa: ANN001 - a datetime
    return f"{fmt.date_full(value)} à {fmt.time_short(value)}"


def build_loan_sheet(
    out: Path | str | BinaryIO, loan: LoanInfo, structure: StructureInfo, today: date
) -> None:
    doc = DocumentTemplate(
        out,
        title=f"{TITLE} n° {loan.id}",
        structure=structure,
        subject=f"Prêt de matériel du kit d'inclusion numérique à {loan.borrower_name}",
    )
    width = doc.width
    borrower = [
        ("Emprunteur", loan.borrower_name),
        ("Type", loan.kind_label),
    ]
    # "03 86 12 34 56", as everywhere else, whatever was typed ("0386123456", "+33 3 86…")
    phone = validation.format_phone(loan.phone) if loan.phone else ""
    if loan.borrower_kind == "personne":
        borrower += [
            ("Téléphone", phone),
            ("Pièce d'identité vérifiée", "Oui" if loan.id_checked else "Non"),
        ]
    elif phone:
        borrower.append(("Téléphone", phone))
    dates = [("Prêté le", _when(loan.start)), ("Retour prévu le", _when(loan.due))]
    if loan.closed_at:
        dates.append(("Rendu le", _when(loan.closed_at)))
    header = ["N° d'inventaire", "Matériel", "Catégorie", "N° de série", "Retour"]
    rows: list[list] = [[p(h, "cell_bold") for h in header]]
    for line in loan.lines:
        back = ""
        if line.returned_at:
            back = f"{fmt.date_short(line.returned_at)} — {line.return_condition_label}"
        rows.append(
            [
                p(line.inventory_number, "cell_bold"),
                cell(line.description),
                cell(line.category),
                cell(line.serial or "—"),
                p(back, "cell"),
            ]
        )
    items = Table(
        rows, colWidths=[31 * mm, 50 * mm, 33 * mm, 29 * mm, width - 143 * mm], repeatRows=1
    )
    items.setStyle(table_style())
    story: list[Flowable] = [
        p(f"{TITLE} n° {loan.id}", "title"),
        p("Matériel du kit d'inclusion numérique", "subtitle"),
        p("Emprunteur", "h2"),
        key_value_table(borrower, width),
        p("Dates", "h2"),
        key_value_table(dates, width),
        p(f"Matériel prêté ({len(loan.lines)} article{'s' if len(loan.lines) > 1 else ''})", "h2"),
        items,
    ]
    if loan.notes:
        story += [spacer(2), p(f"Remarques : {loan.notes}", "small")]
    # the borrower's « lu et approuvé » approves the conditions: they stay on the page signed
    # (the boxes alone went over to a page showing nothing of the loan)
    story.append(
        KeepTogether(
            [
                p("Conditions du prêt", "h2"),
                *(p(f"• {text}", "small") for text in LOAN_CONDITIONS),
                spacer(6),
                done_at(structure.commune, loan.start.date()),
                spacer(3),
                signature_boxes(
                    [
                        "Pour la structure (nom, signature)",
                        "L'emprunteur (« lu et approuvé », signature)",
                    ],
                    width,
                ),
            ]
        )
    )
    doc.build(story)
