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
    assert "Saint-Léger-de-Fougeret" in window.windowTitle()
    assert "démonstration" in window.db_label.text()


def test_first_start_with_the_keyboard_alone(ctx, qtbot) -> None:
    """Every field reached by Alt+letter or Tab, saved with Enter: no mouse needed."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.request.keyboard import at, press, replace, tab_to

    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.show()
    qtbot.waitExposed(assistant)
    assistant.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is assistant)
    form = assistant.form
    at(qtbot, "n", form.name, "Commune de Marzy")
    at(qtbot, "s", form.siret, "21580160600017")
    at(qtbot, "a", form.address, "1, place de l'Église")
    at(qtbot, "p", form.postal_code, "58180")  # one commune: commune and INSEE filled
    assert form.commune.text() == "Marzy" and form.insee_code.text() == "58160"
    at(qtbot, "h", form.phone, "03 86 38 80 12")
    at(qtbot, "m", form.email, "mairie@marzy-exemple.fr")
    at(qtbot, "g", form.signatory_name, "Jean-François Pétillon")
    at(qtbot, "q", form.signatory_title, "Maire")
    at(qtbot, "i", form.venue_name, "Bibliothèque municipale")
    at(qtbot, "u", form.venue_address, "2, rue des Écoles")
    tab_to(qtbot, form.hours["we"])
    replace(qtbot, "10:00-12:00, 14:00-18:00")
    press(qtbot, Qt.Key.Key_Return)  # "Enregistrer et commencer" is the default button
    assert assistant.result() == 1, assistant.message.text()
    with ctx.db.session() as session:
        info = get_structure(session)
    assert (info.name, info.siret, info.commune, info.signatory_name) == (
        "Commune de Marzy", "21580160600017", "Marzy", "Jean-François Pétillon"
    )
    assert info.opening_hours["we"] == [("10:00", "12:00"), ("14:00", "18:00")]
    assert info.venue_address == "2, rue des Écoles"
    assert not assistant_needed(ctx)


def test_assistant_mnemonics_and_skip_with_the_keyboard(ctx, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.views.accessibility import mnemonic_clashes
    from tests.request.keyboard import alt

    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.show()
    qtbot.waitExposed(assistant)
    assistant.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is assistant)
    assert mnemonic_clashes(assistant) == []
    alt(qtbot, "r")  # "Passer"
    assert assistant.result() == 0 and not assistant.isVisible()
    assert not assistant_needed(ctx)


def test_the_assistant_says_what_its_star_means(ctx, qtbot) -> None:  # noqa: ANN001
    """« Nom de la structure * »: the one « * obligatoire » line explains the mark."""
    from PySide6.QtWidgets import QLabel

    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    notes = [label for label in assistant.findChildren(QLabel)
             if label.objectName() == "requiredNote"]
    assert len(notes) == 1
    assert "obligatoire" in notes[0].text()
    assert any(label.text().endswith("*") for label in assistant.findChildren(QLabel))


def test_the_sections_fields_line_up(ctx, qtbot) -> None:  # noqa: ANN001
    """Identity and signatory: one label column, so their fields start at the same x (the
    signatory's stood 5 px left of the identity's, each section sizing its own column)."""
    from PySide6.QtCore import QPoint

    assistant = FirstRunAssistant(ctx)
    qtbot.addWidget(assistant)
    assistant.resize(700, 700)
    assistant.show()
    qtbot.waitExposed(assistant)
    form = assistant.form
    starts = {field.mapTo(form, QPoint(0, 0)).x() for field in (form.name, form.signatory_name)}
    assert len(starts) == 1, starts
