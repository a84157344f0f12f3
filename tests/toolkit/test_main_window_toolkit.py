"""The main window on the toolkit: help guides, menus reachable by Alt+letter, windows fit."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.views.accessibility import mnemonic_clashes
from desktop_app.views.help_dialog import HelpDialog, available_guides

SCREEN_W, SCREEN_H = 1366, 768 - 40


def test_help_shows_the_user_guides(qtbot, app) -> None:  # noqa: ANN001
    titles = [title for title, _ in available_guides()]
    assert titles[:4] == ["Demande de recrutement", "Profils reçus", "Ateliers", "Kit d'inclusion"]
    dialog = HelpDialog(None, start=3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Enregistrer le matériel reçu" in dialog.text.toPlainText()
    dialog.list.setCurrentRow(0)
    assert "Demande" in dialog.text.toPlainText()
    frame = dialog.frameGeometry()
    assert frame.width() <= SCREEN_W and frame.height() <= SCREEN_H


def test_every_guide_reads_without_scrolling_sideways(qtbot, app) -> None:  # noqa: ANN001
    """Long command lines of the guides wrap: no horizontal scroll bar at 1366 × 768."""
    dialog = HelpDialog(None)
    qtbot.addWidget(dialog)
    dialog.resize(980, 640)  # as it opens
    dialog.show()
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        QApplication.processEvents()
        bar = dialog.text.horizontalScrollBar()
        assert bar.maximum() == 0, dialog.list.item(row).text()


def test_help_is_in_the_menu_with_f1(main_window) -> None:  # noqa: ANN001
    assert main_window.help_action.shortcut().toString() == "F1"


def test_windows_never_exceed_the_screen(qtbot, main_window) -> None:  # noqa: ANN001
    main_window.resize(3000, 2000)
    main_window.show()
    area = QApplication.primaryScreen().availableGeometry()
    frame = main_window.frameGeometry()
    assert frame.height() <= area.height()  # clamped to the (offscreen) screen
    for index in range(main_window.tabs.count()):  # tabs are built when first shown
        main_window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    hint = main_window.minimumSizeHint()
    assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H  # fits an office laptop


def test_menus_keep_their_letters_on_every_tab(qtbot, main_window) -> None:  # noqa: ANN001
    main_window.show()
    clashes = {}
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found = mnemonic_clashes(main_window)
        if found:
            clashes[main_window.tabs.tabText(index)] = found
    assert clashes == {}


def test_read_only_base_says_so_above_the_tabs(qtbot, demo_db) -> None:  # noqa: ANN001
    from desktop_app.db import open_database
    from desktop_app.views.context import AppContext
    from desktop_app.views.main_window import MainWindow

    reader = open_database(demo_db.path, access="read")
    try:
        window = MainWindow(AppContext(reader))
        qtbot.addWidget(window)
        window.show()
        assert window.read_only_banner.isVisible()
        assert window.read_only_banner.text().startswith("Lecture seule")
    finally:
        reader.close()


def test_writable_base_has_no_banner(qtbot, main_window) -> None:  # noqa: ANN001
    main_window.show()
    assert not main_window.read_only_banner.isVisible()


def test_first_start_uses_the_whole_small_screen(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from desktop_app.views.main_window import MainWindow

    window = MainWindow(demo_ctx)  # no saved geometry (QSettings cleared for each test)
    qtbot.addWidget(window)
    area = QApplication.primaryScreen().availableGeometry()
    assert area.width() < 1400  # the offscreen test screen stands for an office laptop
    assert window.width() >= area.width() - 20


def test_main_window_dialogs_fit_the_laptop_screen(qtbot, main_window) -> None:  # noqa: ANN001
    from desktop_app.views.about_dialog import AboutDialog
    from desktop_app.views.backup_dialogs import RestoreDialog, TextReportDialog
    from tests.screen_checks import LONG_FRENCH, assert_fits

    report = "\n".join(f"{LONG_FRENCH} : ligne {n} du rapport de vérification" for n in range(400))
    dialogs = [
        AboutDialog(main_window.ctx.db.path, main_window),
        RestoreDialog(main_window.ctx.db.path, main_window),
        TextReportDialog("Vérification de la base", report, main_window),
        HelpDialog(main_window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert_fits(dialog)
        assert mnemonic_clashes(dialog) == [], dialog.windowTitle()
