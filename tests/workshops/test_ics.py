"""The calendar export read back with the ``icalendar`` library (formats.md §3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from desktop_app.db import Database
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.workshops.ics import export_ics
from desktop_app.services.workshops.periods import Period, month_period
from tests.workshops.reports_data import small_dataset

MARCH = month_period(2026, 3)


def _export(db: Database, out: Path, period: Period | None = MARCH, **kw) -> Calendar:  # noqa: ANN003
    with db.session() as session:
        export_ics(session, out, period, **kw)
    return Calendar.from_ical(out.read_bytes())


def _uid_of(cal: Calendar) -> dict[str, str]:
    return {str(e["summary"]): str(e["uid"]) for e in cal.walk("VEVENT")}


def test_one_event_per_session_with_stable_uids(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    first = _export(db, tmp_path / "a.ics")
    events = first.walk("VEVENT")
    # March holds sessions 1, 2, 3, 4, 5 (cancelled) and 8; 6 and 7 are in April and February
    assert len(events) == 6
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 6
    assert {u.split("@")[0] for u in uids} == {f"seance-{i}" for i in (1, 2, 3, 4, 5, 8)}

    # change a session and export again: same UIDs, the change is visible, SEQUENCE never drops
    with db.session() as session:
        row = session.get(WorkshopSession, 1)
        row.title = "Premiers pas sur la tablette (nouvel horaire)"
        row.start = datetime(2026, 3, 3, 15)
    second = _export(db, tmp_path / "b.ics")
    assert sorted(uids) == sorted(str(e["uid"]) for e in second.walk("VEVENT"))
    by_uid = {str(e["uid"]): e for e in second.walk("VEVENT")}
    changed = by_uid[next(u for u in uids if u.startswith("seance-1@"))]
    assert str(changed["summary"]) == "Premiers pas sur la tablette (nouvel horaire)"
    assert changed.decoded("dtstart").hour == 15
    old = {str(e["uid"]): int(e["sequence"]) for e in events}
    assert all(int(e["sequence"]) >= old[str(e["uid"])] for e in second.walk("VEVENT"))


def test_local_times_on_both_sides_of_daylight_saving(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        session.add(
            WorkshopSession(id=1, title="Avant", start=datetime(2026, 3, 28, 14), duration_min=90)
        )
        session.add(
            WorkshopSession(id=2, title="Après", start=datetime(2026, 3, 30, 14), duration_min=90)
        )
    raw_path = tmp_path / "dst.ics"
    cal = _export(db, raw_path)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    before, after = events["Avant"].decoded("dtstart"), events["Après"].decoded("dtstart")
    assert (before.hour, before.minute) == (14, 0) and (after.hour, after.minute) == (14, 0)
    assert before.astimezone(UTC) == datetime(2026, 3, 28, 13, 0, tzinfo=UTC)  # CET, UTC+1
    assert after.astimezone(UTC) == datetime(2026, 3, 30, 12, 0, tzinfo=UTC)  # CEST, UTC+2
    assert events["Après"].decoded("dtend") - after == timedelta(minutes=90)
    raw = raw_path.read_bytes().decode()
    assert "DTSTART;TZID=Europe/Paris:20260328T140000" in raw
    assert "DTSTART;TZID=Europe/Paris:20260330T140000" in raw

    # the VTIMEZONE written in the file (not only the name) gives the right offsets
    vtimezone = cal.walk("VTIMEZONE")
    assert len(vtimezone) == 1 and str(vtimezone[0]["tzid"]) == "Europe/Paris"
    tz = vtimezone[0].to_tz()
    assert datetime(2026, 3, 28, 14, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 30, 14, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 10, 26, 14, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2040, 7, 1, 14, tzinfo=tz).utcoffset() == timedelta(hours=2)


def test_cancelled_sessions_are_marked(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    cal = _export(db, tmp_path / "c.ics")
    status = {str(e["uid"]).split("@")[0]: str(e["status"]) for e in cal.walk("VEVENT")}
    assert status["seance-5"] == "CANCELLED"
    assert {v for k, v in status.items() if k != "seance-5"} == {"CONFIRMED"}


def test_file_is_folded_crlf_and_escaped(db: Database, tmp_path: Path) -> None:
    title = "Tablette, smartphone; ordinateur \\ " + "démarches en ligne très détaillées " * 4
    with db.session() as session:
        session.add(
            WorkshopSession(
                id=1,
                title=title,
                start=datetime(2026, 3, 5, 14),
                venue="Salle « Les Tilleuls », étage 1",
            )
        )
    out = tmp_path / "fold.ics"
    cal = _export(db, out)
    raw = out.read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded
    assert b"SUMMARY:Tablette\\, smartphone\\; ordinateur \\\\ " in raw
    event = cal.walk("VEVENT")[0]
    assert str(event["summary"]) == title.strip()
    assert str(event["location"]) == "Salle « Les Tilleuls », étage 1"
    assert "\n" in str(event["description"])  # several lines, escaped as \n in the file


def test_default_is_every_future_session(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    now = datetime(2026, 3, 20, 12, 0)
    cal = _export(db, tmp_path / "future.ics", None, now=now)
    ids = sorted(int(str(e["uid"]).split("@")[0].split("-")[1]) for e in cal.walk("VEVENT"))
    assert ids == [5, 6, 8]  # 24/03 (cancelled, still sent so calendars drop it), 02/04, 31/03


def test_a_first_export_works_from_a_base_open_read_only(db: Database, tmp_path: Path) -> None:
    """The identifier of the base's events exists from the start: the command line, reading
    read-only a base the application holds, exports without having to store anything."""
    from desktop_app.db import open_database
    from desktop_app.services.structure import get_setting
    from desktop_app.services.workshops.ics import UID_SETTING

    small_dataset(db)
    with db.session() as session:
        token = get_setting(session, UID_SETTING)
    assert token and len(token) == 16 and int(token, 16) >= 0  # drawn with the base
    reader = open_database(db.path, access="read")  # ``db`` holds the writer lock
    try:
        assert reader.read_only
        cal = _export(reader, tmp_path / "lecture.ics")
    finally:
        reader.close()
    assert {uid.split("@")[1] for uid in _uid_of(cal).values()} == {f"{token}.cnum-biblio"}
    assert _uid_of(_export(db, tmp_path / "ecriture.ics")) == _uid_of(cal)
