"""The "Bilan d'activité" checked against the hand-counted data set of ``reports_data``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.db import Database
from desktop_app.models.workshops import AGE_BRACKETS, PLACE_TYPES, SOCIAL_STATUSES, THEMES
from desktop_app.services.workshops.periods import (
    Period,
    PeriodError,
    month_period,
    period_from_text,
)
from desktop_app.services.workshops.stats import (
    DURATION_BRACKETS,
    compute_report,
    write_report_csv,
)
from tests.workshops.reports_data import SMALL_EXPECTED, small_dataset

MARCH = month_period(2026, 3)


@pytest.fixture
def report(db: Database):  # noqa: ANN201
    small_dataset(db)
    with db.session() as session:
        return compute_report(session, MARCH)


def test_key_figures_match_the_hand_count(report) -> None:  # noqa: ANN001
    exp = SMALL_EXPECTED
    assert report.workshops == exp["workshops"]
    assert report.individual == exp["individual"]
    assert report.cancelled == exp["cancelled"]
    assert report.minutes == exp["minutes"]
    assert report.participations == exp["participations"]
    assert report.anonymous == exp["anonymous"]
    assert report.people == exp["people"]
    figures = dict(report.key_figures())
    assert figures["Heures d'activité"] == "5,2"  # 310 minutes


def _pairs(report, column: str, people: bool = False) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    rows = report.breakdown(column).rows
    return {r.key: ((r.people if people else r.sessions), r.participations) for r in rows}


def test_breakdowns_match_the_hand_count(report) -> None:  # noqa: ANN001
    themes = _pairs(report, "Thématique")
    for key, expected in SMALL_EXPECTED["themes"].items():
        assert themes[key] == expected, key
    assert _pairs(report, "Lieu") == SMALL_EXPECTED["places"]
    assert _pairs(report, "Durée") == SMALL_EXPECTED["durations"]
    ages = _pairs(report, "Tranche d'âge", people=True)
    for key, expected in SMALL_EXPECTED["ages"].items():
        assert ages[key] == expected, key
    statuses = _pairs(report, "Statut", people=True)
    for key, expected in SMALL_EXPECTED["statuses"].items():
        assert statuses[key] == expected, key
    # participations add up the same way in every table that splits each participation once
    for column in ("Lieu", "Durée", "Tranche d'âge", "Statut"):
        assert report.breakdown(column).total("participations") == report.participations


def test_every_programme_label_in_order(report) -> None:  # noqa: ANN001
    assert [r.label for r in report.breakdown("Thématique").rows] == list(THEMES.values())
    assert [r.label for r in report.breakdown("Lieu").rows] == list(PLACE_TYPES.values())
    assert [r.label for r in report.breakdown("Durée").rows] == [
        "Moins de 30 min",
        "30 min à 1 h",
        "1 h à 2 h",
        "2 h et plus",
    ]
    assert list(DURATION_BRACKETS.values())[1] == "30 min à 1 h"
    assert [r.label for r in report.breakdown("Tranche d'âge").rows] == list(AGE_BRACKETS.values())
    assert [r.label for r in report.breakdown("Statut").rows] == list(SOCIAL_STATUSES.values())


def test_bracket_limits(db: Database) -> None:
    from datetime import datetime

    from desktop_app.models.workshops import WorkshopSession

    with db.session() as session:
        for i, minutes in enumerate((29, 30, 59, 60, 119, 120, 240), start=1):
            session.add(WorkshopSession(id=i, start=datetime(2026, 5, 4, 9), duration_min=minutes))
    with db.session() as session:
        report = compute_report(session, month_period(2026, 5))
    sessions = {r.key: r.sessions for r in report.breakdown("Durée").rows}
    assert sessions == {"moins_30": 1, "30_60": 2, "60_120": 2, "120_plus": 2}
    assert report.minutes == 29 + 30 + 59 + 60 + 119 + 120 + 240


def test_empty_period(db: Database) -> None:
    small_dataset(db)
    with db.session() as session:
        report = compute_report(session, month_period(2030, 1))
    assert (report.sessions, report.people, report.participations, report.minutes) == (0, 0, 0, 0)
    assert all(r.sessions == 0 for r in report.breakdown("Thématique").rows)


def test_csv_for_french_spreadsheets(report, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "bilan.csv"
    write_report_csv(report, out, "Commune de Val-d'Aubrac-les-Combes")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Bilan d'activité;du 01/03/2026 au 31/03/2026"
    assert "Heures d'activité;5,2" in lines
    assert "Participations (présences);9" in lines
    assert "Thématique;Séances;Participations;Part des séances" in lines
    assert "Prévention en sécurité numérique;1;5;20,0 %" in lines  # 1 session of 5
    assert "Tranche d'âge;Personnes;Participations;Part des personnes" in lines
    assert "60 - 69 ans;1;2;20,0 %" in lines  # 1 person of 5
    assert "Non communiqué ou hétérogène;0;3;0,0 %" in lines


def test_period_parsing() -> None:
    default = Period(date(2026, 1, 1), date(2026, 12, 31))
    assert period_from_text(None, None, default=default) == default
    assert period_from_text("2026-03-01", "2026-03-31", default=default) == MARCH
    assert period_from_text("2027-02-01", None, default=default) == Period(
        date(2027, 2, 1), date(2027, 12, 31)
    )
    with pytest.raises(PeriodError, match="AAAA-MM-JJ"):
        period_from_text("01/03/2026", None, default=default)
    with pytest.raises(PeriodError, match="avant de commencer"):
        period_from_text("2026-03-31", "2026-03-01", default=default)
