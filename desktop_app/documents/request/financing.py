""""Plan de financement du poste": what the council reads before deciding (one A4 page).

Per post: the salary and the employer's charges rate, each convention year with the State's
subsidy, the employer cost and the remainder; the date the subsidy ends and the yearly cost
afterwards. Then the totals by calendar year, the payments received, the Smic used (with its
date and source) and every warning the panel shows. When many posts or long names push it
over one page, the layout is tightened step by step, as the engagement form does.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from desktop_app.documents.base import DocumentTemplate, p, spacer, table_style
from desktop_app.documents.text import BODY_LIMIT
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.formatting import amount, date_in_words, date_short, number
from desktop_app.services.request import smic as smic_table
from desktop_app.services.request.cost import CostLine, FundingPlan, PostCost, end_sentence
from desktop_app.services.request.posts import DEFAULT_CHARGES_PCT, DEFAULT_CHARGES_SOURCE
from desktop_app.services.structure import StructureInfo

TITLE = "Plan de financement du poste"
# (table style, text style, gap in mm, compact: one paragraph per post, no totals row)
_LEVELS = (
    ("cell", "body", 3.0, False),
    ("small", "small", 1.5, False),
    ("small", "small", 0.5, True),
)


def build_financing(out: Path | str | BinaryIO, plan: FundingPlan, structure: StructureInfo) -> None:
    data = b""
    for cell, text, gap, compact in _LEVELS:
        buffer = io.BytesIO()
        doc = DocumentTemplate(
            buffer, title=TITLE, structure=structure,
            subject="Dispositif Conseiller numérique — coût du poste et fin de la subvention",
        )
        doc.build(_story(doc.frame_width, plan, cell, text, gap, compact))
        data = buffer.getvalue()
        if doc.page <= 1:
            break
    if isinstance(out, (str, Path)):
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(data)
    else:
        out.write(data)


def _para(text: str, style: str) -> Flowable:
    """A paragraph of the page, not of a table cell: in the small styles the shared ``p`` cuts
    at a cell's limit (300 characters), which ended the charges note and a post's sentence of
    the compact layout « … [texte coupé] »."""
    return p(text, style, limit=BODY_LIMIT)


def _money_table(rows: list[list[str]], width: float, cell: str, *, compact: bool = False) -> Table:
    """The first column wraps (a paragraph); the amounts stay plain text, aligned right. The
    compact layout narrows the cells' side padding and gives the amounts the width of their
    header only (« Coût employeur »), so that a period holds on one line (see ``_period``)."""
    first = width - 3 * 27.6 * mm if compact else 84 * mm
    body = [[p(rows[0][0], "cell_bold"), *rows[0][1:]]]
    body += [[p(row[0], cell), *row[1:]] for row in rows[1:]]
    table = Table(body, colWidths=[first] + [(width - first) / 3] * 3, repeatRows=1)
    style = table_style()
    style.add("ALIGN", (1, 0), (-1, -1), "RIGHT")
    size = 8 if cell == "small" else 9
    style.add("FONTSIZE", (1, 0), (-1, -1), size)
    if cell == "small":
        style.add("TOPPADDING", (0, 0), (-1, -1), 1)
        style.add("BOTTOMPADDING", (0, 0), (-1, -1), 1)
    if compact:
        style.add("LEFTPADDING", (0, 0), (-1, -1), 3)
        style.add("RIGHTPADDING", (0, 0), (-1, -1), 3)
    table.setStyle(style)
    return table


def _period(line: CostLine, compact: bool) -> str:
    """« Renouvellement (2023) — année 1 : 04/2024 – 04/2025 (12 mois) ». The compact layout
    leaves out « (12 mois) », which the dates say, so that the period holds on one line of its
    cell: with three posts, each period on two lines pushed the end of the subsidy and the
    totals alone onto a second page. A shorter year keeps its months (« (6 mois) »)."""
    period = f"{line.label} : {line.start:%m/%Y} – {line.end:%m/%Y}"
    return period if compact and line.months == 12 else f"{period} ({line.months} mois)"


def _post_block(
    cost: PostCost, width: float, cell: str, text: str, gap: float, compact: bool
) -> list[Flowable]:
    post = cost.post
    head = f"{post.label} — {post.holder_text}"
    if post.given_back_on:
        head += f" — poste rendu le {date_short(post.given_back_on)} ({post.given_back_label})"
    rows = [["Période", "Subvention", "Coût employeur", "Reste à charge"]]
    rows += [
        [_period(line, compact), amount(line.subsidy), amount(line.employer_cost),
         amount(line.remaining)]
        for line in cost.lines
    ]
    if cost.lines and not compact:
        rows.append(["Total des conventions", amount(cost.total_subsidy),
                     amount(sum((x.employer_cost for x in cost.lines), Decimal("0"))),
                     amount(cost.total_remaining)])
    salary = (
        f"Salaire brut mensuel {cost.salary_text} ; charges patronales "
        f"{number(cost.charges_pct, 1)} % ({amount(cost.monthly_charges)}) : coût employeur "
        f"{amount(cost.monthly_employer_cost)} par mois, {amount(cost.yearly_employer_cost)} "
        "par an."
    )
    end = cost.subsidy_end
    after = (
        f"Fin de la subvention : {date_in_words(end)} ; ensuite : {amount(cost.yearly_cost_after)} "
        "par an à la charge de la structure."
        if end else (
            "Aucune convention saisie : ni la subvention ni le coût de ce poste ne sont "
            "comptés dans les totaux."
        )
    )
    received = sum((c.received for c in post.conventions), Decimal("0"))
    if post.conventions:
        after += f" Versements reçus : {amount(received)} sur {amount(cost.total_subsidy)}."
    table = [_money_table(rows, width, cell, compact=compact)] if cost.lines else []
    if compact:
        block: list[Flowable] = [p(head, "cell_bold"), _para(f"{salary} {after}", text), *table]
    else:
        block = [spacer(gap), p(head, "cell_bold" if text == "small" else "h2"),
                 _para(salary, text), spacer(gap), *table, spacer(gap), _para(after, text)]
    return [KeepTogether(block)]


def _story(
    width: float, plan: FundingPlan, cell: str, text: str, gap: float, compact: bool
) -> list[Flowable]:
    story: list[Flowable] = [
        p(TITLE, "title"),
        p(f"Dispositif Conseiller numérique — situation au {date_in_words(plan.today)}", "subtitle"),
    ]
    if not plan.posts:
        story.append(p("Aucun poste financé n'est enregistré.", text))
    for cost in plan.posts:
        story += _post_block(cost, width, cell, text, gap, compact)
    if plan.years:
        rows = [["Année civile", "Subvention", "Coût employeur", "Reste à charge"]]
        earlier = [y for y in plan.years if y.year < plan.today.year - 1]
        if earlier:
            first, last = earlier[0].year, earlier[-1].year
            rows.append([
                str(first) if first == last else f"{first} à {last}",
                amount(sum((y.subsidy for y in earlier), Decimal("0"))),
                amount(sum((y.employer_cost for y in earlier), Decimal("0"))),
                amount(sum((y.remaining for y in earlier), Decimal("0"))),
            ])
        rows += [
            [str(y.year), amount(y.subsidy), amount(y.employer_cost), amount(y.remaining)]
            for y in plan.years if y.year >= plan.today.year - 1
        ]
        story += [KeepTogether([
            p("Tous les postes, par année civile", "cell_bold" if compact else "h2"),
            _money_table(rows, width, cell, compact=compact),
            _para("La subvention de chaque année de convention est répartie sur ses mois (vue "
              "budgétaire : les versements arrivent à des dates qui varient).", "muted"),
        ])]
    story += [
        spacer(gap),
        p(end_sentence(plan), "body"),
        _para(
            f"Subventions accordées : {amount(plan.total_subsidy)} ; reçues : "
            f"{amount(plan.total_received)} ; reste à charge sur la durée des conventions : "
            f"{amount(plan.total_remaining)}.",
            text,
        ),
        # « ; source : » — the source has its own parentheses, nested ones read badly
        _para(f"Smic utilisé : {plan.smic.label} ; source : {smic_table.SOURCE}.", "muted"),
    ]
    if any(c.charges_pct == DEFAULT_CHARGES_PCT for c in plan.posts):
        # the application's own note, longer than a table cell's limit: printed whole
        story.append(_para(DEFAULT_CHARGES_SOURCE, "muted"))
    for warning in plan.warnings:
        story.append(_para(f"À vérifier : {warning}", "small"))
    return story
