"""Labels for chosen items — numbers typed or scanned, a category, the rows selected — through one
service (``printing.LabelChoice``), from the command line and from the tab alike; an unknown
number or category is named in French and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.cli import main
from desktop_app.db import Database
from desktop_app.models.kit import KitItem
from desktop_app.services.kit import printing
from desktop_app.services.kit.catalog import KitError
from desktop_app.services.kit.printing import LabelChoice
from desktop_app.views.accessibility import mnemonic_clashes, unnamed_inputs
from desktop_app.views.common import files
from desktop_app.views.kit.dialogs import LabelSheetDialog
from desktop_app.views.kit_tab import KitTab


def _numbers(db: Database, choice: LabelChoice) -> list[str]:
    with db.session() as s:
        return [r.inventory_number for r in printing.label_rows(s, choice)]


def _pdf_numbers(path: Path) -> list[str]:
    import re

    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return sorted(set(re.findall(r"KIT-\d{4}", text)))


def _in_service(db: Database, category: str) -> list[str]:
    with db.session() as s:
        return sorted(
            i.inventory_number
            for i in s.query(KitItem)
            if i.category.name == category and i.condition != "reforme"
        )


def test_numbers_as_typed_or_scanned_each_once_in_inventory_order(demo_db: Database) -> None:
    assert printing.split_numbers(" KIT-0004,kit-1 ;7\nKIT-0004  ") == ["KIT-0004", "kit-1", "7"]
    assert _numbers(demo_db, LabelChoice(numbers="KIT-0004, kit-1 ; 7\nKIT-0004")) == [
        "KIT-0001", "KIT-0004", "KIT-0007"
    ]


def test_a_category_by_its_name_in_any_case_with_or_without_accents(demo_db: Database) -> None:
    tablets = _in_service(demo_db, "Tablettes")
    assert tablets
    for name in ("Tablettes", "tablettes", "TABLETTE", " tablette "):
        assert _numbers(demo_db, LabelChoice(categories=(name,))) == tablets, name
    cables = _in_service(demo_db, "Câbles et accessoires")
    assert _numbers(demo_db, LabelChoice(categories=("cables et accessoires",))) == cables
    # combined with numbers: together, each once
    both = _numbers(demo_db, LabelChoice(numbers=tablets[0] + ",KIT-0001",
                                         categories=("Tablettes",)))
    assert both == sorted({*tablets, "KIT-0001"})


def test_unknown_numbers_and_categories_are_all_named(demo_db: Database) -> None:
    with demo_db.session() as s, pytest.raises(KitError) as refused:
        printing.label_rows(s, LabelChoice(numbers="KIT-0001, KIT-9999, XYZ",
                                           categories=("Tablete",)))
    errors = refused.value.errors
    assert errors["numbers"] == (
        "Numéros d'inventaire inconnus : « KIT-9999 », « XYZ ». Aucune étiquette n'est "
        "imprimée : corrigez ou retirez ces numéros."
    )
    assert errors["categories"].startswith("Catégorie inconnue : « Tablete ». Catégories du kit")
    assert "Tablettes" in errors["categories"]
    with demo_db.session() as s, pytest.raises(KitError, match="au moins un numéro"):
        printing.label_rows(s, LabelChoice(numbers=" , ;"))


def test_a_category_with_nothing_in_service_is_said(db: Database) -> None:
    with db.session() as s, pytest.raises(KitError, match="Aucun article en service dans « Webcams »"):
        printing.label_rows(s, LabelChoice(categories=("Webcams",)))


def test_the_command_line_prints_chosen_items(
    demo_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    tablets = _in_service(demo_db, "Tablettes")
    demo_db.close()
    db = str(db_path)
    out = tmp_path / "choisies.pdf"
    assert main(["pdf", "etiquettes", "--db", db, "--out", str(out),
                 "--articles", "KIT-0004,kit-1", "--articles", "7"]) == 0
    assert _pdf_numbers(out) == ["KIT-0001", "KIT-0004", "KIT-0007"]
    assert capsys.readouterr().out.strip() == f"3 étiquettes enregistrées : {out}"
    out = tmp_path / "tablettes.pdf"
    assert main(["pdf", "etiquettes", "--db", db, "--out", str(out),
                 "--categorie", "tablette"]) == 0
    assert _pdf_numbers(out) == tablets


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--articles", "KIT-0001,KIT-9999"],
         "Numéro d'inventaire inconnu : « KIT-9999 ». Aucune étiquette n'est imprimée : "
         "corrigez ou retirez ce numéro."),
        (["--categorie", "Liseuses"], "Catégorie inconnue : « Liseuses »."),
        (["--articles", ","], "--articles : indiquez au moins un numéro d'inventaire (KIT-0001)"),
    ],
)
def test_a_wrong_choice_on_the_command_line_writes_nothing(
    demo_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
    extra: list[str], message: str,
) -> None:
    demo_db.close()
    fresh = tmp_path / "neuf.pdf"
    kept = tmp_path / "ancien.pdf"
    kept.write_bytes(b"%PDF-1.4 ancien")
    for out in (fresh, kept):
        assert main(["pdf", "etiquettes", "--db", str(db_path), "--out", str(out), *extra]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("cnum-biblio : ") and message in err, err
    assert not fresh.exists()
    assert kept.read_bytes() == b"%PDF-1.4 ancien"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["ancien.pdf"]


# ---------------------------------------------------------------- the tab


def make_tab(qtbot, ctx) -> KitTab:  # noqa: ANN001
    tab = KitTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 728)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    return tab


def test_the_tab_offers_the_same_choice_through_the_same_service(
    qtbot, demo_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    tab = make_tab(qtbot, demo_ctx)
    targets = iter([tmp_path / "a.pdf", tmp_path / "b.pdf"])
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: next(targets))
    tablets = _in_service(demo_ctx.db, "Tablettes")
    tab.inventory.select_item(tab.inventory.item_id_of(tablets[0]))
    seen: list[QDialog] = []

    def by_category(dialog: LabelSheetDialog) -> int:
        seen.append(dialog)
        assert unnamed_inputs(dialog) == []
        # the category of the item shown is proposed
        assert dialog.which.currentData() == "category"
        assert dialog.category.currentText() == "Tablettes"
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = by_category
    assert tab.inventory.save_labels(which="category") == tmp_path / "a.pdf"
    assert _pdf_numbers(tmp_path / "a.pdf") == tablets
    assert tab.message.text() == f"{len(tablets)} étiquettes enregistrées : {tmp_path / 'a.pdf'}"

    def by_numbers(dialog: LabelSheetDialog) -> int:
        seen.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        assert dialog.which.currentData() == "all"
        # Alt+N, then two labels scanned one after the other: typing there chooses
        # « Des numéros », and Enter goes on to the next number…
        qtbot.keyClick(dialog, "n", Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is dialog.numbers
        for code in ("KIT-0004", "KIT-0001"):
            qtbot.keyClicks(dialog.numbers, code)
            qtbot.keyClick(dialog.numbers, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.numbers.text() == "KIT-0004, KIT-0001, "
        assert dialog.which.currentData() == "numbers"
        # …an unknown one is said at once, under the field, and the dialog stays open
        qtbot.keyClicks(dialog.numbers, "KIT-9999")
        qtbot.keyClick(dialog.numbers, Qt.Key.Key_Return)
        assert "« KIT-9999 »" in dialog.fields["numbers"].error.text()
        # the next scan replaces the unknown number instead of being glued to it
        assert dialog.numbers.selectedText() == "KIT-9999"
        qtbot.keyClicks(dialog.numbers, "KIT-0002")
        assert dialog.numbers.text() == "KIT-0004, KIT-0001, KIT-0002"
        dialog.numbers.setText("KIT-0004, KIT-9999, KIT-0001")
        dialog.accept()
        assert not dialog.result_value  # « Continuer » refuses an unknown number too
        assert dialog.isVisible()
        dialog.numbers.setText("KIT-0004, KIT-0001")
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = by_numbers
    assert tab.inventory.save_labels() == tmp_path / "b.pdf"
    assert _pdf_numbers(tmp_path / "b.pdf") == ["KIT-0001", "KIT-0004"]


def test_the_label_dialog_has_one_alt_letter_per_field(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = make_tab(qtbot, demo_ctx)
    dialog = LabelSheetDialog(lambda _c: 1, tab, selected_ids=(1, 2),
                              categories=tab.categories, ctx=demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert mnemonic_clashes(dialog) == []
    assert dialog.which.itemText(0) == "Les 2 lignes sélectionnées dans la liste"
    one = LabelSheetDialog(lambda _c: 1, tab, selected_ids=(1,), categories=tab.categories,
                           ctx=demo_ctx)
    qtbot.addWidget(one)
    assert one.which.itemText(0) == "La ligne sélectionnée dans la liste"  # not « La 1 ligne »


def test_units_just_added_stay_selected_for_their_labels(
    qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    """« Pensez à imprimer les étiquettes » after three units: they are the selection, so
    « Étiquettes des articles sélectionnés » prints those three (only the first was selected)."""
    tab = make_tab(qtbot, ctx)

    def three_tablets(dialog: QDialog) -> int:
        dialog.category.setCurrentIndex(dialog.category.findText("Tablettes"))
        dialog.brand.setText("Samsung")
        dialog.model.setText("Galaxy Tab S9 FE")
        dialog.count.setValue(3)
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = three_tablets
    created = tab.inventory.add_items(consumable=False)
    assert created is not None and len(created) == 3
    assert sorted(tab.inventory.selected_item_ids()) == sorted(i.id for i in created)
    assert "sélectionnés dans la liste" in tab.message.text()
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: tmp_path / "trois.pdf")

    def as_proposed(dialog: LabelSheetDialog) -> int:
        assert dialog.which.currentData() == "selected"
        dialog.accept()
        return dialog.result()

    tab.exec_dialog = as_proposed
    assert tab.inventory.save_labels(selected=True) == tmp_path / "trois.pdf"
    assert _pdf_numbers(tmp_path / "trois.pdf") == ["KIT-0001", "KIT-0002", "KIT-0003"]
