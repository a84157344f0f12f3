"""What other areas may ask of the recruitment request (the only entry point they use).

Contract used by "Profils reçus" (quota, deadlines). Implemented by the request area.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session


def granted_posts(session: Session) -> int:
    """Number of posts granted ("postes attribués") by the validated request(s): the quota of
    candidates that may be validated. 0 when no request is validated."""
    raise NotImplementedError


def validation_date(session: Session) -> date | None:
    """Date on which the current request became "Validée", or None."""
    raise NotImplementedError
