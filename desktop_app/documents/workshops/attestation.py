""" "Attestation de participation": one page per person and session, handed to the person.

Each page stands alone (it is given to a different person), so it carries no "Page n / N":
the shared header, the statement, the session's facts, "Fait à …, le …" and two signature
boxes. ``on_page(done, total)`` is called after each page, through the template's
``afterPage`` hook, so a batch of hundreds of pages can be followed; an exception it raises
(the person cancelled) stops the batch there.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Table, TableStyle

from desktop_app.documents.base import (
    ACCENT,
    FONT_BOLD,
    MARGIN,
    DocumentTemplate,
    Stamp,
    done_at,
    p,
    signature_boxes,
    spacer,
    styles,
)
from desktop_app.services import french
from desktop_app.services.formatting import time_short
from desktop_app.services.workshops.printable import (
    Certificate,
    CertificateBatch,
    SessionSummary,
)

PageHook = Callable[[int, int], None]  # (pages done, total)


class _CertificateTemplate(DocumentTemplate):
    """The shared frame, without page numbers, with a hook after every page."""

    def __init__(
        self,
        out: Path | str | BinaryIO,
        total: int,
        on_page: PageHook | None,
        **kwargs: object,
    ) -> None:
        super().__init__(out, **kwargs)  # type: ignore[arg-type]
        self._total = total
        self._done = 0
        self._on_page = on_page

    def build(self, flowables: list[Flowable]) -> None:  # type: ignore[override]
        SimpleDocTemplate.build(
            self,
            flowables,
            onFirstPage=self._draw_header,
            onLaterPages=self._draw_header,
            canvasmaker=Canvas,
        )

    def afterPage(self) -> None:  # noqa: N802 (ReportLab API)
        self._done = min(self._done + 1, self._total)
        if self._on_page:
            self._on_page(self._done, self._total)


@cache
def _name_style() -> ParagraphStyle:
    return ParagraphStyle(
        "cert_name",
        parent=styles()["body"],
        fontName=FONT_BOLD,
        fontSize=18,
        leading=23,
        alignment=TA_CENTER,
        textColor=ACCENT,
        spaceBefore=3 * mm,
        spaceAfter=3 * mm,
    )


def _statement(item: Certificate) -> str:
    s = item.summary
    when = (
        f"le {french.date_full(s.start.date())}, de {time_short(s.start)} à {time_short(s.end)} "
        f"(durée : {s.duration_label})"
    )
    if s.kind == "individuel":
        return f"a bénéficié d'un accompagnement individuel au numérique {when}."
    return f"a participé à l'atelier collectif «\u00a0{s.display_title}\u00a0» {when}."


def _opening(batch: CertificateBatch) -> list[Flowable]:
    """What every page says above the person's name."""
    structure = batch.structure
    if structure.signatory_name:
        undersigned = french.agree("soussigné", structure.signatory_civility)
        who = (
            f"Je {undersigned} {structure.signatory_name}"
            + (f", {structure.signatory_title}" if structure.signatory_title else "")
            + f", agissant {french.au_nom_de(structure.structure_type, structure.display_name)},"
            " atteste que"
        )
    else:
        who = f"{_capital(french.structure_phrase(structure.structure_type, structure.display_name))}" \
            " atteste que"
    return [spacer(12), p("Attestation de participation", "title"), spacer(10), p(who)]


def _leader(item: Certificate, fallback: str) -> tuple[str, bool]:
    """Who led the certificate's session and whether they are a conseiller numérique."""
    if item.leader:
        return item.leader, item.leader_is_conseiller
    return fallback, True


def _session_part(item: Certificate, width: float, conseiller: str) -> list[Flowable]:
    """What the pages of one session say under the name: the statement and the facts."""
    s = item.summary
    name, titled = _leader(item, conseiller)
    facts = [("Lieu", f"{s.venue} ({s.place_label})")]
    if s.theme_labels:
        facts.append(("Thématiques abordées", ", ".join(s.theme_labels)))
    if s.level_label:
        facts.append(("Niveau", s.level_label))
    titled_name = f"{name}, conseiller numérique" if titled else name
    facts.append(("Animé par", titled_name if name else "……………………………"))
    table = Table(
        [[p(label, "cell_bold"), p(value, "cell")] for label, value in facts],
        colWidths=[45 * mm, width - 45 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c0c0c0")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [p(_statement(item)), spacer(6), table]


def _closing(
    batch: CertificateBatch, width: float, leader: tuple[str, bool]
) -> list[Flowable]:
    """What every page says under the facts: the formula, place and date, signatures (the
    first box is the session leader's)."""
    structure = batch.structure
    name, titled = leader
    role = "Le conseiller numérique" if titled else "L'intervenant(e)"
    signer = structure.signatory_title or "Pour la structure"
    if structure.signatory_name:
        signer = f"{signer} — {structure.signatory_name}"
    return [
        spacer(8),
        p("Cette attestation est délivrée pour servir et valoir ce que de droit."),
        spacer(14),
        done_at(structure.commune, batch.issued),
        spacer(4),
        signature_boxes(
            [f"{role} — {name}" if name else role, signer],
            width,
            30 * mm,
        ),
    ]


def build_attestations(
    out: Path | str | BinaryIO,
    batch: CertificateBatch,
    *,
    on_page: PageHook | None = None,
    conseiller: str = "",
) -> None:
    """One page per certificate, naming each certificate's ``leader``; ``conseiller`` names the
    conseiller of certificates that have none ("" leaves a line to fill in)."""
    title = "Attestation de participation"
    if len(batch.items) > 1:
        title = f"Attestations de participation ({len(batch.items)})"
    doc = _CertificateTemplate(
        out,
        len(batch.items),
        on_page,
        title=title,
        structure=batch.structure,
        subject="Attestation de participation",
    )
    width = A4[0] - 2 * MARGIN
    # What pages share is laid out and drawn once (``base.Stamp``): the opening and closing
    # of every page, the statement and facts of each session; only the name is per page.
    frame = doc.frame_width
    opening = Stamp("attOpening", lambda: _opening(batch), frame)
    closings: dict[tuple[str, bool], Stamp] = {}
    sessions: dict[SessionSummary, Stamp] = {}
    story: list[Flowable] = []
    for n, item in enumerate(batch.items):
        if n:
            story.append(PageBreak())
        part = sessions.get(item.summary)
        if part is None:
            part = Stamp(
                f"attSession{len(sessions)}",
                lambda item=item: _session_part(item, width, conseiller),
                frame,
            )
            sessions[item.summary] = part
        leader = _leader(item, conseiller)
        closing = closings.get(leader)
        if closing is None:
            closing = Stamp(
                f"attClosing{len(closings)}",
                lambda leader=leader: _closing(batch, width, leader),
                frame,
            )
            closings[leader] = closing
        story += [
            opening.again(),
            p(item.full_name, _name_style(), limit=300),
            part.again(),
            closing.again(),
        ]
    doc.build(story)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
