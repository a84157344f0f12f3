"""Which records are the same person: namesakes with different contacts are different people,
one person under one e-mail or phone is one; a search by phone finds the one with that phone;
the access copy of one holds nothing of the other; erasing one leaves the other intact."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.db import Database
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.personal_data import erase as erasing
from desktop_app.services.personal_data import identity, printing
from desktop_app.services.personal_data.collect import as_json, person_data
from desktop_app.services.personal_data.records import (
    PersonChanged,
    RecordRef,
    find_people,
    person,
)
from tests.personal_data.namesakes import (
    EMAIL_A,
    EMAIL_B,
    NOTE_A,
    NOTE_B,
    ONE_EMAIL,
    PHONE_A,
    PHONE_B,
    build_namesakes,
)

NOW = datetime(2026, 3, 2, 9, 0)


def _tokens(people) -> list[list[str]]:  # noqa: ANN001
    return [[r.ref.token for r in p.rows] for p in people]


def test_namesakes_with_different_phones_and_emails_are_two_people(db: Database) -> None:
    w = build_namesakes(db)
    with db.session() as s:
        people = find_people(s, "Agnès Renaud")
    assert _tokens(people) == [[f"P{w.agnes_a}"], [f"P{w.agnes_b}"]]
    a, b = people
    assert [o.token for o in a.namesakes] == [b.token]
    assert [o.token for o in b.namesakes] == [a.token]
    assert a.places == ["Villapourçon"] and b.places == ["Préporché"]
    assert "Villapourçon" in a.rows[0].summary and PHONE_A in a.rows[0].summary


def test_three_candidates_of_one_name_and_different_emails_are_three(db: Database) -> None:
    w = build_namesakes(db)
    with db.session() as s:
        people = find_people(s, "Lefèvre-Château Jérôme")
        by_token = person(s, f"C{w.jerome[1]}")
    assert _tokens(people) == [[f"C{i}"] for i in w.jerome]
    assert by_token.refs == [RecordRef("C", w.jerome[1])]
    assert sorted(o.token for o in by_token.namesakes) == [f"C{w.jerome[0]}", f"C{w.jerome[2]}"]


def test_one_email_across_candidate_participant_request_and_a_phone_is_one(db: Database) -> None:
    w = build_namesakes(db)
    expected = [f"C{w.one_profile}", f"P{w.one_participant}", f"E{w.one_loan}",
                f"D{w.one_request}"]
    for query in (ONE_EMAIL, "DUBOIS-SAINT", "06 29 42", "Maelys Dubois"):
        with db.session() as s:
            people = find_people(s, query)
        assert _tokens(people) == [expected], query
    match = people[0]
    assert match.namesakes == []
    assert any(t.startswith("même e-mail") for t in match.linked_by)
    assert any(t.startswith("même téléphone") for t in match.linked_by)


@pytest.mark.parametrize("query", [PHONE_B, "0386716711", "+33 3 86 71 67 11", EMAIL_B])
def test_a_phone_or_email_search_finds_that_person_not_a_namesake(db: Database,
                                                                 query: str) -> None:
    w = build_namesakes(db)
    with db.session() as s:
        people = find_people(s, query)
    assert _tokens(people) == [[f"P{w.agnes_b}"]]
    assert people[0].token == f"P{w.agnes_b}"
    assert [o.token for o in people[0].namesakes] == [f"P{w.agnes_a}"]


def test_the_export_of_one_holds_nothing_of_the_other(db: Database, tmp_path: Path) -> None:
    w = build_namesakes(db)
    token = f"P{w.agnes_b}"
    with db.session() as s:
        data = person_data(s, token)
    dump = json.dumps(as_json(data, NOW), ensure_ascii=False)
    for own in (PHONE_B, EMAIL_B, NOTE_B, "Préporché", "carte grise"):
        assert own in dump, own
    for other in (PHONE_A, EMAIL_A, NOTE_A, "Villapourçon"):
        assert other not in dump, other
    assert [s["donnees"]["id"] for s in as_json(data, NOW)["sources"]] == [w.agnes_b]
    # the note naming « Agnès Renaud » only could be about either: set apart, not exported
    assert [m.row_id for m in data.shared_mentions] == [w.note_session]
    assert "lunettes" not in dump
    # the file written for the dialog: the records it was shown, nothing else
    out = printing.write_access_json(db, token, tmp_path / "b.json", NOW,
                                     [RecordRef("P", w.agnes_b)])
    written = out.read_text(encoding="utf-8")
    assert PHONE_B in written and PHONE_A not in written and EMAIL_A not in written
    pdf = printing.write_access_pdf(db, token, tmp_path / "b.pdf", NOW, [RecordRef("P", w.agnes_b)])
    assert pdf.read_bytes().startswith(b"%PDF")


def test_erasing_one_leaves_the_other_intact(db: Database) -> None:
    w = build_namesakes(db)
    with db.session() as s:
        attended_a = s.query(Registration).filter_by(participant_id=w.agnes_a).count()
    result = erasing.erase(db, f"P{w.agnes_b}", NOW, [RecordRef("P", w.agnes_b)])
    assert result.records == 1
    with db.session() as s:
        a = s.get(Participant, w.agnes_a)
        b = s.get(Participant, w.agnes_b)
        assert (a.first_name, a.last_name, a.phone, a.email, a.notes, a.commune) == (
            "Agnès", "Renaud", PHONE_A, EMAIL_A, NOTE_A, "Villapourçon")
        assert s.query(Registration).filter_by(participant_id=w.agnes_a).count() == attended_a
        assert (b.first_name, b.phone, b.email, b.notes) == ("", "", "", "")
        assert PHONE_B not in s.get(WorkshopSession, w.phone_session).notes
        assert _tokens(find_people(s, "Agnès Renaud")) == [[f"P{w.agnes_a}"]]
        assert _tokens(find_people(s, PHONE_A)) == [[f"P{w.agnes_a}"]]
        assert find_people(s, PHONE_B) == []


def test_an_erasure_refuses_records_other_than_those_confirmed(db: Database) -> None:
    w = build_namesakes(db)
    both = [RecordRef("P", w.agnes_a), RecordRef("P", w.agnes_b)]
    with pytest.raises(PersonChanged):
        erasing.erase(db, f"P{w.agnes_b}", NOW, both)
    with db.session() as s:
        assert len(find_people(s, "Agnès Renaud")) == 2  # nothing erased


def test_a_household_phone_does_not_join_different_people(db: Database) -> None:
    landline = "03 86 47 29 44"
    with db.session() as s:
        s.add_all([Participant(first_name="Agnès", last_name="Renaud", phone=landline),
                   Participant(first_name="Michel", last_name="Renaud", phone=landline),
                   Participant(first_name="Nathalie", last_name="Château", phone=landline)])
    with db.session() as s:
        people = find_people(s, landline)
    assert [len(p.rows) for p in people] == [1, 1, 1]


def test_nothing_to_compare_on_one_side_is_not_merged(db: Database) -> None:
    """The same name, a phone on one record and nothing on the other: the base cannot tell,
    both are listed, each as a person of its own."""
    with db.session() as s:
        s.add_all([Participant(first_name="Agnès", last_name="Renaud", phone=PHONE_A),
                   Participant(first_name="Agnès", last_name="Renaud")])
    with db.session() as s:
        people = find_people(s, "renaud")
    assert [len(p.rows) for p in people] == [1, 1]
    assert all(len(p.namesakes) == 1 for p in people)


def test_the_rule_itself() -> None:
    facts = identity.Facts.of
    same = [facts("Marie Dupont", "marie@x.fr", "06 12 34 56 78"),
            facts("DUPONT Marie", phone="+33 6 12 34 56 78"),
            facts("Marie Dupont-Leroy", "marie@x.fr")]
    assert identity.group(same) == [[0, 1, 2]]
    # the same name and phone, two birth years: a mother and a daughter
    assert identity.group([facts("Agnès Renaud", phone=PHONE_A, birth_year=1951),
                           facts("Agnès Renaud", phone=PHONE_A, birth_year=1983)]) == [[0], [1]]
    # a « Renaud » on a landline two Renaud share cannot say whose it is
    assert identity.group([facts("Agnès Renaud", phone=PHONE_A),
                           facts("Michel Renaud", phone=PHONE_A),
                           facts("Renaud", phone=PHONE_A)]) == [[0], [1], [2]]
    # a record matching two that conflict (a father and a son) is neither's
    hub = [facts("Jean Martin", phone=PHONE_A, birth_year=1950),
           facts("Jean Martin", "jean@x.fr", PHONE_A),
           facts("Jean Martin", "jean@x.fr", birth_year=1990)]
    assert identity.group(hub) == [[0], [1], [2]]
    # a chain never joins two records that conflict: its last link is refused
    chain = [facts("Jean Martin", phone=PHONE_A, birth_year=1950),
             facts("Jean Martin", "jean@x.fr", PHONE_A),
             facts("Jean Martin", "jean@x.fr", PHONE_B),
             facts("Jean Martin", phone=PHONE_B, birth_year=1990)]
    assert identity.group(chain) == [[0, 1, 2], [3]]
    # the same name alone links nothing
    assert identity.group([facts("Agnès Renaud"), facts("Agnès Renaud")]) == [[0], [1]]


def test_in_the_demonstration_base_no_person_joins_records_that_conflict(db: Database) -> None:
    from desktop_app.services.demo import seed_demo
    from desktop_app.services.personal_data.records import identity_rows

    seed_demo(db, scale=10)
    with db.session() as s:
        rows = identity_rows(s)
        people = find_people(s, "@exemple")  # every record with an e-mail
    with_namesakes = [p for p in people if p.namesakes]
    assert with_namesakes, "the demonstration base should hold namesakes"
    for found in people:
        for i, a in enumerate(found.rows):
            for b in found.rows[i + 1:]:
                assert not identity.conflict(a.facts, b.facts), (a.summary, b.summary)
    # each namesake with a phone of their own is found by it, alone among their namesakes
    phones = Counter(k for r in rows if (k := identity.phone_key(r.phone)))
    checked = 0
    for found in with_namesakes:
        row = next((r for r in found.rows if identity.phone_key(r.phone)), None)
        if row is None or phones[identity.phone_key(row.phone)] > 1:
            continue  # no phone, or a phone someone else also gives
        if checked == 10:
            break
        with db.session() as s:
            hits = find_people(s, row.phone)
        assert [p.token for p in hits] == [found.token], row.summary
        checked += 1
    assert checked == 10
