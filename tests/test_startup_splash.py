"""Start-up shows its splash at once, never hides a dialog behind it, and PySide6's import hook
no longer reads the source of every module imported after it."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import app as app_module
from desktop_app.views import splash
from desktop_app.views.pyside_imports import skip_feature_source_scan


def test_splash_says_what_start_up_does_then_goes(app) -> None:  # noqa: ANN001
    shown = splash.show("CNum Biblio", "1.0")
    try:
        assert shown.isVisible() and splash.current() is shown
        splash.message("Ouverture de la base…")
        assert shown.accessibleDescription() == "Ouverture de la base…"
        area = QApplication.primaryScreen().availableGeometry()
        assert area.contains(shown.frameGeometry())  # centred, whole on the screen
        image = shown.grab().toImage()
        assert image.pixelColor(5, 5).name() == "#ffffff"  # painted, not left blank
    finally:
        splash.dismiss()
    assert splash.current() is None
    splash.dismiss()  # twice is harmless


def test_an_opening_problem_is_asked_without_the_splash_in_front(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    """A damaged base at start-up: the question box comes with the splash already gone."""
    bad = tmp_path / "abimee.sqlite"
    bad.write_bytes(b"pas une base" * 100)
    seen: list[tuple[bool, str]] = []

    def answer(box: QMessageBox) -> int:
        seen.append((splash.current() is None, box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(sys, "argv", ["cnum-biblio"])
    from desktop_app.views import error_dialog

    # the log file and the exception hook stay those of the test run
    monkeypatch.setattr(error_dialog, "setup_logging", lambda: None)
    monkeypatch.setattr(error_dialog, "install", lambda: None)
    assert app_module.run_gui(bad) == 1
    assert seen and seen[0][0], seen
    assert "abimee.sqlite" in seen[0][1]
    assert splash.current() is None


def test_imports_after_pyside_do_not_read_sources(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    assert skip_feature_source_scan()  # the hook of this PySide6 was found
    module = tmp_path / "cnum_probe_module.py"
    module.write_text("VALUE = 42  # PySide6 is named here, as in a view\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    import cnum_probe_module  # noqa: PLC0415

    assert cnum_probe_module.VALUE == 42
    assert str(module) not in linecache.cache  # the hook used to read it through linecache


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise).*")
def test_the_first_tab_opens_without_reading_the_communes(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """The request tab, shown first at start-up, shows the saved commune as it was saved; the
    list of 35,000 communes is read only when a postal code is typed."""
    from desktop_app.services.request import communes
    from desktop_app.views.request_tab import RequestTab

    communes.index.cache_clear()
    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.show()
    form = tab.form
    assert communes.index.cache_info().currsize == 0
    assert form.commune_choice.currentText().startswith(form.commune.text())
    assert form.commune_choice.count() == 1  # the saved commune, as saved
    form.commune_choice.showPopup()  # opened (Alt+↓): the code's communes, the saved one kept
    form.commune_choice.hidePopup()
    assert communes.index.cache_info().currsize == 1
    assert form.commune_choice.count() > 1
    assert form.commune_choice.currentData() == form.insee_code.text()
    form.postal_code.setText("58600")
    assert communes.index.cache_info().currsize == 1
    assert form.commune_choice.count() > 1  # Garchizy, Fourchambault…
