"""The texts of the information notice (articles 13 and 14 of the RGPD) and of the entries of
the "registre des activités de traitement" (article 30), filled from the structure's settings
and the retention durations. Plain data: ``documents/personal_data`` lays them out.

The structure (the town hall) is the data controller; the wording follows the CNIL's model
register (finalité, base légale, catégories de personnes et de données, destinataires,
durées, mesures de sécurité) and its recruitment guidance.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.personal_data.settings import Retention, months_text
from desktop_app.services.structure import StructureInfo

AUDIENCES = {"participants": "Participants aux ateliers", "candidats": "Candidats"}
CNIL_LINE = (
    "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation "
    "à la CNIL (www.cnil.fr, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07)."
)


@dataclass
class Notice:
    title: str
    sections: list[tuple[str, str]]  # (heading, text)


@dataclass
class RegisterEntry:
    title: str
    rows: list[tuple[str, str]]  # (field of the register, value)


def _controller(structure: StructureInfo) -> str:
    parts = [structure.display_name, structure.address, structure.city_line]
    return ", ".join(p for p in parts if p)


def _contact(structure: StructureInfo) -> str:
    ways = []
    if structure.email:
        ways.append(f"par e-mail à {structure.email}")
    if structure.phone:
        ways.append(f"par téléphone au {structure.phone}")
    where = _controller(structure)
    ways.append(f"par courrier ou sur place : {where}" if where else "sur place, à l'accueil")
    return ", ".join(ways)


def notice(audience: str, structure: StructureInfo, retention: Retention) -> Notice:
    """The notice handed to workshop participants (``participants``) or to candidates."""
    controller = _controller(structure)
    signatory = ", ".join(v for v in (structure.signatory_name, structure.signatory_title) if v)
    rights = (
        "Vous pouvez demander à voir les données qui vous concernent et en recevoir une copie, "
        "les faire corriger, les faire effacer, vous opposer à leur traitement ou en demander "
        f"la limitation. Pour cela, adressez-vous à {structure.display_name} : "
        f"{_contact(structure)}. Une réponse vous sera donnée dans un délai d'un mois."
    )
    if audience == "candidats":
        sections = [
            ("Qui traite vos données ?",
             f"{controller or structure.display_name}, responsable du traitement"
             + (f", représenté par {signatory}" if signatory else "") + "."),
            ("Pourquoi ?",
             "Pour étudier votre candidature à un poste de conseiller numérique, organiser les "
             "entretiens, préparer votre recrutement et votre formation. La base légale est "
             "l'exécution de mesures précontractuelles prises à votre demande."),
            ("Quelles données ?",
             "Votre identité et vos coordonnées, votre situation, votre disponibilité et votre "
             "mobilité, vos diplômes, votre expérience et vos résultats Pix, votre CV, les "
             "dates et comptes rendus des entretiens et les décisions prises."),
            ("Qui les reçoit ?",
             "Les seules personnes chargées du recrutement dans la structure. Les données "
             "reçues de la plateforme nationale du dispositif Conseiller numérique restent "
             "soumises à ses propres règles. Aucune donnée ne quitte l'Union européenne."),
            ("Combien de temps ?",
             "Si vous n'êtes pas recruté(e), vos données sont anonymisées "
             f"{months_text(retention.candidates_months)} après le dernier contact, sauf si vous "
             "demandez leur effacement plus tôt. Si vous êtes recruté(e), elles rejoignent "
             "votre dossier du personnel."),
            ("Vos droits", rights),
            ("Réclamation", CNIL_LINE),
        ]
        return Notice("Information sur vos données personnelles — candidature", sections)
    sections = [
        ("Qui traite vos données ?",
         f"{controller or structure.display_name}, responsable du traitement"
         + (f", représenté par {signatory}" if signatory else "") + "."),
        ("Pourquoi ?",
         "Pour vous inscrire aux ateliers et aux accompagnements numériques, vous prévenir d'un "
         "changement, vous remettre une attestation, vous prêter du matériel du kit "
         "d'inclusion et établir les bilans d'activité demandés par le dispositif Conseiller "
         "numérique. Les bilans ne contiennent que des nombres, jamais votre nom. La base "
         "légale est la mission d'intérêt public de la structure."),
        ("Quelles données ?",
         "Votre nom, votre téléphone et votre e-mail si vous les donnez, votre commune, votre "
         "tranche d'âge, votre situation (scolarisé, en emploi, sans emploi, retraité), vos "
         "inscriptions et présences, les prêts de matériel et les remarques utiles à "
         "l'accompagnement. Vous pouvez ne pas répondre aux questions facultatives."),
        ("Qui les reçoit ?",
         "Les seules personnes de la structure qui animent les ateliers ou gèrent les prêts. "
         "Rien n'est vendu ni transmis à d'autres organismes ; aucune donnée ne quitte l'Union "
         "européenne."),
        ("Combien de temps ?",
         "Vos données sont anonymisées "
         f"{months_text(retention.participants_months)} après votre dernière venue ; celles "
         f"d'un prêt, {months_text(retention.loans_months)} après le retour du matériel. Les "
         "nombres des bilans restent, sans votre nom."),
        ("Vos droits", rights),
        ("Réclamation", CNIL_LINE),
    ]
    return Notice("Information sur vos données personnelles — ateliers numériques", sections)


SECURITY = (
    "Données enregistrées sur le poste de la structure, dans le dossier de l'utilisateur, "
    "lisibles par son seul compte (droits 0700/0600) ; sauvegardes vérifiées dans le même "
    "dossier ; journaux sans données personnelles, effacés après 90 jours ; verrouillage de "
    "l'application par mot de passe et après inactivité (facultatif) ; anonymisation proposée "
    "à l'échéance des durées de conservation."
)


def register_entries(structure: StructureInfo, retention: Retention) -> list[RegisterEntry]:
    controller = _controller(structure) or structure.display_name
    contact = ", ".join(v for v in (structure.signatory_name, structure.signatory_title,
                                    structure.email, structure.phone) if v)
    common = [
        ("Responsable du traitement", controller),
        ("Contact", contact or "—"),
        ("Date de création de la fiche", "à compléter"),
    ]
    return [
        RegisterEntry("Accompagnement numérique des publics et prêt du kit d'inclusion", [
            *common,
            ("Finalités", "Inscription aux ateliers et accompagnements individuels, "
             "attestations, prêt de matériel, bilans d'activité anonymes du dispositif "
             "Conseiller numérique."),
            ("Base légale", "Mission d'intérêt public (article 6.1.e du RGPD)."),
            ("Catégories de personnes", "Personnes accompagnées, emprunteurs du kit."),
            ("Catégories de données", "Identité, coordonnées, commune, tranche d'âge, statut "
             "social, genre (facultatif), inscriptions et présences, prêts, remarques."),
            ("Données sensibles", "Aucune ne doit être saisie ; les remarques restent "
             "factuelles (pas de santé, d'opinions, de situation sociale détaillée)."),
            ("Destinataires", "Agents et conseillers numériques de la structure ; bilans "
             "chiffrés sans nom au dispositif national."),
            ("Transferts hors Union européenne", "Aucun."),
            ("Durées de conservation",
             f"{months_text(retention.participants_months)} après la dernière activité ; prêts : "
             f"{months_text(retention.loans_months)} après le retour ; puis anonymisation."),
            ("Mesures de sécurité", SECURITY),
        ]),
        RegisterEntry("Recrutement des conseillers numériques", [
            *common,
            ("Finalités", "Étude des candidatures reçues de la plateforme ou trouvées par la "
             "structure, entretiens, recrutement, départ en formation."),
            ("Base légale", "Mesures précontractuelles (article 6.1.b du RGPD)."),
            ("Catégories de personnes", "Candidats au poste de conseiller numérique."),
            ("Catégories de données", "Identité, coordonnées, situation, disponibilité, "
             "mobilité, diplômes, expérience, résultats Pix, CV, entretiens, décisions."),
            ("Destinataires", "Personnes chargées du recrutement ; plateforme nationale du "
             "dispositif (origine des profils)."),
            ("Transferts hors Union européenne", "Aucun."),
            ("Durées de conservation",
             f"Candidats non recrutés : {months_text(retention.candidates_months)} après le "
             "dernier contact, puis anonymisation ; candidats recrutés : dossier du personnel."),
            ("Mesures de sécurité", SECURITY),
        ]),
    ]
