"""Demo workshops: two months around ``today`` (past sessions "Réalisé" with attendance, future
ones "Planifié" with registrations and a waiting list, two series with a cancelled occurrence,
individual appointments) and about 60 people with realistic French names.

Rows are written with bulk inserts and explicit ids (one statement per table), so ``scale``
100 — tens of thousands of sessions and registrations over ten years — seeds in seconds. At
scale 1 the planning respects the rules of the planner (no overlap, opening hours, no public
holiday, no training day); at larger scales sessions are denser and may overlap: that data is
meant for measuring speed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    Participant,
    Registration,
    SessionEquipment,
    SessionTheme,
    WorkshopSeries,
    WorkshopSession,
)
from desktop_app.services.structure import get_structure
from desktop_app.services.workshops import calendar as cal
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops.series import nth_weekday, rank_of

FIRST_NAMES_F = (
    "Hélène",
    "Françoise",
    "Geneviève",
    "Léa",
    "Chloé",
    "Maëlle",
    "Noémie",
    "Josiane",
    "Odette",
    "Solène",
    "Bérénice",
    "Agnès",
    "Cécile",
    "Danièle",
    "Éloïse",
    "Ghislaine",
    "Inès",
    "Joëlle",
    "Marie-Thérèse",
    "Anne-Sophie",
    "Yvette",
    "Lucienne",
    "Zoé",
    "Camille",
    "Sandrine",
    "Nathalie",
    "Martine",
    "Aurélie",
    "Paulette",
    "Renée",
)
FIRST_NAMES_M = (
    "Jean-François",
    "André",
    "Gérard",
    "Hervé",
    "Jérôme",
    "Loïc",
    "Mathéo",
    "Noël",
    "Raphaël",
    "Sébastien",
    "Thierry",
    "Benoît",
    "Clément",
    "Didier",
    "Étienne",
    "François",
    "Gaëtan",
    "Jean-Noël",
    "Maurice",
    "René",
    "Yannick",
    "Cédric",
    "Joël",
    "Lucien",
    "Pierre-Yves",
    "Bernard",
    "Michel",
    "Théo",
    "Ange",
    "Rémi",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Mercier",
    "Girard",
    "Bonnet",
    "Lemaître",
    "Fournier",
    "Chevalier",
    "Gauthier",
    "Perrin",
    "Morel",
    "Rousseau",
    "Faure",
    "Leclerc",
    "Brossard-Delacroix",
    "Da Silva",
    "N'Diaye",
    "Le Goff",
    "Ménard",
    "Pâris",
    "Béranger",
    "Thévenin",
    "Château",
    "Lacroix-Sainte-Marie",
    "Bouvier",
    "Renaud",
    "Collin",
    "Garnier",
    "Dupré",
    "Jacquemin",
    "Lebœuf",
    "Cœurdevey",
    "Vasseur",
    "Marchand",
    "Guérin",
    "Aubry",
    "Prévost",
    "Hébert",
    "Delaunay",
    "Noël",
    "Barthélemy",
    "Lemoine",
    "Fontaine",
    "Texier",
)
# Where the participants live, as the commune list names them (the La Coop file finds their
# INSEE code and postal code from the name): mostly the structure's own commune, the others
# around it.
COMMUNES = (
    "Saint-Léger-de-Fougeret",
    "Saint-Léger-de-Fougeret",
    "Saint-Léger-de-Fougeret",
    "Saint-Honoré-les-Bains",
    "Moulins-Engilbert",
    "Château-Chinon (Ville)",
    "Luzy",
    "Corancy",
    "Montigny-sur-Canne",
    "Villapourçon",
    "Préporché",
)
AGE_WEIGHTS = {
    "moins_12": 1,
    "12_17": 3,
    "18_24": 5,
    "25_39": 10,
    "40_59": 18,
    "60_69": 25,
    "70_plus": 30,
    "nc": 8,
}
STATUS_BY_AGE = {
    "moins_12": "scolarise",
    "12_17": "scolarise",
    "18_24": None,
    "25_39": None,
    "40_59": None,
    "60_69": "retraite",
    "70_plus": "retraite",
    "nc": "nc",
}

# (title, themes, level, equipment, kit category name or None, capacity)
WORKSHOPS = (
    ("Premiers pas sur tablette", ("materiel",), "debutant", ("tablette",), "Tablettes", 8),
    (
        "Sécuriser ses comptes en ligne : mots de passe, double authentification et arnaques "
        "au faux conseiller bancaire",
        ("securite", "banque_achats"),
        "intermediaire",
        ("ordinateur",),
        None,
        10,
    ),
    (
        "Créer son adresse e-mail et envoyer des pièces jointes",
        ("email",),
        "debutant",
        ("ordinateur",),
        "Ordinateurs portables",
        8,
    ),
    (
        "Faire ses démarches sur France Connect, Ameli et impots.gouv.fr",
        ("demarches", "sante"),
        "intermediaire",
        ("ordinateur",),
        "Ordinateurs portables",
        8,
    ),
    (
        "Retoucher et ranger ses photos de famille",
        ("contenus", "creer"),
        "debutant",
        ("tablette", "telephone"),
        None,
        10,
    ),
    (
        "Réseaux sociaux : garder la main sur sa vie privée",
        ("reseaux_sociaux", "securite"),
        "intermediaire",
        ("telephone",),
        None,
        12,
    ),
    (
        "L'intelligence artificielle au quotidien : ce qu'elle sait faire, ce qu'elle invente",
        ("ia", "culture"),
        "avance",
        ("ordinateur",),
        None,
        14,
    ),
    (
        "Le traitement de texte pour écrire son CV",
        ("bureautique", "insertion"),
        "debutant",
        ("ordinateur",),
        "Ordinateurs portables",
        6,
    ),
    (
        "Pronote, l'ENT et les écrans à la maison : atelier parents",
        ("parentalite", "scolarite"),
        "debutant",
        ("telephone", "ordinateur"),
        None,
        12,
    ),
    (
        "Acheter et vendre en ligne sans se faire avoir",
        ("banque_achats",),
        "intermediaire",
        ("ordinateur",),
        None,
        10,
    ),
)
REFERRALS = (
    "",
    "",
    "",
    "France Services de Luzy",
    "Mairie",
    "CAF de la Nièvre",
    "CPAM",
    "France Travail",
    "Mission locale du Morvan",
)
INDIVIDUAL_THEMES = (
    ("demarches",),
    ("materiel",),
    ("email",),
    ("sante", "demarches"),
    ("banque_achats",),
    ("diagnostic",),
    ("navigation",),
    ("insertion", "bureautique"),
)
# weekday, start, duration (minutes), "series"/"workshop"/"individual"
WEEK_SLOTS = (
    (1, time(14, 0), 120, "series"),
    (2, time(9, 30), 90, "workshop"),
    (2, time(14, 30), 90, "workshop"),
    (3, time(14, 0), 90, "workshop"),
    (3, time(16, 30), 60, "individual"),
    (4, time(14, 0), 120, "workshop"),
    (4, time(17, 0), 45, "individual"),
    (5, time(10, 0), 120, "monthly"),
)


def _next_id(session: Session, column) -> int:  # noqa: ANN001 - a mapped column
    return (session.scalar(select(func.max(column))) or 0) + 1


def _participants(session: Session, rng: random.Random, count: int) -> list[dict]:
    first_id = _next_id(session, Participant.id)
    ages = list(AGE_WEIGHTS)
    weights = list(AGE_WEIGHTS.values())
    rows = []
    seen: set[tuple[str, str]] = set()
    for i in range(count):
        gender = rng.choice(("feminin", "feminin", "masculin", "masculin", "nc"))
        while True:
            first = rng.choice(FIRST_NAMES_M if gender == "masculin" else FIRST_NAMES_F)
            last = rng.choice(LAST_NAMES)
            if (first, last) not in seen or len(seen) > 0.8 * len(FIRST_NAMES_F) * len(LAST_NAMES):
                break
        seen.add((first, last))
        age = rng.choices(ages, weights)[0]
        status = STATUS_BY_AGE[age] or rng.choice(("en_emploi", "en_emploi", "sans_emploi", "nc"))
        phone = (
            f"03 86 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            if rng.random() < 0.6
            else ""
        )
        email = ""
        if rng.random() < 0.4:
            base = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            base = base.translate(str.maketrans("éèêëàâäîïôöûüçœæ", "eeeeaaaiioouucoa"))
            email = f"{base}{rng.randint(1, 99)}@exemple.fr"
        rows.append(
            {
                "id": first_id + i,
                "first_name": first,
                "last_name": last,
                "phone": phone,
                "email": email,
                "age_bracket": age,
                "social_status": status,
                "gender": gender,
                "commune": rng.choice(COMMUNES),
                "helped_before": rng.random() < 0.3,
                "notes": "",
                "created_at": datetime.now().replace(microsecond=0),
            }
        )
    session.execute(insert(Participant), rows)
    return rows


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    info = get_structure(session)
    venue = info.venue_name or info.name
    people = _participants(session, rng, 60 * scale)
    person_ids = [p["id"] for p in people]

    weeks_back = 5 * scale
    weeks_ahead = 4
    density = max(1, scale // 10)
    monday = today - timedelta(days=today.weekday())
    first_monday = monday - timedelta(weeks=weeks_back)
    last_day = monday + timedelta(weeks=weeks_ahead) - timedelta(days=1)
    closed = set(cal.public_holidays(first_monday, last_day))
    closed |= set(cal.training_days(session, first_monday, last_day))

    session_id = _next_id(session, WorkshopSession.id)
    series_id = _next_id(session, WorkshopSeries.id)
    registration_id = _next_id(session, Registration.id)
    now = datetime.now().replace(microsecond=0)
    # Who holds the sessions: the recruited conseiller, and a volunteer mediator for the monthly
    # café, so the planner's and the report's choice of conseiller shows something. Copies made
    # for volume (scale > 1) overlap each other, so they stay without a holder or a room.
    from desktop_app.services.lacoop import rooms as rooms_service
    from desktop_app.services.lacoop.conseillers import recruited

    holders = recruited(session)
    conseiller = (holders[0].profile_id, holders[0].name) if holders else (None, "")
    mediator = (None, "Jeanne Lebœuf")
    rooms_service.save_rooms(session, ["Salle d’animation", "Bureau d’accueil", "Médiathèque"])

    # Two series: "Premiers pas sur tablette" every Tuesday of the period, and a monthly
    # "Café numérique" on the first Saturday. One tablet occurrence is cancelled.
    tablet_series, cafe_series = series_id, series_id + 1
    series_rows = [
        {
            "id": tablet_series,
            "rule": "weekly",
            "first_date": first_monday + timedelta(days=1),
            "until": last_day,
            "count": None,
            "created_at": now,
        },
        {
            "id": cafe_series,
            "rule": "monthly_rank",
            "first_date": nth_weekday(first_monday.year, first_monday.month, 5, 1),
            "until": last_day,
            "count": None,
            "created_at": now,
        },
    ]
    cancelled_tuesday = monday + timedelta(weeks=2, days=1)

    sessions: list[dict] = []
    themes: list[dict] = []
    equipment: list[dict] = []
    registrations: list[dict] = []
    kit_wanted: list[tuple[int, datetime, int, str, str]] = []

    def add_session(
        start: datetime,
        duration: int,
        kind: str,
        title: str,
        theme_keys,
        level,
        equip,
        capacity,
        series,
        kit_category=None,
        *,
        copy: int = 0,
    ) -> int:  # noqa: ANN001
        nonlocal session_id
        sid = session_id
        session_id += 1
        past = start.date() < today
        status = "realise" if past else "planifie"
        if series == tablet_series and start.date() == cancelled_tuesday:
            status = "annule"
        who = mediator if series == cafe_series or title.startswith("Café") else conseiller
        room = "Bureau d’accueil" if kind == "individuel" else (
            "Médiathèque" if title.startswith("Café") else "Salle d’animation"
        )
        sessions.append(
            {
                "id": sid,
                "kind": kind,
                "title": title,
                "level": level,
                "place_type": "lieu_activite",
                "venue": venue,
                "start": start,
                "duration_min": duration,
                "capacity": capacity,
                "notes": "Prévoir la rallonge et les fiches pratiques."
                if rng.random() < 0.2
                else "",
                "status": status,
                "series_id": series,
                "autonomy": None,
                "referral": "",
                "anonymous_count": 0,
                "conseiller_profile_id": None if copy else who[0],
                "conseiller_name": "" if copy else who[1],
                "room": "" if copy else room,
                "created_at": now,
                "updated_at": now,
            }
        )
        themes.extend({"session_id": sid, "theme": t} for t in theme_keys)
        equipment.extend({"session_id": sid, "equipment": e} for e in equip)
        if kit_category and status == "planifie" and scale == 1:
            kit_wanted.append((sid, start, duration, kit_category, title))
        return sid

    def register_people(sid: int, start: datetime, capacity: int, status: str) -> None:
        nonlocal registration_id
        wanted = rng.randint(max(1, capacity // 2), capacity + (3 if status == "planifie" else 0))
        chosen = rng.sample(person_ids, min(wanted, len(person_ids)))
        for rank, pid in enumerate(chosen):
            waiting = rank >= capacity
            attendance = None
            if status == "realise" and not waiting:
                attendance = rng.choices(("present", "absent", "excuse"), (85, 8, 7))[0]
            reg_status = "attente" if waiting else "inscrit"
            registrations.append(
                {
                    "id": registration_id,
                    "session_id": sid,
                    "participant_id": pid,
                    "status": reg_status,
                    "registered_at": start
                    - timedelta(days=20 - rank * 0.2, hours=rng.randint(0, 8)),
                    "attendance": attendance,
                }
            )
            registration_id += 1

    day = first_monday
    while day <= last_day:
        if day in closed:
            day += timedelta(days=1)
            continue
        for weekday, start_time, duration, what in WEEK_SLOTS:
            if day.weekday() != weekday:
                continue
            for copy in range(density):
                start = datetime.combine(day, start_time) + timedelta(minutes=15 * copy)
                if what == "series":
                    sid = add_session(
                        start,
                        duration,
                        "collectif",
                        WORKSHOPS[0][0],
                        WORKSHOPS[0][1],
                        "debutant",
                        ("tablette",),
                        8,
                        tablet_series if copy == 0 else None,
                        "Tablettes",
                        copy=copy,
                    )
                    status = sessions[-1]["status"]
                    if status != "annule":
                        register_people(sid, start, 8, status)
                elif what == "monthly":
                    if rank_of(day) != 1:
                        continue
                    title = "Café numérique : vos questions sur les démarches en ligne"
                    sid = add_session(
                        start,
                        duration,
                        "collectif",
                        title,
                        ("demarches", "diagnostic"),
                        None,
                        ("aucun",),
                        15,
                        cafe_series if copy == 0 else None,
                        copy=copy,
                    )
                    register_people(sid, start, 15, sessions[-1]["status"])
                elif what == "workshop":
                    if rng.random() < 0.25:
                        continue
                    title, theme_keys, level, equip, kit, capacity = rng.choice(WORKSHOPS[1:])
                    sid = add_session(
                        start,
                        duration,
                        "collectif",
                        title,
                        theme_keys,
                        level,
                        equip,
                        capacity,
                        None,
                        kit,
                        copy=copy,
                    )
                    register_people(sid, start, capacity, sessions[-1]["status"])
                else:
                    if rng.random() < 0.3:
                        continue
                    sid = add_session(
                        start,
                        duration,
                        "individuel",
                        "",
                        rng.choice(INDIVIDUAL_THEMES),
                        None,
                        (rng.choice(("ordinateur", "telephone")),),
                        1,
                        None,
                        copy=copy,
                    )
                    row = sessions[-1]
                    if row["status"] == "realise":
                        row["autonomy"] = rng.choice(("guidage", "autonome_guidage", "autonome"))
                        row["referral"] = rng.choice(REFERRALS)
                    registrations.append(
                        {
                            "id": registration_id,
                            "session_id": sid,
                            "participant_id": rng.choice(person_ids),
                            "status": "inscrit",
                            "registered_at": start - timedelta(days=3),
                            "attendance": "present" if row["status"] == "realise" else None,
                        }
                    )
                    registration_id += 1
        day += timedelta(days=1)

    for series in series_rows:
        dates = [r["start"].date() for r in sessions if r["series_id"] == series["id"]]
        series["first_date"] = min(dates) if dates else today
    series_rows = [s for s in series_rows if any(r["series_id"] == s["id"] for r in sessions)]
    if series_rows:
        session.execute(insert(WorkshopSeries), series_rows)
    for table, rows in (
        (WorkshopSession, sessions),
        (SessionTheme, themes),
        (SessionEquipment, equipment),
        (Registration, registrations),
    ):
        for i in range(0, len(rows), 20_000):
            session.execute(insert(table), rows[i : i + 20_000])

    # Kit units for the coming workshops, when the kit has devices to lend.
    categories = {name: cid for cid, name in cf.kit_categories(session)}
    for sid, start, duration, category, title in kit_wanted:
        cid = categories.get(category)
        if cid is None:
            continue
        end = start + timedelta(minutes=duration)
        wanted = {cid: 4}
        if cf.kit_problems(session, start, end, wanted, cf.kit_source(sid)):
            continue
        cf.kit_reserve(session, cf.kit_source(sid), start, end, wanted, title)
