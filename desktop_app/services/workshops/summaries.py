"""Detached, printable summaries of sessions, shared by the programme, the sign-in sheet and
the certificates: labels already translated, themes in the programme's order, seats counted
with one grouped query for a whole list of sessions (no query per session)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from desktop_app.models.workshops import THEMES, Registration, SessionTheme, WorkshopSession
from desktop_app.services.structure import StructureInfo
from desktop_app.services.workshops.printable import SessionSummary

__all__ = ["SessionSummary", "default_venue", "session_summary", "summarise"]

_THEME_ORDER = {key: i for i, key in enumerate(THEMES)}
_CHUNK = 500


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
    # the summary reads its themes and counts itself: the session's four "selectin" lists
    # (themes, equipment, sub-themes, anonymous counts) are not loaded for nothing
    row = session.get(WorkshopSession, session_id, options=[lazyload("*")])
    if row is None:
        raise ValueError(f"La séance n° {session_id} n'existe pas (ou plus) dans la base.")
    return summarise(session, [row], structure)[0]
