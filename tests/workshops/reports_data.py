"""Data sets for the tests of part B (documents, calendar export, activity report), written
straight with the ORM so these tests do not depend on the planner's services.

``small_dataset`` is counted by hand: the expected figures are spelled out in
``SMALL_EXPECTED`` and in the comments. ``realistic_month`` is larger, with long French titles
and names full of accents, for rendering documents and screens.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from desktop_app.db import Database
from desktop_app.models.workshops import (
    Participant,
    Registration,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services.demo.foundation import DEMO_STRUCTURE
from desktop_app.services.structure import save_structure

PEOPLE = {
    # key: (first, last, age bracket, social status, commune)
    "alice": ("Alice", "Aubert", "60_69", "retraite", "Val-d'Aubrac-les-Combes"),
    "bruno": ("Bruno", "Besnard", "25_39", "en_emploi", "Saint-Éloi"),
    "chloe": ("Chloé", "Chevalier", "18_24", "scolarise", "Saint-Éloi"),
    "denis": ("Denis", "Dufour", "40_59", "sans_emploi", "Bourg-la-Reine-sur-Loire"),
    "emile": ("Émile", "Étienne", "70_plus", "retraite", "Val-d'Aubrac-les-Combes"),
    "fatou": ("Fatou", "Fofana", "40_59", "en_emploi", "Saint-Éloi"),
    "gerard": ("Gérard", "Gaillard", "70_plus", "retraite", "Les Combes"),
    "helene": ("Hélène", "Hervé", "nc", "nc", ""),
    "iris": ("Iris", "Idrissi", "12_17", "scolarise", "Les Combes"),
}

# March 2026, counted by hand (S5 is cancelled, S6 and S7 fall outside the month):
# S1 collectif 90 min lieu_activite [materiel, navigation]: Alice P, Bruno P, Chloé absent,
#    Denis excusé, Émile waiting list                          → 2 participations
# S2 collectif 120 min autre_lieu [securite], 3 anonymous: Alice P, Fatou P → 5 participations
# S3 individuel 25 min domicile [demarches], "Réalisé", Gérard without attendance → 1
# S4 individuel 45 min distance [email], "Planifié", Hélène without attendance   → 0
# S5 collectif 60 min [ia] CANCELLED, Alice P                   → not counted
# S8 collectif 30 min lieu_activite [culture] on 31/03 at 23:30, Iris P → 1
SMALL_EXPECTED = {
    "workshops": 3,
    "individual": 2,
    "cancelled": 1,
    "minutes": 90 + 120 + 25 + 45 + 30,
    "participations": 9,
    "anonymous": 3,
    "people": 5,
    "themes": {  # key: (sessions, participations)
        "materiel": (1, 2),
        "navigation": (1, 2),
        "securite": (1, 5),
        "demarches": (1, 1),
        "email": (1, 0),
        "culture": (1, 1),
        "ia": (0, 0),
        "sante": (0, 0),
    },
    "places": {
        "lieu_activite": (2, 3),
        "autre_lieu": (1, 5),
        "domicile": (1, 1),
        "distance": (1, 0),
    },
    "durations": {"moins_30": (1, 1), "30_60": (2, 1), "60_120": (1, 2), "120_plus": (1, 5)},
    "ages": {  # key: (people, participations)
        "60_69": (1, 2),
        "25_39": (1, 1),
        "40_59": (1, 1),
        "70_plus": (1, 1),
        "12_17": (1, 1),
        "18_24": (0, 0),
        "nc": (0, 3),
    },
    "statuses": {
        "retraite": (2, 3),
        "en_emploi": (2, 2),
        "scolarise": (1, 1),
        "nc": (0, 3),
        "sans_emploi": (0, 0),
    },
    # certificates of March: only registrations marked "Présent" in sessions not cancelled
    "certificates": {("Alice", 1), ("Bruno", 1), ("Alice", 2), ("Fatou", 2), ("Iris", 8)},
}


def _session(s, sid: int, **kw) -> WorkshopSession:  # noqa: ANN001
    themes = kw.pop("themes", [])
    row = WorkshopSession(id=sid, **kw)
    row.themes = [SessionTheme(theme=t) for t in themes]
    s.add(row)
    return row


def small_dataset(db: Database) -> dict[str, int]:
    """Create the hand-counted data set; returns participant ids by key."""
    with db.session() as s:
        save_structure(s, DEMO_STRUCTURE)
        people = {}
        for key, (first, last, age, status, commune) in PEOPLE.items():
            person = Participant(
                first_name=first,
                last_name=last,
                age_bracket=age,
                social_status=status,
                commune=commune,
            )
            s.add(person)
            people[key] = person
        s.flush()
        _session(
            s,
            1,
            title="Premiers pas sur la tablette",
            start=datetime(2026, 3, 3, 14),
            duration_min=90,
            place_type="lieu_activite",
            themes=["materiel", "navigation"],
            level="debutant",
            capacity=6,
            status="realise",
        )
        _session(
            s,
            2,
            title="Se protéger des arnaques en ligne",
            start=datetime(2026, 3, 10, 10),
            duration_min=120,
            place_type="autre_lieu",
            venue="Salle des fêtes de Saint-Éloi",
            themes=["securite"],
            level="intermediaire",
            capacity=10,
            status="realise",
            anonymous_count=3,
        )
        _session(
            s,
            3,
            kind="individuel",
            start=datetime(2026, 3, 12, 9),
            duration_min=25,
            place_type="domicile",
            themes=["demarches"],
            status="realise",
            autonomy="guidage",
        )
        _session(
            s,
            4,
            kind="individuel",
            start=datetime(2026, 3, 20, 11),
            duration_min=45,
            place_type="distance",
            themes=["email"],
            status="planifie",
        )
        _session(
            s,
            5,
            title="L'intelligence artificielle au quotidien",
            start=datetime(2026, 3, 24, 14),
            duration_min=60,
            themes=["ia"],
            status="annule",
            capacity=8,
        )
        _session(
            s,
            6,
            title="Atelier d'avril",
            start=datetime(2026, 4, 2, 14),
            duration_min=60,
            themes=["email"],
            status="planifie",
            capacity=8,
        )
        _session(
            s,
            7,
            title="Atelier de février",
            start=datetime(2026, 2, 27, 14),
            duration_min=60,
            themes=["email"],
            status="realise",
            capacity=8,
        )
        _session(
            s,
            8,
            title="Soirée culture numérique",
            start=datetime(2026, 3, 31, 23, 30),
            duration_min=30,
            themes=["culture"],
            status="realise",
            capacity=12,
        )
        s.flush()

        def reg(sid: int, key: str, status: str = "inscrit", attendance: str | None = None) -> None:
            s.add(
                Registration(
                    session_id=sid,
                    participant_id=people[key].id,
                    status=status,
                    attendance=attendance,
                )
            )

        reg(1, "alice", attendance="present")
        reg(1, "bruno", attendance="present")
        reg(1, "chloe", attendance="absent")
        reg(1, "denis", attendance="excuse")
        reg(1, "emile", status="attente")
        reg(2, "alice", attendance="present")
        reg(2, "fatou", attendance="present")
        reg(3, "gerard")
        reg(4, "helene")
        reg(5, "alice", attendance="present")
        reg(6, "bruno")
        reg(7, "bruno", attendance="present")
        reg(8, "iris", attendance="present")
        s.flush()
        return {k: p.id for k, p in people.items()}


LONG_TITLES = [
    "Premiers pas avec la tablette : allumer, naviguer, installer ses applications",
    "Créer et gérer son adresse e-mail, envoyer des pièces jointes sans s'énerver",
    "Se protéger des arnaques en ligne : hameçonnage, faux conseillers et mots de passe",
    "Ameli, CAF, impots.gouv : réussir ses démarches administratives en ligne",
    "Intelligence artificielle : comprendre ChatGPT et s'en servir avec un esprit critique",
    "Parents, enfants et écrans : accompagner la scolarité numérique avec Pronote",
    "Photos du téléphone : trier, sauvegarder et partager ses souvenirs en famille",
    "Bureautique : rédiger une lettre, un CV et un tableau de budget",
    "Réseaux sociaux : garder la maîtrise de ses informations personnelles",
    "Banque et achats en ligne en toute sécurité",
]
FIRST = [
    "Anne-Sophie",
    "Jérôme",
    "Françoise",
    "Noël",
    "Hélène",
    "Maëlle",
    "Benoît",
    "Zoé",
    "Célestine",
    "François-Xavier",
    "Aïcha",
    "Grégoire",
    "Loïc",
    "Éléonore",
    "Raphaël",
]
LAST = [
    "Lefèvre-Delacroix",
    "Gaillard",
    "Dubois de la Motte",
    "Nguyễn",
    "Chassagne",
    "Bérenger",
    "Ouédraogo",
    "Étienne",
    "Pérez-Lacombe",
    "Müller",
    "Lemaître",
    "Saint-Aubin-d'Armagnac",
    "Ferrière",
    "Ducœur",
    "Hébert",
]
THEME_SETS = [
    ["materiel", "navigation"],
    ["email"],
    ["securite", "banque_achats"],
    ["demarches"],
    ["ia", "culture"],
    ["parentalite", "scolarite"],
    ["contenus"],
    ["bureautique"],
    ["reseaux_sociaux", "securite"],
    ["banque_achats"],
]


def realistic_month(db: Database, year: int = 2026, month: int = 3, *, seed: int = 5) -> None:
    """About fifteen workshops, a few appointments and sixty people in the month."""
    rng = random.Random(seed)
    with db.session() as s:
        save_structure(s, DEMO_STRUCTURE)
        people = []
        for i in range(60):
            person = Participant(
                first_name=FIRST[i % len(FIRST)],
                last_name=LAST[(i * 7) % len(LAST)] + ("" if i < 15 else f" {chr(65 + i % 26)}."),
                age_bracket=rng.choice(["18_24", "25_39", "40_59", "60_69", "70_plus", "nc"]),
                social_status=rng.choice(
                    ["scolarise", "sans_emploi", "en_emploi", "retraite", "nc"]
                ),
                commune=rng.choice(
                    ["Val-d'Aubrac-les-Combes", "Saint-Éloi-sur-Aubrac", "Les Combes"]
                ),
            )
            s.add(person)
            people.append(person)
        s.flush()
        day = date(year, month, 2)
        i = 0
        while day.month == month:
            if day.weekday() in (1, 3, 5):
                hour = 10 if day.weekday() == 5 else 14
                capacity = rng.choice([6, 8, 10, 12])
                past = day < date(year, month, 16)
                status = "annule" if i == 5 else ("realise" if past else "planifie")
                row = WorkshopSession(
                    title=LONG_TITLES[i % len(LONG_TITLES)],
                    start=datetime(day.year, day.month, day.day, hour),
                    duration_min=rng.choice([60, 90, 120]),
                    place_type="lieu_activite" if i % 4 else "autre_lieu",
                    venue=""
                    if i % 4
                    else "Salle polyvalente Jean-Ferrat, 3 chemin des Écoliers, Saint-Éloi",
                    level=rng.choice(["debutant", "intermediaire", "avance"]),
                    capacity=capacity,
                    status=status,
                    anonymous_count=rng.choice([0, 0, 2]),
                )
                row.themes = [SessionTheme(theme=t) for t in THEME_SETS[i % len(THEME_SETS)]]
                s.add(row)
                s.flush()
                count = capacity + 2 if i % 3 == 0 else rng.randint(1, capacity)
                chosen = rng.sample(people, count)
                for n, person in enumerate(chosen):
                    waiting = n >= capacity
                    s.add(
                        Registration(
                            session_id=row.id,
                            participant_id=person.id,
                            status="attente" if waiting else "inscrit",
                            attendance=(
                                rng.choice(["present", "present", "present", "absent", "excuse"])
                                if past and not waiting and status != "annule"
                                else None
                            ),
                            registered_at=datetime(year, month, 1) + timedelta(minutes=n),
                        )
                    )
                i += 1
            if day.weekday() == 2:
                past = day < date(year, month, 16)
                row = WorkshopSession(
                    kind="individuel",
                    start=datetime(day.year, day.month, day.day, 9, 30),
                    duration_min=45,
                    place_type="lieu_activite",
                    status="realise" if past else "planifie",
                )
                row.themes = [SessionTheme(theme="demarches")]
                s.add(row)
                s.flush()
                s.add(
                    Registration(
                        session_id=row.id,
                        participant_id=rng.choice(people).id,
                        attendance="present" if past else None,
                    )
                )
            day += timedelta(days=1)
