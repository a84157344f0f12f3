"""What the bar under the form says. After « Annuler les modifications », leaving the field put
back (unchanged since) said « Enregistré automatiquement à … », as if the cancelled typing had
been kept; a field left or typed back as it was says nothing new, and another request does not
show what was said about the one left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services.request import requests
from tests.request.keyboard import alt, press, when_modal
from tests.request.tester_helpers import TODAY, complete_draft, pin, shown_tab
from tests.typing_helpers import type_text


def _saved_name(ctx) -> str:  # noqa: ANN001
    with ctx.db.session() as s:
        return requests.get_structure(s).name


def test_the_bar_after_undo_and_fields_left_unchanged(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = shown_tab(qtbot, ctx)
    name = tab.form.name
    opened = name.text()
    name.setFocus()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, name, "Commune de Saint-Léger-de-Fougeret et de ses hameaux réunis")
    press(qtbot, Qt.Key.Key_Tab)
    assert tab.save_state.text() == "Enregistré automatiquement à 09:00"

    def yes(box: QMessageBox) -> None:
        next(b for b in box.buttons() if "Annuler" in b.text()).click()

    timer = when_modal(QMessageBox, yes)
    alt(qtbot, "u")
    timer.stop()
    undone = tab.save_state.text()
    assert undone.startswith("Modifications annulées : la demande est revenue à son état")
    assert name.text() == opened == _saved_name(ctx)
    # the field put back, left without a change: nothing saved, nothing new said
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    name.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.wait(900)  # past the autosave's delay
    assert tab.save_state.text() == undone
    # typed, then typed back before the autosave: the bar goes back to what it said
    name.setFocus()
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, name, "x")
    assert tab.save_state.text() == "Modifications en cours…"
    press(qtbot, Qt.Key.Key_Backspace)
    assert tab.save_state.text() == undone and not tab._dirty
    # a real change is saved and said so
    type_text(qtbot, name, " (Nièvre)")
    press(qtbot, Qt.Key.Key_Tab)
    assert tab.save_state.text() == "Enregistré automatiquement à 09:00"
    assert _saved_name(ctx) == opened + " (Nièvre)"
    # another request: the bar said that of the draft, not of this one
    tab.request_list.setCurrentRow(1)
    assert tab._data is not None and not tab._data.is_draft
    assert tab.save_state.text() == ""


def test_the_bar_says_nothing_of_typing_once_filed(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Filed, the request is read, not typed into: the bar said « Enregistré automatiquement
    à … » of the draft's last typing under a form that can no longer change."""
    ctx = pin(demo_ctx)
    complete_draft(ctx)
    tab = shown_tab(qtbot, ctx)
    tab.form.contact_function.setFocus()
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, tab.form.contact_function, " et de l'agence postale")
    press(qtbot, Qt.Key.Key_Tab)
    assert tab.save_state.text() == "Enregistré automatiquement à 09:00"
    dialog = tab.file_dialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert tab._data is not None and not tab._data.is_draft
    assert tab.save_state.text() == ""
