"""Demo profiles: a dozen hand-written candidates in every status of the match (with interviews,
one recruited conseiller with a contract and training periods around ``today``), plus, with
``scale`` > 1, thousands of generated "Nouvelles candidatures" inserted in bulk."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop_app.models.profiles import (
    MOBILITY,
    SITUATIONS,
    SOURCE_PLATFORM,
    SOURCE_STRUCTURE,
    STATUS_LABELS,
    Interview,
    Profile,
    ProfileBatch,
    ProfileEvent,
    ProfileRequest,
    TrainingSession,
)

FIRST_NAMES = (
    "Éléonore", "François", "Maïté", "Noé", "Zoé", "Loïc", "Anaïs", "Jérôme", "Hélène",
    "Bérénice", "Gaëlle", "Théo", "Céline", "Raphaël", "Inès", "Benoît", "Léa", "Timothée",
    "Clémence", "Joël", "Aurélien", "Mélissa", "Cédric", "Amélie", "Stéphane", "Chloé",
)
LAST_NAMES = (
    "Lefèvre-Château", "Nguyen", "Da Silva", "Moreau", "Bérard", "Girard", "Lemaître",
    "Fournier", "Rousseau", "Dupré", "Benoît", "Faure", "Mercier", "Chevallier-Daumesnil",
    "Boulanger", "Gauthier", "Perrin", "Masson", "Huet", "Prévost", "Le Goff", "Ménard",
)
COMMUNES = (
    ("58120", "Château-Chinon (Ville)"), ("58000", "Nevers"), ("58300", "Decize"),
    ("58800", "Corbigny"), ("58140", "Lormes"), ("58170", "Luzy"), ("89200", "Avallon"),
    ("71400", "Autun"), ("58200", "Cosne-Cours-sur-Loire"), ("58500", "Clamecy"),
    ("58360", "Saint-Honoré-les-Bains"), ("58110", "Châtillon-en-Bazois"),
)
DIPLOMAS = (
    "Titre professionnel « Responsable d'espace de médiation numérique »",
    "DUT Métiers du multimédia et de l'internet",
    "Licence professionnelle Médiation numérique",
)


def _situation(rng: random.Random) -> dict[str, bool]:
    """One of the platform's situation facts set, the others not (every key present, for
    the bulk insert)."""
    chosen = rng.choice(list(SITUATIONS))
    return {name: name == chosen for name in SITUATIONS}


def _pix(level: int | None, at_least: int) -> bool | None:
    """A demo competence: « oui » from a mastery level, None when Pix is not shared."""
    return None if level is None else level >= at_least


def _email(first: str, last: str, n: int) -> str:
    import unicodedata

    def ascii_(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        return "".join(c for c in text if c.isalnum() and c.isascii()).lower()

    return f"{ascii_(first)}.{ascii_(last)}{n or ''}@exemple.fr"


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    received = datetime.combine(today - timedelta(days=40), time(9, 30))
    first_batch = ProfileBatch(
        received_at=received, file_name="export-candidats-plateforme.csv",
        added_count=9, updated_count=0, rejected_count=1,
    )
    second_batch = ProfileBatch(
        received_at=datetime.combine(today - timedelta(days=12), time(11, 5)),
        file_name="candidats-complement.csv", added_count=2, updated_count=1, rejected_count=0,
    )
    session.add_all([first_batch, second_batch])
    session.flush()

    def profile(i: int, status: str, *, days_ago: int = 30, batch: ProfileBatch | None = None,
                **values: object) -> Profile:
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[i % len(LAST_NAMES)]
        postal, commune = COMMUNES[i % len(COMMUNES)]
        pix_level = rng.choice((None, 1, 2, 3))
        defaults: dict[str, object] = dict(
            first_name=first, last_name=last, email=_email(first, last, 0),
            phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                  f"{rng.randint(10, 99)}",
            postal_code=postal, commune=commune,
            availability_date=today + timedelta(days=rng.randint(-20, 60)),
            mobility=rng.choice(list(MOBILITY)), **_situation(rng),
            graduate=i % 3 == 0, diploma=DIPLOMAS[i % 3] if i % 3 == 0 else "",
            experience=i % 2 == 0,
            experience_details="Animation d'ateliers informatiques en centre social pendant "
                               "deux ans." if i % 2 == 0 else "",
            ccp1=i % 4 == 0, pix_shared=pix_level is not None, pix_level=pix_level,
            pix_professional=_pix(pix_level, 1), pix_resources=_pix(pix_level, 2),
            pix_citizen=_pix(pix_level, 1), cv_on_platform=i % 5 != 0,
            source=SOURCE_PLATFORM, batch_id=(batch or first_batch).id, status=status,
            status_changed_on=today - timedelta(days=days_ago),
        )
        defaults.update(values)
        p = Profile(**defaults)
        batch_day = (batch or first_batch).received_at
        if p.source == SOURCE_PLATFORM:
            p.events.append(ProfileEvent(at=batch_day, event_date=batch_day.date(),
                                         label="Nouvelle candidature",
                                         detail=f"Lot reçu le {batch_day:%d/%m/%Y}"))
        else:
            p.events.append(ProfileEvent(event_date=today - timedelta(days=35),
                                         label="Nouvelle candidature",
                                         detail="Trouvé par la structure"))
        session.add(p)
        return p

    def event(p: Profile, days_ago: int, label: str, detail: str = "") -> None:
        p.events.append(ProfileEvent(event_date=today - timedelta(days=days_ago), label=label,
                                     detail=detail))

    # Nouvelles candidatures
    for i in range(4):
        profile(i, "nouvelle", batch=second_batch if i >= 2 else None)
    # The candidate the second recruitment request names (see demo/request.py).
    profile(4, "nouvelle", source=SOURCE_STRUCTURE, batch_id=None,
            first_name="Noémie", last_name="Garnier-Dufrêne", email="noemie.garnier@exemple.fr",
            notes="Rencontrée lors de la fête du numérique de la médiathèque ; candidate "
                  "identifiée dans la demande d'un poste supplémentaire.")
    # Présélectionnés, with interviews (one past with notes, two upcoming)
    for i, day in ((5, -3), (6, 2), (7, 6)):
        p = profile(i, "preselectionnee", days_ago=10)
        event(p, 10, STATUS_LABELS["preselectionnee"])
        start = datetime.combine(today + timedelta(days=day), time(14 if i % 2 else 10, 0))
        p.interviews.append(Interview(
            start=start, place="Mairie, salle du conseil",
            panel="Hélène Brossard-Delacroix (maire), Julien Ravier (directeur de la "
                  "médiathèque), Odile Fontaine (élue au numérique)",
            notes="Très à l'aise avec le public âgé ; projet d'ateliers « smartphone »."
            if day < 0 else "",
        ))
        event(p, 9, "Entretien planifié", f"Le {start:%d/%m/%Y} à {start:%H:%M}")
    # Non retenus
    for i, reason in ((8, "Trop éloigné du lieu de travail"),
                      (9, "Disponibilité trop tardive")):
        p = profile(i, "non_retenue", days_ago=20, refusal_reason=reason)
        event(p, 20, STATUS_LABELS["non_retenue"], f"Motif : {reason}")
    # Validée (contract not yet signed: the 15-day deadline runs)
    p = profile(10, "validee", days_ago=4, validated_on=today - timedelta(days=4),
                recruitment_date=today + timedelta(days=14), contract_type="cdd",
                contract_start=today + timedelta(days=14),
                contract_end=today + timedelta(days=14 + 730), salary_gross=Decimal("1801.80"))
    event(p, 4, STATUS_LABELS["validee"], "CDD de deux ans")
    # Recruited conseiller with contract and training around today
    p = profile(11, "recrute", days_ago=25, validated_on=today - timedelta(days=45),
                recruitment_date=today - timedelta(days=30), contract_type="cdd",
                contract_start=today - timedelta(days=30),
                contract_end=today - timedelta(days=30) + timedelta(days=730),
                salary_gross=Decimal("1820.00"), contract_signed_on=today - timedelta(days=38),
                recruited_on=today - timedelta(days=25), first_name="Camille",
                last_name="Martin-Lefèbvre", email="camille.martin-lefebvre@exemple.fr",
                ccp1=False, graduate=True, diploma=DIPLOMAS[0])
    event(p, 45, STATUS_LABELS["validee"], "CDD de deux ans, 1 820,00 € brut par mois")
    event(p, 38, "Contrat signé")
    event(p, 25, STATUS_LABELS["recrute"], "Recrutement confirmé par le programme.")
    for start, end, org, place in (
        (today - timedelta(days=14), today - timedelta(days=10), "Hub numérique Bourgogne",
         "Dijon"),
        (today + timedelta(days=7), today + timedelta(days=11), "Hub numérique Bourgogne",
         "Dijon"),
        (today + timedelta(days=28), today + timedelta(days=29), "Centre de formation de la "
         "Nièvre", "Nevers"),
    ):
        p.trainings.append(TrainingSession(start_date=start, end_date=end, organisation=org,
                                           place=place))
    # Rupture notifiée
    p = profile(12, "rupture", days_ago=60, validated_on=today - timedelta(days=300),
                recruitment_date=today - timedelta(days=280), contract_type="cdd",
                contract_start=today - timedelta(days=280),
                contract_end=today - timedelta(days=280) + timedelta(days=365),
                salary_gross=Decimal("1766.92"), contract_signed_on=today - timedelta(days=290),
                recruited_on=today - timedelta(days=270), rupture_date=today - timedelta(days=60),
                rupture_reason="demission")
    event(p, 60, STATUS_LABELS["rupture"], "Démission")
    session.add(ProfileRequest(requested_on=today - timedelta(days=5),
                               note="Après deux refus, merci de nous proposer d'autres profils."))
    session.flush()
    if scale > 1:
        _bulk(session, rng, scale, today, first_batch.id)


def _bulk(session: Session, rng: random.Random, scale: int, today: date, batch_id: int) -> None:
    """Generated candidates for benchmarks: 30 per scale unit, inserted in bulk."""
    now = datetime.combine(today, time(9, 0))
    statuses = ["nouvelle"] * 6 + ["preselectionnee", "non_retenue", "non_retenue"]
    rows = []
    for n in range(30 * (scale - 1)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        postal, commune = rng.choice(COMMUNES)
        level = rng.choice((None, 1, 2, 3))
        rows.append(dict(
            first_name=first, last_name=last, email=_email(first, last, n + 1), phone="",
            postal_code=postal, commune=commune,
            availability_date=today + timedelta(days=rng.randint(-60, 120)),
            mobility=rng.choice(list(MOBILITY)), **_situation(rng),
            graduate=rng.random() < 0.3, diploma="", experience=rng.random() < 0.5,
            experience_details="", ccp1=rng.random() < 0.2, pix_shared=level is not None,
            pix_level=level, pix_professional=_pix(level, 1), pix_resources=_pix(level, 2),
            pix_citizen=_pix(level, 1),
            cv_on_platform=rng.random() < 0.8, cv_file="", source=SOURCE_PLATFORM,
            batch_id=batch_id, status=rng.choice(statuses), status_changed_on=today,
            refusal_reason="", contract_type="", rupture_reason="", notes="",
            created_at=now, updated_at=now,
        ))
    first_id = (session.scalar(select(Profile.id).order_by(Profile.id.desc()).limit(1)) or 0) + 1
    for start in range(0, len(rows), 2000):
        session.execute(insert(Profile), rows[start : start + 2000])
    ids = session.scalars(select(Profile.id).where(Profile.id >= first_id)).all()
    session.execute(insert(ProfileEvent), [
        dict(profile_id=i, at=now, event_date=today, label="Nouvelle candidature",
             detail="Lot reçu (données de démonstration)")
        for i in ids
    ])
