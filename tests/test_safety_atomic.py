"""Every output appears complete under its name or not at all: on a full disk (a patched writer,
or a real small file system) nothing is left under the final name and no temporary file
remains; a previous file of that name is left as it was."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Paragraph

from desktop_app.documents.base import DocumentTemplate, styles
from desktop_app.services import atomic_files
from desktop_app.services.atomic_files import AtomicWriteError, atomic_open, atomic_path
from desktop_app.services.csv_export import write_csv
from desktop_app.services.mednum import write_venue_csv
from desktop_app.services.structure import StructureInfo
from tests.test_safety_fs import fill_disk, small_disk

STRUCTURE = StructureInfo(
    name="Médiathèque de Vals",
    siret="21580249700010",
    address="1, place de la Mairie",
    commune="Vals-les-Bains",
    postal_code="07600",
)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partiel" in p.name)


def _disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_atomic_path_renames_only_a_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("ancien", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("à moitié", encoding="utf-8")
        raise RuntimeError("panne au milieu")
    assert target.read_text(encoding="utf-8") == "ancien"
    assert _leftovers(tmp_path) == []
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".export.csv.partiel-")
        tmp.write_text("nouveau", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "nouveau"
    assert _leftovers(tmp_path) == []


def test_a_writer_that_wrote_nothing_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "rien.pdf"
    with pytest.raises(AtomicWriteError), atomic_path(target):
        pass
    assert not target.exists()


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic_files.os, "replace", _disk_full)
    with pytest.raises(OSError), atomic_open(tmp_path / "a.txt", "w", encoding="utf-8") as fh:
        fh.write("texte")
    assert list(tmp_path.iterdir()) == []


def _pdf(path: Path) -> None:
    doc = DocumentTemplate(path, title="Essai", structure=STRUCTURE)
    doc.build([Paragraph("Bonjour « tout le monde »", styles()["body"]) for _ in range(80)])


def test_a_pdf_on_a_full_disk_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_save = pdfdoc.PDFDocument.SaveToFile

    def half_then_full(self, filename, canvas):  # noqa: ANN001, ANN202
        filename.write(b"%PDF-1.4 tronqu")
        _disk_full()

    monkeypatch.setattr(pdfdoc.PDFDocument, "SaveToFile", half_then_full)
    target = tmp_path / "programme.pdf"
    with pytest.raises(OSError):
        _pdf(target)
    assert not target.exists() and _leftovers(tmp_path) == []
    previous = tmp_path / "inventaire.pdf"
    previous.write_bytes(b"%PDF ancien")
    with pytest.raises(OSError):
        _pdf(previous)
    assert previous.read_bytes() == b"%PDF ancien"
    monkeypatch.setattr(pdfdoc.PDFDocument, "SaveToFile", real_save)
    _pdf(target)
    assert target.read_bytes().startswith(b"%PDF") and _leftovers(tmp_path) == []


def test_outputs_on_a_real_full_disk_leave_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "clé", "1m") as disk:
        fill_disk(disk)
        outputs = {
            "document.pdf": lambda p: _pdf(p),
            "inventaire.csv": lambda p: write_csv(p, ["Numéro"], [["K-0001"]] * 5000),
            "lieu.csv": lambda p: write_venue_csv(STRUCTURE, p),
        }
        for name, write in outputs.items():
            with pytest.raises(OSError):
                write(disk / name)
            assert not (disk / name).exists(), name
        assert [p.name for p in disk.iterdir()] == ["remplissage.bin"]


def test_csv_and_venue_exports_on_a_full_disk_keep_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.csv"
    target.write_text("ancien export", encoding="utf-8")
    monkeypatch.setattr(atomic_files, "fsync_file", _disk_full)
    with pytest.raises(OSError):
        write_csv(target, ["Nom"], [["Dupont"]])
    with pytest.raises(OSError):
        write_venue_csv(STRUCTURE, target)
    assert target.read_text(encoding="utf-8") == "ancien export"
    assert _leftovers(tmp_path) == []


def test_every_document_module_writes_through_the_shared_frame() -> None:
    """Only ``documents/base.py`` may hand a file name to ReportLab; every other module uses
    ``DocumentTemplate`` (whose ``build`` is atomic) or writes bytes through ``atomic_path``."""
    root = Path(__file__).resolve().parent.parent / "desktop_app" / "documents"
    offenders = []
    for module in root.rglob("*.py"):
        if module.name == "base.py":
            continue
        text = module.read_text(encoding="utf-8")
        if re.search(r"SimpleDocTemplate\(|Canvas\(\s*(?:str\(|out|path|target)", text):
            offenders.append(module.name)
        if re.search(r"\.write_bytes\(|open\([^)]*['\"]wb?['\"]", text) and "atomic_path" not in text:
            offenders.append(module.name)
    assert offenders == []


def test_a_write_inside_another_is_one_rename_and_names_the_file_asked_for(
    tmp_path: Path,
) -> None:
    """A document written through the toolkit (``atomic_path`` around the document's own
    ``atomic_path``) is one temporary file and one rename; a folder that is gone is said about
    the file the person chose, not « ..fiche.pdf.partiel-….partiel-… »."""
    target = tmp_path / "fiche.pdf"
    with atomic_path(target) as outer, atomic_path(outer) as inner:
        assert inner == outer
        inner.write_bytes(b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"
    assert [p.name for p in tmp_path.iterdir()] == ["fiche.pdf"]

    gone = tmp_path / "clé retirée" / "fiche.pdf"
    with pytest.raises(OSError) as info, atomic_path(gone) as tmp:
        tmp.write_bytes(b"x")
    assert info.value.filename == str(gone)
