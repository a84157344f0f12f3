"""« Profils reçus » with the keyboard and long French names: the search leads into the list,
and the import preview gives its room to the names and addresses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.services.profiles.importer import ImportPreview, ImportRow
from desktop_app.views.common.tables import selected_id
from desktop_app.views.profiles.dialogs import ImportPreviewDialog
from desktop_app.views.profiles_tab import ProfilesTab
from tests.profiles.active_tab import active_demo_tab
from tests.typing_helpers import type_text


@pytest.fixture
def demo_tab(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    return active_demo_tab(qtbot, demo_ctx)


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_in_the_search_chooses_the_first_result(
    qtbot, demo_tab: ProfilesTab, key: Qt.Key,  # noqa: ANN001
) -> None:
    demo_tab.search.setFocus()
    type_text(qtbot, demo_tab.search, "lefèvre-châ")
    assert demo_tab.proxy.rowCount() == 1
    qtbot.keyClick(demo_tab.search, key)
    assert demo_tab.table.hasFocus()
    assert demo_tab.detail is not None
    assert selected_id(demo_tab.table) == demo_tab.detail.id
    assert demo_tab.detail.full_name == "Éléonore Lefèvre-Château"


def test_down_in_a_search_that_finds_nobody_stays_in_the_search(
    qtbot, demo_tab: ProfilesTab,  # noqa: ANN001
) -> None:
    demo_tab.search.setFocus()
    type_text(qtbot, demo_tab.search, "personne de ce nom")
    qtbot.keyClick(demo_tab.search, Qt.Key.Key_Down)
    assert demo_tab.search.hasFocus() and demo_tab.detail is None


def test_the_import_preview_gives_the_name_and_e_mail_their_room(qtbot) -> None:  # noqa: ANN001
    name, email = ("Marie-Éléonore Lefèvre-Château-Guyon",
                   "marie-eleonore.lefevre-chateau@mediatheque-morvan.fr")
    row = ImportRow(2, name.split(" ", 1)[1], name.split(" ", 1)[0], email, "58120")
    preview = ImportPreview("profils.csv", "utf-8", ";", [], to_add=[row], to_update=[row],
                            add_count=1, update_count=1)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    for page in (0, 1):
        table = dialog.tabs.widget(page)
        metrics = table.fontMetrics()
        header = table.horizontalHeader()
        assert header.sectionSize(1) > metrics.horizontalAdvance(name) + 12, page
        assert header.sectionSize(2) > metrics.horizontalAdvance(email) + 12, page


def test_a_batch_is_named_whole_in_lots_recus(demo_tab: ProfilesTab) -> None:
    table = demo_tab.batches_table
    demo_tab.pages.setCurrentWidget(table)
    index = table.model().index(0, 0)
    text = index.data()
    assert text.startswith("Lot reçu le ") and " à " in text
    assert table.horizontalHeader().sectionSize(0) > table.fontMetrics().horizontalAdvance(text) + 8
