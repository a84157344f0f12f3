"""Demo inclusion kit: about forty items across the categories of dispositif.md §8, with loans
(returned ones, current ones, two late), a broken tablet, a retired smartphone and an outside
event reserving headsets.

``scale`` multiplies the equipment and the loans (scale 100 → about 4,000 items and 2,500 loans);
rows go in with bulk inserts and explicit ids so that seeding stays fast.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop_app.models.kit import (
    KitCategory,
    KitEvent,
    KitItem,
    KitLoan,
    KitLoanItem,
)
from desktop_app.services.kit import api
from desktop_app.services.kit.catalog import DEFAULT_FUNDING, format_number

# category name → [(brand, model, unit value, count per block)]
EQUIPMENT = {
    "Ordinateurs portables": [
        ("Lenovo", "ThinkPad E14 Gen 5", "689.00", 3),
        ("HP", "ProBook 450 G10", "729.00", 2),
        ("Dell", "Latitude 3540", "649.00", 1),
    ],
    "Tablettes": [
        ("Samsung", "Galaxy Tab A9+", "219.00", 4),
        ("Apple", "iPad 10e génération", "439.00", 2),
        ("Lenovo", "Tab M10 (3e génération)", "169.00", 2),
    ],
    "Smartphones": [
        ("Samsung", "Galaxy A15", "169.00", 2),
        ("Fairphone", "Fairphone 5", "579.00", 1),
        ("Xiaomi", "Redmi Note 13", "199.00", 2),
    ],
    "Routeurs et clés 4G": [
        ("Huawei", "E5576-320 (routeur 4G de poche)", "59.90", 2),
        ("TP-Link", "M7350", "89.90", 1),
    ],
    "Casques audio": [
        ("Jabra", "Evolve2 30 USB-C", "69.00", 4),
        ("Logitech", "H390", "29.90", 2),
    ],
    "Webcams": [
        ("Logitech", "C270 HD", "29.90", 2),
        ("Logitech", "C920 HD Pro", "79.90", 1),
    ],
    "Imprimantes et scanners": [("Epson", "EcoTank ET-2850 (imprimante-scanner)", "299.00", 1)],
    "Câbles et accessoires": [
        ("Anker", "Hub USB-C 7 en 1", "39.90", 1),
        ("Belkin", "Câble HDMI 2 m", "12.90", 1),
        ("Ugreen", "Chargeur USB-C 65 W", "34.90", 1),
        ("Brennenstuhl", "Multiprise 6 prises avec interrupteur", "24.90", 1),
    ],
}

CONSUMABLES = {
    "Guides imprimés": [
        ("", "Guide « Mes premiers pas sur internet »", 40, 10),
        ("", "Guide « Sécuriser ses comptes et ses mots de passe »", 6, 10),
        ("", "Livret « FranceConnect et mes démarches en ligne »", 25, 8),
    ],
    "Fiches pratiques": [
        ("", "Fiche « Créer une adresse e-mail »", 60, 15),
        ("", "Fiche « Prendre rendez-vous sur Doctolib »", 30, 10),
        ("", "Fiche « Ameli : télécharger une attestation »", 12, 15),
    ],
}

LOCATIONS = (
    "Armoire forte, bureau du conseiller",
    "Chariot de recharge, salle d'animation",
    "Espace numérique, rez-de-chaussée",
    "Réserve de la médiathèque",
)

FIRST_NAMES = (
    "Marie-Thérèse",
    "Jean-Baptiste",
    "Éloïse",
    "Gérard",
    "Françoise",
    "Noémie",
    "Hervé",
    "Maëlys",
    "Jacqueline",
    "Anaïs",
    "Raphaël",
    "Joséphine",
    "Benoît",
    "Léa",
    "François-Xavier",
)
LAST_NAMES = (
    "Lemaître-Dubois-Saint-Gérand",
    "Fournier",
    "Chevalier",
    "Bérenger",
    "Lefèvre",
    "Marchand",
    "Dupré",
    "Rousseau",
    "Gauthier-Villeneuve",
    "Perrin",
    "Moreau",
    "Lacroix",
    "Fontaine",
    "N'Diaye",
    "Guérin",
)
GROUPS = (
    ("atelier", "Atelier « Ma tablette au quotidien » (club des aînés)"),
    ("evenement", "Fête du numérique, salle des fêtes de Saint-Léger-de-Fougeret"),
    ("evenement", "Collège Jean-Rostand — semaine de la parentalité numérique"),
    ("atelier", "Atelier « Démarches CAF » au centre social"),
)


def _phone(rng: random.Random) -> str:
    return "06 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def seed(session: Session, *, rng: random.Random, scale: int, today: date) -> None:
    categories = {c.name: c.id for c in session.scalars(select(KitCategory))}
    next_item = (session.scalar(select(func.max(KitItem.id))) or 0) + 1
    number = next_item
    items: list[dict] = []
    events: list[dict] = []
    by_category: dict[str, list[int]] = {}
    received = today - timedelta(days=540)

    def add_event(item_id: int, at: datetime, kind: str, detail: str = "") -> None:
        events.append({"item_id": item_id, "at": at, "kind": kind, "detail": detail})

    for block in range(scale):
        for category, models in EQUIPMENT.items():
            for brand, model, value, count in models:
                for _ in range(count):
                    # received before the first loan of the demo (300 days ago): an item
                    # is never lent before it arrived
                    acquired = (
                        received if block == 0 else received + timedelta(days=rng.randint(0, 200))
                    )
                    item_id = next_item
                    next_item += 1
                    items.append(
                        {
                            "id": item_id,
                            "inventory_number": format_number(number),
                            "category_id": categories[category],
                            "brand": brand,
                            "model": model,
                            "serial": f"{brand[:2].upper()}{rng.randint(10**7, 10**8 - 1)}",
                            "acquired_on": acquired,
                            "value": Decimal(value),
                            "funding": DEFAULT_FUNDING
                            if block % 3 != 2
                            else "Budget communal (investissement)",
                            "condition": rng.choice(("neuf", "bon", "bon", "bon", "use")),
                            "location": rng.choice(LOCATIONS),
                            "notes": "",
                            "quantity": None,
                            "alert_threshold": None,
                            "retired_on": None,
                            "retired_reason": "",
                            "created_at": _at(acquired, 10),
                        }
                    )
                    number += 1
                    by_category.setdefault(category, []).append(item_id)
                    add_event(
                        item_id, _at(acquired, 10), "recu", f"financement : {items[-1]['funding']}"
                    )
        if block == 0:
            for category, refs in CONSUMABLES.items():
                for brand, model, quantity, threshold in refs:
                    item_id = next_item
                    next_item += 1
                    items.append(
                        {
                            "id": item_id,
                            "inventory_number": format_number(number),
                            "category_id": categories[category],
                            "brand": brand,
                            "model": model,
                            "serial": "",
                            "acquired_on": received,
                            "value": None,
                            "funding": DEFAULT_FUNDING,
                            "condition": "neuf",
                            "location": "Présentoir de l'espace numérique",
                            "notes": "",
                            "quantity": quantity,
                            "alert_threshold": threshold,
                            "retired_on": None,
                            "retired_reason": "",
                            "created_at": _at(received, 10),
                        }
                    )
                    number += 1
                    add_event(item_id, _at(received, 10), "recu", f"{quantity + 20} en stock")
                    add_event(
                        item_id,
                        _at(today - timedelta(days=30), 15),
                        "stock",
                        f"−20 (stock : {quantity}) — distribués en atelier",
                    )
    by_id = {item["id"]: item for item in items}

    # A broken tablet and a retired smartphone (per block), with their history.
    for block in range(scale):
        tablet = by_category["Tablettes"][block * 8 + 7]
        by_id[tablet]["condition"] = "en_panne"
        by_id[tablet]["notes"] = "Écran fissuré, devis de réparation demandé."
        add_event(tablet, _at(today - timedelta(days=12), 16), "panne", "Écran fissuré")
        phone = by_category["Smartphones"][block * 5 + 4]
        by_id[phone].update(
            condition="reforme",
            retired_on=today - timedelta(days=60),
            retired_reason="Volé lors d'une animation hors les murs (plainte déposée)",
        )
        add_event(
            phone, _at(today - timedelta(days=60), 11), "reforme", by_id[phone]["retired_reason"]
        )

    lendable = {
        cat: [i for i in ids if by_id[i]["condition"] not in ("en_panne", "reforme")]
        for cat, ids in by_category.items()
    }
    loans: list[dict] = []
    lines: list[dict] = []
    next_loan = (session.scalar(select(func.max(KitLoan.id))) or 0) + 1
    next_line = (session.scalar(select(func.max(KitLoanItem.id))) or 0) + 1

    def person(rng: random.Random) -> tuple[str, str]:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", _phone(rng)

    def add_loan(
        kind: str,
        name: str,
        phone: str,
        start: datetime,
        due: datetime,
        item_ids: list[int],
        returned: datetime | None,
        broken: int | None = None,
    ) -> None:
        nonlocal next_loan, next_line
        loan_id = next_loan
        next_loan += 1
        loans.append(
            {
                "id": loan_id,
                "borrower_kind": kind,
                "borrower_name": name,
                "phone": phone,
                "id_checked": kind == "personne",
                "start": start,
                "due": due,
                "closed_at": returned,
                "notes": "",
                "created_at": start,
            }
        )
        for item_id in item_ids:
            condition = None
            if returned is not None:
                condition = "en_panne" if item_id == broken else by_id[item_id]["condition"]
            lines.append(
                {
                    "id": next_line,
                    "loan_id": loan_id,
                    "item_id": item_id,
                    "returned_at": returned,
                    "return_condition": condition,
                    "return_notes": "",
                }
            )
            next_line += 1
            add_event(
                item_id,
                start,
                "prete",
                f"à {name}, retour prévu le {due:%d/%m/%Y} (prêt n° {loan_id})",
            )
            if returned is not None:
                late = (returned.date() - due.date()).days if returned > due else 0
                detail = (
                    f"par {name}, état : "
                    + ("En panne" if item_id == broken else "Bon")
                    + (f", en retard de {late} jour{'s' if late > 1 else ''}" if late else "")
                )
                add_event(item_id, returned, "rendu", detail)

    for block in range(scale):

        def pick(category: str, n: int, block: int = block) -> list[int]:
            pool = lendable[category]
            per = len(pool) // scale
            return rng.sample(pool[block * per : (block + 1) * per], n)

        # returned loans, spaced so that an item is never out twice at once
        for k in range(20):
            start = _at(today - timedelta(days=300 - k * 14), rng.choice((10, 14, 16)))
            due = start + timedelta(days=7)
            back = due + timedelta(days=rng.choice((-2, -1, 0, 0, 1, 3)), hours=1)
            category = rng.choice(
                ("Tablettes", "Ordinateurs portables", "Smartphones", "Routeurs et clés 4G")
            )
            if k % 5 == 4:
                kind, name = GROUPS[k % len(GROUPS)]
                ids = pick("Tablettes", 3) + pick("Casques audio", 2)
                add_loan(
                    kind,
                    name,
                    "",
                    start,
                    start + timedelta(hours=3),
                    ids,
                    start + timedelta(hours=3),
                )
            else:
                name, phone = person(rng)
                ids = pick(category, 1) + (pick("Câbles et accessoires", 1) if k % 3 == 0 else [])
                add_loan("personne", name, phone, start, due, ids, back)

        # current loans (not late), then two late ones, all on distinct units
        laptops = lendable["Ordinateurs portables"]
        tablets = lendable["Tablettes"]
        routers = lendable["Routeurs et clés 4G"]
        phones = lendable["Smartphones"]
        t_per, l_per = len(tablets) // scale, len(laptops) // scale
        r_per, p_per = len(routers) // scale, len(phones) // scale
        name, phone = person(rng)
        add_loan(
            "personne",
            name,
            phone,
            _at(today - timedelta(days=3), 15),
            _at(today + timedelta(days=4), 17),
            [laptops[block * l_per], routers[block * r_per]],
            None,
        )
        name, phone = person(rng)
        add_loan(
            "personne",
            name,
            phone,
            _at(today - timedelta(days=1), 10),
            _at(today + timedelta(days=6), 12),
            [tablets[block * t_per]],
            None,
        )
        add_loan(
            "evenement",
            "Maison France Services de Saint-Aubin-des-Prés — permanence",
            "03 86 85 40 10",
            _at(today - timedelta(days=2), 9),
            _at(today + timedelta(days=2), 17),
            [laptops[block * l_per + 1]],
            None,
        )
        # late
        name, phone = (
            ("Marie-Thérèse Lemaître-Dubois-Saint-Gérand", "06 71 22 39 48")
            if block == 0
            else person(rng)
        )
        add_loan(
            "personne",
            name,
            phone,
            _at(today - timedelta(days=20), 14),
            _at(today - timedelta(days=6), 18),
            [tablets[block * t_per + 1]],
            None,
        )
        name, phone = person(rng)
        add_loan(
            "personne",
            name,
            phone,
            _at(today - timedelta(days=12), 16),
            _at(today - timedelta(days=2), 12),
            [phones[block * p_per]],
            None,
        )

    session.execute(insert(KitItem), items)
    session.execute(insert(KitLoan), loans)
    session.execute(insert(KitLoanItem), lines)
    session.execute(insert(KitEvent), events)
    session.flush()

    # An outside event reserving headsets and tablets next week (workshops add their own).
    headsets = categories["Casques audio"]
    tablets_id = categories["Tablettes"]
    day = today + timedelta(days=9)
    api.reserve(
        session,
        "evenement:fete-du-numerique",
        _at(day, 9),
        _at(day, 18),
        {headsets: 2, tablets_id: 2},
        "Fête du numérique à la salle des fêtes",
    )
