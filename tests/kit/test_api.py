"""The contract used by the "Ateliers" tab: reserve, check, release, reserved_for."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.db import Database
from desktop_app.models.kit import KitEvent, KitItem, KitReservation
from desktop_app.services.kit import api


def _add_items(db: Database, category_name: str, count: int, condition: str = "bon") -> int:
    with db.session() as s:
        cid = dict((name, cid) for cid, name in api.reservable_categories(s))[category_name]
        start = s.query(KitItem).count()
        for i in range(count):
            s.add(
                KitItem(
                    inventory_number=f"KIT-{start + i + 1:04d}",
                    category_id=cid,
                    condition=condition,
                )
            )
        return cid


START = datetime(2026, 3, 12, 14, 0)
END = datetime(2026, 3, 12, 16, 0)


def test_categories_of_the_programme_are_offered(db: Database) -> None:
    with db.session() as s:
        names = [name for _cid, name in api.reservable_categories(s)]
    assert names[:3] == ["Ordinateurs portables", "Tablettes", "Smartphones"]
    assert "Guides imprimés" not in names  # consumables are not reserved


def test_shortage_message_in_french(db: Database) -> None:
    tablets = _add_items(db, "Tablettes", 2)
    _add_items(db, "Tablettes", 1, condition="en_panne")
    laptops = _add_items(db, "Ordinateurs portables", 1)
    with db.session() as s:
        messages = api.check_reservation(s, START, END, {tablets: 3, laptops: 1})
    assert messages == ["3 tablettes demandées, 2 disponibles le 12/03 de 14:00 à 16:00"]
    with db.session() as s:
        messages = api.check_reservation(s, START, END, {laptops: 2})
    assert messages == ["2 ordinateurs portables demandés, 1 disponible le 12/03 de 14:00 à 16:00"]


def test_reserve_replace_release(db: Database) -> None:
    tablets = _add_items(db, "Tablettes", 3)
    with db.session() as s:
        api.reserve(s, "atelier:1", START, END, {tablets: 2}, "Atelier tablette")
    with db.session() as s:
        assert api.reserved_for(s, "atelier:1") == {tablets: 2}
        # overlapping: only one left
        assert api.check_reservation(s, START, END, {tablets: 2}) == [
            "2 tablettes demandées, 1 disponible le 12/03 de 14:00 à 16:00"
        ]
        # the same source is ignored when it changes its own reservation
        assert api.check_reservation(s, START, END, {tablets: 3}, ignore_source="atelier:1") == []
        with pytest.raises(api.KitUnavailableError) as err:
            api.reserve(s, "atelier:2", START, END, {tablets: 2}, "Autre atelier")
        assert "2 tablettes demandées, 1 disponible" in str(err.value)
    with db.session() as s:
        assert api.reserved_for(s, "atelier:2") == {}
        api.reserve(s, "atelier:1", START, END, {tablets: 3}, "Atelier tablette")
    with db.session() as s:
        assert api.reserved_for(s, "atelier:1") == {tablets: 3}
        # a later, non-overlapping period is free
        later = datetime(2026, 3, 12, 16, 0), datetime(2026, 3, 12, 18, 0)
        assert api.check_reservation(s, *later, {tablets: 3}) == []
        api.release(s, "atelier:1")
        api.release(s, "atelier:404")  # nothing to cancel: no error
    with db.session() as s:
        assert s.query(KitReservation).count() == 0
        kinds = [e.kind for e in s.query(KitEvent).order_by(KitEvent.id)]
    assert kinds.count("reserve") == 3
    assert kinds.count("reservation_annulee") == 3


def test_an_empty_period_is_a_message_not_a_crash(db: Database) -> None:
    tablets = _add_items(db, "Tablettes", 1)
    with db.session() as s:
        assert api.check_reservation(s, END, START, {tablets: 1}) == [
            "La fin de la réservation doit être après son début."
        ]
        with pytest.raises(api.KitUnavailableError, match="après son début"):
            api.reserve(s, "atelier:9", END, END, {tablets: 1}, "Atelier")
        assert api.reserved_for(s, "atelier:9") == {}
