"""Sessions, conflicts and warnings, series (services, on a temporary database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop_app.db import Database
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.kit import api as kit_api
from desktop_app.services.profiles import api as profiles_api
from desktop_app.services.workshops import ConflictError, ValidationError, WarningsNotAccepted
from desktop_app.services.workshops import calendar as cal
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import add_kit_items, add_session, setup_library, workshop

TUESDAY = datetime(2026, 3, 10, 14, 0)
JEANNE = "Jeanne Lebœuf"  # a named mediator: sessions naming nobody never clash on the conseiller


def test_create_then_read_back(db: Database) -> None:
    setup_library(db)
    sid = add_session(db, TUESDAY, notes="Apporter sa tablette si possible")
    with db.session() as s:
        d = ss.get_session(s, sid)
        assert ss.default_venue(s) == "Bibliothèque « Les Mots Passants »"
    assert (d.title, d.themes, d.equipment, d.duration_min) == (
        "Premiers pas sur tablette",
        ["materiel"],
        ["tablette"],
        120,
    )
    assert d.end == datetime(2026, 3, 10, 16, 0)


def test_field_errors_in_french(db: Database) -> None:
    with db.session() as s, pytest.raises(ValidationError) as err:
        ss.create_session(s, workshop(TUESDAY, title=" ", themes=[], duration_min=2, capacity=0))
    assert set(err.value.errors) == {"title", "themes", "duration_min", "capacity"}
    assert err.value.errors["themes"] == "Cochez au moins une thématique."
    with db.session() as s:
        assert s.scalar(select(WorkshopSession.id)) is None


def test_conseiller_busy_is_refused_with_the_clash_named(db: Database) -> None:
    setup_library(db)
    add_session(db, TUESDAY, title="Sécuriser ses comptes en ligne", conseiller_name=JEANNE)
    with db.session() as s, pytest.raises(ConflictError) as err:
        ss.create_session(
            s, workshop(TUESDAY + timedelta(hours=1), title="Autre", conseiller_name=JEANNE)
        )
    assert err.value.messages == [
        "Jeanne Lebœuf a déjà une séance le mardi 10 mars 2026 de 14:00 à 16:00 : « Sécuriser "
        "ses comptes en ligne ». Choisissez un autre horaire."
    ]
    # right after is fine; a cancelled session no longer blocks its time
    add_session(db, TUESDAY + timedelta(hours=2), title="Juste après", conseiller_name=JEANNE)
    with db.session() as s:
        first = s.scalars(select(WorkshopSession).order_by(WorkshopSession.id)).first()
        ss.cancel_session(s, first.id)
    add_session(db, TUESDAY + timedelta(minutes=30), title="À la place", duration_min=60,
                conseiller_name=JEANNE)


def test_warnings_holiday_closed_hours_training_day(db: Database, monkeypatch) -> None:  # noqa: ANN001
    setup_library(db)
    with db.session() as s, pytest.raises(WarningsNotAccepted) as err:
        ss.create_session(s, workshop(datetime(2026, 5, 1, 14, 0)))  # Friday, 1st May
    assert err.value.messages == ["Le 01/05/2026 est un jour férié (Fête du Travail)."]
    with db.session() as s, pytest.raises(WarningsNotAccepted) as err:
        ss.create_session(s, workshop(datetime(2026, 3, 9, 10, 0)))  # Monday: closed
    assert err.value.messages == [
        "Le 09/03/2026 de 10:00 à 12:00 est en dehors des horaires d'ouverture de la "
        "bibliothèque (fermée ce jour-là)."
    ]
    with db.session() as s, pytest.raises(WarningsNotAccepted) as err:
        ss.create_session(s, workshop(datetime(2026, 3, 11, 11, 0)))  # ends after 12:00
    assert "ouverte le mercredi : 09:00-12:00, 14:00-18:30" in err.value.messages[0]
    # at home, opening hours do not matter
    with db.session() as s:
        ss.create_session(s, workshop(datetime(2026, 3, 9, 10, 0), place_type="domicile"))

    def periods(_s, start, end):  # noqa: ANN001, ANN202
        return [
            profiles_api.TrainingPeriod(
                date(2026, 3, 17), date(2026, 3, 18), "Formation initiale — Léa Martin"
            )
        ]

    monkeypatch.setattr(profiles_api, "training_periods", periods)
    with db.session() as s, pytest.raises(WarningsNotAccepted) as err:
        ss.create_session(s, workshop(datetime(2026, 3, 17, 14, 0)))
    assert err.value.messages == [
        "Le 17/03/2026 est un jour de formation : Formation initiale — Léa Martin."
    ]
    with db.session() as s:  # allowed once confirmed
        ss.create_session(s, workshop(datetime(2026, 3, 17, 14, 0)), allow_warnings=True)
        assert cal.training_days(s, date(2026, 3, 16), date(2026, 3, 22)) == {
            date(2026, 3, 17): "Formation initiale — Léa Martin",
            date(2026, 3, 18): "Formation initiale — Léa Martin",
        }


def test_kit_shortage_refused_and_cancel_releases(db: Database) -> None:
    setup_library(db)
    tablets = add_kit_items(db, "Tablettes", 3)
    add_kit_items(db, "Tablettes", 1, condition="en_panne")
    first = add_session(db, TUESDAY, kit={tablets: 2}, conseiller_name=JEANNE)
    with db.session() as s:
        assert kit_api.reserved_for(s, f"atelier:{first}") == {tablets: 2}
    # overlapping: the conseiller is busy AND only one tablet is left; both are said
    with db.session() as s, pytest.raises(ConflictError) as err:
        ss.create_session(
            s, workshop(TUESDAY + timedelta(hours=1), kit={tablets: 2}, duration_min=60,
                        conseiller_name=JEANNE)
        )
    assert err.value.messages[0].startswith("Jeanne Lebœuf a déjà une séance")
    assert err.value.messages[1] == "2 tablettes demandées, 1 disponible le 10/03 de 15:00 à 16:00"
    # another day: the broken tablet does not count
    with db.session() as s, pytest.raises(ConflictError) as err:
        ss.create_session(s, workshop(TUESDAY + timedelta(days=1), kit={tablets: 4}))
    assert err.value.messages == ["4 tablettes demandées, 3 disponibles le 11/03 de 14:00 à 16:00"]
    with db.session() as s:
        ss.cancel_session(s, first)
        assert kit_api.reserved_for(s, f"atelier:{first}") == {}
        ss.create_session(
            s, workshop(TUESDAY + timedelta(hours=1), kit={tablets: 3}, duration_min=60)
        )


def test_update_rechecks_only_what_changed(db: Database) -> None:
    setup_library(db)
    sid = add_session(db, datetime(2026, 5, 1, 14, 0))  # a holiday, accepted at creation
    with db.session() as s:
        data = ss.get_session(s, sid)
        data.notes = "Salle du conseil municipal"
        ss.update_session(s, sid, data)  # no new warning about the holiday
        data.start = datetime(2026, 5, 8, 14, 0)
        with pytest.raises(WarningsNotAccepted):
            ss.update_session(s, sid, data)


def test_sessions_between_reads_only_the_range(db: Database) -> None:
    setup_library(db)
    for week in range(4):
        add_session(db, TUESDAY + timedelta(weeks=week), title=f"Atelier {week}")
    with db.session() as s:
        rows = ss.sessions_between(s, datetime(2026, 3, 16), datetime(2026, 3, 23))
        assert [r.title for r in rows] == ["Atelier 1"]
        assert rows[0].themes == ("materiel",)
        assert (
            ss.sessions_between(s, datetime(2026, 3, 9), datetime(2026, 4, 9), theme="email") == []
        )


# -- series ------------------------------------------------------------------------------------
def test_occurrence_dates() -> None:
    assert sr.occurrence_dates("weekly", date(2026, 3, 3), count=3) == [
        date(2026, 3, 3),
        date(2026, 3, 10),
        date(2026, 3, 17),
    ]
    assert sr.occurrence_dates("biweekly", date(2026, 3, 3), until=date(2026, 3, 31)) == [
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
    ]
    # "chaque 1er mardi"
    assert sr.occurrence_dates("monthly_rank", date(2026, 3, 3), count=3) == [
        date(2026, 3, 3),
        date(2026, 4, 7),
        date(2026, 5, 5),
    ]
    assert sr.rule_label("monthly_rank", date(2026, 3, 3)) == "Chaque 1er mardi du mois"
    # a fifth Tuesday means "the last Tuesday"
    assert sr.occurrence_dates("monthly_rank", date(2026, 3, 31), count=2) == [
        date(2026, 3, 31),
        date(2026, 4, 28),
    ]
    assert sr.rule_label("monthly_rank", date(2026, 3, 31)) == "Chaque dernier mardi du mois"
    with pytest.raises(ValidationError) as err:
        sr.occurrence_dates("weekly", date(2026, 3, 3))
    assert err.value.errors["until"].startswith("Indiquez jusqu'à quelle date")


def test_series_all_or_nothing_with_dated_clashes(db: Database) -> None:
    setup_library(db)
    add_session(db, datetime(2026, 3, 17, 15, 0), title="Rendez-vous déjà pris",
                conseiller_name=JEANNE)
    with db.session() as s, pytest.raises(ConflictError) as err:
        sr.create_series(s, workshop(TUESDAY, conseiller_name=JEANNE), "weekly", count=4)
    assert "mardi 17 mars 2026" in err.value.messages[0]
    with db.session() as s:
        assert s.query(WorkshopSession).count() == 1


def test_series_edit_one_and_from_a_date_and_cancel_one(db: Database) -> None:
    setup_library(db)
    with db.session() as s:
        ids = sr.create_series(s, workshop(TUESDAY), "weekly", count=5)
    with db.session() as s:
        one = ss.get_session(s, ids[1])
        one.title = "Tablette : séance de rattrapage"
        ss.update_session(s, ids[1], one)
    with db.session() as s:
        data = ss.get_session(s, ids[2])
        data.title = "Tablette : niveau 2"
        data.start = data.start.replace(hour=15) + timedelta(days=1)  # Wednesday 15:00
        assert sr.update_from(s, ids[2], data, allow_warnings=True) == 3
    with db.session() as s:
        ss.cancel_session(s, ids[3])
        rows = [s.get(WorkshopSession, i) for i in ids]
        assert [r.title for r in rows] == [
            "Premiers pas sur tablette",
            "Tablette : séance de rattrapage",
            "Tablette : niveau 2",
            "Tablette : niveau 2",
            "Tablette : niveau 2",
        ]
        assert [r.start for r in rows[2:]] == [
            datetime(2026, 3, 25, 15, 0),
            datetime(2026, 4, 1, 15, 0),
            datetime(2026, 4, 8, 15, 0),
        ]
        assert [r.status for r in rows] == ["planifie"] * 3 + ["annule", "planifie"]
        assert sr.series_label(s, rows[0].series_id) == "Chaque semaine, le mardi, 5 séances"
