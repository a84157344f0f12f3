"""« À saisir dans La Coop » gives La Coop only people who came, as the Bilan counts them: in a
workshop, those marked « Présent » (a registration whose attendance was not noted is not a
participant, and the form says what to note first); an appointment whose person was marked
absent did not take place, and one still « Planifié » is flagged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desktop_app.models.workshops import Registration
from desktop_app.services.lacoop import entry
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops import stats
from desktop_app.services.workshops.periods import month_period
from tests.workshops.helpers import add_person, add_session

NOW = datetime(2026, 11, 12, 17, 0)


def _registration(db, session_id: int, person: int) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.scalars(
            select(Registration.id).where(
                Registration.session_id == session_id, Registration.participant_id == person
            )
        ).one()


def test_workshop_entry_counts_only_people_marked_present(db) -> None:  # noqa: ANN001
    odile = add_person(db, "Odile", "Lefèvre-Château")
    jean = add_person(db, "Jean-Noël", "N'Diaye")
    marc = add_person(db, "Marc", "Aubry")
    workshop = add_session(db, datetime(2026, 11, 10, 14, 0), anonymous_count=2,
                           status="realise")
    with db.session() as s:
        for person in (odile, jean, marc):
            rg.register(s, workshop, person)
    with db.session() as s:
        rg.set_attendance(s, _registration(db, workshop, odile), "present", NOW)
        rg.set_attendance(s, _registration(db, workshop, marc), "absent", NOW)
        # Jean-Noël's attendance is not noted
    with db.session() as s:
        item = entry.entry_item(s, workshop, NOW)
        report = stats.compute_report(s, month_period(2026, 11), NOW)
    values = dict(item.fields)
    assert values["Participants"] == "3"  # Odile and the two who came unregistered
    assert "Odile Lefèvre-Château" in values["Bénéficiaire"]
    assert "N'Diaye" not in values["Bénéficiaire"] and "Aubry" not in values["Bénéficiaire"]
    assert report.participations == 3  # the same count as the Bilan's
    assert any("1 inscrit" in m and "présence" in m for m in item.to_check)


def test_appointment_with_an_absent_person_is_not_a_participant(db) -> None:  # noqa: ANN001
    helene = add_person(db, "Hélène", "Brossard-Delacroix")
    appointment = add_session(
        db, datetime(2026, 11, 10, 10, 0), kind="individuel", title="", capacity=None,
        participant_id=helene, themes=["email"], duration_min=45, autonomy="autonome",
    )
    with db.session() as s:
        rg.set_attendance(s, _registration(db, appointment, helene), "absent", NOW)
    with db.session() as s:
        item = entry.entry_item(s, appointment, NOW)
    values = dict(item.fields)
    assert values["Participants"] == "0"
    assert any("absente" in m for m in item.to_check)
    assert not any("n'est pas indiquée" in m for m in item.to_check)  # she is indicated


def test_past_appointment_still_planned_is_flagged(db) -> None:  # noqa: ANN001
    helene = add_person(db, "Hélène", "Brossard-Delacroix")
    appointment = add_session(
        db, datetime(2026, 11, 10, 10, 0), kind="individuel", title="", capacity=None,
        participant_id=helene, themes=["email"], duration_min=45, autonomy="autonome",
    )
    with db.session() as s:
        item = entry.entry_item(s, appointment, NOW)
    assert dict(item.fields)["Participants"] == "1"
    assert any("« Réalisé »" in m for m in item.to_check)
