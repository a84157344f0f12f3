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
from desktop_app.services.formatting import date_short, duration_minutes, time_short
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
    # who led this certificate's session, by name ("" when nobody is known: a line to fill
    # in); ``leader_is_conseiller`` when that person is a recruited conseiller numérique, so
    # that a mediator who is not one is never given the title
    leader: str = ""
    leader_is_conseiller: bool = True

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()


@dataclass(frozen=True)
class CertificateBatch:
    structure: StructureInfo
    items: list[Certificate]
    issued: date
    # the conseiller named on a certificate whose own ``leader`` is "" (batches built by hand);
    # ``load_certificates`` gives every certificate its leader
    conseiller: str = ""


@dataclass(frozen=True)
class ProgrammeData:
    structure: StructureInfo
    year: int
    month: int
    sessions: list[SessionSummary]
    # when the programme is printed: a workshop begun before then offers no seats any more
    # (« Terminé », « En cours »); None prints every workshop's places
    printed_at: datetime | None = None

    def places_label(self, item: SessionSummary) -> str:
        """``item.places_label()``, or « Terminé » / « En cours » once the workshop has begun."""
        if item.status != "annule" and self.printed_at is not None and item.start <= self.printed_at:
            return "En cours" if item.end > self.printed_at else "Terminé"
        return item.places_label()

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


NO_THEME = "Sans thématique renseignée"


@dataclass
class Breakdown:
    """One table of the report. Its rows split the counted sessions (or people) with no
    overlap, except when ``overlapping``: a session with several themes sits in each of them,
    so that table shows both the sum of its rows and the distinct total (see
    ``breakdown_total_cells``)."""

    title: str  # "Par thématique"
    column: str  # "Thématique"
    rows: list[BreakdownRow]
    by_people: bool = False  # age and status: counts people rather than sessions
    overlapping: bool = False

    def total(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows)


@dataclass
class ActivityReport:
    period: Period
    counted_until: datetime | None = None  # sessions begun before this moment are counted
    workshops: int = 0
    individual: int = 0
    cancelled: int = 0
    people: int = 0
    participations: int = 0
    anonymous: int = 0
    minutes: int = 0
    planned: int = 0  # sessions of the period still to come: shown apart, never counted
    # the first of them: once it has begun, the figures are out of date
    next_planned_start: datetime | None = None
    breakdowns: list[Breakdown] = field(default_factory=list)
    conseiller: str = ""  # the one conseiller covered, by name; "" for the whole structure

    def scope_label(self) -> str:
        """Whose activity the figures are: printed on the PDF, in the CSV and on screen."""
        from desktop_app.services.lacoop.conseillers import UNNAMED

        if self.conseiller == UNNAMED:
            return "Séances sans conseiller précisé"
        return f"Conseiller : {self.conseiller}" if self.conseiller else "Toute la structure"

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
            ("Séances à venir (non comptées)", str(self.planned)),
            ("Séances annulées (non comptées)", str(self.cancelled)),
        ]

    def counting_rule(self) -> str:
        """The one sentence, on the report, in the tab and in the CSV, that says what counts."""
        moment = self.counted_until
        when = (
            f"le {date_short(moment.date())} à {time_short(moment)}"
            if moment
            else "la date du bilan"
        )
        return (
            "Ne sont comptées que les séances qui ont eu lieu : non annulées et commencées "
            f"avant {when}, qu'elles soient marquées «\u00a0Réalisé\u00a0» ou encore "
            "«\u00a0Planifié\u00a0». Les séances à venir et les séances annulées sont indiquées "
            "à part, sans être comptées."
        )


def decimal_fr(value: float, digits: int = 1) -> str:
    """ "12,5": a decimal comma and no thousands separator, so spreadsheets read it as a number."""
    return f"{value:.{digits}f}".replace(".", ",")


def percent_fr(part: int, whole: int) -> str:
    return f"{decimal_fr(100 * part / whole)} %" if whole else ""


def breakdown_header(breakdown: Breakdown) -> list[str]:
    if breakdown.by_people:
        return [breakdown.column, "Personnes", "Participations", "Part des personnes"]
    return [breakdown.column, "Séances", "Participations", "Part des séances"]


def breakdown_total_cells(breakdown: Breakdown, report: ActivityReport) -> list[list[str]]:
    """The total line(s) under a breakdown, the same in the tab, the CSV and the PDF.

    A table that splits the sessions ends with "Total", equal to the key figures. The themes
    overlap: their rows add up to more than the sessions, so the sum of the rows is given for
    what it is, followed by the distinct total, equal to the key figures."""
    if breakdown.by_people:
        return [["Total", str(breakdown.total("people")), str(breakdown.total("participations")),
                 percent_fr(breakdown.total("people"), report.people)]]
    if not breakdown.overlapping:
        return [["Total", str(breakdown.total("sessions")),
                 str(breakdown.total("participations")),
                 percent_fr(breakdown.total("sessions"), report.sessions)]]
    return [
        [
            "Somme des lignes (une séance à plusieurs thématiques compte pour chacune)",
            str(breakdown.total("sessions")),
            str(breakdown.total("participations")),
            "",
        ],
        ["Total (séances distinctes)", str(report.sessions), str(report.participations),
         percent_fr(report.sessions, report.sessions)],
    ]


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


