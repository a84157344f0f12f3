"""The first-start assistant: shown on an empty database, skippable, offers the demo."""

from __future__ import annotations

from desktop_app.paths import demo_db_path
from desktop_app.services.structure import get_structure
from desktop_app.views.first_run import DEMO_REQUESTED, FirstRunAssistant, assistant_needed
from desktop_app.views.main_window import MainWindow
from tests.typing_helpers import type_text


def test_assistant_needed_only_on_an_empty_database(ctx) -> None:
    from desktop_app.services.demo import seed_demo

    assert assistant_needed(ctx)
    seed_demo(ctx.db)
    assert not assistant_needed(ctx)


def test_filling_the_assistant_saves_the_structure(ctx, qtbot) -> None:
    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    form = assistant.form
    type_text(qtbot, form.name, "Commune de Saint-Honoré-les-Bains")
    type_text(qtbot, form.postal_code, "58360")
    type_text(qtbot, form.commune, "Saint-Honoré-les-Bains")
    type_text(qtbot, form.signatory_name, "Jean-François Pétillon")
    type_text(qtbot, form.venue_name, "Bibliothèque municipale")
    type_text(qtbot, form.hours["we"], "10:00-12:00, 14:00-18:00")
    assistant.save_button.click()
    assert assistant.result() == 1
    with ctx.db.session() as session:
        info = get_structure(session)
    assert info.name == "Commune de Saint-Honoré-les-Bains"
    assert info.opening_hours["we"] == [("10:00", "12:00"), ("14:00", "18:00")]
    assert not assistant_needed(ctx)


def test_saving_without_a_name_says_what_is_missing(ctx, qtbot) -> None:
    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.save_button.click()
    assert assistant.result() == 0
    assert assistant.form._fields["name"].error.text() == "Le nom de la structure est obligatoire."


def test_skipping_is_remembered(ctx, qtbot) -> None:
    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.skip_button.click()
    assert not assistant_needed(ctx)


def test_discover_with_demo_data_opens_the_demo_database(ctx, qtbot) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.demo_button.click()
    assert assistant.result() == DEMO_REQUESTED
    window.switch_to_demo()
    assert window.ctx.db.path == demo_db_path()
    assert "Val-d'Aubrac" in window.windowTitle()
    assert "démonstration" in window.db_label.text()
