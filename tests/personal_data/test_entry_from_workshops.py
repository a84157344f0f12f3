"""« Données d'une personne… » from a participant of a session (right-click on the table)."""

from __future__ import annotations

from datetime import datetime

from desktop_app.views.common.tables import select_id
from tests.workshops.helpers import add_person, add_session, no_message_boxes  # noqa: F401
from tests.workshops.test_tab_people import register_by_search, tab  # noqa: F401


def test_a_registered_participant_opens_their_data(qtbot, tab, monkeypatch) -> None:  # noqa: ANN001, F811
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), capacity=5, title="Atelier e-mail")
    pid = add_person(tab.ctx.db, "Hélène", "Brossard-Delacroix")
    tab.show_session(sid)
    panel = tab.panel
    register_by_search(qtbot, panel, "brossard")
    opened: list[str] = []
    monkeypatch.setattr(
        "desktop_app.views.personal_data.person_dialog.open_person_data",
        lambda parent, ctx, text="": opened.append(text),
    )
    registration_id = panel.model.row_at(0).id
    assert select_id(panel.table, registration_id)
    action = next(a for a in panel.table.actions() if a.objectName() == "personDataP")
    action.trigger()
    assert opened == [f"P{pid}"]
