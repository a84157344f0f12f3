"""What a secretary and the mayor's deputy met the first time they used « Profils reçus »:
a long refusal reason typed then Enter, refused import lines to keep, the quota reached, a
salary under the Smic."""

from __future__ import annotations

import csv
import time as clock
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from desktop_app.db import Database
from desktop_app.services.profiles import importer, workflow
from desktop_app.services.profiles.workflow import FormError
from desktop_app.views.profiles.dialogs import ImportPreviewDialog, RefuseDialog

LONG_REASON = ("Profil intéressant mais la mobilité géographique déclarée ne permet pas de "
               "couvrir les trois communes du réseau de lecture publique ; ") * 3


def _settle(seconds: float = 0.3) -> None:
    end = clock.monotonic() + seconds
    while clock.monotonic() < end:
        QApplication.processEvents()


def test_a_long_reason_then_enter_keeps_the_refusal_dialog_readable(qtbot) -> None:  # noqa: ANN001
    """Enter in the editable reason added the typed text to the list of reasons: the combo
    then asked for thousands of pixels and the dialog scrolled sideways, its sentence and the
    field cut off. The message says how long the reason is and what to do."""
    def submit(reason: str) -> None:
        workflow.refuse(None, 1, None, reason)  # type: ignore[arg-type]  # refused before any read

    dialog = RefuseDialog("Anne Martin", submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = dialog.width()
    dialog.reason.setFocus()
    dialog.reason.lineEdit().insert(LONG_REASON.strip())
    qtbot.keyClick(dialog.reason.lineEdit(), Qt.Key.Key_Return)
    _settle()
    assert dialog.reason.count() == 6  # the usual reasons, nothing typed added
    area = dialog.findChild(QScrollArea)
    assert area is not None
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    assert dialog.width() <= max(width, 700)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(f"compte {len(LONG_REASON.strip())} caractères : 300 au plus" in t
               for t in texts), texts
    dialog.done(0)


def test_the_refusal_reason_limit_says_how_long_it_is() -> None:
    try:
        workflow.refuse(None, 1, None, "x" * 301)  # type: ignore[arg-type]
    except FormError as error:
        assert error.errors["reason"].startswith("Le motif compte 301 caractères : 300 au plus.")
    else:  # pragma: no cover
        raise AssertionError("a 301-character reason was accepted")


HOSTILE = "\r\n".join([
    "Email,Nom,Prenom,Code postal,Experience,Formation CCP1,Test PIX,CV",
    "",
    "marc.benoit@exemple.fr,Benoît,Marc,1000,oui,non,oui,non",
    ",,,,,,,",
    "paul.formule@exemple.fr,=HYPERLINK(\"http://x.example/\",\"Cliquez\"),Paul,75001,non,non,non,non",
    "marc.benoit@exemple.fr,Benoît,Marc,01000,oui,non,oui,non",
    "long.champ@exemple.fr,\"" + "Très long " * 300 + "\",Léa,13001,non,oui,non,non",
    "lea.court@exemple.fr,Dubois,Léa,13001,peut-être,oui,non,non",
    "gerard.cote@exemple.fr,Côté,Gérard,44000,non,oui,oui,oui",
    "", "",
]).encode("cp1252")


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_every_refused_line_can_be_saved_whole(db: Database, tmp_path: Path) -> None:
    """Once imported, a batch keeps only the number of refused lines: they are saved first,
    every one (not only the preview's first thousand), whole (a 3,000-character cell is not
    cut), with the line number and the reason, formulas neutralised."""
    source = tmp_path / "export.csv"
    source.write_bytes(HOSTILE)
    with db.session() as s:
        preview = importer.read_import(source, s)
    assert preview.rejected_total == 4
    target = tmp_path / "refus.csv"
    assert importer.write_rejected_lines(target, preview) == 4
    rows = _read_csv(target)
    assert rows[0] == ["Ligne du fichier", "Motif du refus", "Email", "Nom", "Prenom",
                       "Code postal", "Experience", "Formation CCP1", "Test PIX", "CV"]
    assert [r[0] for r in rows[1:]] == ["5", "6", "7", "8"]
    assert rows[1][1] == ("la ligne compte 9 colonnes au lieu de 8 : une valeur contient-elle "
                          "le séparateur « , » sans être entre guillemets ? Corrigez la ligne "
                          "dans le fichier")
    assert rows[1][3] == "'=HYPERLINK(\"http://x.example/\""  # cut by its comma, neutralised
    assert "déjà présente ligne 3" in rows[2][1]
    assert rows[3][3] == ("Très long " * 300)  # whole
    assert rows[4][6] == "peut-être"


def test_the_preview_saves_the_refused_lines_and_shows_a_reason_whole(
        qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    source = tmp_path / "export.csv"
    source.write_bytes(HOSTILE)
    with db.session() as s:
        preview = importer.read_import(source, s)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    table = dialog.rejected_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(3, 0))
    assert dialog.rejected_detail.text().startswith(
        "Ligne 8 : « peut-être » dans la colonne « Expérience » : « oui » ou « non » attendu.")
    target = tmp_path / "lignes.csv"
    monkeypatch.setattr("desktop_app.views.common.files.ask_save_path", lambda *a, **k: target)
    assert dialog.save_rejected_button.isEnabled()
    assert dialog.save_rejected() == target
    assert len(_read_csv(target)) == 5
    assert "4 ligne(s) refusée(s) enregistrée(s)" in dialog.rejected_detail.text()
    dialog.done(0)


def test_refusal_reasons_name_the_column_and_refuse_what_is_no_name(db: Database) -> None:
    """A 3,000-character value: which column, how long. A name that is a formula or has no
    letter (a phone number in the name's column) is refused, not kept as a candidate."""
    text = "\r\n".join([
        "Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV",
        '"=HYPERLINK(""http://x.example/"";""Cliquez"")";Paul;paul@exemple.fr;75001;non;non;'
        'non;non',
        "+33612345678;Anne;anne@exemple.fr;75002;non;non;non;non",
        "Martin;@Luc;luc@exemple.fr;75002;non;non;non;non",
        "Durand;Léa;lea@exemple.fr;75002;non;non;non;" + "x" * 3000,
        "Côté;Gérard;gerard@exemple.fr;44000;non;oui;oui;oui",
    ]).encode("utf-8-sig")
    with db.session() as s:
        preview = importer.read_import_bytes(text, "export.csv", s)
    reasons = {r.line: r.reason for r in preview.rejected}
    assert reasons[2].startswith("le nom « =HYPERLINK(") and "formule de tableur" in reasons[2]
    assert reasons[3] == ("le nom « +33612345678 » commence par « + » : c'est une formule de "
                          "tableur, pas un nom ; corrigez la ligne dans le fichier")
    assert reasons[4].startswith("le prénom « @Luc » commence par « @ »")
    assert reasons[5] == ("la valeur de la colonne « CV » dépasse 1000 caractères (elle en "
                          "compte 3000) : ce n'est pas une valeur de l'export ; corrigez la "
                          "ligne dans le fichier")
    assert [r.last_name for r in preview.to_add] == ["Côté"]


def test_a_name_without_any_letter_is_refused(db: Database) -> None:
    text = ("Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV\r\n"
            "0612345678;Anne;anne@exemple.fr;75002;non;non;non;non\r\n").encode("utf-8-sig")
    with db.session() as s:
        preview = importer.read_import_bytes(text, "export.csv", s)
    assert preview.rejected[0].reason.startswith(
        "le nom « 0612345678 » ne contient aucune lettre")


def test_a_salary_under_the_smic_is_said_in_the_detail(db: Database) -> None:
    """1 500 € gross a month for a CDD starting in 2026 was accepted without a word; the
    programme funds a post on the basis of the Smic at least (1 823,03 € since 1 January
    2026). Said, not refused: the working time is not recorded."""
    from datetime import date

    from desktop_app.models.request import RecruitmentRequest
    from desktop_app.services.formatting import amount
    from desktop_app.services.profiles import records
    from desktop_app.services.profiles.workflow import ContractInput

    today = date(2026, 3, 10)
    with db.session() as s:
        s.add(RecruitmentRequest(status="validee", posts_granted=2, decision_on=date(2026, 2, 1)))
        low = records.add_profile(s, records.ProfileInput(
            last_name="Côté", first_name="Gérard", email="gerard@exemple.fr"), today)
        fair = records.add_profile(s, records.ProfileInput(
            last_name="Roux", first_name="Zoé", email="zoe@exemple.fr"), today)
    for pid, salary in ((low, "1500"), (fair, "1 823,03")):
        with db.session() as s:
            workflow.validate(s, pid, today, ContractInput(
                date(2026, 3, 16), "cdd", date(2026, 3, 16), date(2027, 3, 15), salary))
    with db.session() as s:
        notice = records.get_detail(s, low).salary_notice
        assert records.get_detail(s, fair).salary_notice == ""
    assert notice.startswith(f"{amount(1500)} brut par mois est inférieur au Smic "
                             f"({amount(1823.03)} brut par mois depuis le 1er")
    assert notice.endswith("« Valider cette candidature » de nouveau.")


def test_a_signature_before_the_validation_says_both_dates(db: Database) -> None:
    from datetime import date

    from desktop_app.models.request import RecruitmentRequest
    from desktop_app.services.profiles import records
    from desktop_app.services.profiles.workflow import ContractInput

    today = date(2026, 12, 3)
    with db.session() as s:
        s.add(RecruitmentRequest(status="validee", posts_granted=1, decision_on=date(2026, 2, 1)))
        pid = records.add_profile(s, records.ProfileInput(
            last_name="Côté", first_name="Gérard", email="gerard@exemple.fr"), today)
    with db.session() as s:
        workflow.validate(s, pid, today, ContractInput(
            today, "cdi", today, None, "1 900"))
    with db.session() as s, pytest.raises(FormError) as error:
        workflow.record_signature(s, pid, today, date(2026, 12, 1))
    assert error.value.errors["signed_on"] == (
        "La signature (01/12/2026) ne peut pas précéder la validation de la candidature, "
        "enregistrée le 03/12/2026 : indiquez une date à partir de celle-ci.")


def test_utf8_lines_in_a_windows_1252_file_keep_their_accents(db: Database) -> None:
    """Two exports put together, one of them re-saved by a spreadsheet: the file is not
    UTF-8 as a whole, so it was read as Windows-1252 and « José » became « JosÃ© » without a
    word. Those lines are read as UTF-8 again and the preview says which."""
    header = "Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV\r\n"
    data = (header.encode("cp1252")
            + "Moreau;René;rene@exemple.fr;75001;oui;non;oui;oui\r\n".encode("cp1252")
            + "Durand;José;jose@exemple.fr;75001;oui;non;oui;oui\r\n".encode()
            + "Lefèvre;Zoë;zoe@exemple.fr;75001;oui;non;oui;oui\r\n".encode("cp1252"))
    with db.session() as s:
        preview = importer.read_import_bytes(data, "melange.csv", s)
        assert preview.encoding == "cp1252"
        assert [r.first_name for r in preview.to_add] == ["René", "José", "Zoë"]
        assert any(n.startswith("1 ligne(s) de ce fichier Windows-1252 étaient écrites en "
                                "UTF-8 (lignes 3)") for n in preview.notes), preview.notes
        importer.apply_import(s, preview)
    with db.session() as s:
        from sqlalchemy import select

        from desktop_app.models.profiles import Profile
        names = sorted(s.scalars(select(Profile.first_name)))
    assert names == ["José", "René", "Zoë"]


def test_the_command_line_report_follows_the_file_order(db: Database, tmp_path: Path) -> None:
    """Each batch printed its refused lines first, then the added ones: « ligne 6 » before
    « ligne 3 »."""
    source = tmp_path / "export.csv"
    source.write_bytes(HOSTILE)
    heard: list[int] = []
    with db.session() as s:
        importer.import_file(s, source, accept_missing=True,
                             report=lambda kind, row: heard.append(row.line))
    assert heard == sorted(heard) and len(heard) == 6


def test_an_update_only_file_opens_its_preview_on_the_updates(qtbot, db: Database) -> None:  # noqa: ANN001
    from tests.profiles.helpers import platform_csv

    with db.session() as s:
        importer.apply_import(s, importer.read_import_bytes(platform_csv(), "a.csv", s))
    with db.session() as s:
        preview = importer.read_import_bytes(platform_csv(), "a.csv", s)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 1
    dialog.done(0)
