"""Sessions that name no conseiller (« Conseiller non précisé ») do not clash with each other on
the conseiller — "not said" is nobody in particular — while their room still clashes; a named
conseiller still cannot be in two places. Checked for workshops, individual appointments,
editing, series, and in the editor itself."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db import Database
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.workshops import ConflictError
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import (
    add_person,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
    workshop,
)

WEDNESDAY = datetime(2026, 3, 4, 14, 0)
ROOM = "Salle d'animation"


def appointment(start: datetime, person: int, **kw) -> ss.SessionInput:  # noqa: ANN003
    values = dict(kind="individuel", title="", capacity=None, level=None, duration_min=45,
                  participant_id=person, equipment=[], themes=["demarches"])
    values.update(kw)
    return workshop(start, **values)


def test_unnamed_sessions_at_the_same_time_are_all_saved(db: Database) -> None:
    setup_library(db)
    person = add_person(db, "Odette", "Ménard")
    add_session(db, WEDNESDAY, title="Premiers pas sur tablette")
    add_session(db, WEDNESDAY + timedelta(minutes=30), title="Messagerie")
    with db.session() as s:
        ss.create_session(s, appointment(WEDNESDAY + timedelta(minutes=45), person))
        ss.create_session(s, workshop(WEDNESDAY, title="Un troisième atelier"))
    with db.session() as s:
        assert s.query(WorkshopSession).count() == 4


def test_editing_an_unnamed_session_onto_another_is_accepted(db: Database) -> None:
    setup_library(db)
    add_session(db, WEDNESDAY, title="Premiers pas sur tablette")
    other = add_session(db, WEDNESDAY + timedelta(days=1), title="Messagerie")
    with db.session() as s:
        data = ss.get_session(s, other)
        data.start = WEDNESDAY + timedelta(hours=1)
        ss.update_session(s, other, data, allow_warnings=True)
        assert s.get(WorkshopSession, other).start == WEDNESDAY + timedelta(hours=1)


def test_an_unnamed_series_over_unnamed_sessions_is_accepted(db: Database) -> None:
    setup_library(db)
    add_session(db, WEDNESDAY + timedelta(weeks=1), title="Déjà là")
    with db.session() as s:
        ids = sr.create_series(s, workshop(WEDNESDAY), "weekly", count=3, allow_warnings=True)
    assert len(ids) == 3


def test_the_room_still_clashes_without_a_conseiller(db: Database) -> None:
    setup_library(db)
    add_session(db, WEDNESDAY, title="Premiers pas sur tablette", room=ROOM)
    with db.session() as s, pytest.raises(ConflictError) as err:
        ss.create_session(s, workshop(WEDNESDAY + timedelta(hours=1), title="Autre", room=ROOM))
    assert err.value.messages == [
        "La salle « Salle d'animation » est déjà prise le mercredi 4 mars 2026 de 14:00 à "
        "16:00 : « Premiers pas sur tablette ». Choisissez une autre salle ou un autre horaire."
    ]
    with db.session() as s:  # another room, or none, is fine
        ss.create_session(s, workshop(WEDNESDAY, title="Ailleurs", room="Espace numérique"))
        ss.create_session(s, workshop(WEDNESDAY, title="Sans salle"))


def test_a_named_conseiller_still_clashes_but_not_with_the_unnamed(db: Database) -> None:
    setup_library(db)
    add_session(db, WEDNESDAY, title="Atelier de Jeanne", conseiller_name="Jeanne Lebœuf")
    with db.session() as s:  # nobody named at that time: no clash with Jeanne
        ss.create_session(s, workshop(WEDNESDAY, title="Sans conseiller"))
    with db.session() as s, pytest.raises(ConflictError) as err:
        ss.create_session(s, workshop(WEDNESDAY + timedelta(hours=1), title="Encore Jeanne",
                                      conseiller_name="JEANNE  Lebœuf"))
    assert err.value.messages[0].startswith(
        "Jeanne Lebœuf a déjà une séance le mercredi 4 mars 2026 de 14:00 à 16:00"
    )


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    widget.go_today()
    return widget


def test_an_unnamed_appointment_is_saved_from_the_editor(qtbot, tab) -> None:  # noqa: ANN001
    """What the tester met: « Accompagnement individuel », « Conseiller non précisé », two
    other sessions without conseiller at that time: « Enregistrer » saves it."""
    db = tab.ctx.db
    add_session(db, WEDNESDAY, title="Premiers pas sur tablette")
    add_session(db, WEDNESDAY + timedelta(minutes=30), title="Messagerie")
    person = add_person(db, "Odette", "Ménard")
    dialog = tab.make_dialog(kind="individuel", start=WEDNESDAY + timedelta(hours=1))
    qtbot.addWidget(dialog)
    dialog.confirm_warnings = lambda _messages: True
    dialog.set_person(person)
    item = next(i for i in range(dialog.themes.count())
                if dialog.themes.item(i).data(Qt.ItemDataRole.UserRole) == "demarches")
    dialog.themes.item(item).setCheckState(Qt.CheckState.Checked)
    assert dialog.conseiller.currentText() == "Conseiller non précisé"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.problems.isVisibleTo(dialog), dialog.problems.text()
    assert dialog.result() == SessionDialog.DialogCode.Accepted
    with db.session() as s:
        kinds = s.scalars(select(WorkshopSession.kind).order_by(WorkshopSession.id)).all()
    assert kinds == ["collectif", "collectif", "individuel"]
