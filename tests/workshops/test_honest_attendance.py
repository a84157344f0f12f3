"""Attendance is noted once a session has started, a certificate covers only attendance on or
before its own date, and "Désinscrire" can be taken back (the person who moved up from the
waiting list returns to it, at the same rank)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.db import Database
from desktop_app.services.workshops import WorkshopError
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops.attestations import load_certificates
from desktop_app.services.workshops.planner import default_day
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import (
    add_person,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)

START = datetime(2027, 10, 21, 14, 0)  # a Thursday, far ahead of "now" below
BEFORE = datetime(2026, 12, 1, 10, 0)
DURING = datetime(2027, 10, 21, 14, 5)


def _registered(db: Database, capacity: int = 8) -> tuple[int, list[int]]:
    setup_library(db)
    sid = add_session(db, START, capacity=capacity)
    people = [
        add_person(db, "Anne", "Petit"),
        add_person(db, "Bruno", "Grand"),
        add_person(db, "Chloé", "Martin"),
    ]
    with db.session() as s:
        regs = [rg.register(s, sid, p).registration_id for p in people]
    return sid, regs


def test_attendance_on_a_future_session_is_refused(db: Database) -> None:
    sid, regs = _registered(db)
    with db.session() as s:
        with pytest.raises(WorkshopError, match="pas encore eu lieu .le 21/10/2027 à 14:00"):
            rg.set_attendance(s, regs[0], "present", BEFORE)
        with pytest.raises(WorkshopError, match="pas encore eu lieu"):
            rg.mark_all_present(s, sid, BEFORE)
        rg.set_attendance(s, regs[0], None, BEFORE)  # clearing is always allowed
    with db.session() as s:
        assert {r.attendance for r in rg.registrations_for(s, sid)} == {None}
        # once it has started, both work
        rg.set_attendance(s, regs[0], "absent", DURING)
        assert rg.mark_all_present(s, sid, DURING) == 2
    with db.session() as s:
        assert sorted(r.attendance_label for r in rg.registrations_for(s, sid)) == [
            "Absent",
            "Présent",
            "Présent",
        ]


def test_certificate_covers_attendance_up_to_its_date(db: Database) -> None:
    sid, regs = _registered(db)
    with db.session() as s:
        rg.mark_all_present(s, sid, DURING)
    with db.session() as s:
        early = load_certificates(s, session_id=sid, issued=date(2026, 12, 1))
        day_before = load_certificates(s, session_id=sid, issued=date(2027, 10, 20))
        same_day = load_certificates(s, session_id=sid, issued=date(2027, 10, 21))
        later = load_certificates(s, session_id=sid, issued=date(2027, 11, 2))
    assert early.items == [] and day_before.items == []
    assert len(same_day.items) == len(later.items) == 3
    assert all(c.summary.start.date() <= same_day.issued for c in same_day.items)


def test_undo_of_an_unregistration(db: Database) -> None:
    sid, regs = _registered(db, capacity=2)  # Chloé waits
    with db.session() as s:
        rg.set_attendance(s, regs[0], "excuse", DURING)
        done = rg.withdraw(s, regs[0])
    assert done.message == (
        "Anne Petit est désinscrit(e). Chloé Martin quitte la liste d'attente et est inscrit(e)."
    )
    assert done.promoted == (regs[2],)
    with db.session() as s:
        message = rg.undo_withdraw(s, done)
    assert message == (
        "Désinscription annulée : Anne Petit est de nouveau inscrit(e). Chloé Martin retourne "
        "sur la liste d'attente."
    )
    with db.session() as s:
        rows = {r.first_name: (r.status_label, r.attendance) for r in rg.registrations_for(s, sid)}
        assert rows == {
            "Anne": ("Inscrit", "excuse"),
            "Bruno": ("Inscrit", None),
            "Chloé": ("Liste d'attente (1)", None),
        }
        with pytest.raises(WorkshopError, match="ne peut plus être annulée"):
            rg.undo_withdraw(s, done)  # twice: the registration is no longer cancelled


def test_undo_when_the_seat_was_taken_meanwhile(db: Database) -> None:
    sid, regs = _registered(db, capacity=2)
    with db.session() as s:
        done = rg.withdraw(s, regs[0])  # Chloé moves up
        rg.set_attendance(s, regs[2], "present", DURING)  # and is noted present: she stays
        message = rg.undo_withdraw(s, done)
    assert message == (
        "Désinscription annulée : Anne Petit est de nouveau sur la liste d'attente (position 1)."
    )


def test_a_new_workshop_defaults_to_the_period_shown() -> None:
    today = date(2026, 12, 1)
    assert default_day(date(2026, 11, 30), date(2026, 12, 7), today, today) == today
    # three weeks ahead, anchored on that Tuesday
    assert default_day(date(2026, 12, 21), date(2026, 12, 28), date(2026, 12, 22), today) == (
        date(2026, 12, 22)
    )
    # a month shown, anchored on its first day
    assert default_day(date(2027, 2, 1), date(2027, 3, 1), date(2027, 2, 1), today) == (
        date(2027, 2, 1)
    )


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: BEFORE
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def test_panel_waits_for_the_session_and_undoes(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, START, capacity=1, title="Atelier e-mail")
    a, b = add_person(tab.ctx.db, "Hélène", "Brossard"), add_person(tab.ctx.db, "Gérard", "Noël")
    with tab.ctx.db.session() as s:
        rg.register(s, sid, a)
        rg.register(s, sid, b)
    tab.show_session(sid)
    panel = tab.panel
    assert panel.select_person("BROSSARD")
    assert not panel.attendance_buttons["present"].isEnabled()
    assert not panel.all_present_button.isEnabled()
    assert not panel.done_button.isEnabled()
    assert "à partir du début de la séance (21/10/2027 à 14:00)" in (
        panel.all_present_button.toolTip()
    )
    panel.unregister_action.trigger()
    assert "Gérard Noël quitte la liste d'attente" in panel.message.text()
    assert panel.undo_button.isVisible()
    assert mnemonic_clashes(tab) == []  # the undo button takes no letter of another
    assert tab.window().focusWidget() is panel.undo_button  # Espace takes it back
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == (
        "Désinscription annulée : Hélène Brossard est de nouveau inscrit(e). Gérard Noël "
        "retourne sur la liste d'attente."
    )
    assert not panel.undo_button.isVisible()
    with tab.ctx.db.session() as s:
        assert [(r.first_name, r.status) for r in rg.registrations_for(s, sid)] == [
            ("Hélène", "inscrit"),
            ("Gérard", "attente"),
        ]
    # the session begins: attendance opens
    tab.ctx.clock = lambda: DURING
    panel.reload()
    assert panel.select_person("BROSSARD")
    assert panel.attendance_buttons["present"].isEnabled()
    qtbot.mouseClick(panel.all_present_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "1 personne(s) notée(s) présente(s)."
