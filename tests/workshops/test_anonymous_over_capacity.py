"""More people than seats is asked about before it is saved: 12 registered and « 40 » typed in
« Venus sans inscription » for a room of 12 would put 52 participations in the Bilan and in La
Coop without a word. Within the seats, or unchanged, nothing is asked."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.services.workshops import WarningsNotAccepted
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import add_person, add_session, setup_library

TUESDAY = datetime(2026, 12, 1, 14, 30)


def test_anonymous_over_the_seats_is_a_warning(db) -> None:  # noqa: ANN001
    setup_library(db)
    sid = add_session(db, TUESDAY, capacity=12)
    people = [add_person(db, "Marie-Bénédicte", f"d'Aubigné-{i:02d}") for i in range(12)]
    with db.session() as s:
        for person in people:
            rg.register(s, sid, person)
    with db.session() as s:
        data = ss.get_session(s, sid)
        data.anonymous_count = 40
        with pytest.raises(WarningsNotAccepted) as err:
            ss.update_session(s, sid, data)
    assert err.value.messages == [
        "12\u00a0inscrits et 40\u00a0venus sans inscription : 52\u00a0personnes pour "
        "12\u00a0places. Vérifiez le nombre de venus sans inscription."
    ]
    with db.session() as s:
        data = ss.get_session(s, sid)
        data.anonymous_count = 40
        ss.update_session(s, sid, data, allow_warnings=True)  # confirmed: saved
    with db.session() as s:
        data = ss.get_session(s, sid)
        assert data.anonymous_count == 40
        data.notes = "Salle comble."
        ss.update_session(s, sid, data)  # nothing changed in the counts: not asked again


def test_anonymous_within_the_seats_is_not_asked(db) -> None:  # noqa: ANN001
    setup_library(db)
    with db.session() as s:
        ss.create_session(
            s,
            ss.SessionInput(
                kind="collectif", title="Café numérique", themes=["navigation"],
                venue="Bibliothèque « Les Mots Passants »", start=TUESDAY, duration_min=60,
                capacity=12, anonymous_count=12, equipment=["tablette"], status="realise",
            ),
        )
    with db.session() as s, pytest.raises(WarningsNotAccepted) as err:
        ss.create_session(
            s,
            ss.SessionInput(
                kind="collectif", title="Café numérique", themes=["navigation"],
                venue="Bibliothèque « Les Mots Passants »", start=TUESDAY.replace(hour=16),
                duration_min=60, capacity=12, anonymous_count=13, equipment=["tablette"],
                status="realise",
            ),
        )
    # nobody registered yet (a new workshop): the unregistered people and the seats alone
    assert err.value.messages[-1] == (
        "13\u00a0venus sans inscription pour 12\u00a0places. Vérifiez le nombre de venus sans "
        "inscription."
    )
