"""A tab page built when first shown: nothing before, once after, found by its content."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop_app.views.common.tabs import LazyPage, tab_widget


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
