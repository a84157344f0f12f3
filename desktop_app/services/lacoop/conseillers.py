"""Who may hold a session, and who can be chosen to filter the planner or the La Coop list:
the recruited conseillers (profiles area), then the mediators named on sessions who are not
conseillers, then "Conseiller non précisé" when older sessions have nobody."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.text import fold
from desktop_app.services.workshops.conflicts import conseiller_key

UNNAMED = "Conseiller non précisé"


@dataclass(frozen=True)
class Holder:
    key: str  # conflicts.conseiller_key
    name: str
    profile_id: int | None = None

    @property
    def label(self) -> str:
        if not self.key:
            return UNNAMED
        return self.name if self.profile_id else f"{self.name} (autre intervenant)"


def recruited(session: Session) -> list[Holder]:
    from desktop_app.services.profiles import api as profiles_api

    try:
        found = profiles_api.recruited_conseillers(session)
    except NotImplementedError:
        return []
    return [Holder(conseiller_key(c.profile_id, c.name), c.name, c.profile_id) for c in found]


def holders(session: Session) -> list[Holder]:
    """Every holder to choose from, recruited conseillers first."""
    found = recruited(session)
    keys = {h.key for h in found}
    others: list[Holder] = []
    for pid, name in session.execute(
        select(WorkshopSession.conseiller_profile_id, WorkshopSession.conseiller_name).distinct()
    ):
        key = conseiller_key(pid, name)
        if key in keys:
            continue
        keys.add(key)
        others.append(Holder(key, name.strip(), pid))
    others.sort(key=lambda h: (not h.key, fold(h.name)))
    return found + others


def holder_for(session: Session, key: str) -> Holder:
    """The holder of ``key`` (a ``conflicts.conseiller_key``); an unknown key still gets a
    holder, named after itself, so that a report never loses who it is about."""
    for h in holders(session):
        if h.key == key:
            return h
    return Holder(key, key.split(":", 1)[-1] or UNNAMED)


def find_holder(session: Session, text: str) -> Holder:
    """The holder whose name is ``text`` (accents, case and spaces ignored), as typed on the
    command line. ``LookupError`` says in French which names can be given."""
    wanted = " ".join(fold(text).split())
    found = holders(session)
    for h in found:
        if wanted in (" ".join(fold(h.name).split()), " ".join(fold(h.label).split())):
            return h
    names = ", ".join(f"« {h.label} »" for h in found if h.key) or "aucun"
    raise LookupError(
        f"aucun conseiller ne s'appelle « {text} » : noms possibles : {names}"
    )
