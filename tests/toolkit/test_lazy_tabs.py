"""A tab page built when first shown: nothing before, once after, found by its content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.tabs import LazyPage, tab_widget
from tests.screen_checks import wheel


def test_a_lazy_page_is_built_when_its_tab_becomes_current(qtbot) -> None:  # noqa: ANN001
    tabs = tab_widget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("Planning"), "Planning")
    made = []

    def build() -> QLabel:
        made.append(1)
        return QLabel("Bilan")

    page = tabs.add_lazy_tab(build, "Bilan d'activité")
    tabs.show()
    assert made == [] and page.content is None
    tabs.setCurrentIndex(1)
    assert made == [1] and isinstance(page.content, QLabel)
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(1)
    assert made == [1]  # once


def test_its_content_stands_for_the_page(qtbot) -> None:  # noqa: ANN001
    tabs = tab_widget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("Planning"), "Planning")
    page = tabs.add_lazy_tab(lambda: QLabel("La Coop"), "À saisir dans La Coop")
    content = page.ensure_built()  # code that needs the page before it is shown
    assert isinstance(page, LazyPage)
    assert tabs.indexOf(content) == 1
    tabs.setCurrentWidget(content)
    assert tabs.currentIndex() == 1


def test_the_workshops_tab_builds_its_hidden_pages_only_when_asked(ctx, qtbot) -> None:  # noqa: ANN001
    from desktop_app.views.workshops_tab import WorkshopsTab

    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    assert tab._reports.content is None and tab._lacoop.content is None
    tab.inner_tabs.setCurrentIndex(tab.inner_tabs.indexOf(tab._reports))
    assert tab._reports.content is not None
    assert tab._lacoop.content is None


def test_a_page_built_quietly_is_guarded_like_any_other(qtbot, app) -> None:  # noqa: ANN001
    """The page is built with the safety filter suspended (its construction events do not
    cross into Python): its fields are guarded afterwards, and the filter is back at once."""
    install_input_safety(app)
    tabs = tab_widget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("Planning"), "Planning")
    seen: list[bool] = []

    def build() -> QWidget:
        seen.append(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        page.search, page.combo, page.spin = QLineEdit(), QComboBox(), QSpinBox()
        page.combo.addItems(["Oui", "Non"])
        for field in (page.search, page.combo, page.spin):
            layout.addWidget(field)
        return page

    page = tabs.add_lazy_tab(build, "Bilan d'activité")
    tabs.resize(400, 300)
    tabs.show()
    tabs.setCurrentIndex(1)
    content = page.content
    assert seen == [True] and content is not None and content.isVisible()
    assert content.combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert content.spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    content.search.setFocus()
    wheel(content.combo)
    wheel(content.spin)
    assert content.combo.currentIndex() == 0 and content.spin.value() == 0
    # a field added to the page later is polished with the filter in place
    late = QComboBox()
    late.addItems(["Oui", "Non"])
    content.layout().addWidget(late)
    qtbot.waitUntil(late.isVisible)
    assert late.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel(late)
    assert late.currentIndex() == 0


def test_a_window_opened_during_a_quiet_build_is_fitted_and_guarded(qtbot, app) -> None:  # noqa: ANN001
    """A dialog that opens while a page is built (the filter suspended) is still made to fit
    the screen, and the wheel over its fields still scrolls rather than changing them — also
    for a dialog run to its end inside the build."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    from desktop_app.views.common.input_safety import available_geometry

    install_input_safety(app)
    tabs = tab_widget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("Planning"), "Planning")
    area = available_geometry(tabs)
    seen: dict[str, object] = {}

    def tall_dialog() -> QDialog:
        dialog = QDialog()
        dialog.resize(400, area.height() + 300)
        layout = QVBoxLayout(dialog)
        dialog.spin = QSpinBox()
        layout.addWidget(QLineEdit())
        layout.addWidget(dialog.spin)
        return dialog

    def while_running(dialog: QDialog) -> None:
        seen["height"] = dialog.frameGeometry().height()
        dialog.spin.setValue(3)
        wheel(dialog.spin)
        seen["value"] = dialog.spin.value()
        dialog.reject()

    def build() -> QWidget:
        shown = tall_dialog()
        shown.show()
        seen["shown"] = shown
        ran = tall_dialog()
        QTimer.singleShot(50, lambda: while_running(ran))
        ran.exec()
        return QLabel("Bilan")

    tabs.add_lazy_tab(build, "Bilan d'activité")
    tabs.resize(400, 300)
    tabs.show()
    tabs.setCurrentIndex(1)
    assert seen["height"] <= area.height()
    assert seen["value"] == 3  # the wheel over the spin box left it alone
    shown = seen["shown"]
    qtbot.addWidget(shown)
    assert shown.frameGeometry().height() <= area.height()
    assert shown.spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
