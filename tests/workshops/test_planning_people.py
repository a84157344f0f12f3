"""Participants (one record per person, search first) and registrations (waiting list,
attendance)."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.db import Database
from desktop_app.services.workshops import ValidationError, WorkshopError
from desktop_app.services.workshops import participants as ps
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import add_person, add_session, setup_library

START = datetime(2026, 3, 10, 14, 0)


def test_search_ignores_accents_case_and_order(db: Database) -> None:
    add_person(db, "Hélène", "Brossard-Delacroix", commune="Luzy")
    add_person(db, "Gérard", "Lebœuf", phone="03 86 12 34 56")
    with db.session() as s:
        assert [p.full_name for p in ps.search(s, "helene brossard")] == [
            "Hélène Brossard-Delacroix"
        ]
        assert [p.full_name for p in ps.search(s, "BROSSARD hélène")] == [
            "Hélène Brossard-Delacroix"
        ]
        assert [p.full_name for p in ps.search(s, "0386123456")] == ["Gérard Lebœuf"]
        assert [p.full_name for p in ps.search(s, "luzy")] == ["Hélène Brossard-Delacroix"]


def test_same_name_needs_confirmation_and_contacts_are_checked(db: Database) -> None:
    add_person(db, "Odette", "Ménard")
    with db.session() as s, pytest.raises(ps.PossibleDuplicate) as err:
        ps.create_participant(s, ps.ParticipantInput(first_name="odette", last_name="MENARD"))
    assert "Une personne du même nom existe déjà : Odette Ménard" in str(err.value)
    with db.session() as s, pytest.raises(ValidationError) as bad:
        ps.create_participant(
            s, ps.ParticipantInput(first_name="Léa", last_name="Noël", phone="12", email="lea@")
        )
    assert set(bad.value.errors) == {"phone", "email"}
    with db.session() as s:
        pid = ps.create_participant(
            s, ps.ParticipantInput(first_name="Léa", last_name="Noël", phone="0386123456")
        )
        assert ps.get_participant(s, pid).phone == "03 86 12 34 56"


def test_waiting_list_moves_up_when_someone_cancels(db: Database) -> None:
    setup_library(db)
    sid = add_session(db, START, capacity=2)
    a, b, c, d = (add_person(db, f, "Martin") for f in ("Anne", "Bruno", "Chloé", "Denis"))
    with db.session() as s:
        ra = rg.register(s, sid, a)
        rb = rg.register(s, sid, b)
        rc = rg.register(s, sid, c)
        rd = rg.register(s, sid, d)
    assert (ra.status, rb.status, rc.status, rd.status) == (
        "inscrit",
        "inscrit",
        "attente",
        "attente",
    )
    assert rc.message == (
        "La séance est complète (2 places) : Chloé Martin est sur la liste d'attente (position 1)."
    )
    with db.session() as s:
        with pytest.raises(WorkshopError, match="Anne Martin est déjà inscrite"):
            rg.register(s, sid, a)
        message = rg.unregister(s, ra.registration_id)
    assert message == (
        "Anne Martin est désinscrit(e). Chloé Martin quitte la liste d'attente et est inscrit(e)."
    )
    with db.session() as s:
        rows = rg.registrations_for(s, sid)
        assert [(r.first_name, r.status_label) for r in rows] == [
            ("Bruno", "Inscrit"),
            ("Chloé", "Inscrit"),
            ("Denis", "Liste d'attente (1)"),
            ("Anne", "Désinscrit"),
        ]
        # more places: the waiting list empties by itself
        data = ss.get_session(s, sid)
        data.capacity = 3
        ss.update_session(s, sid, data)
        assert [r.status for r in rg.registrations_for(s, sid)][:3] == ["inscrit"] * 3


def test_attendance_for_registered_people_only(db: Database) -> None:
    setup_library(db)
    sid = add_session(db, START, capacity=1)
    a, b = add_person(db, "Anne", "Petit"), add_person(db, "Bruno", "Grand")
    with db.session() as s:
        ra = rg.register(s, sid, a)
        rb = rg.register(s, sid, b)
        rg.set_attendance(s, ra.registration_id, "present")
        with pytest.raises(WorkshopError, match="n'est pas inscrit"):
            rg.set_attendance(s, rb.registration_id, "present")
        rg.set_attendance(s, ra.registration_id, "excuse")
        assert [r.attendance_label for r in rg.registrations_for(s, sid)] == ["Excusé", ""]


def test_individual_session_has_one_person(db: Database) -> None:
    setup_library(db)
    pid = add_person(db, "Maurice", "Château")
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            ss.create_session(
                s, ss.SessionInput(kind="individuel", themes=["demarches"], start=START)
            )
        assert err.value.errors == {
            "participant": "Choisissez la personne accompagnée (ou créez-la)."
        }
        sid = ss.create_session(
            s,
            ss.SessionInput(
                kind="individuel",
                themes=["demarches"],
                start=START,
                duration_min=45,
                participant_id=pid,
                autonomy="autonome",
                referral="France Services",
            ),
        )
        d = ss.get_session(s, sid)
        assert (d.person_name, d.capacity, d.autonomy) == ("Maurice Château", 1, "autonome")
        [row] = ss.sessions_between(s, START, datetime(2026, 3, 11))
        assert row.display_title == "Accompagnement — Maurice Château"
        with pytest.raises(WorkshopError, match="une seule personne"):
            rg.register(s, sid, pid)
