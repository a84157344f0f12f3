"""The plain, detached data the printed documents of the "Ateliers" tab show.

Why a module of its own: ``documents/workshops`` builds PDFs from these dataclasses and nothing
else, and the services that fill them (``summaries``, ``programme``, ``attestations``,
``stats``) never import a document. ``printing`` is the one place that loads the data and calls
``documents``, so neither layer imports the other in both directions. Nothing here opens a
database session or runs a query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop_app.models.workshops import (
    LEVELS,
    PLACE_TYPES,
    SESSION_KINDS,
    SESSION_STATUSES,
    THEMES,
)
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.structure import StructureInfo
from desktop_app.services.workshops.periods import Period, month_period


@dataclass(frozen=True)
class SessionSummary:
    id: int
    kind: str
    title: str
    level: str | None
    place_type: str
    venue: str  # the session's own venue, or the library's when none was given
    start: datetime
    duration_min: int
    capacity: int | None
    status: str
    themes: tuple[str, ...]  # stored values, programme order
    registered: int  # "inscrit"
    waiting: int  # "attente"

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_min)

    @property
    def kind_label(self) -> str:
        return SESSION_KINDS.get(self.kind, self.kind)

    @property
    def display_title(self) -> str:
        return self.title.strip() or self.kind_label

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level or "", "")

    @property
    def place_label(self) -> str:
        return PLACE_TYPES.get(self.place_type, self.place_type)

    @property
    def status_label(self) -> str:
        return SESSION_STATUSES.get(self.status, self.status)

    @property
    def theme_labels(self) -> list[str]:
        return [THEMES.get(t, t) for t in self.themes]

    @property
    def duration_label(self) -> str:
        return duration_minutes(self.duration_min)

    @property
    def places_left(self) -> int | None:
        """Seats still free, ``None`` when the session has no capacity limit."""
        if not self.capacity:
            return None
        return max(self.capacity - self.registered, 0)

    def places_label(self) -> str:
        """ "5 places restantes", "1 place restante", "Complet — liste d'attente", "Entrée libre"."""
        if self.status == "annule":
            return "Annulé"
        left = self.places_left
        if left is None:
            return "Entrée libre"
        if left == 0:
            return "Complet — liste d'attente"
        return f"{left} place restante" if left == 1 else f"{left} places restantes"


@dataclass(frozen=True)
class Certificate:
    first_name: str
    last_name: str
    summary: SessionSummary

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()


@dataclass(frozen=True)
class CertificateBatch:
    structure: StructureInfo
    items: list[Certificate]
    issued: date
    conseiller: str = ""  # who led the sessions, named on each certificate ("" when unknown)


@dataclass(frozen=True)
class ProgrammeData:
    structure: StructureInfo
    year: int
    month: int
    sessions: list[SessionSummary]

    @property
    def period(self) -> Period:
        return month_period(self.year, self.month)


@dataclass(frozen=True)
class SheetPerson:
    last_name: str
    first_name: str
    commune: str


@dataclass(frozen=True)
class SignInData:
    structure: StructureInfo
    summary: SessionSummary
    people: list[SheetPerson]  # registered ("inscrit"), sorted by name
    waiting: list[SheetPerson]  # waiting list, in arrival order


DURATION_BRACKETS = {
    "moins_30": "Moins de 30 min",
    "30_60": "30 min à 1 h",
    "60_120": "1 h à 2 h",
    "120_plus": "2 h et plus",
}


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    sessions: int = 0
    participations: int = 0
    people: int = 0


@dataclass
class Breakdown:
    title: str  # "Par thématique"
    column: str  # "Thématique"
    rows: list[BreakdownRow]
    by_people: bool = False  # age and status: counts people rather than sessions

    def total(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows)


@dataclass
class ActivityReport:
    period: Period
    workshops: int = 0
    individual: int = 0
    cancelled: int = 0
    people: int = 0
    participations: int = 0
    anonymous: int = 0
    minutes: int = 0
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def sessions(self) -> int:
        return self.workshops + self.individual

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def breakdown(self, column: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.column == column)

    def key_figures(self) -> list[tuple[str, str]]:
        """(label, value) pairs in reading order, values written the French way."""
        return [
            ("Ateliers collectifs", str(self.workshops)),
            ("Accompagnements individuels", str(self.individual)),
            ("Personnes distinctes", str(self.people)),
            ("Participations (présences)", str(self.participations)),
            ("dont participants non inscrits nominativement", str(self.anonymous)),
            ("Heures d'activité", decimal_fr(self.hours)),
            ("Séances annulées (non comptées)", str(self.cancelled)),
        ]


def decimal_fr(value: float, digits: int = 1) -> str:
    """ "12,5": a decimal comma and no thousands separator, so spreadsheets read it as a number."""
    return f"{value:.{digits}f}".replace(".", ",")


def percent_fr(part: int, whole: int) -> str:
    return f"{decimal_fr(100 * part / whole)} %" if whole else ""


def breakdown_header(breakdown: Breakdown) -> list[str]:
    if breakdown.by_people:
        return [breakdown.column, "Personnes", "Participations", "Part des personnes"]
    return [breakdown.column, "Séances", "Participations", "Part des séances"]


def breakdown_cells(breakdown: Breakdown, report: ActivityReport) -> list[list[str]]:
    """Rows of a breakdown as text, shares written with a decimal comma."""
    cells = []
    for row in breakdown.rows:
        if breakdown.by_people:
            cells.append(
                [
                    row.label,
                    str(row.people),
                    str(row.participations),
                    percent_fr(row.people, report.people),
                ]
            )
        else:
            cells.append(
                [
                    row.label,
                    str(row.sessions),
                    str(row.participations),
                    percent_fr(row.sessions, report.sessions),
                ]
            )
    return cells


