"""Kit services on a temporary database, without widgets."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.db import Database
from desktop_app.models.kit import KitItem, KitLoan
from desktop_app.services.kit import api, catalog, export, loans, queries
from desktop_app.services.kit.catalog import ItemData, KitError

NOW = datetime(2026, 3, 10, 10, 0)


def _cat(db: Database, name: str) -> int:
    with db.session() as s:
        return next(c.id for c in catalog.list_categories(s) if c.name == name)


def _add(db: Database, name: str, count: int = 1, **kw) -> list[int]:
    cid = _cat(db, name)
    with db.session() as s:
        items = catalog.add_items(
            s, ItemData(category_id=cid, **kw), count, today=NOW.date(), when=NOW
        )
        return [i.id for i in items]


def test_inventory_numbers_are_generated_unique_and_never_reused(db: Database) -> None:
    ids = _add(db, "Tablettes", 3, brand="Samsung", model="Galaxy Tab A9", value=Decimal("189"))
    with db.session() as s:
        numbers = [catalog.get_item(s, i).inventory_number for i in ids]
        assert numbers == ["KIT-0001", "KIT-0002", "KIT-0003"]
        catalog.retire_item(s, ids[2], "Volée lors d'un atelier", when=NOW)
    more = _add(db, "Webcams", 1)
    with db.session() as s:
        assert catalog.get_item(s, more[0]).inventory_number == "KIT-0004"
        assert catalog.find_by_number(s, " kit-2 ") == ids[1]
        assert catalog.find_by_number(s, "2") == ids[1]
        assert catalog.find_by_number(s, "KIT-9999") is None


def test_item_form_errors_are_french_and_per_field(db: Database) -> None:
    guides = _cat(db, "Guides imprimés")
    with db.session() as s, pytest.raises(KitError) as err:
        catalog.add_item(
            s, ItemData(category_id=guides, quantity=None, value=Decimal("-1")), today=NOW.date()
        )
    assert set(err.value.errors) == {"value", "quantity"}
    assert "négative" in err.value.errors["value"]
    with db.session() as s:
        assert s.query(KitItem).count() == 0


def test_consumables_stock_and_alert(db: Database) -> None:
    (guide,) = _add(db, "Guides imprimés", quantity=12, alert_threshold=5, model="Mes démarches")
    with db.session() as s:
        assert catalog.adjust_stock(s, guide, -8, "atelier CAF") == 4
        with pytest.raises(KitError, match="Il n'en reste que 4"):
            catalog.adjust_stock(s, guide, -5)
    with db.session() as s:
        report = queries.kit_report(s, now=NOW)
    assert [r.id for r in report.low_stock] == [guide]


def test_loan_refusals_and_return_late_broken(db: Database) -> None:
    tablets = _add(db, "Tablettes", 3)
    (laptop,) = _add(db, "Ordinateurs portables")
    due = NOW + timedelta(days=7)
    with db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="Éloïse Fournier-Lefèbvre",
                item_ids=[tablets[0], laptop],
                due=due,
                phone="06 12 34 56 78",
                id_checked=True,
            ),
            now=NOW,
        )
    with db.session() as s:
        catalog.declare_broken(s, tablets[1], "écran fissuré", when=NOW)
        catalog.retire_item(s, tablets[2], "Batterie gonflée", when=NOW)
    with db.session() as s, pytest.raises(loans.LendRefusedError) as err:
        loans.lend(
            s,
            loans.LoanRequest(borrower_name="Marc", item_ids=tablets, due=due),
            now=NOW + timedelta(hours=1),
        )
    reasons = err.value.reasons
    assert "KIT-0001" in reasons[0] and "déjà prêté à Éloïse Fournier-Lefèbvre" in reasons[0]
    assert "KIT-0002" in reasons[1] and "en panne" in reasons[1]
    assert "KIT-0003" in reasons[2] and "réformé" in reasons[2]
    with db.session() as s:
        assert s.query(KitLoan).count() == 1  # nothing written
    # late: 3 days after the due date, one item broken
    back = due + timedelta(days=3)
    with db.session() as s:
        late = loans.late_loans(s, back)
        assert [(r.id, r.days_late) for r in late] == [(loan_id, 3)]
        messages = loans.return_items(
            s, loan_id, [loans.ItemReturn(tablets[0], "en_panne", "tombée")], when=back
        )
    assert messages[0] == "Rendu avec 3 jours de retard."
    with db.session() as s:
        # returned broken, no repair recorded: "En panne", not "En réparation"
        row = next(
            r
            for r in queries.item_rows(s, back, back + timedelta(hours=1), now=back)
            if r.id == tablets[0]
        )
        assert (row.state, row.state_label) == ("panne", "En panne")
        info = loans.get_loan(s, loan_id)
        assert info.closed_at is None and len(info.outstanding) == 1
        assert catalog.get_item(s, tablets[0]).condition == "en_panne"
        history = catalog.item_history(s, tablets[0])
        assert [e.kind for e in history] == ["recu", "prete", "rendu", "panne"]
        assert "en retard de 3 jours" in history[2].detail
        loans.return_items(s, loan_id, [loans.ItemReturn(laptop, "bon")], when=back)
    with db.session() as s:
        assert loans.get_loan(s, loan_id).closed_at == back
        assert loans.late_loans(s, back) == []
        catalog.mark_repaired(s, tablets[0], "use", "écran changé", when=back)
        assert catalog.get_item(s, tablets[0]).condition == "use"


def test_reservation_blocks_lending_but_not_its_own_workshop(db: Database) -> None:
    tablets = _add(db, "Tablettes", 2)
    cid = _cat(db, "Tablettes")
    start, end = NOW + timedelta(days=2), NOW + timedelta(days=2, hours=2)
    with db.session() as s:
        api.reserve(s, "atelier:1", start, end, {cid: 2}, "Prendre en main sa tablette")
    with db.session() as s:
        with pytest.raises(loans.LendRefusedError) as err:
            loans.lend(
                s,
                loans.LoanRequest(
                    borrower_name="Jean", item_ids=[tablets[0]], due=NOW + timedelta(days=3)
                ),
                now=NOW,
            )
        assert "réservé pour « Prendre en main sa tablette » le 12/03 de 10:00 à 12:00" in str(
            err.value
        )
        # a loan ending before the workshop is fine
        loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="Jean", item_ids=[tablets[0]], due=NOW + timedelta(days=1)
            ),
            now=NOW,
        )
        # the workshop itself takes its reserved units
        loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="Atelier tablette",
                borrower_kind="atelier",
                item_ids=[tablets[1]],
                start=start,
                due=end,
                for_source="atelier:1",
            ),
            now=NOW,
        )


def test_broken_unit_hands_its_reservation_to_a_free_one(db: Database) -> None:
    tablets = _add(db, "Tablettes", 2)
    cid = _cat(db, "Tablettes")
    start = datetime(2030, 1, 8, 14, 0)
    with db.session() as s:
        api.reserve(s, "atelier:7", start, start + timedelta(hours=2), {cid: 1}, "Atelier")
    with db.session() as s:
        result = catalog.declare_broken(s, tablets[0], "ne charge plus")
        assert result.warnings == [
            "La réservation « Atelier » (le 08/01/2030 de 14:00 à 16:00) passe sur KIT-0002."
        ]
        assert api.reserved_for(s, "atelier:7") == {cid: 1}


def test_retire_keeps_history_and_refuses_lent_items(db: Database) -> None:
    (laptop,) = _add(db, "Ordinateurs portables")
    with db.session() as s:
        loans.lend(
            s,
            loans.LoanRequest(borrower_name="A", item_ids=[laptop], due=NOW + timedelta(1)),
            now=NOW,
        )
    with db.session() as s, pytest.raises(KitError, match="prêté à A"):
        catalog.retire_item(s, laptop, "Obsolète")
    with db.session() as s, pytest.raises(KitError, match="motif|pourquoi"):
        catalog.retire_item(s, laptop, "  ")


def test_user_category_and_french_agreement(db: Database) -> None:
    with db.session() as s:
        cat = catalog.add_category(s, "Liseuses", feminine=True)
        assert cat.singular == "liseuse"
        with pytest.raises(KitError, match="existe déjà"):
            catalog.add_category(s, "liseuses")
    _add(db, "Liseuses", 1)
    with db.session() as s:
        msgs = api.check_reservation(
            s, datetime(2030, 1, 1, 9), datetime(2030, 1, 2, 12), {cat.id: 2}
        )
    assert msgs == ["2 liseuses demandées, 1 disponible du 01/01/2030 à 09:00 au 02/01/2030 à 12:00"]


def test_availability_counts_per_category(db: Database) -> None:
    tablets = _add(db, "Tablettes", 4)
    cid = _cat(db, "Tablettes")
    start, end = NOW + timedelta(days=1), NOW + timedelta(days=1, hours=3)
    with db.session() as s:
        api.reserve(s, "atelier:3", start, end, {cid: 1}, "Atelier")
        loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="B", item_ids=[tablets[3]], due=NOW + timedelta(days=5)
            ),
            now=NOW,
        )
        catalog.declare_broken(s, tablets[2])
    with db.session() as s:
        rows = queries.item_rows(s, start, end, now=NOW)
        counts = {c.category: c for c in queries.category_counts(s, rows)}
    tab = counts["Tablettes"]
    assert tab.total == 4
    assert tab.counts == {"reserve": 1, "disponible": 1, "panne": 1, "prete": 1}


def test_an_acquisition_date_is_checked_against_the_application_day(db: Database) -> None:
    """The day comes from the caller (the application's clock), not from the computer's."""
    cid = _cat(db, "Tablettes")
    bought = date.today() + timedelta(days=30)  # future for the computer, past for the app
    with db.session() as s:
        (item,) = catalog.add_items(
            s, ItemData(category_id=cid, acquired_on=bought), today=bought + timedelta(days=1)
        )
        assert item.acquired_on == bought
        with pytest.raises(KitError, match="dans le futur"):
            catalog.update_item(
                s, item.id, ItemData(category_id=cid, acquired_on=NOW.date()),
                today=NOW.date() - timedelta(days=1),
            )


def test_a_period_from_rows_already_read_agrees_with_a_new_reading(db: Database) -> None:
    """« Disponibilités » starts from the tab's rows and reads only the period's loans and
    reservations: the states must be those a full reading of the period gives."""
    tablets = _add(db, "Tablettes", 4)
    _add(db, "Guides imprimés", 1, quantity=2, alert_threshold=3)
    cid = _cat(db, "Tablettes")
    start, end = NOW + timedelta(days=1), NOW + timedelta(days=1, hours=3)
    with db.session() as s:
        catalog.retire_item(s, tablets[0], "Volée")
        loans.lend(
            s,
            loans.LoanRequest(borrower_name="B", item_ids=[tablets[3]], due=NOW + timedelta(days=5)),
            now=NOW,
        )
    with db.session() as s:
        api.reserve(s, "atelier:3", start, end, {cid: 1}, "Atelier")
    with db.session() as s:
        now_rows = queries.item_rows(s, now=NOW)
        during = queries.rows_during(s, now_rows, start, end, now=NOW)
        fresh = queries.item_rows(s, start, end, now=NOW)
    assert during == fresh
    assert [r.state for r in during] != [r.state for r in now_rows]  # the reservation shows
    unchanged = [r for r, n in zip(during, now_rows, strict=True) if r.state == n.state]
    assert unchanged and all(any(r is n for n in now_rows) for r in unchanged)  # not copied
    assert queries.kit_counts(now_rows) == queries.KitCounts(in_service=3, lent=1, low_stock=1)


def test_loan_rows_list_each_loan_with_its_numbers_sorted(db: Database) -> None:
    tablets = _add(db, "Tablettes", 3)
    with db.session() as s:
        first = loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="A", item_ids=[tablets[2], tablets[0]], due=NOW + timedelta(days=2)
            ),
            now=NOW - timedelta(days=5),
        )
        loans.return_items(s, first, [loans.ItemReturn(tablets[2], "bon")], when=NOW)
        second = loans.lend(
            s,
            loans.LoanRequest(borrower_name="C", item_ids=[tablets[1]], due=NOW + timedelta(days=9)),
            now=NOW,
        )
    with db.session() as s:
        rows = loans.loan_rows(s, now=NOW + timedelta(days=3))
        late = loans.late_loans(s, NOW + timedelta(days=3))
    assert [(r.id, r.numbers, r.outstanding, r.days_late) for r in rows] == [
        (second, "KIT-0002", 1, 0),
        (first, "KIT-0001, KIT-0003", 1, 1),
    ]
    assert [r.id for r in late] == [first]


def test_csv_export_neutralises_formulas(db: Database, tmp_path: Path) -> None:
    _add(
        db,
        "Webcams",
        brand='=HYPERLINK("http://x")',
        model="C270",
        value=Decimal("1234.5"),
        acquired_on=date(2025, 9, 1),
    )
    out = tmp_path / "inventaire.csv"
    with db.session() as s:
        assert export.export_inventory(s, out, now=NOW) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][0] == "Numéro d'inventaire"
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert rows[1][5] == "01/09/2025"
    assert rows[1][6] == "1234,50"


def test_upcoming_reservations_show_their_year(db: Database) -> None:
    """ "Réservations à venir" runs into next year: each period says which year."""
    tablets = _add(db, "Tablettes", 1)
    with db.session() as s:
        for day, label in (
            (datetime(2027, 10, 21, 14), "Atelier d'octobre"),
            (datetime(2026, 12, 22, 14), "Atelier de décembre"),
        ):
            availability_reserve(s, tablets[0], day, label)
    with db.session() as s:
        rows = queries.reservation_rows(s, datetime(2026, 12, 1))
    assert [r.period for r in rows] == [
        "le 22/12/2026 de 14:00 à 16:00",
        "le 21/10/2027 de 14:00 à 16:00",
    ]


def availability_reserve(s, item_id: int, start: datetime, label: str) -> None:  # noqa: ANN001
    from desktop_app.models.kit import KitReservation

    s.add(
        KitReservation(
            item_id=item_id,
            source=f"evenement:{label}",
            label=label,
            start=start,
            end=start + timedelta(hours=2),
        )
    )


def test_a_serial_number_is_refused_for_several_units_at_once(db: Database) -> None:
    """Ten tablets recorded with one serial number would be ten devices nobody can tell
    apart: the form says to leave it empty, and nothing is written."""
    cid = _cat(db, "Tablettes")
    data = ItemData(category_id=cid, brand="Lenovo", model="Tab M11", serial="SN-001")
    with db.session() as s, pytest.raises(KitError) as err:
        catalog.add_items(s, data, 2, today=NOW.date(), when=NOW)
    assert set(err.value.errors) == {"serial"}
    assert "laissez-le vide" in err.value.errors["serial"]
    with db.session() as s:
        assert s.query(KitItem).count() == 0
        (one,) = catalog.add_items(s, data, 1, today=NOW.date(), when=NOW)  # one device, its own number: fine
        assert one.serial == "SN-001"


def test_the_count_of_consumables_to_order_stays_with_their_heading(
    db: Database, tmp_path: Path
) -> None:
    """With a list of consumables running over a page, the count of those to order is printed
    under the heading, never alone on the last page."""
    from pypdf import PdfReader

    from desktop_app.services.kit import printing

    for n in range(45):
        _add(
            db,
            "Fiches pratiques",
            model=f"Fiche n° {n + 1} « Démarches »",
            quantity=n,
            alert_threshold=10,
        )
    out = tmp_path / "etat-du-kit.pdf"
    printing.write_kit_status(db, out, NOW)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 2
    heading = next(i for i, text in enumerate(pages) if "Consommables et documents" in text)
    assert "11 consommables sous le seuil d'alerte." in pages[heading]  # 0 to 10 in stock
    text = pages[heading]
    assert text.index("sous le seuil") < text.index("KIT-")


def test_the_loan_sheet_prints_the_phone_as_french_readers_write_it(
    db: Database, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from desktop_app.services.kit import printing

    (tablet,) = _add(db, "Tablettes")
    with db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest(
                borrower_name="Jean Dupont", item_ids=[tablet], due=NOW + timedelta(days=3),
                phone="0612345678",
            ),
            now=NOW,
        )
        assert s.get(KitLoan, loan_id).phone == "06 12 34 56 78"  # kept in its display form
        s.get(KitLoan, loan_id).phone = "+33386123456"  # as an older version kept it
    out = tmp_path / "fiche.pdf"
    printing.write_loan_sheet(db, out, loan_id, NOW.date())
    text = PdfReader(out).pages[0].extract_text()
    assert "03 86 12 34 56" in text and "+33386123456" not in text


def test_an_item_on_loan_cannot_be_declared_broken_before_its_return(db: Database) -> None:
    """A tablet still with its borrower stays lent: declared « En panne » meanwhile, it left
    the lent count and the list while its loan stayed open. Its return says it came back
    broken instead."""
    (tablet,) = _add(db, "Tablettes")
    with db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest(borrower_name="Jacqueline Chevalier", item_ids=[tablet],
                              due=NOW + timedelta(days=7)),
            now=NOW,
        )
    with db.session() as s, pytest.raises(KitError) as err:
        catalog.declare_broken(s, tablet, "écran fissuré", when=NOW + timedelta(hours=1))
    assert "prêté à Jacqueline Chevalier" in str(err.value)
    assert "« En panne »" in str(err.value)
    with db.session() as s:
        assert s.get(KitItem, tablet).condition != "en_panne"
        row = next(r for r in queries.item_rows(s, now=NOW + timedelta(hours=1)) if r.id == tablet)
        assert row.state == "prete"
        loans.return_items(s, loan_id, [loans.ItemReturn(tablet, "en_panne", "écran fissuré")],
                           when=NOW + timedelta(hours=2), now=NOW + timedelta(hours=2))
        assert s.get(KitItem, tablet).condition == "en_panne"


def test_a_return_cannot_be_dated_later_than_now(db: Database) -> None:
    """« Rendu le » today at 23:00 typed at 10:00 closed the loan while the item stayed
    « Prêté » until 23:00 (the summary counted it lent, with no loan under way)."""
    (tablet,) = _add(db, "Tablettes")
    with db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest(borrower_name="Léa", item_ids=[tablet], due=NOW + timedelta(days=7)),
            now=NOW,
        )
    later = NOW + timedelta(hours=3)
    with db.session() as s, pytest.raises(KitError) as err:
        loans.return_items(s, loan_id, [loans.ItemReturn(tablet, "bon", "")],
                           when=NOW + timedelta(hours=13), now=later)
    assert err.value.errors.get("when") == (
        "Le retour ne peut pas être dans le futur : il est 13:00 le 10/03/2026."
    )
    with db.session() as s:
        assert loans.get_loan(s, loan_id).closed_at is None
    # before the loan started: said under « Rendu le », with the loan's start
    with db.session() as s, pytest.raises(KitError) as err:
        loans.return_items(s, loan_id, [loans.ItemReturn(tablet, "bon", "")],
                           when=NOW - timedelta(hours=1), now=later)
    assert err.value.errors.get("when") == (
        "Le retour ne peut pas précéder le début du prêt (le 10/03/2026 à 10:00)."
    )


def test_the_loan_sheet_keeps_the_conditions_on_the_page_the_borrower_signs(
    demo_db: Database, tmp_path: Path
) -> None:
    """« lu et approuvé » is written under the conditions it approves: when the signature boxes
    do not fit under the list of items, the conditions go over with them (they were left
    alone on the next page, the borrower signing a page that shows nothing of the loan)."""
    from pypdf import PdfReader

    from desktop_app.services.kit import printing

    model = (
        "Tablette éducative à écran tactile renforcé pour l’accueil des publics éloignés du "
        "numérique — modèle « Élève » avec coque antichoc, stylet, clavier AZERTY détachable"
    )
    for count in range(1, 8):
        ids = _add(demo_db, "Tablettes", count, brand="Éducâ", model=model)
        with demo_db.session() as s:
            loan_id = loans.lend(
                s,
                loans.LoanRequest(
                    borrower_name="Marie-Françoise de La Rochefoucauld-Beauregard",
                    item_ids=ids, due=NOW + timedelta(days=3),
                ),
                now=NOW,
            )
        out = tmp_path / f"fiche-{count}.pdf"
        printing.write_loan_sheet(demo_db, out, loan_id, NOW.date())
        pages = [page.extract_text() for page in PdfReader(out).pages]
        signed = next(text for text in pages if "lu et approuvé" in text)
        assert "Conditions du prêt" in signed, (count, len(pages))
        assert "Fait à" in signed


def test_a_period_outside_this_year_says_its_year() -> None:
    """« réservé pour … le 05/01 » read in December: which January? The year is written
    when the period is not within this year, kept short otherwise."""
    from datetime import date, datetime

    from desktop_app.services.kit.availability import period_text

    december = date(2026, 12, 3)
    assert period_text(datetime(2026, 12, 9, 14), datetime(2026, 12, 9, 16), today=december) == (
        "le 09/12 de 14:00 à 16:00")
    assert period_text(datetime(2027, 1, 5, 14), datetime(2027, 1, 5, 16), today=december) == (
        "le 05/01/2027 de 14:00 à 16:00")
    assert period_text(datetime(2026, 12, 30, 9), datetime(2027, 1, 2, 18), today=december) == (
        "du 30/12/2026 à 09:00 au 02/01/2027 à 18:00")
