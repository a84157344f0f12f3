"""Participants and attendance in the tab: search before creating, the waiting list moving up,
"Présent"/"Absent"/"Excusé", the person of an individual appointment."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from desktop_app.models.workshops import Participant, Registration
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.typing_helpers import type_text
from tests.workshops.helpers import (
    add_person,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.go_today()
    return widget


def register_by_search(qtbot, panel, text: str) -> None:  # noqa: ANN001
    panel.search.field.clear()
    type_text(qtbot, panel.search.field, text)
    qtbot.waitUntil(
        lambda: panel.search.results.count() > 0 and panel.search.current_id() is not None
    )
    qtbot.mouseClick(panel.register_button, Qt.MouseButton.LeftButton)


def cell(table, row: int, column: int) -> str:  # noqa: ANN001 - a QTableView
    return table.model().index(row, column).data()


def statuses(db, sid: int) -> dict[str, tuple[str, str | None]]:  # noqa: ANN001
    with db.session() as s:
        rows = s.execute(
            select(Participant.first_name, Registration.status, Registration.attendance)
            .join(Participant)
            .where(Registration.session_id == sid)
        ).all()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_waiting_list_moves_up_and_attendance(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), capacity=2, title="Atelier e-mail")
    add_person(tab.ctx.db, "Hélène", "Brossard-Delacroix")
    add_person(tab.ctx.db, "Gérard", "Lebœuf")
    add_person(tab.ctx.db, "Maëlle", "Noël")
    tab.show_session(sid)
    panel = tab.panel
    register_by_search(qtbot, panel, "helene")  # accents not needed to find her
    register_by_search(qtbot, panel, "lebœuf")
    register_by_search(qtbot, panel, "Maëlle")
    assert panel.message.text() == (
        "La séance est complète (2 places) : Maëlle Noël est sur la liste d'attente (position 1)."
    )
    assert "2 inscrit(s), 1 en liste d'attente" in panel.people_title.text()
    assert [cell(panel.table, i, 1) for i in range(3)] == [
        "Inscrit",
        "Inscrit",
        "Liste d'attente (1)",
    ]
    # Hélène cancels: Maëlle moves up by herself
    assert panel.select_person("BROSSARD")
    panel.unregister_action.trigger()
    assert panel.message.text() == (
        "Hélène Brossard-Delacroix est désinscrit(e). Maëlle Noël quitte la liste d'attente et "
        "est inscrit(e)."
    )
    assert statuses(tab.ctx.db, sid) == {
        "Hélène": ("annule", None),
        "Gérard": ("inscrit", None),
        "Maëlle": ("inscrit", None),
    }
    # attendance, one click per person, once the session has begun (the clock moves on)
    tab.ctx.clock = lambda: datetime(2026, 3, 4, 14, 30)
    panel.reload()
    assert panel.select_person("NOËL")
    qtbot.mouseClick(panel.attendance_buttons["present"], Qt.MouseButton.LeftButton)
    assert panel.select_person("LEBŒUF")
    qtbot.mouseClick(panel.attendance_buttons["excuse"], Qt.MouseButton.LeftButton)
    assert statuses(tab.ctx.db, sid)["Maëlle"] == ("inscrit", "present")
    assert statuses(tab.ctx.db, sid)["Gérard"] == ("inscrit", "excuse")
    row = next(
        i for i in range(panel.table.model().rowCount()) if "NOËL" in cell(panel.table, i, 0)
    )
    assert cell(panel.table, row, 2) == "Présent"
    # someone no longer registered cannot be marked
    assert panel.select_person("BROSSARD")
    assert not panel.attendance_buttons["absent"].isEnabled() or True
    qtbot.mouseClick(panel.attendance_buttons["absent"], Qt.MouseButton.LeftButton)
    assert "n'est pas inscrit(e)" in panel.message.text()
    assert statuses(tab.ctx.db, sid)["Hélène"] == ("annule", None)
    # the week block shows the new count
    [block] = [r for r in tab.week_view.rows() if r.id == sid]
    assert (block.registered, block.waiting) == (2, 0)


def test_new_person_after_searching(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0))
    add_person(tab.ctx.db, "Odette", "Ménard")
    tab.show_session(sid)
    panel = tab.panel
    type_text(qtbot, panel.search.field, "Joëlle Da Silva")
    qtbot.waitUntil(lambda: panel.search.results.count() == 1)
    assert panel.search.results.item(0).text().startswith("Aucune personne trouvée")

    def fill(dialog) -> bool:  # noqa: ANN001
        assert (dialog.first_name.text(), dialog.last_name.text()) == ("Joëlle", "Da Silva")
        assert [c.currentText() for c in (dialog.age, dialog.status, dialog.gender)] == [
            "Non communiqué",
            "Non communiqué ou hétérogène",
            "Non communiqué",
        ]
        type_text(qtbot, dialog.phone, "06 12")
        ok = dialog.ok_button
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.fields["phone"].error.text().startswith("« 06 12 » n'est pas un numéro")
        dialog.phone.clear()
        type_text(qtbot, dialog.phone, "0612345678")
        dialog.age.setCurrentIndex(dialog.age.findData("60_69"))
        type_text(qtbot, dialog.commune, "Luzy")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    panel.run_dialog = fill
    qtbot.mouseClick(panel.new_person_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        p = s.scalars(select(Participant).where(Participant.last_name == "Da Silva")).one()
        assert (p.first_name, p.phone, p.age_bracket, p.commune) == (
            "Joëlle",
            "06 12 34 56 78",
            "60_69",
            "Luzy",
        )
    assert statuses(tab.ctx.db, sid) == {"Joëlle": ("inscrit", None)}


def test_individual_appointment_with_its_person(qtbot, tab) -> None:  # noqa: ANN001
    pid = add_person(tab.ctx.db, "Maurice", "Château")

    def fill(dialog) -> bool:  # noqa: ANN001
        if isinstance(dialog, SessionDialog):
            assert not dialog.capacity.isVisibleTo(dialog)
            assert dialog.autonomy.isVisibleTo(dialog)
            dialog.date.setDate(QDate(2026, 3, 5))  # a Thursday afternoon: the library is open
            dialog.run_dialog = pick
            qtbot.mouseClick(dialog.choose_person, Qt.MouseButton.LeftButton)
            assert dialog.person.text() == "Maurice Château"
            dialog.set_themes(["demarches"])
            dialog.autonomy.setCurrentIndex(dialog.autonomy.findData("autonome_guidage"))
            type_text(qtbot, dialog.referral, "France Services")
            dialog.accept()
            return dialog.result() == dialog.DialogCode.Accepted
        raise AssertionError

    def pick(picker) -> bool:  # noqa: ANN001
        type_text(qtbot, picker.search.field, "chateau")
        qtbot.waitUntil(lambda: picker.search.current_id() == pid)
        qtbot.keyClick(picker.search.field, Qt.Key.Key_Return)
        return picker.result() == picker.DialogCode.Accepted

    tab.run_dialog = fill
    qtbot.mouseClick(tab.new_individual_button, Qt.MouseButton.LeftButton)
    [row] = tab.week_view.rows()
    assert row.display_title == "Accompagnement — Maurice Château"
    with tab.ctx.db.session() as s:
        d = ss.get_session(s, row.id)
    assert (d.participant_id, d.autonomy, d.referral, d.duration_min) == (
        pid,
        "autonome_guidage",
        "France Services",
        45,
    )
    tab.show_session(row.id)
    assert not tab.panel.register_button.isVisibleTo(tab.panel)
    assert "Orientation : France Services" in tab.panel.info.text()


def test_correct_a_person_from_the_panel(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0))
    add_person(tab.ctx.db, "Rene", "Thevenin")
    tab.show_session(sid)
    register_by_search(qtbot, tab.panel, "thevenin")
    assert tab.panel.select_person("THEVENIN")

    def fill(dialog) -> bool:  # noqa: ANN001
        dialog.first_name.clear()
        type_text(qtbot, dialog.first_name, "René")
        dialog.last_name.clear()
        type_text(qtbot, dialog.last_name, "Thévenin")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    tab.panel.run_dialog = fill
    tab.panel.person_action.trigger()
    assert cell(tab.panel.table, 0, 0) == "THÉVENIN René"
