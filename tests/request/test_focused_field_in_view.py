"""The field being typed into stays in view in the form's scroll area. Reached with Alt+V, the
motivation showed only its first lines at the bottom of the view (Qt brings only the text
cursor into view), so what was typed after them could not be seen; a message appearing under
the field just left pushed the next field half out of view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop_app.services.request import requests
from tests.request.keyboard import alt, is_on, press, replace
from tests.request.tester_helpers import TODAY, pin, shown_tab
from tests.typing_helpers import type_text

MOTIVATION = (
    "La médiathèque intercommunale accueillera des ateliers pour les aînés des hameaux, une "
    "aide aux démarches en ligne et des permanences itinérantes dans les mairies voisines. "
) * 6


def _in_view(tab, widget) -> bool:  # noqa: ANN001
    """The whole height of ``widget`` is inside the form's visible part."""
    viewport = tab.form_scroll.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


def test_the_motivation_is_wholly_in_view_while_typed(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = shown_tab(qtbot, ctx)
    tab.form.structure_type.setFocus()
    assert tab.form_scroll.verticalScrollBar().value() == 0
    alt(qtbot, "v")
    assert is_on(tab.form.motivation)
    type_text(qtbot, tab.form.motivation, MOTIVATION)
    qtbot.wait(50)
    assert _in_view(tab, tab.form.motivation)


def test_the_next_field_stays_in_view_when_a_message_appears(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = shown_tab(qtbot, ctx)
    alt(qtbot, "g")
    replace(qtbot, "01/09/2026")  # past: « est passée » appears under the date once left
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.wait(50)
    form = tab.form
    assert form.fields["start_date"].error.isVisibleTo(form)
    assert is_on(form.candidate_identified)
    assert _in_view(tab, form.candidate_identified)
    label = form.candidate_identified.parentWidget().layout().labelForField(
        form.candidate_identified
    )
    assert label is not None and _in_view(tab, label)


def test_the_motivation_counter_stays_in_view_while_typed(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """The « 2 969 / 2 500 » under the motivation says when the text is too long: reached by
    Tab from the candidate's e-mail, it was cut at the bottom of the view while typing."""
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = shown_tab(qtbot, ctx)
    form = tab.form
    form.candidate_identified.setCurrentIndex(form.candidate_identified.findData(True))
    form.candidate_email.setFocus()
    qtbot.wait(50)
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(form.motivation)
    type_text(qtbot, form.motivation, MOTIVATION * 3)
    qtbot.wait(50)
    counter = form.motivation_counter
    assert len(form.motivation.toPlainText()) > requests.MOTIVATION_MAX
    assert _in_view(tab, form.motivation)
    assert _in_view(tab, counter)
