"""The structure's rooms ("Salle d'animation", "Espace numérique"…): a short list kept in the
settings; a session takes one, and two sessions at the same time cannot share it."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.structure import get_setting, set_setting
from desktop_app.services.text import fold

SETTING_KEY = "workshops.rooms"
MAX_ROOMS = 20
MAX_LENGTH = 100


def rooms(session: Session) -> list[str]:
    try:
        value = json.loads(get_setting(session, SETTING_KEY, "[]"))
    except ValueError:
        return []
    return [str(v) for v in value if isinstance(v, str) and v.strip()]


def save_rooms(session: Session, names: list[str]) -> list[str]:
    """Keep the rooms typed, one per line, without duplicates (accents and case ignored)."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(raw.split())
        if not name or fold(name) in seen:
            continue
        if len(name) > MAX_LENGTH:
            raise FieldErrors(
                {"rooms": f"« {name[:40]}… » est trop long ({MAX_LENGTH} caractères au plus)."}
            )
        seen.add(fold(name))
        kept.append(name)
    if len(kept) > MAX_ROOMS:
        raise FieldErrors({"rooms": f"{MAX_ROOMS} salles au plus."})
    set_setting(session, SETTING_KEY, json.dumps(kept, ensure_ascii=False))
    session.flush()
    return kept
