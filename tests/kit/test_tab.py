"""The "Kit d'inclusion" tab driven as a person would: typing, clicking, scanning, reading what
the screen and the database show. Dialogs run through ``tab.exec_dialog``."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton, QScrollArea

from desktop_app.models.kit import KitItem, KitLoan
from desktop_app.services.kit import api, catalog, loans
from desktop_app.services.kit.catalog import ItemData
from desktop_app.views.accessibility import unnamed_inputs
from desktop_app.views.common import files, operations
from desktop_app.views.common.tables import ID_ROLE
from desktop_app.views.kit.dialogs import ItemDialog, LoanDialog, ReturnDialog, TextDialog
from desktop_app.views.kit_tab import KitTab

NOW = datetime(2026, 3, 10, 10, 0)


def make_tab(qtbot, ctx, now: datetime = NOW) -> KitTab:  # noqa: ANN001
    ctx.clock = lambda: now
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)  # the first rows are read off the GUI thread
    return tab


def drive(tab: KitTab, fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Next dialogs: ``fill`` types into them, then OK is pressed (``accept()``)."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        assert unnamed_inputs(dialog) == []
        fill(dialog)
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = run
    return seen


def type_text(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Type like a person; QtTest only simulates ASCII keys, so accented text is inserted as
    an input method would."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def visible_numbers(tab: KitTab) -> list[str]:
    proxy = tab.inventory.items_proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _category(ctx, name: str) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return next(c.id for c in catalog.list_categories(s) if c.name == name)


def _add(ctx, name: str, count: int = 1, **kw) -> list[int]:  # noqa: ANN001
    cid = _category(ctx, name)
    with ctx.db.session() as s:
        return [
            i.id
            for i in catalog.add_items(
                s, ItemData(category_id=cid, **kw), count, today=NOW.date(), when=NOW - timedelta(days=30)
            )
        ]


def test_add_equipment_and_consumables(qtbot, ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)

    def bad_value(d: ItemDialog) -> None:
        d.category.setCurrentIndex(d.category.findText("Tablettes"))
        qtbot.keyClicks(d.brand, "Samsung")
        qtbot.keyClicks(d.model, "Galaxy Tab A9+")
        qtbot.keyClicks(d.value, "deux cents")

    seen = drive(tab, bad_value)
    qtbot.mouseClick(tab.inventory.add_equipment_button, Qt.MouseButton.LeftButton)
    dialog = seen[0]
    assert dialog.result() != QDialog.DialogCode.Accepted  # stays open
    assert "n'est pas un montant" in dialog.fields["value"].error.text()
    with ctx.db.session() as s:
        assert s.query(KitItem).count() == 0

    def good(d: ItemDialog) -> None:
        d.category.setCurrentIndex(d.category.findText("Tablettes"))
        qtbot.keyClicks(d.brand, "Samsung")
        qtbot.keyClicks(d.model, "Galaxy Tab A9+")
        d.count.setValue(3)
        qtbot.keyClicks(d.value, "219,90")
        qtbot.keyClicks(d.location.lineEdit(), "Armoire forte")

    drive(tab, good)
    qtbot.mouseClick(tab.inventory.add_equipment_button, Qt.MouseButton.LeftButton)
    assert visible_numbers(tab) == ["KIT-0001", "KIT-0002", "KIT-0003"]
    assert tab.inventory.detail is not None and tab.inventory.detail.inventory_number == "KIT-0001"
    assert "KIT-0001 à KIT-0003" in tab.message.text()

    def guide(d: ItemDialog) -> None:
        d.category.setCurrentIndex(d.category.findText("Guides imprimés"))
        type_text(qtbot, d.model, "Guide « Mes premiers pas sur internet »")
        d.quantity.setValue(8)
        d.threshold.setValue(10)

    drive(tab, guide)
    qtbot.mouseClick(tab.inventory.add_consumable_button, Qt.MouseButton.LeftButton)
    assert "1</b> consommable à commander" in tab.summary.text()
    tab.inventory.state_filter.setCurrentIndex(tab.inventory.state_filter.findData("stock_bas"))
    assert visible_numbers(tab) == ["KIT-0004"]
    with ctx.db.session() as s:
        values = sorted(str(i.value) for i in s.query(KitItem) if i.value is not None)
        assert values == ["219.90"] * 3
        guide_item = s.query(KitItem).filter_by(inventory_number="KIT-0004").one()
        assert (guide_item.quantity, guide_item.alert_threshold) == (8, 10)


def test_lend_several_items_then_return_one_late_and_broken(qtbot, ctx) -> None:  # noqa: ANN001
    tablets = _add(ctx, "Tablettes", 2, brand="Samsung", model="Galaxy Tab A9+")
    _add(ctx, "Ordinateurs portables", brand="Lenovo", model="ThinkPad E14")
    tab = make_tab(qtbot, ctx)
    tab.inventory.select_item(tablets[0])

    def fill(d: LoanDialog) -> None:
        type_text(qtbot, d.name, "Éloïse Fournier-Lefèbvre")
        qtbot.keyClicks(d.phone, "06 12 34 56 78")
        d.id_checked.setChecked(True)
        for number in ("KIT-0002", "kit-3"):  # typed or scanned, then Enter
            qtbot.keyClicks(d.scan, number)
            qtbot.keyClick(d.scan, Qt.Key.Key_Return)
        assert d.items.count() == 3

    seen = drive(tab, fill)
    qtbot.mouseClick(tab.inventory.lend_button, Qt.MouseButton.LeftButton)
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert tab.pages.currentIndex() == 1
    loan_id = tab.loans.current_loan_id()
    assert loan_id is not None
    assert "KIT-0001, KIT-0002, KIT-0003" in tab.loans.loan_detail.text() or "KIT-0003" in (
        tab.loans.loan_detail.text()
    )
    with ctx.db.session() as s:
        loan = s.get(KitLoan, loan_id)
        assert loan.borrower_name == "Éloïse Fournier-Lefèbvre" and loan.id_checked
        assert sorted(line.item.inventory_number for line in loan.items) == [
            "KIT-0001",
            "KIT-0002",
            "KIT-0003",
        ]
        due = loan.due

    # three days after the due date: the loan is late, one tablet comes back broken
    later = due + timedelta(days=3)
    ctx.clock = lambda: later
    tab.refresh()
    assert tab.late_banner.isVisible() or not tab.isVisible()
    assert "1 prêt en retard" in tab.late_banner.text()
    assert "(3 j)" in tab.late_banner.text()
    tab.loans.loan_filter.setCurrentIndex(tab.loans.loan_filter.findData("late"))
    assert tab.loans.select_loan(loan_id)
    retard = tab.loans.loans_proxy.index(0, 7).data()
    assert retard == "3 jours"

    def back(d: ReturnDialog) -> None:
        d.set_line(tablets[0], condition="en_panne", notes="écran fissuré")
        for item_id, check, _combo, _note in d.lines:
            if item_id != tablets[0]:
                check.setChecked(False)

    drive(tab, back)
    qtbot.mouseClick(tab.loans.return_button, Qt.MouseButton.LeftButton)
    assert "Retour du prêt" in tab.message.text()
    with ctx.db.session() as s:
        assert catalog.get_item(s, tablets[0]).condition == "en_panne"
        history = catalog.item_history(s, tablets[0])
        assert s.get(KitLoan, loan_id).closed_at is None
    assert [e.kind for e in history][-2:] == ["rendu", "panne"]
    assert "en retard de 3 jours" in history[-2].detail
    assert "pas encore rendu" in tab.loans.loan_detail.text()
    tab.pages.setCurrentIndex(0)
    tab.inventory.select_item(tablets[0])
    assert "En panne" in tab.inventory.detail_info.text()
    assert not tab.inventory.lend_button.isEnabled()
    assert tab.inventory.repaired_button.isEnabled()


def test_workshop_reservation_clashes_with_a_loan(qtbot, ctx) -> None:  # noqa: ANN001
    tablets = _add(ctx, "Tablettes", 2)
    cid = _category(ctx, "Tablettes")
    start, end = NOW + timedelta(days=2, hours=4), NOW + timedelta(days=2, hours=6)
    with ctx.db.session() as s:
        api.reserve(s, "atelier:1", start, end, {cid: 2}, "Prendre en main sa tablette")
    tab = make_tab(qtbot, ctx)
    tab.inventory.select_item(tablets[0])

    def fill(d: LoanDialog) -> None:
        type_text(qtbot, d.name, "Jean Dupré")  # due date: a week later, over the workshop

    seen = drive(tab, fill)
    qtbot.mouseClick(tab.inventory.lend_button, Qt.MouseButton.LeftButton)
    dialog = seen[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisibleTo(dialog)
    assert (
        "KIT-0001 (Tablette) est réservé pour « Prendre en main sa tablette » "
        "le 12/03 de 14:00 à 16:00"
    ) in dialog.message.text()
    with ctx.db.session() as s:
        assert s.query(KitLoan).count() == 0
    tab.pages.setCurrentIndex(2)
    tab.availability.set_period(start, end)
    counts = {c.category: c for c in tab.availability.counts_model.rows()}
    assert counts["Tablettes"].counts == {"reserve": 2}
    reservations = tab.availability.reservations_model.rows()
    assert [(r.label, r.detail) for r in reservations] == [
        ("Prendre en main sa tablette", "2 tablettes")
    ]

    # the workshop itself comes to take the tablets it reserved
    def workshop(d: LoanDialog) -> None:
        d.kind.setCurrentIndex(d.kind.findData("atelier"))
        d.reservation.setCurrentIndex(1)
        assert d.items.count() == 2
        assert d.name.text() == "Prendre en main sa tablette"

    seen = drive(tab, workshop)
    qtbot.mouseClick(tab.loans.new_loan_button, Qt.MouseButton.LeftButton)
    assert seen[0].result() == QDialog.DialogCode.Accepted, seen[0].message.text()
    with ctx.db.session() as s:
        loan = s.query(KitLoan).one()
        assert (loan.borrower_kind, loan.due) == ("atelier", end)


def test_retire_an_item_and_find_its_history(qtbot, ctx) -> None:  # noqa: ANN001
    (phone,) = _add(ctx, "Smartphones", brand="Fairphone", model="Fairphone 5")
    tab = make_tab(qtbot, ctx)
    tab.inventory.select_item(phone)

    seen = drive(tab, lambda d: None)  # no reason given
    qtbot.mouseClick(tab.inventory.retire_button, Qt.MouseButton.LeftButton)
    assert seen[0].result() != QDialog.DialogCode.Accepted
    assert "obligatoire" in seen[0].fields["reason"].error.text()

    def reason(d: TextDialog) -> None:
        type_text(qtbot, d.text, "Volé lors d'une animation hors les murs")

    drive(tab, reason)
    qtbot.mouseClick(tab.inventory.retire_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert s.query(KitItem).count() == 1  # nothing deleted
    tab.inventory.show_retired.setChecked(False)
    tab.inventory.search.clear()
    assert visible_numbers(tab) == []
    qtbot.keyClicks(tab.inventory.search, "KIT-0001")
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert tab.inventory.show_retired.isChecked()
    assert tab.inventory.detail is not None and tab.inventory.detail.condition == "reforme"
    assert "Volé lors d'une animation hors les murs" in tab.inventory.history.text()
    assert "Réformé" in tab.inventory.history.text() and "Reçu" in tab.inventory.history.text()
    assert not tab.inventory.lend_button.isEnabled() and not tab.inventory.retire_button.isEnabled()


def test_a_scanned_number_selects_the_item(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, demo_ctx)
    qtbot.keyClicks(tab.inventory.search, "KIT-0012")
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert tab.inventory.detail is not None and tab.inventory.detail.inventory_number == "KIT-0012"
    current = tab.inventory.items_table.selectionModel().currentIndex()
    assert current.siblingAtColumn(0).data() == "KIT-0012"
    assert tab.inventory.search.selectedText() == "KIT-0012"  # the next scan replaces it
    # a category filter that hides the item does not stop the scanner
    tab.inventory.search.clear()
    tab.inventory.category_filter.setCurrentIndex(tab.inventory.category_filter.findText("Webcams"))
    qtbot.keyClicks(tab.inventory.search, "kit-7")
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert tab.inventory.detail.inventory_number == "KIT-0007"
    assert tab.inventory.category_filter.currentIndex() == 0
    tab.inventory.search.clear()
    qtbot.keyClicks(tab.inventory.search, "KIT-9999")
    qtbot.keyClick(tab.inventory.search, Qt.Key.Key_Return)
    assert "Aucun article ne porte le numéro « KIT-9999 »" in tab.message.text()


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], Path]:
    def choose(name: str) -> Path:
        target = tmp_path / name
        monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
        return target

    return choose


def test_labels_pdf_holds_every_inventory_number(qtbot, demo_ctx, save_to) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, demo_ctx)
    target = save_to("etiquettes.pdf")
    dialogs = drive(tab, lambda d: None)  # the sheet as proposed: 3 × 7, from label 1
    assert tab.inventory.save_labels(selected=False) == target
    assert type(dialogs[0]).__name__ == "LabelSheetDialog"
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    with demo_ctx.db.session() as s:
        numbers = [i.inventory_number for i in s.query(KitItem) if i.condition != "reforme"]
        retired = [i.inventory_number for i in s.query(KitItem) if i.condition == "reforme"]
    assert len(numbers) > 30
    assert [n for n in numbers if n not in text] == []
    assert retired and all(n not in text for n in retired)
    assert "Commune de Saint-Léger-de-Fougeret" in text
    # labels of the selected rows only
    tab.inventory.select_item(tab.inventory.item_id_of("KIT-0005"))
    target = save_to("une.pdf")

    def on_a_used_3x8_sheet(d: QDialog) -> None:
        d.sheet.setCurrentIndex(d.sheet.findData("3x8"))
        assert d.start.maximum() == 24
        d.start.setValue(24)

    drive(tab, on_a_used_3x8_sheet)
    tab.inventory.save_labels(selected=True)
    page = PdfReader(target).pages[0]
    one = page.extract_text()
    assert "KIT-0005" in one and "KIT-0006" not in one
    assert "Page" not in one  # the sheet has no header nor page number
    # cancelling the sheet dialog writes nothing
    tab.exec_dialog = lambda d: QDialog.DialogCode.Rejected
    assert tab.inventory.save_labels(selected=True) is None


def test_csv_export_neutralises_a_formula(qtbot, ctx, save_to) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, ctx)

    def fill(d: ItemDialog) -> None:
        d.category.setCurrentIndex(d.category.findText("Webcams"))
        qtbot.keyClicks(d.brand, '=HYPERLINK("http://exemple.invalid";"clic")')
        qtbot.keyClicks(d.model, "C270")

    drive(tab, fill)
    qtbot.mouseClick(tab.inventory.add_equipment_button, Qt.MouseButton.LeftButton)
    target = save_to("inventaire.csv")
    qtbot.mouseClick(tab.inventory.export_button, Qt.MouseButton.LeftButton)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][0] == "KIT-0001"
    assert rows[1][2] == '\'=HYPERLINK("http://exemple.invalid";"clic")'


def test_kit_status_and_loan_sheet_pdfs(qtbot, demo_ctx, save_to) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, demo_ctx, now=datetime(2026, 3, 2, 11, 0))
    target = save_to("etat.pdf")
    assert tab.inventory.kit_status_pdf(preview=False) == target
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "État du kit" in text and "Tablettes" in text and "À commander" in text
    tab.pages.setCurrentIndex(1)
    tab.loans.loan_filter.setCurrentIndex(tab.loans.loan_filter.findData("late"))
    late = [r for r in tab.loans.loans_model.rows() if r.borrower_name.startswith("Marie-Thérèse")]
    assert late and late[0].days_late == 6
    assert tab.loans.select_loan(late[0].id)
    target = save_to("fiche.pdf")
    assert tab.loans.loan_sheet_pdf(preview=False) == target
    # the line under the tab tells of this file, no longer of « État du kit »
    assert tab.message.text() == f"Fiche de prêt n° {late[0].id} enregistrée : {target}"
    text = PdfReader(target).pages[0].extract_text()
    assert "Fiche de prêt" in text and "Marie-Thérèse" in text and "Conditions du prêt" in text


def test_outside_event_reservation(qtbot, ctx) -> None:  # noqa: ANN001
    _add(ctx, "Casques audio", 3)
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(2)
    cid = _category(ctx, "Casques audio")
    tab.availability.set_period(NOW + timedelta(days=5), NOW + timedelta(days=5, hours=8))

    def too_many(d) -> None:  # noqa: ANN001
        type_text(qtbot, d.label, "Fête du numérique")
        d.spins[cid].setValue(4)

    seen = drive(tab, too_many)
    qtbot.mouseClick(tab.availability.reserve_button, Qt.MouseButton.LeftButton)
    assert seen[0].result() != QDialog.DialogCode.Accepted
    assert "4 casques audio demandés, 3 disponibles le 15/03 de 10:00 à 18:00" in (
        seen[0].message.text()
    )

    def ok(d) -> None:  # noqa: ANN001
        type_text(qtbot, d.label, "Fête du numérique")
        d.spins[cid].setValue(2)

    drive(tab, ok)
    qtbot.mouseClick(tab.availability.reserve_button, Qt.MouseButton.LeftButton)
    assert [r.detail for r in tab.availability.reservations_model.rows()] == ["2 casques audio"]
    # the new reservation is selected: cancelling it needs no search in the list
    selected = tab.availability.reservations_table.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["Fête du numérique"]
    assert tab.availability.cancel_reservation()
    assert tab.availability.reservations_model.rows() == []


def test_long_label_sheet_runs_in_background_and_can_be_cancelled(
    qtbot,
    demo_ctx,
    save_to,
    monkeypatch,  # noqa: ANN001
) -> None:
    tab = make_tab(qtbot, demo_ctx)
    dialogs: list[QProgressDialog] = []
    texts: list[str] = []
    make_dialog = operations._progress_dialog

    def watched(*args, **kwargs) -> QProgressDialog:  # noqa: ANN002, ANN003
        dialog = make_dialog(*args, **kwargs)
        dialogs.append(dialog)
        return dialog

    monkeypatch.setattr(operations, "_progress_dialog", watched)
    relay_text = operations._Relay.text_changed

    def record(self, text: str) -> None:  # noqa: ANN001
        texts.append(text)
        relay_text(self, text)

    monkeypatch.setattr(operations._Relay, "text_changed", record)
    target = save_to("etiquettes.pdf")
    drive(tab, lambda d: None)  # the label sheet as proposed
    assert tab.inventory.save_labels(selected=False) == target
    assert dialogs and dialogs[0].findChild(QPushButton).text() == "Annuler"
    assert texts and "41 étiquettes" in texts[-1]
    assert "KIT-0041" in "".join(p.extract_text() for p in PdfReader(target).pages)

    # "Annuler" pressed while the sheet is being drawn: the worker waits at its first label
    # until the button was clicked, so the cancel always lands in the middle of the work
    pressed = threading.Event()
    progress = operations.Job.progress

    def slow_progress(self, done: int, total: int) -> bool:  # noqa: ANN001
        if done == 1:
            pressed.wait(10)
        return progress(self, done, total)

    def press_cancel(*args, **kwargs) -> QProgressDialog:  # noqa: ANN002, ANN003
        dialog = make_dialog(*args, **kwargs)
        button = dialog.findChild(QPushButton)

        def click() -> None:
            button.click()
            pressed.set()

        QTimer.singleShot(50, click)
        return dialog

    monkeypatch.setattr(operations.Job, "progress", slow_progress)
    monkeypatch.setattr(operations, "_progress_dialog", press_cancel)
    target = save_to("annule.pdf")
    assert tab.inventory.save_labels(selected=False) is None
    assert tab.message.text() == "Étiquettes annulées : aucun fichier n'a été écrit."
    assert list(target.parent.glob("*annule*")) == []


def test_a_return_proposes_the_condition_the_item_left_in(qtbot, ctx) -> None:  # noqa: ANN001
    """A new tablet given back intact stays "Neuf", a worn one "Usé": the return does not
    silently turn every item into "Bon"."""
    new = _add(ctx, "Tablettes", brand="Lenovo", model="Tab M11", condition="neuf")
    worn = _add(ctx, "Tablettes", brand="Lenovo", model="Tab M10", condition="use")
    with ctx.db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest("Hélène D'Aubigné", new + worn, due=NOW + timedelta(days=7)),
            now=NOW - timedelta(hours=1),
        )
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(1)
    assert tab.loans.select_loan(loan_id)
    proposed: dict[int, str] = {}

    def back(d: ReturnDialog) -> None:
        proposed.update({item_id: combo.currentData() for item_id, _c, combo, _n in d.lines})

    drive(tab, back)
    qtbot.mouseClick(tab.loans.return_button, Qt.MouseButton.LeftButton)
    assert proposed == {new[0]: "neuf", worn[0]: "use"}
    with ctx.db.session() as s:
        assert catalog.get_item(s, new[0]).condition == "neuf"
        assert catalog.get_item(s, worn[0]).condition == "use"


def test_the_default_period_counts_what_is_lent_now(qtbot, ctx) -> None:  # noqa: ANN001
    """A tablet lent at 9:00 and given back at 10:15 is not counted as lent in the
    « Disponibilités » shown at 10:40: its figures agree with the summary above them."""
    (tablet,) = _add(ctx, "Tablettes", brand="Lenovo", model="Tab M11")
    morning = NOW.replace(hour=9)
    with ctx.db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest("Hélène D'Aubigné", [tablet], due=NOW + timedelta(days=1)),
            now=morning,
        )
        loans.return_items(
            s, loan_id, [loans.ItemReturn(tablet, "bon")], when=NOW.replace(minute=15)
        )
    tab = make_tab(qtbot, ctx, now=NOW.replace(minute=40))
    assert "<b>0</b> prêté" in tab.summary.text()
    tab.pages.setCurrentIndex(2)
    counts = {c.category: c for c in tab.availability.counts_model.rows()}
    assert counts["Tablettes"].counts.get("prete", 0) == 0
    assert counts["Tablettes"].free == 1


def test_a_loan_closed_by_its_return_hands_the_selection_to_the_next(qtbot, ctx) -> None:  # noqa: ANN001
    """Once its last item is back, a loan leaves the « En cours » list: the loan below it is
    selected, so returns are recorded one after the other with the keyboard."""
    first, second, third = _add(ctx, "Tablettes", 3, brand="Lenovo", model="Tab M11")
    with ctx.db.session() as s:
        ids = [
            loans.lend(
                s,
                loans.LoanRequest(name, [item], due=NOW + timedelta(days=7)),
                now=NOW - timedelta(hours=hours),
            )
            for name, item, hours in (
                ("Anaïs N'Diaye", first, 1),
                ("Éloïse Marchand", second, 2),
                ("Gérard Lefèvre", third, 3),
            )
        ]
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(1)
    proxy = tab.loans.loans_proxy
    shown = [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]
    assert tab.loans.select_loan(shown[1])
    drive(tab, lambda d: None)
    qtbot.mouseClick(tab.loans.return_button, Qt.MouseButton.LeftButton)
    assert "Retour du prêt" in tab.message.text()
    assert tab.loans.current_loan_id() == shown[2]
    assert tab.loans.loans_table.selectionModel().isRowSelected(1)
    assert f"Prêt n° {shown[2]}" in tab.loans.loan_detail.text()
    assert sorted(shown) == sorted(ids)


def test_a_return_typed_for_later_today_is_refused_under_its_field(qtbot, ctx) -> None:  # noqa: ANN001
    """« 23h » typed at 10:00 closed the loan while the item stayed « Prêté » until the
    evening: the summary counted a lent item with no loan under way."""
    (tablet,) = _add(ctx, "Tablettes", brand="Lenovo", model="Tab M11")
    with ctx.db.session() as s:
        loan_id = loans.lend(
            s,
            loans.LoanRequest("Gwenaëlle O'Connor", [tablet], due=NOW + timedelta(days=7)),
            now=NOW - timedelta(hours=2),
        )
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(1)
    assert tab.loans.select_loan(loan_id)

    def back(d: ReturnDialog) -> None:
        d.when.time_field.edit.setText("")
        qtbot.keyClicks(d.when.time_field.edit, "23h")

    seen = drive(tab, back)
    qtbot.mouseClick(tab.loans.return_button, Qt.MouseButton.LeftButton)
    dialog = seen[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields["when"].error.text() == (
        "Le retour ne peut pas être dans le futur : il est 10:00 le 10/03/2026."
    )
    with ctx.db.session() as s:
        assert s.get(KitLoan, loan_id).closed_at is None
    assert "<b>1</b> prêté" in tab.summary.text()


def test_a_scanned_item_that_cannot_go_is_said_at_the_scan(qtbot, ctx) -> None:  # noqa: ANN001
    """Scanned into a new loan, a tablet already lent or broken is refused at once, with the
    reason, and kept out of the list (it was listed, and the loan refused only at
    « Enregistrer », after the other scans); one reserved later in the week is listed with a
    warning, since a shorter loan may still take it."""
    lent, broken, reserved, free = _add(ctx, "Tablettes", 4, brand="Samsung", model="Galaxy Tab A9+")
    cid = _category(ctx, "Tablettes")
    with ctx.db.session() as s:
        loans.lend(
            s,
            loans.LoanRequest("Marie-Thérèse Lemaître", [lent], due=NOW + timedelta(days=2)),
            now=NOW - timedelta(hours=1),
        )
        catalog.declare_broken(s, broken, "écran fissuré", when=NOW - timedelta(hours=1))
        # the workshop holds one tablet, the first free: ``reserved``
        api.reserve(s, "atelier:1", NOW + timedelta(days=3), NOW + timedelta(days=3, hours=2),
                    {cid: 1}, "Premiers pas sur tablette")
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(1)
    said: list[tuple[int, str]] = []

    def fill(d: LoanDialog) -> None:
        type_text(qtbot, d.name, "Gwenaëlle O'Connor")
        for number in ("KIT-0001", "2", "KIT-0003"):
            qtbot.keyClicks(d.scan, number)
            qtbot.keyClick(d.scan, Qt.Key.Key_Return)
            said.append((d.items.count(), d.fields["items"].error.text()))
        d.items.clear()  # the reserved tablet stays: only ``free`` goes
        qtbot.keyClicks(d.scan, "KIT-0004")
        qtbot.keyClick(d.scan, Qt.Key.Key_Return)
        said.append((d.items.count(), d.fields["items"].error.text()))

    seen = drive(tab, fill)
    qtbot.mouseClick(tab.loans.new_loan_button, Qt.MouseButton.LeftButton)
    assert said[0][0] == 0 and "déjà prêté à Marie-Thérèse Lemaître" in said[0][1]
    assert said[0][1].endswith("Il n'est pas ajouté à la liste.")
    assert said[1] == (0, "KIT-0002 (Samsung Galaxy Tab A9+) est en panne. Il n'est pas ajouté à la liste.")
    assert said[2][0] == 1 and "réservé pour « Premiers pas sur tablette »" in said[2][1]
    assert said[2][1].endswith("Le prêt sera refusé si sa date de retour ne change pas.")
    assert said[3] == (1, "")
    assert seen[0].result() == QDialog.DialogCode.Accepted, seen[0].message.text()
    with ctx.db.session() as s:
        loan = s.query(KitLoan).order_by(KitLoan.id.desc()).first()
        assert [line.item_id for line in loan.items] == [free]


def test_removing_the_refused_item_takes_the_refusal_away(qtbot, ctx) -> None:  # noqa: ANN001
    """« Prêt impossible : KIT-0001 est déjà prêté… » stayed on screen once KIT-0001 was
    taken out of the list, as if the loan were still refused."""
    lent, free = _add(ctx, "Tablettes", 2)
    with ctx.db.session() as s:
        loans.lend(s, loans.LoanRequest("Léa", [lent], due=NOW + timedelta(days=2)),
                   now=NOW - timedelta(hours=1))
    tab = make_tab(qtbot, ctx)
    with ctx.db.session() as s:
        items = [catalog.get_item(s, i) for i in (lent, free)]
    dialog = LoanDialog(lambda _t: None, lambda _r: 1, now=NOW, items=items, ctx=ctx, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_message("Prêt impossible :\nKIT-0001 (Tablette) est déjà prêté à Léa.")
    dialog.items.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.item_ids() == [free]
    assert not dialog.message.isVisibleTo(dialog) and dialog.message.text() == ""
    dialog.mark_clean()
    dialog.reject()


def test_an_unknown_number_message_goes_with_the_next_good_scan(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """« Aucun article ne porte le numéro « 9999 » » stayed under the tab once KIT-0008 was
    scanned and shown, as if KIT-0008 had not been found; clearing the field takes it away
    too. A message about something else stays."""
    tab = make_tab(qtbot, demo_ctx)
    search = tab.inventory.search

    def scan(text: str) -> None:
        search.selectAll()
        qtbot.keyClicks(search, text)
        qtbot.keyClick(search, Qt.Key.Key_Return)

    scan("9999")
    assert tab.message.text() == "Aucun article ne porte le numéro « 9999 »."
    scan("KIT-0008")
    assert tab.inventory.detail is not None and tab.inventory.detail.inventory_number == "KIT-0008"
    assert tab.message.text() == ""
    scan("9999")
    search.clear()
    assert tab.message.text() == ""
    tab.set_message("Prêt n° 3 enregistré.")
    scan("KIT-0008")
    assert tab.message.text() == "Prêt n° 3 enregistré."


def test_the_untouched_period_follows_the_clock(qtbot, ctx) -> None:  # noqa: ANN001
    """« Disponibilités » built at 10:00 and read again at 15:00 (after a loan) still counted
    10:00–12:00; a period typed by the person is kept."""
    (tablet,) = _add(ctx, "Tablettes", brand="Lenovo", model="Tab M11")
    clock = {"now": NOW}
    tab = make_tab(qtbot, ctx)
    ctx.clock = lambda: clock["now"]
    tab.pages.setCurrentIndex(2)
    page = tab.availability
    assert page.period_start.value() == NOW
    clock["now"] = NOW + timedelta(hours=5)
    with ctx.db.session() as s:
        loans.lend(s, loans.LoanRequest("Léa", [tablet], due=NOW + timedelta(days=2)),
                   now=clock["now"])
    page.refresh()
    assert (page.period_start.value(), page.period_end.value()) == (
        NOW + timedelta(hours=5), NOW + timedelta(hours=7)
    )
    counts = {c.category: c for c in page.counts_model.rows()}
    assert counts["Tablettes"].counts.get("prete") == 1
    # typed by the person: kept, whatever the clock
    page.period_start.date_field.edit.selectAll()
    qtbot.keyClicks(page.period_start.date_field.edit, "12/03/2026")
    qtbot.keyClick(page.period_start.date_field.edit, Qt.Key.Key_Tab)
    clock["now"] = NOW + timedelta(hours=6)
    page.refresh()
    assert page.period_start.value() == datetime(2026, 3, 12, 15, 0)


def test_a_scan_message_grows_the_loan_dialog_instead_of_hiding_rows(qtbot, ctx) -> None:  # noqa: ANN001
    """At 1366×768 the three-line refusal under the list pushed « Retirer l'article… » and
    « Remarques » behind a scroll bar: the dialog grows to show it, and the cursor stays in
    the scan field for the next scan."""
    (lent,) = _add(ctx, "Tablettes", brand="Samsung", model="Galaxy Tab A9+")
    with ctx.db.session() as s:
        loans.lend(s, loans.LoanRequest("Marie-Thérèse Lemaître-Dubois-Saint-Gérand", [lent],
                                        due=NOW + timedelta(days=2)), now=NOW - timedelta(hours=1))
    tab = make_tab(qtbot, ctx)
    tab.window().activateWindow()
    dialog = LoanDialog(tab.loans._find_item, lambda _r: 1, now=NOW,
                        check_item=tab.loans._check_item, ctx=ctx, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    try:
        qtbot.keyClicks(dialog.scan, "KIT-0001")
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
        assert "déjà prêté" in dialog.fields["items"].error.text()
        assert dialog.height() > before
        area = dialog.findChild(QScrollArea)
        assert area is None or not area.verticalScrollBar().isVisible()
        assert dialog.focusWidget() is dialog.scan  # the next scan goes there
    finally:
        dialog.mark_clean()
        dialog.reject()


def test_escape_after_scans_asks_before_dropping_them(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    """Items scanned into « Nouveau prêt », nothing typed: Escape closed the dialog without
    asking, and the scans were lost. The items it opened with are not a change."""
    from desktop_app.views.common import forms

    first, second = _add(ctx, "Tablettes", 2)
    tab = make_tab(qtbot, ctx)
    with ctx.db.session() as s:
        opened_with = [catalog.get_item(s, first)]
    asked: list[bool] = []
    monkeypatch.setattr(forms, "confirm_discard", lambda _parent: asked.append(True) or False)
    dialog = LoanDialog(tab.loans._find_item, lambda _r: 1, now=NOW, items=opened_with,
                        ctx=ctx, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_modified()
    qtbot.keyClicks(dialog.scan, "KIT-0002")
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.item_ids() == [first, second]
    dialog.reject()  # what Escape does
    assert asked == [True] and dialog.isVisible()
    dialog.mark_clean()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_refused_return_time_keeps_its_message_on_screen(qtbot, ctx) -> None:  # noqa: ANN001
    """« 23h » typed in the time of « Rendu le », then Alt+E: the message appeared under the
    field, the cursor went to its date, the time was committed as it lost the cursor, and that
    commit, taken for an edit, wiped the message at once — the person saw nothing."""
    (tablet,) = _add(ctx, "Tablettes")
    with ctx.db.session() as s:
        loan_id = loans.lend(s, loans.LoanRequest("Léa", [tablet], due=NOW + timedelta(days=7)),
                             now=NOW - timedelta(hours=2))
    tab = make_tab(qtbot, ctx)
    tab.loans.loan_filter.setCurrentIndex(0)

    def save(returns: list, when: datetime) -> list[str]:
        with ctx.db.session() as s:
            return loans.return_items(s, loan_id, [loans.ItemReturn(i, c, n) for i, c, n in returns],
                                      when=when, now=NOW)

    dialog = ReturnDialog("Retour", [(tablet, "KIT-0001 — Tablette", "bon")], save, now=NOW,
                          lent_on=NOW.date(), ctx=ctx, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    try:
        time_edit = dialog.when.time_field.edit
        time_edit.setFocus()
        qtbot.waitUntil(time_edit.hasFocus, timeout=1000)
        time_edit.selectAll()
        qtbot.keyClicks(time_edit, "23h")
        qtbot.keyClick(time_edit, "e", Qt.KeyboardModifier.AltModifier)  # « Enregistrer »
        qtbot.waitUntil(lambda: not time_edit.hasFocus(), timeout=2000)
        qtbot.wait(50)
        assert dialog.isVisible()
        assert dialog.fields["when"].error.text().startswith(
            "Le retour ne peut pas être dans le futur"
        )
        assert dialog.fields["when"].error.isVisibleTo(dialog)
    finally:
        dialog.mark_clean()
        dialog.reject()


def test_a_wrong_period_leaves_no_figures_of_the_previous_one(qtbot, ctx) -> None:  # noqa: ANN001
    """« Début » moved after « Fin »: the message said so, and the tables still showed the
    previous period's free and lent units, as if they were this one's."""
    _add(ctx, "Tablettes", 2)
    tab = make_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(2)
    page = tab.availability
    assert page.counts_model.rows() and page.period_items_model.rows()
    page.period_start.date_field.edit.setText("20/03/2026")
    page.refresh()
    assert page.period_error.text() == "La fin de la période doit être après son début."
    assert page.counts_model.rows() == [] and page.period_items_model.rows() == []
    page.period_end.date_field.edit.setText("21/03/2026")
    page.refresh()
    assert page.period_error.text() == "" and page.counts_model.rows()


def test_a_scan_landing_in_the_name_field_adds_the_item_and_saves_nothing(qtbot, ctx) -> None:  # noqa: ANN001
    """The cursor left in « Nom », the next label scanned typed « KIT-0002 » after the name
    and its Enter saved the loan — to « Léa KIT-0002 », without KIT-0002. The number goes to
    the list, the name stays as typed, nothing is saved; a name or phone with digits stays."""
    first, second = _add(ctx, "Tablettes", 2)
    tab = make_tab(qtbot, ctx)
    saved: list[dict] = []
    dialog = LoanDialog(tab.loans._find_item, lambda r: saved.append(r) or 1, now=NOW,
                        ctx=ctx, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        qtbot.keyClicks(dialog.scan, "KIT-0001")
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.name, "Lea ")
        qtbot.keyClicks(dialog.name, "KIT-0002")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.wait(100)
        assert saved == [] and dialog.isVisible()
        assert dialog.name.text() == "Lea"
        assert dialog.item_ids() == [first, second]
        assert dialog.focusWidget() is dialog.scan
        # a number of no item is left where it was typed: Enter saves as before
        qtbot.keyClicks(dialog.notes, "casier kit-99")
        qtbot.keyClick(dialog.notes, Qt.Key.Key_Return)
        qtbot.wait(100)
        assert len(saved) == 1 and saved[0]["notes"] == "casier kit-99"
        assert saved[0]["item_ids"] == [first, second]
    finally:
        dialog.mark_clean()
        dialog.reject()
