"""Namesakes, as a small territory has them: two Agnès Renaud of two villages, three candidates
named Jérôme Lefèvre-Château, and one person met in every area under one e-mail and one phone.
Made with the ORM (and the kit's own service for a loan); the names are those the tester met
in the demonstration base, the contacts invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop_app.db import Database
from desktop_app.models.kit import KitCategory, KitItem
from desktop_app.models.profiles import Profile
from desktop_app.models.request import RecruitmentRequest
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.kit import loans

# Agnès Renaud of Villapourçon (A) and Agnès Renaud of Préporché (B)
PHONE_A, EMAIL_A, NOTE_A = "03 86 66 68 24", "agnes.renaud38@exemple.fr", "Vient avec son voisin"
PHONE_B, EMAIL_B, NOTE_B = "03 86 71 67 11", "agnes.renaud83@exemple.fr", "Malvoyante, gros caractères"
# the one person present everywhere
ONE_EMAIL, ONE_PHONE = "m.dubois-saint-gerand@exemple.fr", "06 29 42 07 68"


@dataclass
class Namesakes:
    agnes_a: int  # participant ids
    agnes_b: int
    jerome: list[int]  # profile ids, three namesakes
    one_profile: int
    one_participant: int
    one_loan: int
    one_request: int
    note_session: int  # a session whose notes name « Agnès Renaud » only
    phone_session: int  # a session whose notes give Agnès B's phone


def build_namesakes(db: Database, history: int = 3) -> Namesakes:
    """``history``: how many sessions Agnès B attended (a long one fills the detail pane)."""
    with db.session() as s:
        a = Participant(first_name="Agnès", last_name="Renaud", phone=PHONE_A, email=EMAIL_A,
                        commune="Villapourçon", birth_year=1951, notes=NOTE_A,
                        age_bracket="70_plus", created_at=datetime(2025, 1, 6, 9, 0))
        b = Participant(first_name="Agnès", last_name="Renaud", phone=PHONE_B, email=EMAIL_B,
                        commune="Préporché", notes=NOTE_B, age_bracket="60_69",
                        created_at=datetime(2025, 2, 3, 9, 0))
        s.add_all([a, b])
        jerome = [Profile(first_name="Jérôme", last_name="Lefèvre-Château", email=email,
                          commune=commune, postal_code=code, created_at=datetime(2025, 3, 1))
                  for email, commune, code in (
                      ("jerome.lefevrechateau127@exemple.fr", "Clamecy", "58500"),
                      ("jerome.lefevrechateau546@exemple.fr", "Cosne-Cours-sur-Loire", "58200"),
                      ("jerome.lefevrechateau1602@exemple.fr", "Lormes", "58140"))]
        s.add_all(jerome)
        # one person: candidate and participant under one e-mail, written differently
        one_profile = Profile(first_name="Maëlys", last_name="DUBOIS-SAINT-GÉRAND",
                              email=ONE_EMAIL.upper(), phone="+33 6 29 42 07 68",
                              commune="Luzy", postal_code="58170",
                              created_at=datetime(2025, 3, 2))
        one_participant = Participant(first_name="Maelys", last_name="Dubois-Saint-Gérand",
                                      email=f" {ONE_EMAIL} ", commune="Fours",
                                      created_at=datetime(2025, 3, 3))
        request = RecruitmentRequest(candidate_identified=True,
                                     candidate_name="Dubois-Saint-Gérand Maëlys",
                                     candidate_email=ONE_EMAIL)
        s.add_all([one_profile, one_participant, request])
        s.flush()
        sessions = []
        for n in range(history):
            ws = WorkshopSession(kind="collectif", title=f"Tablette, séance {n + 1}",
                                 start=datetime(2025, 3, 4, 14, 0).replace(day=4 + n % 20,
                                                                          month=3 + n // 20),
                                 duration_min=90, status="realise")
            s.add(ws)
            s.flush()
            s.add(Registration(session_id=ws.id, participant_id=b.id, attendance="present"))
            sessions.append(ws)
        s.add(Registration(session_id=sessions[0].id, participant_id=a.id, attendance="present"))
        note = WorkshopSession(kind="collectif", title="Messagerie", status="realise",
                               start=datetime(2025, 5, 6, 10, 0), duration_min=60,
                               notes="Agnès Renaud a oublié ses lunettes")
        by_phone = WorkshopSession(kind="collectif", title="Démarches", status="realise",
                                   start=datetime(2025, 5, 7, 10, 0), duration_min=60,
                                   notes=f"Rappeler au {PHONE_B} pour la carte grise")
        s.add_all([note, by_phone])
        category = s.scalars(select(KitCategory).order_by(KitCategory.id)).first()
        assert category is not None
        item = KitItem(inventory_number="KIT-0042", category_id=category.id, brand="Lenovo")
        s.add(item)
        s.flush()
        ids = (a.id, b.id, [p.id for p in jerome], one_profile.id, one_participant.id,
               request.id, note.id, by_phone.id, item.id)
    with db.session() as s:
        loan = loans.lend(s, loans.LoanRequest(
            borrower_name="Maëlys Dubois-Saint-Gérand", item_ids=[ids[8]], phone="0629420768",
            due=datetime(2025, 4, 20, 18, 0), start=datetime(2025, 4, 6, 10, 0)),
            now=datetime(2025, 4, 6, 10, 0))
    return Namesakes(ids[0], ids[1], ids[2], ids[3], ids[4], loan, ids[5], ids[6], ids[7])
