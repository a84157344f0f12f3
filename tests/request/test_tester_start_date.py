"""The start date as a person retypes it: a date refused as typed stops filing (the request
was filed with the date last accepted, which the field no longer showed), and a past date typed
again keeps its message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from desktop_app.services.request import requests
from tests.request.keyboard import press
from tests.request.tester_helpers import complete_draft, pin, shown_tab
from tests.typing_helpers import type_text


def _retype(qtbot, tab, text: str) -> None:  # noqa: ANN001
    tab.form.start_date.setFocus()
    tab.form.start_date.edit.selectAll()
    type_text(qtbot, tab.form.start_date.edit, text)
    press(qtbot, Qt.Key.Key_Tab)


def test_a_start_date_that_is_no_date_stops_filing(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    complete_draft(ctx)
    tab = shown_tab(qtbot, ctx)
    assert tab._data is not None and tab._data.is_draft
    assert not tab._missing, tab.missing.text()
    _retype(qtbot, tab, "31/02/2027")
    assert "n'est pas une date qui existe" in tab.form.fields["start_date"].error.text()
    assert tab._missing and "31/02/2027" in tab._missing[0]
    assert "1 point à compléter" in tab.file_button.text()
    assert "31/02/2027" in tab.missing.text()
    _retype(qtbot, tab, "1/9/27")  # fixed: nothing left
    assert tab._missing == [] and tab.file_button.text() == "Marquer comme dé&posée…"


def test_a_past_start_date_typed_again_keeps_its_message(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
        requests.save_draft(s, replace(data, start_date=date(2026, 9, 1)))
    tab = shown_tab(qtbot, ctx)
    field = tab.form.fields["start_date"]
    for _ in range(2):  # the second time, the value does not change
        _retype(qtbot, tab, "1/9/26")
        assert "est passée" in field.error.text()


def test_a_filed_request_s_start_date_stays_read(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Leaving the read-only date of a filed request changes and saves nothing."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    assert tab._data is not None and not tab._data.is_draft
    tab.form.start_date.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert not tab._dirty and tab.form.fields["start_date"].error.text() == ""


def test_a_refused_date_keeps_the_last_one_typed_not_the_one_opened(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """1/10/27 typed, then 31/02/2027, then another field edited: the autosave wrote the date
    the draft was opened with, and 01/10/2027 was lost."""
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)  # opened with 01/09/2027
    tab = shown_tab(qtbot, ctx)
    _retype(qtbot, tab, "1/10/27")
    _retype(qtbot, tab, "31/02/2027")
    tab.form.contact_first_name.setFocus()
    type_text(qtbot, tab.form.contact_first_name, "e")
    tab.save_now()
    with ctx.db.session() as s:
        assert requests.get_request(s, draft_id).start_date == date(2027, 10, 1)
