"""La Coop's beneficiaries' file holds the people accompanied: marked « Présent » at a session
already held (begun before now, not cancelled), as the Bilan counts them — never the people
absent, excused, only registered, or expected at a session still to come. ``export-lacoop``
with or without ``--depuis`` (from that day's midnight) and the window's export agree."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from desktop_app.cli import main
from desktop_app.db import Database
from desktop_app.models.workshops import Registration, WorkshopSession
from desktop_app.services.lacoop.export import beneficiaries
from tests.workshops.helpers import add_person, add_session


def _people(db: Database, now: datetime) -> datetime:
    """One person per case, sessions placed around ``now``; returns the ``--depuis`` day."""
    since = (now - timedelta(days=10)).replace(hour=0, minute=0)
    cases = [
        # first name, session start, attendance, session kind and status
        ("Présente", now - timedelta(days=3), "present", "collectif", "planifie"),
        ("Minuit", since, "present", "collectif", "realise"),  # first instant of --depuis
        ("Veille", since - timedelta(minutes=30), "present", "collectif", "realise"),
        ("Absent", now - timedelta(days=3), "absent", "collectif", "realise"),
        ("Excusée", now - timedelta(days=3), "excuse", "collectif", "realise"),
        ("Inscrit", now - timedelta(days=3), None, "collectif", "realise"),
        ("Future", now + timedelta(hours=2), "present", "collectif", "planifie"),
        ("Annulée", now - timedelta(days=2), "present", "collectif", "annule"),
        ("Rendez-vous", now - timedelta(days=1), None, "individuel", "realise"),
        ("Prévu", now - timedelta(days=1), None, "individuel", "planifie"),
    ]
    for first, start, attendance, kind, status in cases:
        pid = add_person(db, first, "Usager")
        # made at an hour any day accepts, then placed (23:30 is refused for two hours)
        sid = add_session(db, datetime(2026, 1, 5, 10), title=f"Séance de {first}")
        with db.session() as s:
            row = s.get(WorkshopSession, sid)
            row.start, row.duration_min, row.kind, row.status = start, 30, kind, status
            s.add(Registration(session_id=sid, participant_id=pid, attendance=attendance))
    add_person(db, "Jamais", "Venu")  # no session at all (imported from La Coop, say)
    return since


EVER = ["Minuit", "Présente", "Rendez-vous", "Veille"]
SINCE = ["Minuit", "Présente", "Rendez-vous"]


def _first_names(path: Path) -> list[str]:
    ws = load_workbook(path)["Bénéficiaires"]
    return [ws.cell(r, 2).value for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value]


def test_only_people_present_at_held_sessions(db: Database) -> None:
    now = datetime(2026, 9, 20, 15, 0)
    since = _people(db, now)
    with db.session() as s:
        assert sorted(b.first_name for b in beneficiaries(s, now=now)) == EVER
        assert sorted(b.first_name for b in beneficiaries(s, now=now, since=since.date())) == SINCE
        # the future session once held: its person counts
        later = now + timedelta(hours=3)
        assert "Future" in [b.first_name for b in beneficiaries(s, now=later)]


def test_the_command_counts_the_same_people(db: Database, db_path: Path, tmp_path: Path,
                                            capsys) -> None:  # noqa: ANN001
    since = _people(db, datetime.now().replace(second=0, microsecond=0))
    out = tmp_path / "depuis.xlsx"
    assert main(["export-lacoop", "--db", str(db_path), "--out", str(out),
                 "--depuis", since.date().isoformat()]) == 0
    assert sorted(_first_names(out)) == SINCE
    assert f"3 personne(s) accompagnée(s) depuis le {since:%d/%m/%Y}" in capsys.readouterr().out
    everyone = tmp_path / "tous.xlsx"
    assert main(["export-lacoop", "--db", str(db_path), "--out", str(everyone)]) == 0
    assert sorted(_first_names(everyone)) == EVER


def test_the_window_exports_the_same_people(qtbot, ctx, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from desktop_app.views.common import files
    from desktop_app.views.workshops.lacoop_page import LacoopPage

    now = datetime(2026, 9, 20, 15, 0)
    _people(ctx.db, now)
    ctx.clock = lambda: now
    page = LacoopPage(ctx)
    qtbot.addWidget(page)
    target = tmp_path / "pour-la-coop.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    said: list[str] = []
    monkeypatch.setattr("desktop_app.views.workshops.lacoop_page.info",
                        lambda _parent, _title, text: said.append(text))
    page.export()
    assert sorted(_first_names(target)) == EVER
    assert said[0].startswith("4\u00a0personne(s) exportée(s) dans pour-la-coop.xlsx")
    # French typography: « and » hold their word (a line broke after « in the box)
    assert "«\u202fPrésent\u202f» à une séance déjà passée" in said[0]


def test_export_stats_counts_the_same_sessions_and_people(
    db: Database, db_path: Path, tmp_path: Path, capsys  # noqa: ANN001
) -> None:
    """``export-stats`` over the same days: the sessions already held only, the people
    « Présent » (and the appointment « Réalisé ») only — the beneficiaries of the file."""
    now = datetime.now().replace(second=0, microsecond=0)
    since = _people(db, now)
    out = tmp_path / "bilan.csv"
    until = (now + timedelta(days=30)).date()
    assert main(["export-stats", "--db", str(db_path), "--out", str(out),
                 "--from", since.date().isoformat(), "--to", until.isoformat()]) == 0
    figures = dict(
        line.split(";", 1) for line in out.read_text(encoding="utf-8-sig").splitlines()
        if line.count(";") == 1
    )
    # held: Présente, Minuit, Absent, Excusée, Inscrit (workshops), Rendez-vous, Prévu
    assert figures["Ateliers collectifs"] == "5"
    assert figures["Accompagnements individuels"] == "2"
    assert figures["Participations (présences)"] == "3"
    assert figures["Personnes distinctes"] == str(len(SINCE))
    assert figures["Séances à venir (non comptées)"] == "1"
    assert figures["Séances annulées (non comptées)"] == "1"
