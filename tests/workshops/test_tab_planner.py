"""The "Ateliers" tab driven as a user would: create a workshop and a series, edit one
occurrence and the rest of a series, each conflict's message, navigation and the list."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from sqlalchemy import select

from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.workshops import series as sr
from desktop_app.views.accessibility import unnamed_inputs
from desktop_app.views.workshops.participant_dialogs import (
    ParticipantDialog,
    ParticipantPickerDialog,
)
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.typing_helpers import type_text
from tests.workshops.helpers import (
    add_kit_items,
    add_session,
    no_message_boxes,  # noqa: F401  (fixture)
    setup_library,
    workshop,
)

TODAY = date(2026, 3, 2)


@pytest.fixture
def tab(qtbot, ctx, no_message_boxes):  # noqa: ANN001, ANN201, F811
    setup_library(ctx.db)
    ctx.clock = lambda: datetime.combine(TODAY, datetime.min.time()).replace(hour=9)
    widget = WorkshopsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.go_today()
    return widget


def save_button(dialog: SessionDialog):  # noqa: ANN201
    return dialog.ok_button


def check_theme(qtbot, dialog: SessionDialog, key: str) -> None:  # noqa: ANN001
    for i in range(dialog.themes.count()):
        if dialog.themes.item(i).data(Qt.ItemDataRole.UserRole) == key:
            dialog.themes.setCurrentRow(i)
            qtbot.keyClick(dialog.themes, Qt.Key.Key_Space)
            return
    raise AssertionError(key)


def titles(db) -> list[str]:  # noqa: ANN001
    with db.session() as s:
        return list(s.scalars(select(WorkshopSession.title).order_by(WorkshopSession.start)))


def test_create_a_workshop_and_open_it_from_the_week(qtbot, tab) -> None:  # noqa: ANN001
    def fill(dialog: SessionDialog) -> bool:
        type_text(qtbot, dialog.title, "Découvrir l'intelligence artificielle générative")
        check_theme(qtbot, dialog, "ia")
        dialog.date.setDate(QDate(2026, 3, 4))
        dialog.time.setTime(QTime(14, 30))
        preset = next(b for b in dialog.findChildren(type(save_button(dialog))) if b.text() == "90")
        qtbot.mouseClick(preset, Qt.MouseButton.LeftButton)
        dialog.equipment["ordinateur"].setChecked(True)
        dialog.anonymous.setValue(3)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result() == SessionDialog.DialogCode.Accepted

    tab.run_dialog = fill
    qtbot.mouseClick(tab.new_workshop_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        row = s.scalars(select(WorkshopSession)).one()
        assert (row.start, row.duration_min, row.venue, row.anonymous_count) == (
            datetime(2026, 3, 4, 14, 30),
            90,
            "Bibliothèque « Les Mots Passants »",
            3,
        )
    assert tab.period_label.text() == "Semaine du 2 au 8 mars 2026"
    tab.panel.show_session(None)
    rect = tab.week_view.rect_of(row.id)
    assert rect is not None
    qtbot.mouseClick(tab.week_view, Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.panel.heading.text() == "Découvrir l'intelligence artificielle générative"
    assert "14:30 – 16:00" in tab.panel.info.text()


def test_field_errors_are_shown_at_the_field(qtbot, tab) -> None:  # noqa: ANN001
    dialog = tab.make_dialog(kind="collectif", start=datetime(2026, 3, 4, 14, 0))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.fields["title"].error.text().startswith("Donnez un titre à l'atelier")
    assert dialog.fields["themes"].error.text() == "Cochez au moins une thématique."
    assert titles(tab.ctx.db) == []


def test_create_a_weekly_series(qtbot, tab) -> None:  # noqa: ANN001
    def fill(dialog: SessionDialog) -> bool:
        type_text(qtbot, dialog.title, "Premiers pas sur tablette")
        check_theme(qtbot, dialog, "materiel")
        dialog.date.setDate(QDate(2026, 3, 3))
        dialog.time.setTime(QTime(14, 0))
        dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
        assert dialog.repeat.currentText() == "Chaque semaine, le mardi"
        qtbot.mouseClick(dialog.count_radio, Qt.MouseButton.LeftButton)
        dialog.count.setValue(4)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result() == SessionDialog.DialogCode.Accepted

    tab.run_dialog = fill
    qtbot.mouseClick(tab.new_workshop_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        rows = s.scalars(select(WorkshopSession).order_by(WorkshopSession.start)).all()
        assert [r.start.date() for r in rows] == [
            date(2026, 3, 3),
            date(2026, 3, 10),
            date(2026, 3, 17),
            date(2026, 3, 24),
        ]
        assert len({r.series_id for r in rows}) == 1 and rows[0].series_id is not None
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.period_label.text() == "Semaine du 9 au 15 mars 2026"
    assert [r.start.date() for r in tab.week_view.rows()] == [date(2026, 3, 10)]


def test_edit_one_occurrence_then_the_rest_of_the_series(qtbot, tab) -> None:  # noqa: ANN001
    with tab.ctx.db.session() as s:
        ids = sr.create_series(s, workshop(datetime(2026, 3, 3, 14, 0)), "weekly", count=4)
    tab.refresh()

    def change_title(new_title: str, scope_from: bool, hour: int | None = None):  # noqa: ANN202
        def fill(dialog: SessionDialog) -> bool:
            assert dialog.scope_box.isVisibleTo(dialog)
            dialog.title.clear()
            type_text(qtbot, dialog.title, new_title)
            if hour is not None:
                dialog.time.setTime(QTime(hour, 0))
            button = dialog.scope_from if scope_from else dialog.scope_one
            button.click()  # the dialog is not shown: its scrolled content has no geometry
            qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
            return dialog.result() == SessionDialog.DialogCode.Accepted

        return fill

    tab.run_dialog = change_title("Tablette : séance de rattrapage", scope_from=False)
    tab.show_session(ids[1])
    qtbot.mouseClick(tab.panel.edit_button, Qt.MouseButton.LeftButton)
    assert titles(tab.ctx.db) == [
        "Premiers pas sur tablette",
        "Tablette : séance de rattrapage",
        "Premiers pas sur tablette",
        "Premiers pas sur tablette",
    ]
    tab.run_dialog = change_title("Tablette, niveau 2", scope_from=True, hour=15)
    tab.edit_session(ids[2])
    assert titles(tab.ctx.db) == [
        "Premiers pas sur tablette",
        "Tablette : séance de rattrapage",
        "Tablette, niveau 2",
        "Tablette, niveau 2",
    ]
    with tab.ctx.db.session() as s:
        assert [s.get(WorkshopSession, i).start.hour for i in ids] == [14, 14, 15, 15]


def test_cancel_one_occurrence_from_the_panel(qtbot, tab) -> None:  # noqa: ANN001
    with tab.ctx.db.session() as s:
        ids = sr.create_series(s, workshop(datetime(2026, 3, 3, 14, 0)), "weekly", count=3)
    tab.refresh()
    asked = []
    tab.ask_cancel_scope = lambda detail: asked.append(detail.id) or "one"
    tab.show_session(ids[0])
    qtbot.mouseClick(tab.panel.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == [ids[0]]
    with tab.ctx.db.session() as s:
        assert [s.get(WorkshopSession, i).status for i in ids] == ["annule", "planifie", "planifie"]
    assert "Annulé" in tab.panel.info.text()
    assert not tab.panel.cancel_button.isEnabled()


def _try_create(qtbot, tab, start: datetime, confirm=None, **extra):  # noqa: ANN001, ANN003, ANN202
    dialog = tab.make_dialog(kind="collectif", start=start)
    qtbot.addWidget(dialog)
    if confirm is not None:
        dialog.confirm_warnings = confirm
    type_text(qtbot, dialog.title, "Atelier du jour")
    check_theme(qtbot, dialog, "navigation")
    for cid, n in extra.get("kit", {}).items():
        dialog.kit[cid].setValue(n)
    if "conseiller" in extra:
        dialog.conseiller.setEditText(extra["conseiller"])
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    return dialog


def test_busy_conseiller_message(qtbot, tab) -> None:  # noqa: ANN001
    add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), title="Sécuriser ses comptes en ligne",
                conseiller_name="Jeanne Lebœuf")
    dialog = _try_create(qtbot, tab, datetime(2026, 3, 4, 15, 0), conseiller="Jeanne Lebœuf")
    assert dialog.problems.isVisibleTo(dialog)
    assert dialog.problems.text() == (
        "Enregistrement impossible :\n• Jeanne Lebœuf a déjà une séance le mercredi 4 mars 2026 de "
        "14:00 à 16:00 : « Sécuriser ses comptes en ligne ». Choisissez un autre horaire."
    )
    assert dialog.result() != SessionDialog.DialogCode.Accepted
    assert titles(tab.ctx.db) == ["Sécuriser ses comptes en ligne"]


def test_kit_shortage_message(qtbot, tab) -> None:  # noqa: ANN001
    tablets = add_kit_items(tab.ctx.db, "Tablettes", 2)
    dialog = _try_create(qtbot, tab, datetime(2026, 3, 4, 14, 0), kit={tablets: 3})
    assert dialog.problems.text() == (
        "Enregistrement impossible :\n• 3 tablettes demandées, 2 disponibles le 04/03 de 14:00 à 15:00"
    )
    assert titles(tab.ctx.db) == []


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 5, 14, 14, 0), "Le 14/05/2026 est un jour férié (Ascension)."),
        (
            datetime(2026, 3, 7, 14, 0),
            "Le 07/03/2026 de 14:00 à 15:00 est en dehors des horaires d'ouverture de la "
            "bibliothèque (ouverte le samedi : 09:00-12:30).",
        ),
    ],
)
def test_warnings_are_asked_then_allowed(qtbot, tab, start, expected) -> None:  # noqa: ANN001
    answers = []

    def refuse(messages: list[str]) -> bool:
        answers.append(messages)
        return False

    dialog = _try_create(qtbot, tab, start, confirm=refuse)
    assert answers == [[expected]]
    assert dialog.problems.text() == f"Non enregistré. À vérifier :\n• {expected}"
    assert titles(tab.ctx.db) == []
    dialog.confirm_warnings = lambda messages: True
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert titles(tab.ctx.db) == ["Atelier du jour"]


def test_training_day_is_shown_and_warned(qtbot, tab, monkeypatch) -> None:  # noqa: ANN001
    from desktop_app.services.profiles import api as profiles_api

    monkeypatch.setattr(
        profiles_api,
        "training_periods",
        lambda _s, a, b: [
            profiles_api.TrainingPeriod(date(2026, 3, 5), date(2026, 3, 5), "Formation initiale")
        ],
    )
    tab.refresh()
    assert tab.week_view.data.training == {date(2026, 3, 5): "Formation initiale"}
    # double-click a free moment of that Thursday: the editor opens there, and warns
    answers = []
    opened = []

    def fill(dialog: SessionDialog) -> bool:
        opened.append(dialog.date.date().toPython())
        dialog.confirm_warnings = lambda messages: answers.append(messages) or False
        type_text(qtbot, dialog.title, "Atelier du jour")
        check_theme(qtbot, dialog, "navigation")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        return False

    tab.run_dialog = fill
    view = tab.week_view
    col_w, hour_h, first, _last = view._geometry()
    x = int(view.GUTTER + 3.5 * col_w)
    y = int(view.HEADER + (15 - first) * hour_h + 2)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert opened == [date(2026, 3, 5)]
    assert answers == [["Le 05/03/2026 est un jour de formation : Formation initiale."]]
    assert titles(tab.ctx.db) == []


def test_month_and_list_views_with_filters(qtbot, tab) -> None:  # noqa: ANN001
    add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), title="Atelier tablette")
    add_session(tab.ctx.db, datetime(2026, 3, 18, 14, 0), title="Atelier e-mail", themes=["email"])
    add_session(tab.ctx.db, datetime(2026, 4, 1, 14, 0), title="Atelier d'avril")
    qtbot.mouseClick(tab.view_buttons["month"], Qt.MouseButton.LeftButton)
    assert tab.period_label.text() == "Mars 2026"
    assert [r.title for r in tab.month_view.rows()] == [
        "Atelier tablette",
        "Atelier e-mail",
        "Atelier d'avril",  # the grid shows 1 April too
    ]
    qtbot.mouseClick(tab.view_buttons["list"], Qt.MouseButton.LeftButton)
    assert tab.list_proxy.rowCount() == 2 and tab.list_count.text() == "2 séances"
    tab.theme_filter.setCurrentIndex(tab.theme_filter.findData("email"))
    assert tab.list_proxy.rowCount() == 1
    assert tab.list_proxy.index(0, 4).data() == "Atelier e-mail"
    tab.theme_filter.setCurrentIndex(0)
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.period_label.text() == "Avril 2026"
    assert tab.list_proxy.rowCount() == 1
    tab.period_filter.setCurrentIndex(tab.period_filter.findData("year"))
    assert tab.period_label.text() == "Année 2026" and tab.list_proxy.rowCount() == 3
    tab.list_view.selectRow(0)
    assert tab.panel.heading.text() == "Atelier tablette"
    qtbot.mouseClick(tab.today_button, Qt.MouseButton.LeftButton)
    assert tab.anchor == TODAY


def test_keyboard_moves_between_sessions(qtbot, tab) -> None:  # noqa: ANN001
    a = add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0), title="Premier")
    b = add_session(tab.ctx.db, datetime(2026, 3, 6, 14, 0), title="Second")
    tab.refresh()
    tab.week_view.setFocus()
    qtbot.keyClick(tab.week_view, Qt.Key.Key_Right)
    assert tab.panel.session_id == a
    qtbot.keyClick(tab.week_view, Qt.Key.Key_Right)
    assert tab.panel.session_id == b
    opened = []
    tab.run_dialog = lambda dialog: opened.append(dialog.session_id) or False
    qtbot.keyClick(tab.week_view, Qt.Key.Key_Return)
    assert opened == [b]


def test_every_input_has_a_name(qtbot, tab) -> None:  # noqa: ANN001
    add_session(tab.ctx.db, datetime(2026, 3, 4, 14, 0))
    tab.refresh()
    for view in ("week", "month", "list"):
        tab.set_view(view)
        assert unnamed_inputs(tab) == []
    for dialog in (
        SessionDialog(tab.ctx, tab),
        SessionDialog(tab.ctx, tab, kind="individuel"),
        ParticipantDialog(tab.ctx, tab),
        ParticipantPickerDialog(tab.ctx, tab),
    ):
        qtbot.addWidget(dialog)
        assert unnamed_inputs(dialog) == []


def test_cancel_the_rest_of_a_series_and_open_a_week_from_the_month(qtbot, tab) -> None:  # noqa: ANN001
    with tab.ctx.db.session() as s:
        ids = sr.create_series(s, workshop(datetime(2026, 3, 3, 14, 0)), "weekly", count=4)
    tab.ask_cancel_scope = lambda detail: "from"
    tab.show_session(ids[1])
    qtbot.mouseClick(tab.panel.cancel_button, Qt.MouseButton.LeftButton)
    with tab.ctx.db.session() as s:
        assert [s.get(WorkshopSession, i).status for i in ids] == ["planifie"] + ["annule"] * 3
    qtbot.mouseClick(tab.view_buttons["month"], Qt.MouseButton.LeftButton)
    assert [r.status for r in tab.month_view.rows()] == ["planifie"] + ["annule"] * 3
    cell = tab.month_view._cell(3 * 7 + 3)  # fourth row (from 23 February), Thursday 19 March
    qtbot.mouseDClick(
        tab.month_view, Qt.MouseButton.LeftButton, pos=cell.bottomRight().toPoint() - QPoint(5, 5)
    )
    assert tab.view == "week" and tab.period_label.text() == "Semaine du 16 au 22 mars 2026"


def test_planner_fits_a_laptop_screen_with_its_longest_texts(
    qtbot, ctx, no_message_boxes  # noqa: ANN001, F811
) -> None:
    """The week across a new year has the longest title; a conseiller's long name is in the
    conseiller filter: the tab still fits 1366 pixels, frame and margins included."""
    from desktop_app.models.profiles import Profile

    setup_library(ctx.db)
    with ctx.db.session() as s:
        s.add(Profile(first_name="Marie-Thérèse", last_name="Lemaître-Dubois-Saint-Gérand",
                      email="m@x.fr", status="recrute"))
    ctx.clock = lambda: datetime(2025, 12, 30, 9, 0)
    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.go_today()
    assert tab.period_label.text() == "Semaine du 29 décembre 2025 au 4 janvier 2026"
    assert tab.conseiller_filter.count() == 2
    for view in ("week", "month", "list"):
        tab.set_view(view)
        assert tab.minimumSizeHint().width() <= 1366 - 40, (view, tab.minimumSizeHint())
