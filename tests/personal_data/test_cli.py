"""The command line: chercher lists N, exporter writes PDF or JSON, effacer erases, verrou
retirer removes a forgotten password; documents print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.db import open_database
from desktop_app.services.personal_data import lock
from tests.personal_data.helpers import LAST, build


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, object]:
    path = tmp_path / "base.sqlite"
    db = open_database(path)
    world = build(db, tmp_path)
    db.close()
    return path, world


def test_search_export_erase(base, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, world = base
    assert main(["personne", "chercher", "kerbrat", "--db", str(path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith(f"C{world.profile_id}\t")
    token = out[0].split("\t")[0]
    assert "Participant (Ateliers)" in out[0] and "Emprunteur" in out[0]
    target = tmp_path / "acces.json"
    assert main(["personne", "exporter", token, "--db", str(path), "--out", str(target)]) == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["sources"]) == 3
    pdf = tmp_path / "acces.pdf"
    assert main(["personne", "exporter", token, "--db", str(path), "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["personne", "exporter", token, "--db", str(path),
                 "--out", str(tmp_path / "x.txt")]) == 1
    assert "« .pdf » ou « .json »" in capsys.readouterr().err
    assert main(["personne", "effacer", token, "--db", str(path)]) == 1  # no terminal
    assert "--empreinte" in capsys.readouterr().err
    assert main(["personne", "montrer", token, "--db", str(path)]) == 0
    shown = capsys.readouterr().out
    fingerprint = shown.split("Empreinte de ces fiches : ")[1].split()[0]
    assert len(fingerprint) == 6
    assert f"--empreinte {fingerprint}" in shown
    assert main(["personne", "effacer", token, "--db", str(path), "--empreinte",
                 fingerprint.lower()]) == 0
    assert "3 fiche(s) anonymisée(s)" in capsys.readouterr().out
    assert main(["personne", "chercher", "kerbrat", "--db", str(path)]) == 0
    assert "Personne ne correspond" in capsys.readouterr().out
    assert main(["personne", "exporter", token, "--db", str(path), "--out", str(target)]) == 1
    assert "déjà effacée" in capsys.readouterr().err
    assert LAST.encode() not in path.read_bytes()


def test_unknown_token_is_explained(base, capsys: pytest.CaptureFixture[str]) -> None:
    path, _world = base
    assert main(["personne", "effacer", "Z12", "--db", str(path), "--empreinte", "ABC123"]) == 1
    assert "n'est pas un numéro de personne" in capsys.readouterr().err


def test_forgotten_lock_is_removed(base, capsys: pytest.CaptureFixture[str]) -> None:
    path, _world = base
    db = open_database(path)
    with db.session() as s:
        lock.set_password(s, "secret-mairie", "secret-mairie", 5)
    db.close()
    assert main(["verrou", "retirer", "--db", str(path)]) == 0
    assert "retiré" in capsys.readouterr().out
    db = open_database(path)
    with db.session() as s:
        assert not lock.is_enabled(s)
    db.close()


@pytest.mark.parametrize("document", ["notice-participants", "notice-candidats",
                                      "registre-traitements"])
def test_documents(base, tmp_path: Path, document: str) -> None:
    path, _world = base
    out = tmp_path / f"{document}.pdf"
    assert main(["pdf", document, "--db", str(path), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_access_pdf_cuts_no_text(tmp_path: Path) -> None:
    """A long note is printed whole in the access copy (the shared cells are limited)."""
    from datetime import datetime

    from pypdf import PdfReader

    from desktop_app.models.workshops import Participant
    from desktop_app.services.personal_data import printing

    db = open_database(tmp_path / "b.sqlite")
    world = build(db, tmp_path)
    note = " ".join(f"Séance {i} : démarches CAF et messagerie." for i in range(300))
    with db.session() as s:
        s.get(Participant, world.participant_id).notes = note
    out = printing.write_access_pdf(db, f"P{world.participant_id}", tmp_path / "a.pdf",
                                    datetime(2026, 3, 2, 9, 0))
    db.close()
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "texte coupé" not in text
    assert "Séance 299 : démarches CAF" in " ".join(text.split())


def test_show_lists_what_is_erased_and_kept(base, capsys: pytest.CaptureFixture[str]) -> None:
    path, world = base
    assert main(["personne", "montrer", f"P{world.participant_id}", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"C{world.profile_id} — " in out and f"P{world.participant_id} — " in out
    assert "effacés : nom, prénom, téléphone, e-mail, notes" in out
    assert "gardés sans nom : inscriptions et présences" in out
    assert "Notes de la séance « Premiers pas sur tablette »" in out  # a mention, changed


def test_erasure_refused_when_records_changed_since_shown(
    base, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record of the person corrected after « montrer »: the old fingerprint erases nothing;
    the one shown again erases."""
    from desktop_app.models.workshops import Participant

    path, world = base
    token = f"C{world.profile_id}"
    assert main(["personne", "montrer", token, "--db", str(path)]) == 0
    old = capsys.readouterr().out.split("Empreinte de ces fiches : ")[1].split()[0]
    db = open_database(path)
    with db.session() as s:
        s.get(Participant, world.participant_id).commune = "Quimperlé"
    db.close()
    assert main(["personne", "effacer", token, "--db", str(path), "--empreinte", old]) == 1
    err = capsys.readouterr().err
    assert "rien n'a été effacé" in err and "personne montrer" in err
    assert LAST.encode() in path.read_bytes()  # nothing erased
    db = open_database(path)
    with db.session() as s:
        assert s.get(Participant, world.participant_id).last_name == LAST
    db.close()
    assert main(["personne", "montrer", token, "--db", str(path)]) == 0
    new = capsys.readouterr().out.split("Empreinte de ces fiches : ")[1].split()[0]
    assert new != old
    assert main(["personne", "effacer", token, "--db", str(path), "--empreinte", new]) == 0
    assert "3 fiche(s) anonymisée(s)" in capsys.readouterr().out


def test_erasure_at_a_terminal_lists_then_asks(
    base, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, world = base
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    token = f"C{world.profile_id}"
    assert main(["personne", "effacer", token, "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Empreinte de ces fiches" in out and "Rien n'a été effacé." in out
    monkeypatch.setattr("builtins.input", lambda prompt: "oui")
    assert main(["personne", "effacer", token, "--db", str(path)]) == 0
    assert "3 fiche(s) anonymisée(s)" in capsys.readouterr().out
