"""Which profile is chosen, driven with the keyboard: a filter or the search never chooses
another person (Qt makes a neighbour current when the proxy removes the current row), a
decision keeps the filters, and focus goes back to the list after a decision, never to the
refusal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from desktop_app.models.profiles import STATUS_NEW, STATUS_PRESELECTED, Profile
from desktop_app.services.profiles.records import ProfileRow
from desktop_app.views.common.tables import ID_ROLE, selected_id
from desktop_app.views.profiles.columns import ProfileFilters
from desktop_app.views.profiles_tab import NO_CHOICE, ProfilesTab
from tests.profiles.active_tab import active_demo_tab
from tests.typing_helpers import type_text


@pytest.fixture
def demo_tab(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    return active_demo_tab(qtbot, demo_ctx)


def _row(tab: ProfilesTab, last_name: str) -> ProfileRow:
    return next(r for r in tab.model.rows() if r.last_name == last_name)


def _shown_ids(tab: ProfilesTab) -> list[int]:
    return [tab.proxy.index(r, 0).data(ID_ROLE) for r in range(tab.proxy.rowCount())]


def _choose_with_keys(qtbot, tab: ProfilesTab, profile_id: int) -> None:  # noqa: ANN001
    """Into the list, then Down until the profile is the one shown."""
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Home)
    for _ in range(tab.proxy.rowCount()):
        if tab.detail is not None and tab.detail.id == profile_id:
            break
        qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.detail is not None and tab.detail.id == profile_id
    assert selected_id(tab.table) == profile_id


def _pick(qtbot, combo: QComboBox, data: object) -> None:  # noqa: ANN001
    """Down / Up on the closed combo, as the keyboard changes it."""
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def _assert_nothing_chosen(tab: ProfilesTab, hidden_name: str = "") -> None:
    assert tab.detail is None
    assert selected_id(tab.table) is None
    assert not tab.table.selectionModel().hasSelection()
    assert tab.empty_label.isVisible()
    assert tab.empty_label.text().startswith("Aucun profil choisi")
    if hidden_name:
        assert hidden_name in tab.empty_label.text()
    assert not tab.detail_title.isVisible()
    for action, button in tab.action_buttons.items():
        assert not button.isEnabled(), action
        assert not button.isVisible(), action
    for button in tab.tool_buttons:
        assert not button.isEnabled(), button.text()


def _assert_chosen(tab: ProfilesTab, row: ProfileRow) -> None:
    assert tab.detail is not None and tab.detail.id == row.id
    assert selected_id(tab.table) == row.id
    assert tab.table.currentIndex().siblingAtColumn(0).data(ID_ROLE) == row.id
    assert row.last_name in tab.detail_title.text()
    assert not tab.empty_label.isVisible()
    offered = [b for b in tab.action_buttons.values() if b.isVisible()]
    assert offered and all(b.isEnabled() for b in offered)


# ---------------------------------------------------------------- filters and search


def test_a_filter_hiding_the_chosen_profile_chooses_nobody(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    """NGUYEN chosen, « Formation CCP1 » = Oui: ROUSSEAU Hélène (the next row, CCP1 oui) was
    chosen, her detail and decisions shown. Now nobody is, and « Tous » again chooses nobody
    either."""
    nguyen, rousseau = _row(demo_tab, "Nguyen"), _row(demo_tab, "Rousseau")
    assert nguyen.ccp1 is False and rousseau.ccp1 is True
    _choose_with_keys(qtbot, demo_tab, nguyen.id)
    _pick(qtbot, demo_tab.ccp1_filter, True)
    assert nguyen.id not in _shown_ids(demo_tab) and rousseau.id in _shown_ids(demo_tab)
    _assert_nothing_chosen(demo_tab, nguyen.full_name)
    assert not demo_tab.table.currentIndex().isValid()
    demo_tab.run_action("preselect")  # what a stray Alt+P would ask: nothing to decide on
    with demo_tab.ctx.db.session() as s:
        assert s.get(Profile, rousseau.id).status == rousseau.status
    _pick(qtbot, demo_tab.ccp1_filter, None)  # « Tous »: NGUYEN is shown, not chosen again
    assert nguyen.id in _shown_ids(demo_tab)
    _assert_nothing_chosen(demo_tab)
    assert demo_tab.empty_label.text() == NO_CHOICE


@pytest.mark.parametrize("criterion", ["status", "pix", "cv", "graduate"])
def test_every_criterion_hiding_the_chosen_profile_chooses_nobody(
    qtbot, demo_tab: ProfilesTab, criterion: str,  # noqa: ANN001
) -> None:
    combo = {"status": demo_tab.status_filter, "pix": demo_tab.pix_filter,
             "cv": demo_tab.cv_filter, "graduate": demo_tab.graduate_filter}[criterion]
    for index in range(1, combo.count()):
        value = combo.itemData(index)
        demo_tab.ccp1_filter.setCurrentIndex(0)
        combo.setCurrentIndex(0)
        hidden = next(
            (r for r in demo_tab.model.rows()
             if not _accepts(criterion, value, r)), None)
        if hidden is None:
            continue
        _choose_with_keys(qtbot, demo_tab, hidden.id)
        _pick(qtbot, combo, value)
        _assert_nothing_chosen(demo_tab, hidden.full_name)


def _accepts(criterion: str, value: object, row: ProfileRow) -> bool:
    return ProfileFilters(**{criterion: value}).accepts(row)


def test_the_search_hiding_the_chosen_profile_chooses_nobody(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    nguyen = _row(demo_tab, "Nguyen")
    _choose_with_keys(qtbot, demo_tab, nguyen.id)
    demo_tab.search.setFocus()
    type_text(qtbot, demo_tab.search, "rou")  # ROUSSEAU and others, not NGUYEN
    assert _shown_ids(demo_tab) and nguyen.id not in _shown_ids(demo_tab)
    _assert_nothing_chosen(demo_tab, nguyen.full_name)
    for _ in range(3):
        qtbot.keyClick(demo_tab.search, Qt.Key.Key_Backspace)
    assert nguyen.id in _shown_ids(demo_tab)
    _assert_nothing_chosen(demo_tab)


def test_a_filter_keeping_the_chosen_profile_keeps_it_chosen_and_in_view(
    qtbot, demo_tab: ProfilesTab,  # noqa: ANN001
) -> None:
    demo_tab.table.setFixedHeight(90)  # a few rows on screen, as on ten thousand profiles
    rousseau = _row(demo_tab, "Rousseau")
    _choose_with_keys(qtbot, demo_tab, rousseau.id)
    demo_tab.table.scrollToTop()
    _pick(qtbot, demo_tab.ccp1_filter, True)
    _assert_chosen(demo_tab, rousseau)
    index = demo_tab.table.currentIndex()
    assert index.row() > 0
    assert demo_tab.table.viewport().rect().contains(demo_tab.table.visualRect(index))
    demo_tab.search.setFocus()
    type_text(qtbot, demo_tab.search, "h")  # Hélène, among others
    assert len(_shown_ids(demo_tab)) > 1
    _assert_chosen(demo_tab, rousseau)


# ---------------------------------------------------------------- decisions


def _press(qtbot, tab: ProfilesTab, action: str) -> None:  # noqa: ANN001
    button = tab.action_buttons[action]
    assert button.isVisible() and button.isEnabled()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_after_preselecting_focus_is_on_the_list_not_on_the_refusal(
    qtbot, demo_tab: ProfilesTab,  # noqa: ANN001
) -> None:
    new = next(r for r in demo_tab.model.rows() if r.status == STATUS_NEW)
    _choose_with_keys(qtbot, demo_tab, new.id)
    _press(qtbot, demo_tab, "preselect")
    qtbot.waitUntil(lambda: demo_tab.detail is not None
                    and demo_tab.detail.status == STATUS_PRESELECTED)
    assert demo_tab.action_message.text() == "« Présélectionner ce candidat » : fait."
    qtbot.waitUntil(demo_tab.table.hasFocus)
    assert not demo_tab.action_buttons["refuse"].hasFocus()
    assert QApplication.focusWidget() is demo_tab.table
    _assert_chosen(demo_tab, new)
    # the keyboard continues in the list: Down chooses the next profile, nothing is decided
    qtbot.keyClick(demo_tab.table, Qt.Key.Key_Down)
    assert demo_tab.detail is not None and demo_tab.detail.id != new.id
    with demo_tab.ctx.db.session() as s:
        assert s.get(Profile, new.id).status == STATUS_PRESELECTED


def test_undoing_a_preselection_keeps_the_status_filter(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    """« Annuler la présélection » while the list shows « présélectionnées »: the filter
    stays, the profile leaves the list, nobody is chosen (not its neighbour)."""
    _pick(qtbot, demo_tab.status_filter, STATUS_PRESELECTED)
    shown = _shown_ids(demo_tab)
    assert len(shown) >= 2
    fournier = _row(demo_tab, "Fournier")
    assert fournier.status == STATUS_PRESELECTED
    _choose_with_keys(qtbot, demo_tab, fournier.id)
    _press(qtbot, demo_tab, "cancel_preselection")
    qtbot.waitUntil(lambda: demo_tab.detail is None)
    assert demo_tab.status_filter.currentData() == STATUS_PRESELECTED
    assert _shown_ids(demo_tab) == [i for i in shown if i != fournier.id]
    _assert_nothing_chosen(demo_tab, fournier.full_name)
    assert demo_tab.action_message.isVisible()
    assert demo_tab.action_message.text() == "« Annuler la présélection » : fait."
    assert "filtres effacés" not in demo_tab.count_label.text()
    assert demo_tab.count_label.text().startswith(f"{len(shown) - 1} profil(s) affiché(s)")
    qtbot.waitUntil(demo_tab.table.hasFocus)  # the list takes focus, and chooses nobody
    _assert_nothing_chosen(demo_tab, fournier.full_name)
    with demo_tab.ctx.db.session() as s:
        assert s.get(Profile, fournier.id).status == STATUS_NEW
    qtbot.keyClick(demo_tab.table, Qt.Key.Key_Down)  # a choice made by the person, in the list
    assert demo_tab.detail is not None and demo_tab.detail.id in shown
    assert demo_tab.detail.status == STATUS_PRESELECTED


def test_opening_an_interview_clears_the_filters_and_says_so(qtbot, demo_tab: ProfilesTab) -> None:  # noqa: ANN001
    """An explicit request for one profile shows it whatever the filters, and the line under
    the list says that the filters were cleared."""
    _pick(qtbot, demo_tab.status_filter, STATUS_NEW)
    demo_tab.pages.setCurrentIndex(1)
    table = demo_tab.interviews_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    candidate = table.currentIndex().siblingAtColumn(1).data()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert demo_tab.pages.currentIndex() == 0
    assert demo_tab.detail is not None and demo_tab.detail.full_name == candidate
    assert demo_tab.status_filter.currentData() is None
    assert demo_tab.count_label.text().endswith(f"filtres effacés pour afficher {candidate}")
    assert selected_id(demo_tab.table) == demo_tab.detail.id


def test_the_detail_follows_the_interview_moved_to(demo_tab, qtbot) -> None:  # noqa: ANN001
    """Arrowing through « Entretiens à venir » shows each interview's candidate; back on the
    list, the detail is the list's choice again."""
    model = demo_tab.interviews_model
    assert model.rowCount() >= 2
    demo_tab.pages.setCurrentIndex(1)
    table = demo_tab.interviews_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home)
    first = model.row_at(table.model().mapToSource(table.currentIndex()).row()).profile_id
    assert demo_tab.detail is not None and demo_tab.detail.id == first
    qtbot.keyClick(table, Qt.Key.Key_Down)
    second = model.row_at(table.model().mapToSource(table.currentIndex()).row()).profile_id
    assert demo_tab.detail.id == second
    demo_tab.pages.setCurrentIndex(0)
    assert (demo_tab.detail.id if demo_tab.detail else None) == selected_id(demo_tab.table)
