"""The demo's places agree with the commune list the application ships: the structure's commune,
postal code, INSEE code, département, région and SIREN are those of one commune of the list, and
the other places the demo names (the venue's address, the signature place, where participants
and candidates live) are communes of that list too."""

from __future__ import annotations

from desktop_app.services import validation
from desktop_app.services.demo import foundation, kit, profiles, workshops
from desktop_app.services.lacoop.places import resolve
from desktop_app.services.request import communes, requests
from desktop_app.services.structure import get_structure
from tests.conftest import DEMO_TODAY

STRUCTURE = foundation.DEMO_STRUCTURE


def test_demo_structure_is_a_commune_of_the_list() -> None:
    commune = communes.by_insee(STRUCTURE.insee_code)
    assert commune is not None, STRUCTURE.insee_code
    assert STRUCTURE.commune == commune.name
    assert STRUCTURE.postal_code in commune.postal_codes
    assert STRUCTURE.departement == commune.departement
    assert STRUCTURE.region == commune.region
    assert validation.digits_only(STRUCTURE.siret)[:9] == commune.siren
    # what the postal code proposes, the form's « Communes de ce code postal », holds it
    assert commune in communes.for_postal_code(STRUCTURE.postal_code)
    assert requests.check_structure_section(STRUCTURE) == {}


def test_demo_structure_is_named_after_its_commune() -> None:
    assert STRUCTURE.structure_type == "commune"
    assert STRUCTURE.name == f"Commune de {STRUCTURE.commune}"
    assert STRUCTURE.venue_address.endswith(f", {STRUCTURE.postal_code} {STRUCTURE.commune}")


def test_demo_base_keeps_the_same_commune(demo_db) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from desktop_app.models.request import RecruitmentRequest

    with demo_db.session() as session:
        saved = get_structure(session)
        places = set(session.scalars(select(RecruitmentRequest.signature_place)))
    assert (saved.commune, saved.postal_code, saved.insee_code) == (
        STRUCTURE.commune,
        STRUCTURE.postal_code,
        STRUCTURE.insee_code,
    )
    assert places <= {"", STRUCTURE.commune}, places
    assert STRUCTURE.commune in places


def test_participants_live_in_communes_of_the_list() -> None:
    """The La Coop file finds a participant's INSEE code from the commune's name alone."""
    for name in set(workshops.COMMUNES):
        assert resolve(name).insee, name


def test_candidates_postal_codes_match_their_communes() -> None:
    for postal_code, name in profiles.COMMUNES:
        assert name in {c.name for c in communes.for_postal_code(postal_code)}, (postal_code, name)


def test_kit_event_is_held_in_the_structure_commune() -> None:
    labels = [label for kind, label in kit.GROUPS if "salle des fêtes" in label]
    assert labels == [f"Fête du numérique, salle des fêtes de {STRUCTURE.commune}"]


def test_demo_kit_items_are_never_lent_before_they_arrived(db) -> None:  # noqa: ANN001
    """Several blocks of the demo (``--scale``): each item's loans start after its reception."""
    from sqlalchemy import select

    from desktop_app.models.kit import KitItem, KitLoan, KitLoanItem
    from desktop_app.services.demo import seed_demo

    seed_demo(db, scale=4, today=DEMO_TODAY)
    with db.session() as s:
        rows = s.execute(
            select(KitItem.inventory_number, KitItem.acquired_on, KitLoan.start)
            .join(KitLoanItem, KitLoanItem.item_id == KitItem.id)
            .join(KitLoan, KitLoan.id == KitLoanItem.loan_id)
        ).all()
    assert rows
    early = [(code, got, start) for code, got, start in rows if got and start.date() < got]
    assert early == []
