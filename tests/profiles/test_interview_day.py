"""An interview on a Sunday, a public holiday or a day already past is said, and asked about
once when saved; never refused (an interview held is recorded afterwards)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.profiles.records import first_interview_day, interview_day_notes
from desktop_app.views.profiles.dialogs import InterviewDialog
from tests.typing_helpers import type_text

TODAY = date(2026, 12, 3)  # a Thursday
PAST = ("Cette date est passée : l'entretien sera enregistré comme déjà tenu (il ne figurera "
        "pas dans « Entretiens à venir »).")


@pytest.mark.parametrize(("day", "notes"), [
    (date(2026, 12, 4), []),
    (date(2026, 12, 5), []),  # a Saturday: many médiathèques are open
    (date(2026, 12, 6), ["Le 6 décembre 2026 est un dimanche."]),
    (date(2026, 12, 25), ["Le vendredi 25 décembre 2026 est un jour férié (Noël)."]),
    (date(2026, 12, 1), [PAST]),
    (date(2026, 11, 1), ["Le dimanche 1er novembre 2026 est un jour férié (Toussaint).", PAST]),
])
def test_the_day_notes(day: date, notes: list[str]) -> None:
    assert interview_day_notes(datetime.combine(day, datetime.min.time()), TODAY) == notes


def test_the_day_first_proposed_is_a_working_day() -> None:
    assert first_interview_day(TODAY) == date(2026, 12, 7)  # not Sunday 6
    assert first_interview_day(date(2026, 12, 22)) == date(2026, 12, 28)  # not Noël nor Sat
    assert first_interview_day(date(2026, 12, 1)) == date(2026, 12, 4)


def _dialog(qtbot, start: datetime, saved: list) -> InterviewDialog:  # noqa: ANN001
    dialog = InterviewDialog("Élodie Martin", saved.append, start, "Médiathèque", "Mme la maire",
                             today=TODAY)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.mark_clean())  # no question at close
    dialog.show()
    return dialog


def _type_day(qtbot, dialog: InterviewDialog, text: str) -> None:  # noqa: ANN001
    edit = dialog.start.date_field.edit
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)
    edit.editingFinished.emit()  # leaving the field reads the day


def test_a_holiday_typed_is_said_under_the_field_and_asked_about(
    qtbot, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent, _title, summary, _details, **_kw) -> bool:  # noqa: ANN001
        asked.append(summary)
        return answer[0]

    monkeypatch.setattr("desktop_app.views.common.forms.ask_with_details", ask)
    saved: list = []
    dialog = _dialog(qtbot, datetime(2026, 12, 7, 14), saved)
    assert not dialog.day_note.isVisibleTo(dialog)
    _type_day(qtbot, dialog, "25/12")
    assert dialog.day_note.isVisibleTo(dialog)
    assert dialog.day_note.text() == "Le vendredi 25 décembre 2026 est un jour férié (Noël)."
    qtbot.keyClick(dialog.panel, Qt.Key.Key_Return)
    assert asked == ["Le vendredi 25 décembre 2026 est un jour férié (Noël).\n\n"
                     "Garder cette date ?"]
    assert saved == [] and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.focusWidget() is dialog.start.date_field.edit  # back to the day, to change it
    answer[0] = True
    qtbot.keyClick(dialog.panel, Qt.Key.Key_Return)
    assert [v[0] for v in saved] == [datetime(2026, 12, 25, 14)]


def test_a_past_day_is_kept_after_one_question(
    qtbot, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("desktop_app.views.common.forms.ask_with_details",
                        lambda _p, _t, summary, _d, **_k: asked.append(summary) or True)
    saved: list = []
    dialog = _dialog(qtbot, datetime(2026, 12, 7, 14), saved)
    _type_day(qtbot, dialog, "1/12/2026")
    assert dialog.day_note.text() == PAST
    dialog.accept()
    assert asked == [PAST + "\n\nGarder cette date ?"]
    assert [v[0] for v in saved] == [datetime(2026, 12, 1, 14)]


def test_reopening_a_held_interview_asks_nothing(
    qtbot, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    """« Notes de l'entretien… » on an interview held on a past day (here a holiday too)."""
    monkeypatch.setattr("desktop_app.views.common.forms.ask_with_details",
                        lambda *_a, **_k: pytest.fail("asked about the day it opened with"))
    saved: list = []
    dialog = _dialog(qtbot, datetime(2026, 11, 11, 10), saved)
    dialog.notes.setPlainText("Très à l'aise à l'oral.")
    dialog.start.time_field.edit.setText("10h30")
    dialog.start.time_field.edit.editingFinished.emit()
    assert not dialog.day_note.isVisibleTo(dialog)
    dialog.accept()
    assert [v[0] for v in saved] == [datetime(2026, 11, 11, 10, 30)]


def test_a_day_typed_without_its_year_is_the_nearest(qtbot) -> None:  # noqa: ANN001
    """« 12/01 » typed on 3 December is next January, not a January already past."""
    dialog = _dialog(qtbot, datetime(2026, 12, 7, 14), [])
    _type_day(qtbot, dialog, "12/01")
    assert dialog.start.value() == datetime(2027, 1, 12, 14)
    assert not dialog.day_note.isVisibleTo(dialog)
    _type_day(qtbot, dialog, "25/11")  # a week ago: the interview just held
    assert dialog.start.value() == datetime(2026, 11, 25, 14)
    assert dialog.day_note.text() == PAST
