"""Command-line subcommands and self-test checks of the "Ateliers" area.

The planner (part A) has no subcommand of its own; its self-test checks read the demo planning
and try the rules (a clash refused, the waiting list moving up) in a unit of work that is rolled
back. The documents, the ``.ics`` export and the activity report (part B) live in
``workshops_documents``; both lists below simply gather each part's entries.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta

from desktop_app.commands import SelfCheck, SelfTestContext


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    from desktop_app.commands import workshops_documents  # part B: documents, .ics, bilan

    for module in (workshops_documents,):
        module.register(sub, pdf_sub)


def _check_planning(ctx: SelfTestContext) -> str:
    from sqlalchemy import func, select

    from desktop_app.models.workshops import WorkshopSession
    from desktop_app.services.workshops import planner

    with ctx.db.session() as s:
        latest = s.scalar(select(func.max(WorkshopSession.start)))
        if latest is None:
            raise RuntimeError("aucune séance dans les données de démonstration")
        monday = latest.date() - timedelta(days=latest.weekday())
        week = planner.planner_range(s, monday, monday + timedelta(days=7))
        grid = planner.planner_range(s, monday - timedelta(weeks=8), monday + timedelta(days=7))
    if not week.sessions:
        raise RuntimeError("la dernière semaine du planning est vide")
    return f"{len(grid.sessions)} séances lues sur les neuf dernières semaines du planning"


def _check_rules(ctx: SelfTestContext) -> str:
    """A clash is refused and the waiting list moves up; nothing is kept (rolled back)."""
    from dataclasses import replace

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from desktop_app.models.workshops import Participant, WorkshopSession
    from desktop_app.services.workshops import ConflictError
    from desktop_app.services.workshops import registrations as rg
    from desktop_app.services.workshops import sessions as ss

    with Session(ctx.db.engine) as s:
        try:
            row = s.scalars(
                select(WorkshopSession)
                .where(WorkshopSession.status == "planifie", WorkshopSession.kind == "collectif")
                .order_by(WorkshopSession.start)
            ).first()
            if row is None:
                raise RuntimeError("aucun atelier planifié dans les données de démonstration")
            data = ss.get_session(s, row.id)
            try:
                ss.create_session(s, replace(data, start=data.start + timedelta(minutes=15)))
            except ConflictError:
                pass
            else:
                raise RuntimeError("un atelier au même moment n'a pas été refusé")
            start = datetime.combine(date.today() + timedelta(days=400), datetime.min.time())
            sid = ss.create_session(
                s,
                replace(data, start=start.replace(hour=3), capacity=1, kit={}),
                allow_warnings=True,
            )
            people = s.scalars(select(Participant.id).limit(2)).all()
            first = rg.register(s, sid, people[0])
            second = rg.register(s, sid, people[1])
            if second.status != "attente":
                raise RuntimeError("la liste d'attente n'a pas été utilisée")
            rg.unregister(s, first.registration_id)
            if [r.status for r in rg.registrations_for(s, sid)][0] != "inscrit":
                raise RuntimeError("la liste d'attente n'a pas avancé")
        finally:
            s.rollback()
    return "conflit refusé, liste d'attente avancée (sans rien enregistrer)"


def self_checks() -> list[SelfCheck]:
    from desktop_app.commands import workshops_documents  # part B: documents, .ics, bilan

    return [
        SelfCheck("Planning des ateliers", _check_planning),
        SelfCheck("Règles du planning (conflit, liste d'attente)", _check_rules),
        *workshops_documents.self_checks(),
    ]
