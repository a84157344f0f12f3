"""The contract other areas rely on: quota, validation date, deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.db import Database
from desktop_app.models.profiles import Profile
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.request import api


def _add(db: Database, **values: object) -> None:
    with db.session() as s:
        s.add(RecruitmentRequest(**values))


def test_nothing_validated(db: Database) -> None:
    _add(db, status="non_traitee", posts_wanted=2)
    with db.session() as s:
        assert api.granted_posts(s) == 0
        assert api.validation_date(s) is None
        assert api.deadlines(s, date(2026, 3, 2)) == []


def test_quota_sums_validated_requests_and_latest_validation_counts(db: Database) -> None:
    _add(db, status="validee", posts_granted=1, decision_on=date(2025, 6, 10))
    _add(db, status="validee", posts_granted=2, decision_on=date(2026, 1, 31))
    _add(db, status="refus", posts_granted=0, decision_on=date(2026, 2, 1))
    with db.session() as s:
        assert api.granted_posts(s) == 3
        assert api.validation_date(s) == date(2026, 1, 31)


def _profile(db: Database, **values: object) -> int:
    with db.session() as s:
        row = Profile(first_name="Élodie", last_name="Martin", **values)
        s.add(row)
        s.flush()
        return row.id


@pytest.mark.parametrize(
    ("today", "level"),
    [(date(2026, 2, 1), "ok"), (date(2026, 2, 22), "soon"), (date(2026, 3, 1), "late")],
)
def test_selection_deadline_one_month_after_validation(
    db: Database, today: date, level: str
) -> None:
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 1, 31))
    with db.session() as s:
        (deadline,) = api.deadlines(s, today)
    assert deadline.due == date(2026, 2, 28)
    assert deadline.label == "Sélectionner un candidat avant le 28 février 2026"
    assert deadline.level == level


def test_a_first_of_the_month_reads_1er(db: Database) -> None:
    """« avant le 1er mars 2026 », as French writes it (it read « le 1 mars 2026 »)."""
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 2, 1))
    with db.session() as s:
        (deadline,) = api.deadlines(s, date(2026, 2, 2))
    assert deadline.label == "Sélectionner un candidat avant le 1er mars 2026"


def test_contract_deadline_after_candidate_validation(db: Database) -> None:
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 1, 31))
    _profile(db, status="validee", validated_on=date(2026, 2, 20))
    with db.session() as s:
        selection, contract = api.deadlines(s, date(2026, 3, 1))
    assert selection.level == "met" and selection.met_on == date(2026, 2, 20)
    assert selection.label.startswith("Candidat sélectionné le 20 février 2026")
    assert contract.label == "Signer le contrat d'Élodie Martin avant le 7 mars 2026"
    assert contract.level == "soon"
    # what each is about, for the profiles tab, which says them in its own words
    assert (selection.kind, contract.kind) == ("selection", "contract")


def test_a_contract_to_sign_stays_after_another_request_is_validated(db: Database) -> None:
    """A candidate validated on 29 November still has her contract to sign by 14 December
    when a second request (one more post) is validated on 3 December: the deadline vanished
    from the tab, since only candidates validated after the latest validation were read."""
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 1, 7))
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 12, 3))
    _profile(db, status="validee", validated_on=date(2026, 11, 29))
    _profile(db, status="recrute", validated_on=date(2026, 2, 6),
             contract_signed_on=date(2026, 2, 16))
    with db.session() as s:
        found = api.deadlines(s, date(2026, 12, 3))
    due = [(d.label, d.due) for d in found if d.level != "met"]
    assert ("Signer le contrat d'Élodie Martin avant le 14 décembre 2026",
            date(2026, 12, 14)) in due
    assert ("Sélectionner un candidat avant le 3 janvier 2027", date(2027, 1, 3)) in due
    # a contract signed before the latest validation is not brought back
    assert not [d for d in found if "16 février 2026" in d.label]


def test_met_deadlines_stay_met_after_the_contract_is_signed(db: Database) -> None:
    """After « Contrat signé », neither deadline comes back as due."""
    _add(db, status="validee", posts_granted=1, decision_on=date(2026, 1, 31))
    _profile(db, status="recrute", validated_on=date(2026, 2, 20),
             contract_signed_on=date(2026, 2, 27))
    with db.session() as s:
        found = api.deadlines(s, date(2026, 12, 1))
    texts = [d.label for d in found if d.level != "met"]
    assert not [t for t in texts if "Sélectionner" in t or "Signer le contrat" in t]
    met = {d.label: d.met_on for d in found if d.level == "met"}
    # elided as French writes it (it read « Contrat de Élodie »)
    assert met["Contrat d'Élodie Martin signé le 27 février 2026"] == date(2026, 2, 27)
    assert any(label.startswith("Candidat sélectionné le 20 février 2026") for label in met)


def test_add_months_clamps() -> None:
    assert api.add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert api.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
