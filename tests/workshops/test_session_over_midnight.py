"""A session ends the day it starts: « 23:30 » with 2 h (a mistyped hour, its end at 01:30 the
next morning, before its start on the clock) is refused with the end it would have; one that
ends at midnight exactly is accepted."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.services.workshops import ValidationError
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import setup_library, workshop


def test_a_session_running_past_midnight_is_refused(db) -> None:  # noqa: ANN001
    setup_library(db)
    data = workshop(datetime(2027, 1, 15, 23, 30), duration_min=120, place_type="autre_lieu",
                    venue="Salle des fêtes de Saint-Éloi-des-Bois")
    with db.session() as s:
        errors = ss.check(s, data).errors
        assert errors["duration_min"] == (
            "La séance doit finir le jour où elle commence : avec 2 h, elle finirait le "
            "16/01/2027 à 01:30. Vérifiez l'heure de début et la durée."
        )
        with pytest.raises(ValidationError):
            ss.create_session(s, data, allow_warnings=True)


def test_a_session_ending_at_midnight_is_accepted(db) -> None:  # noqa: ANN001
    setup_library(db)
    data = workshop(datetime(2027, 1, 15, 23, 30), duration_min=30, place_type="autre_lieu",
                    venue="Salle des fêtes de Saint-Éloi-des-Bois")
    with db.session() as s:
        assert "duration_min" not in ss.check(s, data).errors
