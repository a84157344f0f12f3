"""When the "Profils reçus" tab reads the base, and how much: a change made in another tab is
read when the tab is shown (at once if it is), an unchanged list is not reset, a profile's
detail is read once per choice, clearing the filters filters once, and the tab's module does
not load ReportLab (only an attestation does)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest

from desktop_app.models.profiles import STATUS_NEW, STATUS_PRESELECTED
from desktop_app.services.profiles import records, workflow
from desktop_app.views import profiles_tab as tab_module
from desktop_app.views.profiles_tab import ProfilesTab
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def profiles(qtbot, demo_ctx) -> ProfilesTab:  # noqa: ANN001
    demo_ctx.clock = lambda: datetime.combine(DEMO_TODAY, time(9, 0))
    widget = ProfilesTab(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    return widget


def _status(tab: ProfilesTab, profile_id: int) -> str:
    row = tab.model.row_of_id(profile_id)
    assert row is not None
    return tab.model.row_at(row).status


def _preselect_elsewhere(tab: ProfilesTab) -> int:
    """Another tab's change: written in the base and announced, not by this tab."""
    pid = next(r.id for r in tab.model.rows() if r.status == STATUS_NEW)
    with tab.ctx.db.session() as s:
        workflow.preselect(s, pid, DEMO_TODAY)
    tab.ctx.notify("profiles")
    return pid


def test_a_hidden_tab_reads_a_change_made_elsewhere_when_it_is_shown(
        profiles: ProfilesTab) -> None:
    pid = _preselect_elsewhere(profiles)
    assert _status(profiles, pid) == STATUS_NEW  # hidden: nothing read yet
    profiles.show()
    assert _status(profiles, pid) == STATUS_PRESELECTED


def test_a_shown_tab_reads_a_change_made_elsewhere_at_once(profiles: ProfilesTab) -> None:
    profiles.show()
    pid = _preselect_elsewhere(profiles)
    assert _status(profiles, pid) == STATUS_PRESELECTED


def test_an_unchanged_list_is_not_reset_but_the_detail_is_read_again(
        profiles: ProfilesTab) -> None:
    profiles.show()
    pid = next(r.id for r in profiles.model.rows() if r.status == STATUS_PRESELECTED)
    profiles.select_profile(pid)
    resets: list[int] = []
    profiles.model.modelReset.connect(lambda: resets.append(1))
    with profiles.ctx.db.session() as s:  # the detail changes, the list's line does not
        records.schedule_interview(s, pid, datetime(2026, 3, 20, 10, 0), "Salle du conseil",
                                   "Mme la maire", "", DEMO_TODAY)
    profiles.refresh()
    assert resets == []
    assert profiles.detail is not None and profiles.detail.id == pid
    assert "20/03/2026" in profiles.interviews_info.text()
    with profiles.ctx.db.session() as s:
        workflow.cancel_preselection(s, pid, DEMO_TODAY)
    profiles.refresh()
    assert resets == [1]
    assert _status(profiles, pid) == STATUS_NEW


def test_choosing_a_profile_reads_its_detail_once(
        profiles: ProfilesTab, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles.show()
    reads: list[int] = []
    real = records.get_detail

    def counted(session, profile_id: int):  # noqa: ANN001, ANN202
        reads.append(profile_id)
        return real(session, profile_id)

    monkeypatch.setattr(records, "get_detail", counted)
    first, second = (profiles.model.row_at(n).id for n in (3, 4))
    assert profiles.select_profile(first)
    assert reads == [first]
    index = profiles.proxy.mapFromSource(profiles.model.index(profiles.model.row_of_id(second), 0))
    profiles.table.setCurrentIndex(index)  # as a click or an arrow key does
    assert reads == [first, second]


def test_showing_a_filtered_out_profile_filters_the_list_once(
        profiles: ProfilesTab, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles.show()
    pid = next(r.id for r in profiles.model.rows() if r.status == STATUS_NEW)
    profiles.status_filter.setCurrentIndex(profiles.status_filter.findData(STATUS_PRESELECTED))
    profiles.search.setText("zz")
    assert profiles.proxy.rowCount() == 0
    counted: list[int] = []
    real = tab_module.status_counts
    monkeypatch.setattr(tab_module, "status_counts",
                        lambda *args: counted.append(1) or real(*args))
    assert profiles.select_profile(pid)
    assert counted == [1]
    assert profiles.search.text() == "" and profiles.status_filter.currentIndex() == 0
    assert profiles.proxy.rowCount() == profiles.model.rowCount()
    assert profiles.detail is not None and profiles.detail.id == pid


def test_the_tab_module_does_not_load_reportlab() -> None:
    code = ("import sys; import desktop_app.views.profiles_tab; "
            "print('reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    assert out.stdout.strip() == "False"
