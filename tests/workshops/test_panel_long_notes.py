"""A session's long notes do not push its participants out of sight: at 1366×768 the panel
shows the first lines of the notes (all of them in the tooltip), and the list of participants
keeps room for several people."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import (
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)

NOTE = ("Prévoir la rallonge, les fiches « pas à pas » d’Ameli et l’accès FranceConnect ; "
        "rappeler Mme d’Aubigné-Lefèvre la veille. ") * 20  # about 2,000 characters


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)  # the tab's share of a 1366×768 screen
    widget.show()
    widget.go_today()
    return widget


def test_long_notes_leave_room_for_the_participants(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), notes=NOTE.strip())
    tab.show_session(sid)
    panel = tab.panel
    qtbot.wait(50)
    rows = panel.table.verticalHeader().defaultSectionSize()
    assert panel.table.viewport().height() >= 4 * rows
    assert len(panel.info.text()) < 1200  # the notes' first lines only
    assert "…" in panel.info.text()
    assert NOTE.strip() in panel.info.toolTip().replace("\n", " ")


def test_short_notes_are_shown_whole(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), notes="Apporter sa carte Vitale.")
    tab.show_session(sid)
    assert "Apporter sa carte Vitale." in tab.panel.info.text()
    assert "…" not in tab.panel.info.text()
