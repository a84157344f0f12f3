"""Series: the end date follows the start both ways, public holidays and closed days skipped
with a preview of the dates and their count, one-off changes reported before "Cette séance et
les suivantes" overwrites them, and a person registered for a whole series at once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.db import Database
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.workshops import ValidationError
from desktop_app.services.workshops import registrations as rg
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import (
    add_person,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
    workshop,
)

THURSDAY = datetime(2026, 5, 7, 14, 0)  # Ascension is Thursday 14 May 2026


def test_end_date_follows_the_start_both_ways() -> None:
    until = date(2026, 7, 2)
    assert sr.follow_start(date(2026, 5, 7), date(2026, 5, 21), until) == date(2026, 7, 16)
    # moved back a month: the end comes back a month too (not a series of two years)
    assert sr.follow_start(date(2026, 5, 7), date(2026, 4, 7), until) == date(2026, 6, 2)


def test_series_ending_before_the_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="avant la première séance"):
        sr.occurrence_dates("weekly", date(2026, 5, 7), until=date(2026, 5, 6))
    assert sr.occurrence_dates("weekly", date(2026, 5, 7), until=date(2026, 5, 7)) == [
        date(2026, 5, 7)
    ]


def test_preview_skips_holidays_and_keeps_the_count(db: Database) -> None:
    setup_library(db)  # closed on Mondays and Sundays
    with db.session() as s:
        plain = sr.preview(s, "weekly", THURSDAY.date(), count=4)
        skipping = sr.preview(s, "weekly", THURSDAY.date(), count=4, skip_closed=True)
        until = sr.preview(s, "weekly", THURSDAY.date(), until=date(2026, 5, 28),
                           skip_closed=True)
        mondays = sr.preview(s, "weekly", date(2026, 5, 4), count=3, skip_closed=True)
    assert date(2026, 5, 14) in plain.dates and len(plain.dates) == 4
    assert skipping.dates == [date(2026, 5, 7), date(2026, 5, 21), date(2026, 5, 28),
                              date(2026, 6, 4)]
    assert skipping.skipped == [(date(2026, 5, 14), "jour férié (Ascension)")]
    assert skipping.summary().startswith("4 séances : 07/05/2026, 21/05/2026")
    assert "1 jour sauté : 14/05/2026 (jour férié (Ascension))" in skipping.summary()
    assert until.dates == [date(2026, 5, 7), date(2026, 5, 21), date(2026, 5, 28)]
    assert mondays.dates == []
    assert mondays.skipped[0][1] == "bibliothèque fermée le lundi"


def test_created_series_matches_its_preview(db: Database) -> None:
    setup_library(db)
    with db.session() as s:
        ids = sr.create_series(s, workshop(THURSDAY), "weekly", count=4, skip_closed=True,
                               allow_warnings=True)
        days = [s.get(WorkshopSession, i).start.date() for i in ids]
    assert days == [date(2026, 5, 7), date(2026, 5, 21), date(2026, 5, 28), date(2026, 6, 4)]
    with db.session() as s, pytest.raises(ValidationError, match="Tous les jours"):
        sr.create_series(s, workshop(datetime(2026, 5, 4, 14)), "weekly", count=2,
                         skip_closed=True, allow_warnings=True)


def test_one_off_changes_are_reported_and_can_be_kept(db: Database) -> None:
    setup_library(db)
    with db.session() as s:
        ids = sr.create_series(s, workshop(THURSDAY), "weekly", count=4, allow_warnings=True)
        third = ss.get_session(s, ids[2])
        ss.update_session(s, ids[2], ss.SessionInput(**{
            **{k: getattr(third, k) for k in ss.SessionInput.__dataclass_fields__
               if hasattr(third, k)},
            "title": "Séance spéciale : la fête des voisins", "capacity": 12,
        }), allow_warnings=True)
    with db.session() as s:
        changes = sr.own_changes(s, ids[1])
        assert [(c.session_id, c.fields) for c in changes] == [(ids[2], ("titre", "places"))]
        assert changes[0].sentence() == (
            "Séance du 21/05/2026 : titre, places modifié(s) à part"
        )
        data = ss.get_session(s, ids[1])
        new = ss.SessionInput(**{
            **{k: getattr(data, k) for k in ss.SessionInput.__dataclass_fields__
               if hasattr(data, k)},
            "title": "Tablette, suite",
        })
        assert sr.update_from(s, ids[1], new, allow_warnings=True, keep=[ids[2]]) == 2
    with db.session() as s:
        titles = [s.get(WorkshopSession, i).title for i in ids]
    assert titles == ["Premiers pas sur tablette", "Tablette, suite",
                      "Séance spéciale : la fête des voisins", "Tablette, suite"]


def test_register_a_person_for_the_whole_series(db: Database) -> None:
    setup_library(db)
    anne = add_person(db, "Anne", "Petit")
    bruno = add_person(db, "Bruno", "Grand")
    with db.session() as s:
        ids = sr.create_series(s, workshop(THURSDAY, capacity=1), "weekly", count=4,
                               allow_warnings=True)
        ss.cancel_session(s, ids[3])
        rg.register(s, ids[1], bruno)  # the second one is full
    with db.session() as s:
        message = rg.register_series(s, ids[0], anne)
    assert message == (
        "Anne Petit : inscrit(e) à 2 séance(s) de la série, sur la liste d'attente le "
        "14/05/2026."
    )
    with db.session() as s:
        again = rg.register_series(s, ids[0], anne)
        statuses = [[r.status for r in rg.registrations_for(s, i) if r.first_name == "Anne"]
                    for i in ids]
    assert again.endswith("déjà inscrit(e) à 3.")
    assert statuses == [["inscrit"], ["attente"], ["inscrit"], []]


# -- in the window --------------------------------------------------------------------------

@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    from desktop_app.views.workshops_tab import WorkshopsTab

    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 5, 4, 9, 0)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def test_dialog_previews_the_dates_and_the_end_follows_the_start(qtbot, tab) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate

    from tests.workshops.test_tab_planner import check_theme, save_button

    dialog = tab.make_dialog(kind="collectif", start=THURSDAY)
    qtbot.addWidget(dialog)
    dialog.title.setText("Premiers pas sur tablette")
    check_theme(qtbot, dialog, "materiel")
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.count_radio.click()
    dialog.count.setValue(4)
    assert dialog.series_preview.text().startswith("4 séances : 07/05/2026, 14/05/2026")
    dialog.skip_closed.click()
    assert dialog.series_preview.text().startswith(
        "4 séances : 07/05/2026, 21/05/2026, 28/05/2026, 04/06/2026 — 1 jour sauté : "
        "14/05/2026 (jour férié (Ascension))"
    )
    # "Jusqu'au": moved with the start, back as well as forward
    dialog.until_radio.click()
    dialog.until.set_value(date(2026, 6, 25))
    dialog.date.setDate(QDate(2026, 4, 9))
    assert dialog.until.value() == date(2026, 5, 28)
    dialog.date.setDate(QDate(2026, 5, 7))
    assert dialog.until.value() == date(2026, 6, 25)
    assert dialog.series_preview.text().startswith("7 séances")  # 8 Thursdays less Ascension
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        days = sorted(r.start.date() for r in s.query(WorkshopSession))
    assert len(days) == 7 and date(2026, 5, 14) not in days


def test_following_sessions_changed_apart_are_asked_about(qtbot, tab) -> None:  # noqa: ANN001
    from tests.workshops.test_tab_planner import save_button

    with tab.ctx.db.session() as s:
        ids = sr.create_series(s, workshop(THURSDAY), "weekly", count=3, allow_warnings=True)
        row = s.get(WorkshopSession, ids[2])
        row.title = "Séance spéciale"
    asked: list[list[int]] = []
    for choice, expected in (
        (None, "Séance spéciale"),  # stopped: nothing saved
        ("keep", "Séance spéciale"),
        ("overwrite", "Tablette, suite"),
    ):
        dialog = tab.make_dialog(session_id=ids[0])
        qtbot.addWidget(dialog)
        dialog.ask_own_changes = lambda changes, c=choice: (
            asked.append([x.session_id for x in changes]) or c
        )
        dialog.title.setText("Tablette, suite")
        dialog.scope_from.click()
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        with tab.ctx.db.session() as s:
            got = [s.get(WorkshopSession, i).title for i in ids]
        first = "Premiers pas sur tablette" if choice is None else "Tablette, suite"
        assert got == [first, first, expected], choice
    assert asked[0] == [ids[2]]


def test_register_for_the_series_from_the_panel(qtbot, tab) -> None:  # noqa: ANN001
    anne = add_person(tab.ctx.db, "Anne", "Petit")
    with tab.ctx.db.session() as s:
        ids = sr.create_series(s, workshop(THURSDAY), "weekly", count=3, allow_warnings=True)
    tab.show_session(ids[1])
    panel = tab.panel
    assert panel.series_button.isVisibleTo(panel)
    from tests.typing_helpers import type_text

    type_text(qtbot, panel.search.field, "petit")
    qtbot.waitUntil(lambda: panel.search.current_id() == anne)
    qtbot.mouseClick(panel.series_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Anne Petit : inscrit(e) à 2 séance(s) de la série."
    with tab.ctx.db.session() as s:
        counts = [len(rg.registrations_for(s, i)) for i in ids]
    assert counts == [0, 1, 1]
