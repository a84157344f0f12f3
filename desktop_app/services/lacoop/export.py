"""The beneficiaries' file for La Coop's import: its own template's layout.

Sheet ``Bénéficiaires``: row 1 the instructions, rows 2–3 the headers (the commune group split
into Nom, Code INSEE, Code postal), data from row 4, columns A–J. The template computes the
INSEE code and postal code with formulas; a program writes plain values there, taken from the
communes data the application ships so that La Coop's check (a real INSEE code whose postal code
and name agree) passes. A person whose commune cannot be told apart (a name several communes
bear, no code known) gets the name alone: La Coop checks the codes only when they are given.
A small ``Communes`` sheet lists the communes used, as the template's lookup sheet does.

The file holds the people accompanied — marked « Présent » at a session already held (see
``beneficiaries``): the window and ``export-lacoop`` (``--depuis``) count them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import GENDERS, Participant, Registration, WorkshopSession
from desktop_app.services import validation
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.lacoop.places import resolve
from desktop_app.services.text import fold

SHEET = "Bénéficiaires"
INSTRUCTIONS = (
    "Instructions d'utilisation :  \n- Nom et Prénom sont obligatoires \n"
    "- Année de naissance est fortement conseillé pour différencier les homonymes \n"
    "- Les autres champs sont optionnels \n"
    "- Pour compléter le champ commune, renseignez le nom de la commune. Le code INSEE et le "
    "code postal seront automatiquement complétés"
)
HEADERS = (
    "Nom", "Prénom", "Année de naissance", "Commune", None, None,
    "N° de téléphone", "E-mail", "Genre", "Notes supplémentaires",
)
SUB_HEADERS = (None, None, None, "Nom", "Code INSEE", "Code postal", None, None, None, None)
FIRST_DATA_ROW = 4
WIDTHS = (13, 13, 19, 24, 12, 11, 15, 28, 15, 29)


@dataclass(frozen=True)
class Beneficiary:
    last_name: str
    first_name: str
    birth_year: int | None
    commune: str
    insee: str
    postal_code: str
    phone: str
    email: str
    gender: str  # "Féminin", "Masculin", "Non communiqué"

    def cells(self) -> tuple[object, ...]:
        return (
            self.last_name, self.first_name, self.birth_year, self.commune or None,
            self.insee or None, self.postal_code or None, self.phone or None,
            self.email or None, self.gender, None,
        )


def _beneficiary(p: Participant, this_year: int) -> Beneficiary:
    home = resolve(p.commune, p.insee_code, p.postal_code)
    year = p.birth_year if p.birth_year and 1900 <= p.birth_year <= this_year else None
    return Beneficiary(
        last_name=p.last_name.strip(),
        first_name=p.first_name.strip(),
        birth_year=year,
        commune=home.name,
        insee=home.insee,
        postal_code=home.postal_code if home.insee else "",
        phone=validation.digits_only(p.phone) if p.phone.startswith("0") else p.phone,
        email=p.email,
        gender=GENDERS.get(p.gender, GENDERS["nc"]),
    )


def beneficiaries(
    session: Session,
    *,
    since: date | None = None,
    participant_ids: Sequence[int] | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> list[Beneficiary]:
    """The people accompanied, by last name then first name: those who came to a session
    already held (begun before ``now``, not cancelled) — marked « Présent », or the person of an
    appointment marked « Réalisé » without attendance noted, as the Bilan counts participations
    (``stats.attended``). People only registered, marked absent or excused, or expected at a
    session still to come are not beneficiaries yet. With ``since``, only sessions begun that
    day (from midnight) or later; with ``participant_ids``, the people chosen, whoever they are.
    """
    from desktop_app.services.workshops.stats import attended

    now = now or datetime.now()
    query = select(Participant)
    if participant_ids is not None:
        query = query.where(Participant.id.in_(list(participant_ids)))
    else:
        helped = (
            select(Registration.participant_id)
            .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
            .where(WorkshopSession.status != "annule", WorkshopSession.start < now, attended())
        )
        if since is not None:
            helped = helped.where(
                WorkshopSession.start >= datetime.combine(since, datetime.min.time())
            )
        query = query.where(Participant.id.in_(helped))
    people = [
        p for p in session.scalars(query).all() if p.first_name.strip() and p.last_name.strip()
    ]
    people.sort(key=lambda p: (fold(p.last_name), fold(p.first_name), p.id))
    year = (today or now.date()).year
    return [_beneficiary(p, year) for p in people]


def write_workbook(path: Path | str, rows: Sequence[Beneficiary]) -> None:
    """Write the file atomically (a half-written workbook never replaces a good one)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.cell(1, 1, INSTRUCTIONS).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A1:J1")
    ws.row_dimensions[1].height = 90
    bold = Font(bold=True)
    for col, (head, sub) in enumerate(zip(HEADERS, SUB_HEADERS, strict=True), start=1):
        if head is not None:
            ws.cell(2, col, head).font = bold
        if sub is not None:
            ws.cell(3, col, sub).font = bold
    ws.merge_cells("D2:F2")
    for letter in "ABCGHIJ":
        ws.merge_cells(f"{letter}2:{letter}3")
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    for i, row in enumerate(rows):
        for col, value in enumerate(row.cells(), start=1):
            cell = ws.cell(FIRST_DATA_ROW + i, col, value)
            if col in (5, 6, 7):  # codes and phone keep their leading zeros
                cell.number_format = "@"
    lookup = wb.create_sheet("Communes")
    lookup.append(("Commune", "Code Insee", "Code postal"))
    seen = set()
    for row in rows:
        if row.insee and row.insee not in seen:
            seen.add(row.insee)
            lookup.append((row.commune, row.insee, row.postal_code))
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)


def export_beneficiaries(
    session: Session, path: Path | str, *, since: date | None = None,
    participant_ids: Sequence[int] | None = None, today: date | None = None,
    now: datetime | None = None,
) -> list[Beneficiary]:
    rows = beneficiaries(
        session, since=since, participant_ids=participant_ids, today=today, now=now
    )
    write_workbook(path, rows)
    return rows
