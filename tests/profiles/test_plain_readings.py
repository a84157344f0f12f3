"""The tab's readings are plain-column statements run without the ORM's objects (the list on
the DBAPI cursor, the detail as one row): they must give exactly what the mapped objects say,
with the same Python types (dates, yes/no as bool or None), including the attributes whose
column has another name (``ccp1`` is ``ccp1_trained``, the Pix answers ``…_ok``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from desktop_app.db import Database
from desktop_app.models.profiles import Interview, Profile, ProfileBatch, ProfileRequest
from desktop_app.services.profiles import records
from desktop_app.services.profiles.workflow import contract_summary
from tests.conftest import DEMO_TODAY


def test_the_list_is_what_the_profiles_say(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = records.list_rows(s)
        profiles = {p.id: p for p in s.scalars(select(Profile))}
    assert len(rows) == len(profiles) > 10
    assert [r.id for r in rows] == [
        p.id for p in sorted(profiles.values(), key=lambda p: (p.last_name, p.first_name, p.id))
    ]
    for r in rows:
        p = profiles[r.id]
        expected = (p.id, p.last_name, p.first_name, p.email, p.postal_code, p.commune,
                    p.availability_date, p.ccp1, p.pix_shared, p.pix_level,
                    bool(p.cv_on_platform or p.cv_file), p.graduate, p.status, p.source)
        assert tuple(r) == expected
        assert [type(v) for v in r] == [type(v) for v in expected]
        assert r.availability_date is None or type(r.availability_date) is date


def test_an_empty_list(db: Database) -> None:
    with db.session() as s:
        assert records.list_rows(s) == []


def test_the_detail_is_what_the_profile_says(demo_db: Database) -> None:
    with demo_db.session() as s:
        profiles = list(s.scalars(select(Profile).order_by(Profile.id)))
        checked = 0
        for p in profiles:
            d = records.get_detail(s, p.id)
            assert d.data == records.ProfileInput.from_profile(p)
            assert (d.data.ccp1, d.data.pix_professional, d.data.pix_resources,
                    d.data.pix_citizen) == (p.ccp1, p.pix_professional, p.pix_resources,
                                            p.pix_citizen)
            batch = s.get(ProfileBatch, p.batch_id) if p.batch_id else None
            assert d.batch_label == records._batch_label(batch)
            assert d.contract_text == contract_summary(p)
            assert (d.status, d.source, d.validated_on, d.recruitment_date, d.contract_start,
                    d.contract_end, d.salary_gross, d.contract_signed_on, d.rupture_date,
                    d.rupture_reason, d.refusal_reason, d.cv_file, d.pix_certified_on) == (
                p.status, p.source, p.validated_on, p.recruitment_date, p.contract_start,
                p.contract_end, p.salary_gross, p.contract_signed_on, p.rupture_date,
                p.rupture_reason, p.refusal_reason, p.cv_file, p.pix_certified_on)
            assert [(e.event_date, e.label, e.detail) for e in d.events] == [
                (e.event_date, e.label, e.detail)
                for e in sorted(p.events, key=lambda e: (e.at, e.id))]
            assert [i.id for i in d.interviews] == [
                i.id for i in sorted(p.interviews, key=lambda i: (i.start, i.id))]
            assert all(i.candidate == p.full_name for i in d.interviews)
            checked += 1
        assert checked > 10
        assert any(records.get_detail(s, p.id).batch_label for p in profiles)
        assert any(records.get_detail(s, p.id).contract_text for p in profiles)


def test_the_interviews_batches_and_pending_request(demo_db: Database) -> None:
    now = datetime.combine(DEMO_TODAY, datetime.min.time())
    with demo_db.session() as s:
        upcoming = records.upcoming_interviews(s, now)
        expected = s.scalars(select(Interview).where(Interview.start >= now)
                             .order_by(Interview.start)).all()
        assert [(i.id, i.profile_id, i.candidate, i.start, i.place, i.panel, i.notes)
                for i in upcoming] == [
            (i.id, i.profile_id, i.profile.full_name, i.start, i.place, i.panel, i.notes)
            for i in expected]
        batches = records.batches(s)
        assert [(b.id, b.received_at, b.file_name, b.added, b.updated, b.rejected)
                for b in batches] == [
            (b.id, b.received_at, b.file_name, b.added_count, b.updated_count,
             b.rejected_count)
            for b in s.scalars(select(ProfileBatch).order_by(ProfileBatch.received_at.desc()))]
        assert batches
        last_batch = max(b.received_at for b in batches)
        assert records.pending_request(s) is None or records.pending_request(s) > last_batch.date()
        s.add(ProfileRequest(requested_on=last_batch.date(), note=""))
        s.add(ProfileRequest(requested_on=date(2099, 1, 1), note=""))
        s.flush()
        assert records.pending_request(s) == date(2099, 1, 1)
