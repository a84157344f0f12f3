"""The rules of an event's reservation and of a period looked at, at the service level
(``services.kit.reservations``): the « Disponibilités » page, the « Réserver du matériel »
dialog, « Nouveau prêt » and the command line all go through them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop_app.db import Database
from desktop_app.models.kit import KitReservation
from desktop_app.services.kit import api, catalog, loans, reservations
from desktop_app.services.kit.catalog import ItemData, KitError

NOW = datetime(2026, 3, 10, 10, 0)
LATER = NOW + timedelta(days=5)


def _cat(db: Database, name: str) -> int:
    with db.session() as s:
        return next(c.id for c in catalog.list_categories(s) if c.name == name)


def _add(db: Database, name: str, count: int = 1) -> list[int]:
    cid = _cat(db, name)
    with db.session() as s:
        items = catalog.add_items(
            s, ItemData(category_id=cid, brand="Samsung"), count, today=NOW.date(),
            when=NOW - timedelta(days=30),
        )
        return [i.id for i in items]


def _reserved(db: Database) -> int:
    with db.session() as s:
        return s.query(KitReservation).count()


def test_a_period_must_end_after_it_starts_and_last_at_most_a_year() -> None:
    assert reservations.period_problem(NOW, NOW + timedelta(hours=2)) is None
    assert reservations.period_problem(NOW, NOW) == (
        "La fin de la période doit être après son début."
    )
    assert reservations.period_problem(NOW, NOW - timedelta(hours=1)) == (
        "La fin de la période doit être après son début."
    )
    assert reservations.period_problem(NOW, NOW + timedelta(days=365)) is None
    assert "plus de 366 jours" in (reservations.period_problem(NOW, NOW + timedelta(days=400))
                                   or "")


def test_the_period_proposed_for_an_event() -> None:
    start, end = NOW + timedelta(days=1), NOW + timedelta(days=1, hours=3)
    assert reservations.proposed_period(start, end, NOW) == (start, end)
    # a period not read (a date being typed): from now, two hours
    assert reservations.proposed_period(None, None, NOW.replace(second=42)) == (
        NOW, NOW + timedelta(hours=2)
    )
    # an end before the start: two hours from the start
    assert reservations.proposed_period(start, start - timedelta(hours=1), NOW) == (
        start, start + timedelta(hours=2)
    )


@pytest.mark.parametrize(
    ("label", "start", "end", "units", "field", "words"),
    [
        ("  ", LATER, LATER + timedelta(hours=2), 1, "label", "pour quel événement"),
        ("x" * 201, LATER, LATER + timedelta(hours=2), 1, "label", "trop long"),
        ("Fête", NOW - timedelta(days=1), NOW + timedelta(hours=2), 1, "start", "passé"),
        ("Fête", NOW + timedelta(days=800), NOW + timedelta(days=801), 1, "start",
         "plus de 2 ans"),
        ("Fête", LATER, NOW + timedelta(days=800), 1, "end", "plus de 2 ans"),
        ("Fête", LATER, LATER, 1, "end", "après son début"),
        ("Fête", LATER, LATER - timedelta(hours=1), 1, "end", "après son début"),
        ("Fête", LATER, LATER + timedelta(hours=2), None, "units", "au moins une unité"),
        ("Fête", LATER, LATER + timedelta(hours=2), 0, "units", "au moins une unité"),
        ("Fête", LATER, LATER + timedelta(hours=2), -2, "units", "négatif"),
    ],
)
def test_an_event_reservation_is_refused_field_by_field_and_writes_nothing(
    db: Database, label: str, start: datetime, end: datetime, units: int | None, field: str,
    words: str,
) -> None:
    _add(db, "Tablettes", 2)
    wanted = {} if units is None else {_cat(db, "Tablettes"): units}
    with db.session() as s, pytest.raises(KitError) as refused:
        reservations.reserve_event(s, label, start, end, wanted, now=NOW)
    assert words in refused.value.errors[field]
    assert _reserved(db) == 0


def test_an_event_already_begun_today_may_still_be_reserved(db: Database) -> None:
    """The dialog proposes « from now »: saved two minutes later, it is not « passed »."""
    _add(db, "Tablettes", 1)
    cid = _cat(db, "Tablettes")
    with db.session() as s:
        source = reservations.reserve_event(
            s, "Permanence", NOW, NOW + timedelta(hours=2), {cid: 1},
            now=NOW + timedelta(minutes=2),
        )
    assert source.startswith("evenement:")
    assert _reserved(db) == 1


def test_an_event_takes_free_units_and_a_shortage_is_said_in_french(db: Database) -> None:
    ids = _add(db, "Casques audio", 3)
    cid = _cat(db, "Casques audio")
    end = LATER + timedelta(hours=8)
    with db.session() as s:
        loans.lend(s, loans.LoanRequest("Léa Martin", [ids[0]], due=NOW + timedelta(days=10)),
                   now=NOW)
    with db.session() as s, pytest.raises(KitError) as refused:
        reservations.reserve_event(s, "Fête du numérique", LATER, end, {cid: 3}, now=NOW)
    assert refused.value.errors["units"] == (
        "3 casques audio demandés, 2 disponibles le 15/03 de 10:00 à 18:00"
    )
    assert _reserved(db) == 0
    with db.session() as s:
        first = reservations.reserve_event(s, " Fête du numérique ", LATER, end, {cid: 2},
                                           now=NOW)
    # the two free units are now held: another event overlapping the period gets none…
    with db.session() as s, pytest.raises(KitError, match="1 casque audio demandé, 0 dispo"):
        reservations.reserve_event(s, "Forum", LATER + timedelta(hours=7), end, {cid: 1},
                                   now=NOW)
    # …one right after it does (a period is [start, end): touching is not overlapping)
    with db.session() as s:
        second = reservations.reserve_event(s, "Forum", end, end + timedelta(hours=2), {cid: 2},
                                            now=NOW)
    assert first != second
    with db.session() as s:
        labels = {r.label for r in s.query(KitReservation)}
    assert labels == {"Fête du numérique", "Forum"}  # the name as typed, trimmed


def test_an_event_changed_keeps_its_source_and_a_workshop_is_not_changed_here(
    db: Database,
) -> None:
    _add(db, "Tablettes", 2)
    cid = _cat(db, "Tablettes")
    with db.session() as s:
        source = reservations.reserve_event(s, "Fête", LATER, LATER + timedelta(hours=2),
                                            {cid: 1}, now=NOW)
        again = reservations.reserve_event(s, "Fête", LATER, LATER + timedelta(hours=3),
                                           {cid: 2}, now=NOW, source=source)
        api.reserve(s, "atelier:7", LATER, LATER + timedelta(hours=1), {}, "Atelier")
    assert again == source and _reserved(db) == 2
    with db.session() as s, pytest.raises(KitError, match="onglet « Ateliers »"):
        reservations.reserve_event(s, "Fête", LATER, LATER + timedelta(hours=2), {cid: 1},
                                   now=NOW, source="atelier:7")


def test_a_workshop_reservation_is_cancelled_from_the_workshops_only(db: Database) -> None:
    _add(db, "Tablettes", 2)
    cid = _cat(db, "Tablettes")
    with db.session() as s:
        api.reserve(s, "atelier:3", LATER, LATER + timedelta(hours=2), {cid: 1}, "Atelier")
        event = reservations.reserve_event(s, "Fête", LATER, LATER + timedelta(hours=2),
                                           {cid: 1}, now=NOW)
    with db.session() as s, pytest.raises(KitError, match="appartient à un atelier"):
        reservations.cancel(s, "atelier:3")
    assert _reserved(db) == 2
    with db.session() as s:
        reservations.cancel(s, event)
    with db.session() as s:
        assert [r.source for r in s.query(KitReservation)] == ["atelier:3"]


def test_the_reservations_a_loan_may_take_are_those_of_the_coming_week(db: Database) -> None:
    ids = _add(db, "Tablettes", 3)
    cid = _cat(db, "Tablettes")
    soon, far = NOW + timedelta(days=2), NOW + timedelta(days=9)
    with db.session() as s:
        api.reserve(s, "atelier:1", soon, soon + timedelta(hours=2), {cid: 1}, "Tablette facile")
        api.reserve(s, "atelier:2", far, far + timedelta(hours=2), {cid: 1}, "Plus tard")
        # already over: nothing to take
        api.reserve(s, "atelier:3", NOW - timedelta(days=1), NOW - timedelta(hours=20), {cid: 1},
                    "Passé")
    with db.session() as s:
        coming = reservations.coming(s, NOW)
    assert [(c.source, c.name) for c in coming] == [("atelier:1", "Tablette facile")]
    (one,) = coming
    assert one.label == "Tablette facile — le 12/03/2026 de 10:00 à 12:00 (1 tablette)"
    assert one.end == soon + timedelta(hours=2)
    assert [i.id for i in one.items] == [ids[0]]
