"""Small builders shared by the planning and tab tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.db import Database
from desktop_app.models.kit import KitItem
from desktop_app.services.kit import api as kit_api
from desktop_app.services.structure import StructureInfo, save_structure
from desktop_app.services.workshops import participants as ps
from desktop_app.services.workshops import sessions as ss

HOURS = {
    "mo": [],
    "tu": [("14:00", "18:30")],
    "we": [("09:00", "12:00"), ("14:00", "18:30")],
    "th": [("14:00", "18:30")],
    "fr": [("14:00", "19:00")],
    "sa": [("09:00", "12:30")],
    "su": [],
}


def setup_library(db: Database) -> None:
    with db.session() as s:
        save_structure(
            s,
            StructureInfo(
                name="Commune de Saint-Éloi-des-Bois",
                commune="Saint-Éloi-des-Bois",
                venue_name="Bibliothèque « Les Mots Passants »",
                opening_hours=HOURS,
            ),
        )


def workshop(start: datetime, **kw) -> ss.SessionInput:  # noqa: ANN003
    values = dict(
        kind="collectif",
        title="Premiers pas sur tablette",
        themes=["materiel"],
        level="debutant",
        venue="Bibliothèque « Les Mots Passants »",
        start=start,
        duration_min=120,
        capacity=8,
        equipment=["tablette"],
    )
    values.update(kw)
    return ss.SessionInput(**values)


def add_session(db: Database, start: datetime, **kw) -> int:  # noqa: ANN003
    with db.session() as s:
        return ss.create_session(s, workshop(start, **kw), allow_warnings=True)


def add_person(db: Database, first: str, last: str, **kw) -> int:  # noqa: ANN003
    with db.session() as s:
        return ps.create_participant(
            s, ps.ParticipantInput(first_name=first, last_name=last, **kw), allow_same_name=True
        )


def add_kit_items(db: Database, category_name: str, count: int, condition: str = "bon") -> int:
    with db.session() as s:
        cid = dict((name, cid) for cid, name in kit_api.reservable_categories(s))[category_name]
        start = s.query(KitItem).count()
        for i in range(count):
            s.add(
                KitItem(
                    inventory_number=f"TEST-{start + i + 1:04d}",
                    category_id=cid,
                    condition=condition,
                )
            )
        return cid


@pytest.fixture
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box a test did not expect fails the test instead of waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
