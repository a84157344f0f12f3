"""The planner stays readable on a busy base: a short session's block is one line tall and
shows « 14:00 Titre… », a crowded afternoon is drawn as a cascade whose every first line can
be read, the month view lays its texts out once; the session editor does not move under the
person when the kind changes; « Choisir la personne accompagnée » is its list of results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QFontMetrics

from desktop_app.views.workshops.calendar_views import _block_lines, day_blocks
from desktop_app.views.workshops.participant_dialogs import PICKER_ROWS, ParticipantPickerDialog
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import (
    add_person,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)

WEDNESDAY = date(2026, 3, 4)


@dataclass
class _Row:
    """What ``day_blocks`` reads of a session."""

    start: datetime
    end: datetime


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 4, hour, minute)


def _y(moment: datetime) -> float:
    return (moment.hour - 8) * 60 + moment.minute  # one pixel a minute from 08:00


def test_a_short_session_is_at_least_one_line_tall() -> None:
    [block] = day_blocks([_Row(_at(14), _at(14, 5))], _y, 0, 120, 20, 60)
    assert block.rect.height() >= 20 - 2
    assert not block.compact


def test_two_overlapping_sessions_side_by_side_when_they_fit() -> None:
    rows = [_Row(_at(14), _at(16)), _Row(_at(14), _at(15))]
    a, b = day_blocks(rows, _y, 0, 200, 20, 60)
    assert a.rect.right() <= b.rect.left() and not a.compact and not b.compact
    # a session alone in the morning keeps the whole column, whatever the afternoon holds
    alone, *_ = day_blocks([_Row(_at(9), _at(10)), *rows], _y, 0, 200, 20, 120)
    assert alone.rect.width() >= 200 - 6


def test_a_crowded_afternoon_cascades_and_every_first_line_stays_readable() -> None:
    quarter = timedelta(minutes=15)
    rows = [_Row(_at(14) + i * quarter, _at(16) + i * quarter) for i in range(7)]
    rows.insert(1, _Row(_at(14), _at(15)))  # two sessions starting together
    blocks = day_blocks(rows, _y, 0, 110, 20, 70)
    assert all(b.compact for b in blocks)
    assert all(b.rect.width() >= 70 - 4 for b in blocks)
    for earlier, later in zip(blocks, blocks[1:], strict=False):
        # each block drawn after another leaves the other's first line uncovered
        assert later.rect.top() >= earlier.rect.top() + 20 - 1
        assert earlier.seen >= 20 - 1
    # the second of the two starting together is drawn just under the first one's line
    assert blocks[1].rect.top() - blocks[0].rect.top() == pytest.approx(20)


def test_a_short_or_covered_block_shows_its_start_and_the_beginning_of_its_title(app) -> None:  # noqa: ANN001
    font = QFont()
    fm = QFontMetrics(font)
    headers = ("14:00–14:30 · 3/8", "14:00 · 3/8", "14:00")
    title = "Premiers pas sur tablette et smartphone"
    width = fm.horizontalAdvance("14:00 Premiers pas") + 2
    [line] = _block_lines(fm, headers, title, width, fm.height() + 1)
    assert line.startswith("14:00 Prem") and line.endswith("…")
    covered = _block_lines(fm, headers, title, width, 4 * fm.height(), compact=True)
    assert covered[0].startswith("14:00 Prem") and len(covered) == 2
    # a tall block, with the room for it, shows the whole title
    tall = _block_lines(fm, headers, title, 400, 4 * fm.height())
    assert tall[0] == headers[0] and " ".join(tall[1:]) == title


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.go_today()
    return widget


def _texts(view) -> list[str]:  # noqa: ANN001 - a WeekView
    return [line.text() for lines in view._block_texts.values() for line in lines]


def test_the_week_shows_a_quarter_hour_session_by_its_time_and_title(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, _at(15), duration_min=15, title="Premiers pas sur tablette")
    for i in range(6):  # a busy afternoon around it
        add_session(tab.ctx.db, _at(14, 10 * i), duration_min=90, title=f"Atelier {i}")
    tab.refresh()
    view = tab.week_view
    rect = view.rect_of(sid)
    assert rect is not None
    assert rect.height() >= QFontMetrics(view.font()).height() * 0.85
    assert any(t.startswith("15:00 Pr") for t in _texts(view)), "\n".join(_texts(view))
    assert all(t.strip("…") for t in _texts(view))  # never a lone « … »
    # the mouse finds the short session where it is drawn, over the blocks under it
    assert view.hit(rect.center()).id == sid


def test_the_month_lays_its_texts_out_once(qtbot, tab) -> None:  # noqa: ANN001
    for day in range(3):
        add_session(tab.ctx.db, _at(14) + timedelta(days=day), title="Premiers pas")
    tab.set_view("month")
    view = tab.month_view
    view.grab()  # painted, shown on screen or not
    kept = dict(view._static)
    shown = [t.text() for t in kept.values()]
    assert any(t.startswith("14:00 Prem") for t in shown), (
        len(view.rows()), view.size(), view.data.start, shown
    )
    view.grab()
    assert view._static.keys() == kept.keys()
    assert all(view._static[k] is kept[k] for k in kept)  # the same layouts, drawn again


def test_changing_the_kind_keeps_the_dialog_and_the_focused_field_in_place(qtbot, tab) -> None:  # noqa: ANN001
    dialog = SessionDialog(tab.ctx, tab, kind="collectif")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.kind.setFocus()

    def where() -> tuple:
        return (
            dialog.size(),
            dialog.kind.mapTo(dialog, QPoint(0, 0)),
            dialog.date.mapTo(dialog, QPoint(0, 0)),
            dialog.themes.mapTo(dialog, QPoint(0, 0)),
            dialog.themes.height(),
        )

    before = where()
    try:
        for kind in ("individuel", "collectif", "individuel"):
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
            qtbot.wait(10)
            assert dialog.person.isVisible() == (kind == "individuel")
            assert dialog.windowTitle() == (
                "Nouvel accompagnement individuel" if kind == "individuel" else "Nouvel atelier"
            )
            assert where() == before, kind
            assert dialog.focusWidget() is dialog.kind
    finally:  # closed without the question about the typed fields, even when a check fails
        dialog.mark_clean()
        dialog.reject()


def test_the_person_picker_is_its_list_of_results(qtbot, tab) -> None:  # noqa: ANN001
    for i in range(20):
        add_person(tab.ctx.db, f"Marie{i}", "Martin")
    dialog = ParticipantPickerDialog(tab.ctx, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        dialog.search.field.setText("martin")
        dialog.search.run_search()
        results = dialog.search.results
        row_h = results.sizeHintForRow(0)
        assert results.height() >= PICKER_ROWS * row_h * 0.9
        # no dead zone: the field, the list and the buttons take the whole height
        field_top = dialog.search.field.mapTo(dialog, QPoint(0, 0)).y()
        label_top = dialog.search.label.mapTo(dialog, QPoint(0, 0)).y()
        list_bottom = results.mapTo(dialog, QPoint(0, results.height())).y()
        buttons_top = dialog.new_button.mapTo(dialog, QPoint(0, 0)).y()
        assert label_top < 20 and field_top - label_top < 40
        assert buttons_top - list_bottom < 20
        assert dialog.height() <= 700
    finally:
        dialog.mark_clean()
        dialog.reject()
