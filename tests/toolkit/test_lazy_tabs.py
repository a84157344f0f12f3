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
