"""La Coop's activity model: the migration of older bases, derived age brackets, several
conseillers (clashes per conseiller and per room, training days of that conseiller only)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.db import alembic_config, open_database
from desktop_app.models.profiles import Profile, TrainingSession
from desktop_app.models.workshops import PLACE_TYPES, Participant, WorkshopSession, age_bracket_of
from desktop_app.services.workshops import ConflictError, ValidationError
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops import participants as ps
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import add_session, workshop

MONDAY = datetime(2027, 3, 15, 10, 0)


def test_an_old_base_keeps_its_sessions_and_people(tmp_path: Path) -> None:
    base = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{base}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0300_workshops")
        conn.execute(text(
            "INSERT INTO participant (id, first_name, last_name, phone, email, age_bracket, "
            "social_status, gender, commune, helped_before, notes, created_at) VALUES "
            "(1, 'Hélène', 'Brossard', '', '', '60_69', 'retraite', 'feminin', "
            "'Saint-Pierre-le-Moûtier', 0, 'n', '2026-01-01 00:00:00')"
        ))
        for sid, referral in ((1, "France Services de Decize"), (2, "")):
            conn.execute(text(
                "INSERT INTO workshop_session (id, kind, title, place_type, venue, start, "
                "duration_min, notes, status, referral, anonymous_count, created_at, "
                "updated_at) VALUES (:id, 'individuel', '', 'lieu_activite', '', "
                "'2026-05-04 10:00:00', 45, '', 'realise', :ref, 3, '2026-05-01 00:00:00', "
                "'2026-05-01 00:00:00')"
            ), {"id": sid, "ref": referral})
    engine.dispose()
    db = open_database(base)
    try:
        with db.session() as s:
            p = s.get(Participant, 1)
            assert (p.age_bracket, p.birth_year, p.insee_code, p.commune) == (
                "60_69", None, "", "Saint-Pierre-le-Moûtier"
            )
            # no birth year: the typed bracket stays
            assert ps.age_bracket(p.birth_year, p.age_bracket, 2027) == "60_69"
            first, second = s.get(WorkshopSession, 1), s.get(WorkshopSession, 2)
            assert (first.referred, first.referral, first.redirection) == (
                True, "France Services de Decize", None
            )
            assert (second.referred, second.anonymous_count, second.conseiller_name) == (
                False, 3, ""
            )
            assert first.lacoop_entered_at is None and first.admin_themes == []
    finally:
        db.close()


def test_age_bracket_thresholds() -> None:
    year = 2027
    # ages: 11, 12, 17, 18, 24, 39, 40, 59, 60, 69, 70
    cases = {2016: "moins_12", 2015: "12_17", 2010: "12_17", 2009: "18_24", 2003: "18_24",
             1988: "25_39", 1987: "40_59", 1968: "40_59", 1967: "60_69", 1958: "60_69",
             1957: "70_plus"}
    for born, bracket in cases.items():
        assert age_bracket_of(born, year) == bracket, born
    assert age_bracket_of(None, year) is None


def test_la_coop_labels_keep_typographic_apostrophes() -> None:
    assert PLACE_TYPES["lieu_activite"] == "Lieu d’activité"


def test_a_person_with_a_birth_year_and_codes(db) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = ps.create_participant(s, ps.ParticipantInput(
            first_name="Léa", last_name="Noël", birth_year=1950, age_bracket="25_39",
            postal_code="58240", insee_code="58264", commune="st pierre",
        ))
        p = s.get(Participant, pid)
        assert p.commune == "Saint-Pierre-le-Moûtier"  # the official name goes with the code
        assert p.age_bracket == age_bracket_of(1950, date.today().year)
        with pytest.raises(ValidationError) as err:
            ps.create_participant(s, ps.ParticipantInput(
                first_name="Jean", last_name="Faux", postal_code="58000", insee_code="58264",
                birth_year=1899,
            ))
        assert "58000" in err.value.errors["commune"]
        assert "1900" in err.value.errors["birth_year"]


def _conseillers(db) -> tuple[int, int]:  # noqa: ANN001
    with db.session() as s:
        a = Profile(first_name="Camille", last_name="Martin", email="c@x.fr", status="recrute")
        b = Profile(first_name="Yanis", last_name="Roussel", email="y@x.fr", status="recrute")
        s.add_all([a, b])
        s.flush()
        s.add(TrainingSession(profile_id=a.id, start_date=date(2027, 3, 22),
                              end_date=date(2027, 3, 26), organisation="Centre de Nevers"))
        return a.id, b.id


def test_two_conseillers_overlap_in_two_rooms_but_not_in_one(db) -> None:  # noqa: ANN001
    camille, yanis = _conseillers(db)
    add_session(db, MONDAY, conseiller_profile_id=camille, conseiller_name="Camille Martin",
                room="Salle d'animation")
    # another conseiller, another room, same time: accepted
    add_session(db, MONDAY, title="Mes démarches en ligne", conseiller_profile_id=yanis,
                conseiller_name="Yanis Roussel", room="Espace numérique")
    # another conseiller in the room already taken: refused, naming the room
    with pytest.raises(ConflictError) as err:
        add_session(db, MONDAY.replace(hour=11), conseiller_profile_id=yanis,
                    conseiller_name="Yanis Roussel", room="salle d’animation ")
    assert any("La salle « Salle d'animation » est déjà prise" in m for m in err.value.messages)
    # the same conseiller elsewhere at that time: refused, naming them
    with pytest.raises(ConflictError) as err:
        add_session(db, MONDAY.replace(hour=11), conseiller_profile_id=camille,
                    conseiller_name="Camille Martin", room="Bureau")
    assert any(m.startswith("Camille Martin a déjà une séance") for m in err.value.messages)
    # a named mediator is someone else again
    add_session(db, MONDAY, title="Café numérique", conseiller_name="Jeanne Lebœuf")
    with db.session() as s:
        rows = ss.sessions_between(s, MONDAY.replace(hour=0), MONDAY.replace(hour=23),
                                   conseiller=cf.conseiller_key(yanis, ""))
        assert [r.title for r in rows] == ["Mes démarches en ligne"]
        assert rows[0].room == "Espace numérique"


def test_training_days_warn_only_for_that_conseiller(db) -> None:  # noqa: ANN001
    camille, yanis = _conseillers(db)
    day = datetime(2027, 3, 23, 10, 0)
    with db.session() as s:
        mine = ss.check(s, workshop(day, conseiller_profile_id=camille))
        other = ss.check(s, workshop(day, conseiller_profile_id=yanis))
        mediator = ss.check(s, workshop(day, conseiller_name="Jeanne Lebœuf"))
    assert any("jour de formation" in w and "Camille Martin" in w for w in mine.warnings)
    assert not any("formation" in w for w in other.warnings + mediator.warnings)


def test_anonymous_breakdown_is_kept_and_checked(db) -> None:  # noqa: ANN001
    sid = add_session(db, MONDAY, anonymous_count=4,
                      anonymous={"gender": {"feminin": 3, "masculin": 1}, "age": {"70_plus": 2}})
    with db.session() as s:
        d = ss.get_session(s, sid)
        assert d.anonymous == {"gender": {"feminin": 3, "masculin": 1}, "age": {"70_plus": 2}}
        d.anonymous = {"status": {"retraite": 5}}
        with pytest.raises(ValidationError) as err:
            ss.update_session(s, sid, d, allow_warnings=True)
        assert "5 participants anonymes sont répartis pour 4" in err.value.errors["anonymous"]
