"""Demo requests at several stages, through the same services as the tab.

1. An older request for two posts: filed, sent back for "Examen complémentaire" by COSELEC 9,
   then "Validée" by "COSELEC 12" with 2 posts granted (the quota "Profils reçus" enforces:
   the demo profiles hold one recruited conseiller and one validated candidate).
2. A later request for one more post, filed and still "Non traitée".
Every date is relative to ``today``; ``scale`` does not change the volume (a structure files a
handful of requests at most).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop_app.models.request import COMMITMENTS
from desktop_app.services.dates import add_months
from desktop_app.services.demo.foundation import DEMO_STRUCTURE
from desktop_app.services.request import conventions, posts, requests

MOTIVATION_1 = (
    "Notre médiathèque intercommunale « La Grange aux livres » accueille chaque semaine des "
    "habitants qui ne parviennent plus à réaliser seuls leurs démarches en ligne : déclaration "
    "de revenus, dossier de retraite, prise de rendez-vous médical, inscription à France Travail. "
    "Les bénévoles font de leur mieux, mais les demandes dépassent leurs compétences et leur "
    "disponibilité.\n\n"
    "Actions prévues : permanences d'accompagnement individuel deux après-midi par semaine, "
    "ateliers collectifs « Premiers pas sur l'ordinateur » et « Smartphone au quotidien », "
    "interventions auprès des élèves de l'école élémentaire et du club des aînés, prêt de "
    "tablettes du kit d'inclusion numérique.\n\n"
    "Public ciblé : personnes âgées isolées des hameaux, demandeurs d'emploi, familles "
    "éloignées du numérique. La commune compte 60 % de ménages sans connexion fixe de qualité."
)
MOTIVATION_2 = (
    "Les deux conseillers numériques ne peuvent plus répondre à toutes les demandes : les "
    "permanences affichent complet trois semaines à l'avance et les communes voisines de la "
    "communauté de communes souhaitent des ateliers itinérants. Un troisième poste permettrait "
    "d'ouvrir des permanences à la mairie annexe et dans les salles des fêtes des hameaux, et "
    "d'accompagner les associations dans leurs démarches en ligne."
)


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    first_day = today - timedelta(days=420)
    first = requests.new_request(session, first_day)
    first = replace(
        first,
        posts_wanted=2,
        start_date=today - timedelta(days=300),
        candidate_identified=False,
        motivation=MOTIVATION_1,
        contact_first_name="Marie-Thérèse",
        contact_last_name="Lefèvre-Aubrac",
        contact_function="Secrétaire générale de mairie",
        contact_email="secretariat@saint-leger-fougeret-exemple.fr",
        contact_phone="03 86 85 12 35",
        commitments=(True,) * len(COMMITMENTS),
        signature_place=DEMO_STRUCTURE.commune,
        gross_monthly_salary=Decimal("1650.00"),
        employer_charges_pct=Decimal("42"),
    )
    requests.save_draft(session, first)
    requests.file_request(
        session, first.id, filed_on=today - timedelta(days=400),
        platform_number="CN-DEM-2025-00417",
        note="Déposée sur la plateforme par la secrétaire de mairie.", today=today,
    )
    requests.change_status(
        session, first.id, "examen_complementaire", changed_on=today - timedelta(days=365),
        committee="COSELEC 9",
        note="Le comité demande de préciser le public ciblé et les horaires d'accueil.",
        today=today,
    )
    requests.change_status(
        session, first.id, "validee", changed_on=today - timedelta(days=330),
        committee="COSELEC 12", posts_granted=2,
        note="Avis positif du comité.", today=today,
    )
    # The two granted posts: post 1 had a first-wave convention that ended long ago; post 2 was
    # renewed in a ZRR and its renewal ends in about four months.
    renewal_start = add_months(today, -32)
    first_starts = (add_months(today, -60), add_months(renewal_start, -24))
    for index, post in enumerate(posts.list_posts(session)):
        posts.save_post(session, post.id, posts.PostInput(
            post.label, Decimal("1850.00"), Decimal("38.5")), today)
        kind = conventions.FIRST_WAVE
        start = first_starts[min(index, 1)]
        posts.save_convention(session, posts.ConventionData(
            None, post.id, kind, conventions.PUBLIC, False, start,
            conventions.default_end(kind, conventions.PUBLIC, start),
            conventions.rule_amounts(kind, conventions.PUBLIC, False), f"CONV-{start.year}-041{index}",
        ))
        if index == 1:
            posts.save_convention(session, posts.ConventionData(
                None, post.id, conventions.RENEWAL, conventions.PUBLIC, True, renewal_start,
                conventions.default_end(conventions.RENEWAL, conventions.PUBLIC, renewal_start),
                conventions.rule_amounts(conventions.RENEWAL, conventions.PUBLIC, True),
                f"CONV-{renewal_start.year}-R12",
            ))

    second = requests.new_request(session, today - timedelta(days=25))
    second = replace(
        second,
        posts_wanted=1,
        start_date=today + timedelta(days=75),
        candidate_identified=True,
        candidate_name="Noémie Garnier-Dufrêne",
        candidate_email="noemie.garnier@exemple.fr",
        motivation=MOTIVATION_2,
        commitments=(True,) * len(COMMITMENTS),
    )
    requests.save_draft(session, second)
    requests.file_request(
        session, second.id, filed_on=today - timedelta(days=12),
        platform_number="CN-DEM-2026-01982", note="Demande d'un poste supplémentaire.",
        today=today,
    )
