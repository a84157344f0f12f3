"""One person present everywhere: a candidate with a CV and an interview, a participant with
registrations and attendance, a borrower of the kit, named in another session's notes.
Built with the areas' own services where they exist (the CV, the loan), else the ORM. The
names, e-mail and phone are invented for the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from desktop_app.db import Database
from desktop_app.models.kit import KitCategory, KitItem
from desktop_app.models.profiles import STATUS_NOT_RETAINED, Interview, Profile, ProfileEvent
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.kit import loans
from desktop_app.services.profiles.records import attach_cv
from desktop_app.services.structure import StructureInfo, save_structure

FIRST, LAST = "Gwenaëlle", "Kerbrat-Dufresnoy"
EMAIL = "gwen.kerbrat@exemple-rgpd.fr"
PHONE = "06 71 82 93 04"
NOTE = "RSA, sans domicile, vient avec sa fille"


@dataclass
class World:
    profile_id: int
    participant_id: int
    other_participant_id: int
    loan_id: int
    session_ids: list[int]
    cv: Path


def build(db: Database, tmp: Path) -> World:
    source = tmp / "cv-source.pdf"
    source.write_bytes(b"%PDF-1.4\n% CV de " + LAST.encode() + b"\n%%EOF\n")
    with db.session() as s:
        save_structure(s, StructureInfo(name="Commune de Saint-Éloi-des-Bois",
                                        commune="Saint-Éloi-des-Bois", email="mairie@st-eloi.fr",
                                        phone="02 98 00 00 00", address="1 place de la Mairie",
                                        postal_code="29000", signatory_name="Anne Le Goff",
                                        signatory_title="Maire"))
        profile = Profile(first_name=FIRST, last_name=LAST.upper(), email=EMAIL.upper(),
                          phone="+33 6 71 82 93 04", commune="Quimper", postal_code="29000",
                          status=STATUS_NOT_RETAINED, status_changed_on=date(2024, 1, 10),
                          notes=f"Candidate motivée, {NOTE}", diploma="Licence pro",
                          created_at=datetime(2023, 11, 2, 10, 0))
        s.add(profile)
        s.flush()
        s.add(ProfileEvent(profile_id=profile.id, event_date=date(2024, 1, 10),
                           label="Candidat non retenu", detail="Trop éloigné du lieu de travail"))
        s.add(Interview(profile_id=profile.id, start=datetime(2023, 12, 5, 14, 0),
                        place="Mairie", panel="A. Le Goff", notes=f"Appeler au {PHONE}"))
        participant = Participant(first_name=FIRST, last_name=LAST, phone=PHONE, email="",
                                  age_bracket="25_39", social_status="sans_emploi",
                                  gender="feminin", commune="Saint-Éloi", notes=NOTE,
                                  created_at=datetime(2024, 2, 1, 9, 0))
        other = Participant(first_name="Jean", last_name="Autre", age_bracket="60_69",
                            social_status="retraite", created_at=datetime(2024, 2, 1, 9, 0))
        s.add_all([participant, other])
        s.flush()
        sessions = []
        for day, attendance in ((date(2024, 3, 5), "present"), (date(2024, 4, 9), "absent")):
            ws = WorkshopSession(kind="collectif", title="Premiers pas sur tablette",
                                 start=datetime.combine(day, datetime.min.time()).replace(hour=14),
                                 duration_min=120, status="realise",
                                 notes=f"Mme {LAST} a prêté son chargeur" if attendance ==
                                 "present" else "")
            s.add(ws)
            s.flush()
            sessions.append(ws.id)
            s.add(Registration(session_id=ws.id, participant_id=participant.id,
                               attendance=attendance))
            s.add(Registration(session_id=ws.id, participant_id=other.id, attendance="present"))
        category = s.scalars(select(KitCategory).order_by(KitCategory.id)).first()
        assert category is not None  # the base comes with the kit's usual categories
        item = KitItem(inventory_number="KIT-0001", category_id=category.id, brand="Samsung")
        s.add(item)
        s.flush()
        ids = (profile.id, participant.id, other.id, item.id)
    with db.session() as s:
        cv = attach_cv(s, ids[0], source, date(2023, 11, 3))
    with db.session() as s:
        loan_id = loans.lend(s, loans.LoanRequest(
            borrower_name=f"{LAST} {FIRST}", item_ids=[ids[3]], phone="0671829304",
            due=datetime(2024, 3, 20, 18, 0), start=datetime(2024, 3, 6, 10, 0),
            notes="Pièce d'identité vue"), now=datetime(2024, 3, 6, 10, 0))
        loans.return_items(s, loan_id, [loans.ItemReturn(ids[3], "bon", f"Rendu par {FIRST}")],
                           when=datetime(2024, 3, 19, 11, 0))
    return World(ids[0], ids[1], ids[2], loan_id, sessions, cv)
