"""The personal-data documents, read from the base and written by ``documents.personal_data``:
the interface and the command line call these functions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.documents.personal_data.access import build_access
from desktop_app.documents.personal_data.notice import build_notice, build_register
from desktop_app.services.personal_data import notices
from desktop_app.services.personal_data.collect import person_data, write_json
from desktop_app.services.personal_data.records import RecordRef
from desktop_app.services.personal_data.settings import get_retention
from desktop_app.services.structure import get_structure

if TYPE_CHECKING:
    from desktop_app.db import Database


def write_access_pdf(db: Database, token: str, out: Path, generated: datetime,
                     expected: list[RecordRef] | None = None) -> Path:
    """The access copy of the person ``token`` names; ``expected``: the records the user saw,
    refused if they changed since (``records.person``)."""
    with db.session() as session:
        structure = get_structure(session)
        data = person_data(session, token, expected)
    build_access(out, structure, data, generated)
    return out


def write_access_json(db: Database, token: str, out: Path, generated: datetime,
                      expected: list[RecordRef] | None = None) -> Path:
    with db.session() as session:
        data = person_data(session, token, expected)
    return write_json(data, out, generated)


def write_notice(db: Database, audience: str, out: Path) -> Path:
    with db.session() as session:
        structure = get_structure(session)
        retention = get_retention(session)
    build_notice(out, structure, notices.notice(audience, structure, retention))
    return out


def write_register(db: Database, out: Path) -> Path:
    with db.session() as session:
        structure = get_structure(session)
        retention = get_retention(session)
    build_register(out, structure, notices.register_entries(structure, retention))
    return out
