"""Detached, printable summaries of sessions, shared by the programme, the sign-in sheet and
the certificates: labels already translated, themes in the programme's order, seats counted
with one grouped query for a whole list of sessions (no query per session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    LEVELS,
    PLACE_TYPES,
    SESSION_KINDS,
    SESSION_STATUSES,
    THEMES,
    Registration,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.structure import StructureInfo

_THEME_ORDER = {key: i for i, key in enumerate(THEMES)}
_CHUNK = 500


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


def default_venue(structure: StructureInfo) -> str:
    return structure.venue_name or structure.display_name


def summarise(
    session: Session, rows: Sequence[WorkshopSession], structure: StructureInfo
) -> list[SessionSummary]:
    """Summaries of ``rows`` in the same order."""
    ids = [r.id for r in rows]
    counts: dict[tuple[int, str], int] = {}
    themes: dict[int, list[str]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        for sid, status, n in session.execute(
            select(Registration.session_id, Registration.status, func.count())
            .where(Registration.session_id.in_(chunk))
            .group_by(Registration.session_id, Registration.status)
        ):
            counts[(sid, status)] = n
        for sid, theme in session.execute(
            select(SessionTheme.session_id, SessionTheme.theme).where(
                SessionTheme.session_id.in_(chunk)
            )
        ):
            themes.setdefault(sid, []).append(theme)
    venue = default_venue(structure)
    return [
        SessionSummary(
            id=r.id,
            kind=r.kind,
            title=r.title or "",
            level=r.level,
            place_type=r.place_type,
            venue=(r.venue or "").strip() or venue,
            start=r.start,
            duration_min=r.duration_min,
            capacity=r.capacity,
            status=r.status,
            themes=tuple(sorted(themes.get(r.id, []), key=lambda t: _THEME_ORDER.get(t, 99))),
            registered=counts.get((r.id, "inscrit"), 0),
            waiting=counts.get((r.id, "attente"), 0),
        )
        for r in rows
    ]


def session_summary(session: Session, session_id: int, structure: StructureInfo) -> SessionSummary:
    row = session.get(WorkshopSession, session_id)
    if row is None:
        raise ValueError(f"La séance n° {session_id} n'existe pas (ou plus) dans la base.")
    return summarise(session, [row], structure)[0]
