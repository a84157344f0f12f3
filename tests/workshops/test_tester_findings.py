"""What a keyboard tester found in « Ateliers » at 1366×768: the calendar keeps its width when
the chosen session changes, and no letter is used twice on the planning screen (menus included,
disabled buttons too: they become enabled without the screen changing)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar, QTabBar, QWidget

from desktop_app.views.accessibility import mnemonic_of
from desktop_app.views.workshops_tab import WorkshopsTab


def _letters(window: QWidget) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}

    def add(text: str) -> None:
        if letter := mnemonic_of(text):
            owners.setdefault(letter, []).append(text)

    for bar in window.findChildren(QMenuBar):
        for action in bar.actions():
            add(action.text())
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or isinstance(w.parentWidget(), QTabBar):
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy()):
            add(w.text())
    return owners


def _shown(qtbot, main_window) -> WorkshopsTab:  # noqa: ANN001
    tab = main_window.tab(WorkshopsTab)
    tab.ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)  # the demo data's day
    main_window.resize(1366, 728)
    main_window.show()
    main_window.show_tab(WorkshopsTab)
    tab.go_today()
    qtbot.wait(50)
    return tab


def test_no_letter_twice_and_every_button_has_one(qtbot, main_window) -> None:  # noqa: ANN001
    tab = _shown(qtbot, main_window)
    series = next(r for r in tab.range.sessions if r.kind == "collectif")
    for view in ("week", "month", "list"):
        tab.set_view(view)
        tab.show_session(series.id)
        tab.panel.undo_button.setVisible(True)  # as after « Désinscrire »
        dupes = {k: v for k, v in _letters(main_window).items() if len(v) > 1}
        assert dupes == {}, view
        tab.panel.undo_button.setVisible(False)
    panel = tab.panel
    for b in (
        tab.documents_button,
        tab.today_button,
        panel.chosen_button,
        panel.all_present_button,
        panel.register_button,
    ):
        assert mnemonic_of(b.text()), b.text()
    assert mnemonic_of(tab.today_button.text()) != "j"  # its underline hides in the descender
    menu = [a.text() for a in tab.documents_button.menu().actions() if not a.isSeparator()]
    letters = [mnemonic_of(t) for t in menu if mnemonic_of(t)]
    assert len(letters) == len(set(letters)) == 7
    assert mnemonic_of(tab.reports_panel.preview_button.text()) != "r"


def test_the_calendar_keeps_its_width_when_the_session_changes(qtbot, main_window) -> None:  # noqa: ANN001
    tab = _shown(qtbot, main_window)
    tab.panel.show_session(None)
    qtbot.wait(50)
    before = (tab.week_view.width(), tab.legend.height(), tab.panel.width())
    tab.show_session(tab.range.sessions[0].id)
    qtbot.wait(50)
    assert (tab.week_view.width(), tab.legend.height(), tab.panel.width()) == before
