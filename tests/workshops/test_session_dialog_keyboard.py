"""The session editor from the keyboard alone: it opens on « Titre », Tab follows the screen
with the buttons last, every Alt+letter of a row reaches its field, a message about a refused
try goes when what it is about changes; the panel keeps the person being marked present or
absent; the letters asked for exist and reach one thing each."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services.workshops import registrations as rg
from desktop_app.views.accessibility import mnemonic_clashes, mnemonic_of
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
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
    widget.resize(1300, 720)
    widget.show()
    widget.activateWindow()
    widget.go_today()
    return widget


def _open(qtbot, tab, **kw) -> SessionDialog:  # noqa: ANN001, ANN003
    dialog = tab.make_dialog(**kw)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog
        )
    )
    return dialog


def _close(dialog: SessionDialog) -> None:
    dialog.mark_clean()
    dialog.reject()


def _alt(window: QWidget, key: Qt.Key) -> None:
    QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.AltModifier)


def _tab_walk(dialog: SessionDialog) -> list[QWidget]:
    """The widgets Tab reaches from the focused one, once round."""
    start = QApplication.focusWidget()
    seen = [start]
    for _ in range(200):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError("Tab never came back")


@pytest.mark.parametrize("kind", ["collectif", "individuel", "edit"])
def test_the_editor_opens_on_the_title(qtbot, tab, kind) -> None:  # noqa: ANN001
    if kind == "edit":
        dialog = _open(qtbot, tab, session_id=add_session(tab.ctx.db, datetime(2026, 3, 4, 14)))
    else:
        dialog = _open(qtbot, tab, kind=kind)
    assert QApplication.focusWidget() is dialog.title
    QTest.keyClicks(QApplication.focusWidget(), "3")
    assert dialog.title.text().endswith("3")
    assert all(
        spin.value() == 0 for spins in dialog.anonymous_counts.values() for spin in spins.values()
    )
    _close(dialog)


@pytest.mark.parametrize("kind", ["collectif", "individuel"])
def test_tab_follows_the_screen_and_the_buttons_come_last(qtbot, tab, kind) -> None:  # noqa: ANN001
    dialog = _open(qtbot, tab, kind=kind)
    walk = _tab_walk(dialog)  # from « Titre »: round to the kind above it, at the top
    assert walk[-3:] == [dialog.ok_button, dialog.cancel_button, dialog.kind]
    # the right column after the left one, the themes before the equipment and the kit
    themes = walk.index(dialog.themes)
    assert walk.index(dialog.notes) < themes
    assert walk[themes + 1] is dialog.equipment["ordinateur"]
    # and nothing shown is left out: the same widgets, in the same order, as on screen
    shown = [w.focusProxy() or w for w in dialog.tab_chain() if w.isVisible() and w.isEnabled()]
    assert [w for w in walk if w is not dialog.kind] == [w for w in shown if w is not dialog.kind]
    _close(dialog)


def test_tab_then_space_in_the_themes_does_not_save(qtbot, tab) -> None:  # noqa: ANN001
    dialog = _open(qtbot, tab, kind="collectif")
    dialog.themes.setFocus()
    QTest.keyClick(dialog.themes, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert dialog.isVisible() and dialog.saved_ids == []
    assert dialog.equipment["ordinateur"].isChecked()  # the space ticked the next box
    _close(dialog)


@pytest.mark.parametrize(
    ("kind", "key", "field"),
    [
        ("collectif", Qt.Key.Key_R, "duration"),  # « Durée »: a row of a spin box and presets
        ("collectif", Qt.Key.Key_A, "room"),  # « Salle »
        ("collectif", Qt.Key.Key_L, "conseiller"),  # « Conseiller »
        ("collectif", Qt.Key.Key_P, "anonymous"),  # « Venus sans inscription »
        ("individuel", Qt.Key.Key_P, "person"),  # « Personne »: the person and « Choisir… »
        ("individuel", Qt.Key.Key_V, "autonomy"),  # « Niveau d'autonomie »
    ],
)
def test_each_row_letter_reaches_its_field(qtbot, tab, kind, key, field) -> None:  # noqa: ANN001
    dialog = _open(qtbot, tab, kind=kind)
    _alt(dialog, key)
    wanted = getattr(dialog, field)
    assert QApplication.focusWidget() is wanted or (
        QApplication.focusWidget() is not None and QApplication.focusWidget().parent() is wanted
    ), (QApplication.focusWidget(), wanted)
    assert mnemonic_clashes(dialog) == []
    _close(dialog)


def test_a_refused_try_is_forgotten_when_its_date_changes(qtbot, tab) -> None:  # noqa: ANN001
    dialog = _open(qtbot, tab, kind="collectif", start=datetime(2026, 5, 14, 14, 0))
    dialog.confirm_warnings = lambda _messages: False  # « Non »: nothing saved
    QTest.keyClicks(dialog.title, "Atelier du jour")
    item = dialog.themes.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    assert dialog.problems.isVisibleTo(dialog)
    assert "Le 14/05/2026 est un jour férié" in dialog.problems.text()
    # another field (the notes) does not change what was refused
    QTest.keyClicks(dialog.notes, "Apporter sa tablette")
    assert dialog.problems.isVisibleTo(dialog)
    # the date it is about: typed again, the message goes at the first key
    dialog.date.edit.setFocus()
    dialog.date.edit.selectAll()
    QTest.keyClicks(dialog.date.edit, "15/05/2026")
    assert not dialog.problems.isVisibleTo(dialog) and dialog.problems.text() == ""
    _close(dialog)


def test_a_clash_is_forgotten_when_the_room_changes(qtbot, tab) -> None:  # noqa: ANN001
    from desktop_app.services.lacoop import rooms as rooms_service

    with tab.ctx.db.session() as s:
        rooms_service.save_rooms(s, ["Salle d'animation", "Espace numérique"])
    add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), room="Salle d'animation")
    dialog = _open(qtbot, tab, kind="collectif", start=datetime(2026, 3, 4, 14, 0))
    QTest.keyClicks(dialog.title, "Atelier du jour")
    dialog.themes.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.room.setCurrentIndex(dialog.room.findData("Salle d'animation"))
    dialog.ok_button.click()
    assert dialog.problems.text().startswith("Enregistrement impossible :\n• La salle")
    dialog.room.setCurrentIndex(dialog.room.findData("Espace numérique"))
    assert dialog.problems.text() == ""
    _close(dialog)


def test_marking_absent_keeps_the_place_in_the_list(qtbot, tab) -> None:  # noqa: ANN001
    db = tab.ctx.db
    sid = add_session(db, datetime(2026, 3, 2, 8, 0), title="Ce matin")  # already started
    people = [
        add_person(db, first, last)
        for first, last in (("Anne", "Aubert"), ("Bruno", "Barbier"), ("Chloé", "Caron"))
    ]
    with db.session() as s:
        for pid in people:
            rg.register(s, sid, pid)
    tab.show_session(sid)
    panel = tab.panel
    table = panel.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(1)
    chosen = panel.selected_registration()
    _alt(tab, Qt.Key.Key_B)  # « Absent »
    qtbot.waitUntil(lambda: table.model().index(1, 2).data() == "Absent")
    assert panel.selected_registration() == chosen  # the same person, still chosen
    assert table.currentIndex().row() == 1 and table.hasFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)  # the next person, as down a paper list
    assert table.currentIndex().row() == 2
    _alt(tab, Qt.Key.Key_P)  # « Présent »
    qtbot.waitUntil(lambda: table.model().index(2, 2).data() == "Présent")
    assert table.currentIndex().row() == 2


def test_the_letters_asked_for_exist_and_reach_one_thing(qtbot, main_window) -> None:  # noqa: ANN001
    tab = main_window.tab(WorkshopsTab)
    tab.ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    main_window.show_tab(WorkshopsTab)
    tab.go_today()
    tab.show_session(tab.range.sessions[0].id)
    for button in (tab.panel.register_button, tab.panel.all_present_button):
        assert mnemonic_of(button.text()), button.text()
    assert mnemonic_clashes(main_window) == []
    page = tab.lacoop_page
    tab.inner_tabs.setCurrentWidget(page)
    for button in (page.mark_button, page.export_button, page.import_button):
        assert mnemonic_of(button.text()), button.text()
    assert mnemonic_clashes(main_window) == []
    # the Bilan's preview: a letter of every keyboard, not « ç » nor its neighbour « r »
    # (the underline under r, next to the cedilla, reads as an underlined ç)
    assert mnemonic_of(tab.reports_panel.preview_button.text()) == "e"
    dialog = SessionDialog(tab.ctx, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {dialog.form.labelForField(dialog.fields[n]).text() for n in ("room", "conseiller")}
    assert all(mnemonic_of(text) for text in labels), labels
    assert mnemonic_clashes(dialog) == []
    _close(dialog)


def test_a_session_date_typed_without_its_year_is_the_nearest_one(qtbot, ctx) -> None:  # noqa: ANN001
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 12, 3, 9, 0)
    dialog = SessionDialog(ctx)
    qtbot.addWidget(dialog)
    for typed, wanted in (("12/01", date(2027, 1, 12)), ("28/11", date(2026, 11, 28)),
                          ("5 janvier", date(2027, 1, 5))):
        dialog.date.edit.setText(typed)
        assert dialog.date.value() == wanted, typed
    dialog.until.edit.setText("15/01")  # a series ends ahead
    assert dialog.until.value() == date(2027, 1, 15)
    dialog.mark_clean()
    dialog.reject()
