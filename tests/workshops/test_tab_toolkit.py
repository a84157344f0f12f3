"""The "Ateliers" tab on the view toolkit, tried as a person would: every window fits a
1366×768 screen less its taskbar, the wheel never changes an unfocused field, dates and times are
typed ("10" is 10:00) and implausible ones refused, a participant is registered from the
keyboard alone, Tab leaves every table, and no Alt+letter reaches two things."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from sqlalchemy import select

from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.workshops import registrations as rg
from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.common.input_safety import available_geometry
from desktop_app.views.workshops.exports import PeriodDialog
from desktop_app.views.workshops.participant_dialogs import (
    ParticipantDialog,
    ParticipantPickerDialog,
)
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.typing_helpers import type_text
from tests.workshops.helpers import (
    add_person,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
)

SCREEN = QRect(0, 0, 1366, 768 - 40)  # the most common office laptop, with its taskbar
LONG_TITLE = (
    "Découvrir les démarches administratives en ligne : impôts, caisse d'allocations "
    "familiales, assurance maladie, retraite et France Travail, pas à pas et sans se presser"
)
LONG_VENUE = "Salle polyvalente de la médiathèque intercommunale « Les Mots Passants », 1er étage"


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    widget.go_today()
    return widget


def _fits(window: QWidget) -> None:
    """Inside the screen (the laptop's, or the test screen when smaller), every button shown."""
    area = available_geometry(window).intersected(SCREEN)
    frame = window.frameGeometry()
    assert frame.height() <= area.height() and frame.width() <= area.width(), (frame, area)
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.parentWidget() is None:
            continue
        if window.findChild(QWidget, "qt_scrollarea_viewport") is not None and _scrolled(button):
            continue  # inside the form's scroll area: reached by scrolling
        top_left = button.mapTo(window, QPoint(0, 0))
        inside = QRect(top_left, button.size())
        assert window.rect().contains(inside), (button.text(), inside, window.rect())


def _scrolled(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def _close_clean(dialog) -> None:  # noqa: ANN001
    dialog.mark_clean()
    dialog.reject()


def test_every_window_fits_the_screen_with_long_french_text(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), title=LONG_TITLE, venue=LONG_VENUE)
    pid = add_person(tab.ctx.db, "Marie-Françoise", "de La Tour-d'Auvergne-Lauraguais",
                     commune="Saint-Éloi-des-Bois-en-Morvan")
    for kind in ("collectif", "individuel"):
        dialog = SessionDialog(tab.ctx, tab, kind=kind, start=datetime(2026, 3, 4, 14))
        qtbot.addWidget(dialog)
        dialog.title.setText(LONG_TITLE)
        dialog.venue.setText(LONG_VENUE)
        dialog.notes.setPlainText(LONG_TITLE * 3)
        dialog.show_problem("Enregistrement impossible :\n" + "\n".join([f"• {LONG_TITLE}"] * 5))
        dialog.show()
        qtbot.waitExposed(dialog)
        _fits(dialog)
        _close_clean(dialog)
    edit = SessionDialog(tab.ctx, tab, session_id=sid)
    qtbot.addWidget(edit)
    edit.show()
    _fits(edit)
    _close_clean(edit)
    person = ParticipantDialog(tab.ctx, tab, participant_id=pid)
    qtbot.addWidget(person)
    person.notes.setPlainText(LONG_TITLE)
    person.show()
    _fits(person)
    _close_clean(person)
    picker = ParticipantPickerDialog(tab.ctx, tab)
    qtbot.addWidget(picker)
    picker.show()
    _fits(picker)
    _close_clean(picker)
    period = PeriodDialog(tab, title="Exporter le calendrier", intro=LONG_TITLE * 2,
                          start=date(2026, 3, 1), end=date(2026, 3, 31), offer_future=True)
    qtbot.addWidget(period)
    period.show()
    _fits(period)
    _close_clean(period)


def test_the_warning_of_a_long_series_is_summarised(qtbot, tab) -> None:  # noqa: ANN001
    """40 Mondays, the library closed on each: the question shows five of them, the whole
    list scrolls in its detail, and "Oui"/"Non" stay on screen."""
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["fits"] = box.frameGeometry().height() <= available_geometry(box).height()
        seen["text"] = box.text()
        seen["detail"] = box.detailedText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        no = next(b for b in box.buttons() if b.text() == "&Non")
        no.click()

    dialog = SessionDialog(tab.ctx, tab, start=datetime(2026, 3, 2, 14, 0))  # a Monday
    qtbot.addWidget(dialog)
    dialog.title.setText("Atelier du lundi")
    dialog.set_themes(["navigation"])
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.count_radio.setChecked(True)
    dialog.count.setValue(40)
    QTimer.singleShot(20, answer)
    assert not dialog.save()
    assert seen["fits"] is True
    assert "&Oui" in seen["buttons"] and "&Non" in seen["buttons"]
    assert str(seen["text"]).count("•") == 5 and "… et " in str(seen["text"])
    assert str(seen["detail"]).count("•") >= 40
    assert dialog.problems.text().startswith("Non enregistré. À vérifier :")
    assert dialog.problems.text().count("•") == 5
    with tab.ctx.db.session() as s:
        assert s.scalars(select(WorkshopSession)).all() == []


def _wheel(widget: QWidget) -> None:
    event = QWheelEvent(
        QPointF(5, 5), QPointF(widget.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_does_not_change_an_unfocused_field(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), duration_min=120, capacity=8)
    dialog = SessionDialog(tab.ctx, tab, session_id=sid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.title.setFocus()
    before = (dialog.duration.value(), dialog.capacity.value(), dialog.status.currentIndex(),
              dialog.place_type.currentIndex(), dialog.date.text(), dialog.time.text())
    for field in (dialog.duration, dialog.capacity, dialog.status, dialog.place_type,
                  dialog.duration.lineEdit()):
        _wheel(field)
    after = (dialog.duration.value(), dialog.capacity.value(), dialog.status.currentIndex(),
             dialog.place_type.currentIndex(), dialog.date.text(), dialog.time.text())
    assert after == before
    assert not dialog.is_modified()
    _close_clean(dialog)
    # the report's period neither
    panel = tab.reports_panel
    tab.inner_tabs.setCurrentWidget(panel)
    preset = panel.preset.currentIndex()
    panel.breakdown_combo.setFocus()
    _wheel(panel.preset)
    assert panel.preset.currentIndex() == preset
    with tab.ctx.db.session() as s:
        row = s.get(WorkshopSession, sid)
        assert (row.duration_min, row.capacity) == (120, 8)


def _type(qtbot, field, text: str) -> None:  # noqa: ANN001 - a DateField or TimeField
    window = field.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field.edit.setFocus()
    field.edit.selectAll()
    type_text(qtbot, field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)  # leaving the field reads what was typed


def test_typed_times_and_dates(qtbot, tab) -> None:  # noqa: ANN001
    dialog = SessionDialog(tab.ctx, tab, start=datetime(2026, 3, 4, 14, 0))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.title, "Atelier du matin")
    dialog.set_themes(["navigation"])
    _type(qtbot, dialog.time, "10")
    assert dialog.time.text() == "10:00"
    for typed, shown in (("10h30", "10:30"), ("9h", "09:00"), ("1045", "10:45"), ("10", "10:00")):
        _type(qtbot, dialog.time, typed)
        assert dialog.time.text() == shown
    for typed in ("4/3/26", "04032026", "4"):
        _type(qtbot, dialog.date, typed)
        assert dialog.date.text() == "04/03/2026"
    # implausible: refused under its field, nothing saved
    _type(qtbot, dialog.date, "12/03/2202")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["start"].error.text() == (
        "La date de la séance ne peut pas être après le 02/03/2031."
    )
    _type(qtbot, dialog.time, "25h")
    assert "n'est pas une heure" in dialog.fields["time"].error.text()
    with tab.ctx.db.session() as s:
        assert s.scalars(select(WorkshopSession)).all() == []
    # corrected, the typed date and time are saved
    _type(qtbot, dialog.date, "4/3/26")
    _type(qtbot, dialog.time, "10")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        assert s.scalars(select(WorkshopSession.start)).all() == [datetime(2026, 3, 4, 10, 0)]
    # the report refuses a period before 2000 and the period dialog an end before its start
    panel = tab.reports_panel
    _type(qtbot, panel.start_edit, "01/01/1990")
    assert "ne peut pas être avant le 01/01/2000" in panel.start_edit.input_error()
    period = PeriodDialog(tab, title="t", intro="i", start=date(2026, 3, 1), end=date(2026, 3, 31))
    qtbot.addWidget(period)
    period.show()
    _type(qtbot, period.end_edit, "28/02/2026")
    period.accept()
    assert "avant la date de début" in period.error.text()
    assert period.result() != period.DialogCode.Accepted
    _close_clean(period)


def test_registering_a_participant_by_search_with_the_keyboard(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), capacity=8)
    add_person(tab.ctx.db, "Hélène", "Brossard")
    second = add_person(tab.ctx.db, "Bruno", "Brossard-Lefèvre")
    tab.show_session(sid)
    panel = tab.panel
    tab.activateWindow()
    tab.week_view.setFocus()
    qtbot.keyClick(tab.week_view, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # "&Rechercher…"
    assert panel.search.field.hasFocus()
    qtbot.keyClicks(panel.search.field, "brossard")
    qtbot.keyClick(panel.search.field, Qt.Key.Key_Down)  # into the results: the second one
    assert panel.search.current_id() == second
    qtbot.keyClick(panel.search.field, Qt.Key.Key_Return)  # registers the highlighted one
    with tab.ctx.db.session() as s:
        regs = s.execute(
            select(Registration.participant_id, Registration.status).where(
                Registration.session_id == sid
            )
        ).all()
    assert regs == [(second, "inscrit")]
    assert panel.search.field.text() == "" and panel.search.field.hasFocus()
    assert "Bruno Brossard-Lefèvre" in panel.message.text()
    # the next one at once, Enter on the first result
    type_text(qtbot, panel.search.field, "hélène")
    qtbot.keyClick(panel.search.field, Qt.Key.Key_Return)
    with tab.ctx.db.session() as s:
        names = s.scalars(
            select(Participant.first_name).join(Registration).where(Registration.session_id == sid)
        ).all()
    assert sorted(names) == ["Bruno", "Hélène"]
    # and the attendance, still without the mouse, once the session has begun
    tab.ctx.clock = lambda: datetime(2026, 3, 4, 14, 10)
    panel.reload()
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "&Présent"
    qtbot.wait(150)  # a mnemonic clicks its button after a short animation
    with tab.ctx.db.session() as s:
        marks = {r.first_name: r.attendance for r in rg.registrations_for(s, sid)}
    assert "present" in marks.values()


def test_enter_in_the_picker_search_adds_without_closing_another_dialog(qtbot, tab) -> None:  # noqa: ANN001
    """Enter belongs to the search field: the dialog's default button is not pressed."""
    pid = add_person(tab.ctx.db, "Maurice", "Château")
    picker = ParticipantPickerDialog(tab.ctx, tab)
    qtbot.addWidget(picker)
    picker.show()
    type_text(qtbot, picker.search.field, "zzz")  # nothing found
    qtbot.keyClick(picker.search.field, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.participant_id is None
    picker.search.field.clear()
    type_text(qtbot, picker.search.field, "chateau")
    qtbot.keyClick(picker.search.field, Qt.Key.Key_Return)
    assert picker.participant_id == pid


def test_tab_leaves_every_table(qtbot, tab) -> None:  # noqa: ANN001
    sid = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0))
    add_session(tab.ctx.db, datetime(2026, 3, 5, 14, 0))
    pid = add_person(tab.ctx.db, "Odette", "Ménard")
    with tab.ctx.db.session() as s:
        rg.register(s, sid, pid)
    tab.set_view("list")
    tab.show_session(sid)
    tab.inner_tabs.setCurrentWidget(tab.reports_panel)
    tab.reports_panel.refresh()
    tab.inner_tabs.setCurrentIndex(0)
    for table in (tab.list_view, tab.panel.table):
        assert not table.tabKeyNavigation()
        table.setFocus()
        table.selectRow(0)
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert not table.hasFocus(), table.objectName()
    tab.inner_tabs.setCurrentWidget(tab.reports_panel)
    report = tab.reports_panel.table
    assert not report.tabKeyNavigation()
    report.setFocus()
    qtbot.keyClick(report, Qt.Key.Key_Tab)
    assert not report.hasFocus()


def test_no_mnemonic_clash(qtbot, main_window) -> None:  # noqa: ANN001
    tab = main_window.tab(WorkshopsTab)
    tab.ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)  # the demo data's day
    main_window.show_tab(WorkshopsTab)
    tab.go_today()
    for view in ("week", "month", "list"):
        tab.set_view(view)
        tab.show_session(tab.range.sessions[0].id)
        if tab.panel.model.rowCount():
            tab.panel.table.selectRow(0)
        assert mnemonic_clashes(main_window) == [], view
    tab.inner_tabs.setCurrentWidget(tab.reports_panel)
    assert mnemonic_clashes(main_window) == []
    ctx = tab.ctx
    session_id = tab.range.sessions[0].id
    for dialog in (
        SessionDialog(ctx, tab),
        SessionDialog(ctx, tab, kind="individuel"),
        SessionDialog(ctx, tab, session_id=session_id),
        ParticipantDialog(ctx, tab),
        ParticipantPickerDialog(ctx, tab),
        PeriodDialog(tab, title="t", intro="i", start=date(2026, 3, 1), end=date(2026, 3, 31),
                     offer_future=True),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert mnemonic_clashes(dialog) == [], dialog.windowTitle()
        _close_clean(dialog)
