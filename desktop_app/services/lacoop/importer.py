"""Reading La Coop's "Activités" and "Bénéficiaires" Excel exports into the planner's history.

Each export is one table under a few metadata rows: the header row is found by its column
names (apostrophes and accents as La Coop writes them, or plain). People are matched without
duplicates on name + birth year + commune:
- same name, no known fact that differs (birth year, commune), and either one fact known on
  both sides and equal or nothing known on one side only → the same person, whose missing
  facts are completed;
- same name, nothing known on both sides alike, a fact known on one side only → doubtful:
  left for review, nothing written for that line (an "Activités" line then counts as an anonymous participant, so figures stay
  true);
- same name but a known fact that differs → someone else, created.
Activities are keyed by La Coop's "ID CRA": a file read twice adds nothing the second time.
Imported activities are "Réalisé" and already "saisi dans La Coop". Every line gets a French
verdict (``ImportReport.lines``), like the profile import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.base import utcnow
from desktop_app.models.workshops import (
    ADMIN_THEMES,
    AGE_BRACKETS,
    AUTONOMY,
    EQUIPMENT,
    LEVELS,
    PLACE_TYPES,
    REDIRECTIONS,
    SOCIAL_STATUSES,
    THEMES,
    Participant,
    Registration,
    SessionAdminTheme,
    SessionAnonymous,
    SessionEquipment,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.lacoop.places import resolve, same_name
from desktop_app.services.progress import Progress, report
from desktop_app.services.text import fold

ACTIVITIES = "activites"
BENEFICIARIES = "beneficiaires"
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 30


class LacoopFileError(FieldErrors):
    """The file cannot be read as a La Coop export; nothing is written."""

    def __init__(self, message: str) -> None:
        super().__init__({"file": message}, message)


@dataclass
class LineVerdict:
    line: int
    verdict: str  # "Ajouté", "Mis à jour", "Déjà connu", "À vérifier", "Refusé"
    text: str

    def __str__(self) -> str:
        return f"{self.verdict} (ligne {self.line}) : {self.text}"


@dataclass
class Doubt:
    """A line whose person may be someone already known: the review decides."""

    line: int
    incoming: str
    candidates: list[tuple[int, str]]  # participant id, description
    person: Incoming | None = None  # a "Bénéficiaires" line, for ``resolve_doubt``


@dataclass
class ImportReport:
    kind: str
    lines: list[LineVerdict] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    activities_added: int = 0
    people_added: int = 0
    people_updated: int = 0

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.lines if v.verdict == verdict)

    @property
    def summary(self) -> str:
        kind = "Activités" if self.kind == ACTIVITIES else "Bénéficiaires"
        return (
            f"Export « {kind} » de La Coop : {self.activities_added} activité(s) ajoutée(s), "
            f"{self.people_added} personne(s) ajoutée(s), {self.people_updated} mise(s) à jour, "
            f"{self.count('À vérifier')} à vérifier, {self.count('Refusé')} ligne(s) refusée(s)."
        )


# -- reading the sheet ---------------------------------------------------------------------------
def _key(text: object) -> str:
    s = fold(str(text or "")).replace("’", "'").replace("\u00a0", " ")
    return " ".join(s.split())


ACTIVITY_COLUMNS = {
    "date": "Date", "type": "Type", "beneficiary": "Bénéficiaire",
    "place": "Canaux d’accompagnement", "venue": "Nom du lieu", "duration": "Durée (min)",
    "title": "Nom de l’atelier", "equipment": "Matériel numérique utilisé",
    "themes": "Thématique(s) d’accompagnement", "demarche": "Nom de la démarche administrative",
    "level": "Niveau d’autonomie (ou de l’atelier)", "referred": "Bénéficiaire réorienté",
    "redirection": "Structure de redirection", "b_commune": "Commune du bénéficiaire",
    "b_postal": "Code postal du bénéficiaire", "b_insee": "Code Insee du bénéficiaire",
    "b_gender": "Genre du bénéficiaire", "b_age": "Tranche d’âge du bénéficiaire",
    "b_status": "Statut du bénéficiaire", "notes": "Notes supplémentaires", "id": "ID CRA",
}
BENEFICIARY_COLUMNS = {
    "last_name": "Nom", "first_name": "Prénom", "birth_year": "Année de naissance",
    "commune": "Nom de la commune", "insee": "Code INSEE", "postal": "Code postal",
    "phone": "N° de téléphone", "email": "E-mail", "gender": "Genre", "age": "Tranche d’âge",
    "status": "Statut", "notes": "Notes supplémentaires",
}
_REQUIRED = {ACTIVITIES: ("date", "type", "id"), BENEFICIARIES: ("last_name", "first_name")}


def _find_table(rows: list[tuple[object, ...]]) -> tuple[str, int, dict[str, int]]:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_key(c) for c in row]
        for kind, columns in ((ACTIVITIES, ACTIVITY_COLUMNS), (BENEFICIARIES, BENEFICIARY_COLUMNS)):
            found = {
                name: keys.index(_key(label)) for name, label in columns.items()
                if _key(label) in keys
            }
            if all(r in found for r in _REQUIRED[kind]):
                return kind, i, found
    raise LacoopFileError(
        "Ce fichier n'est pas un export « Activités » ni « Bénéficiaires » de La Coop : aucune "
        "ligne d'en-tête avec « Date », « Type » et « ID CRA », ou « Nom » et « Prénom »."
    )


def read_rows(path: Path | str) -> tuple[str, int, dict[str, int], list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise LacoopFileError(f"Le fichier « {path.name} » n'existe pas.") from exc
    except Exception as exc:  # zipfile, XML or openpyxl errors: not a readable workbook
        raise LacoopFileError(
            f"Le fichier « {path.name} » n'est pas un classeur Excel (.xlsx) lisible."
        ) from exc
    try:
        ws = wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise LacoopFileError(f"Le fichier a plus de {MAX_ROWS} lignes.")
    finally:
        wb.close()
    kind, header, columns = _find_table(rows)
    return kind, header, columns, rows


def _cell(row: tuple[object, ...], columns: dict[str, int], name: str) -> str:
    i = columns.get(name)
    if i is None or i >= len(row) or row[i] is None:
        return ""
    value = row[i]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return "" if text == "-" else text


def _raw(row: tuple[object, ...], columns: dict[str, int], name: str) -> object:
    i = columns.get(name)
    return None if i is None or i >= len(row) else row[i]


def _lookup(labels: dict[str, str], text: str) -> str | None:
    wanted = _key(text)
    for key, label in labels.items():
        if _key(label) == wanted:
            return key
    return None


def _multi(labels: dict[str, str], text: str) -> tuple[list[str], list[str]]:
    found, unknown = [], []
    for part in re.split(r"[\n;]+", text):
        if not part.strip():
            continue
        key = _lookup(labels, part)
        (found if key else unknown).append(key or part.strip())
    return found, unknown


# -- people --------------------------------------------------------------------------------------
GENDER_WORDS = {"homme": "masculin", "masculin": "masculin", "femme": "feminin",
                "feminin": "feminin", "non communique": "nc"}


@dataclass
class Incoming:
    first_name: str
    last_name: str
    birth_year: int | None = None
    commune: str = ""
    insee: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    gender: str = "nc"
    age: str = "nc"
    status: str = "nc"
    notes: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def _describe(p: Participant) -> str:
    facts = [f"née ou né en {p.birth_year}" if p.birth_year else "année de naissance inconnue"]
    facts.append(p.commune or "commune inconnue")
    return f"{p.first_name} {p.last_name} ({', '.join(facts)})"


def _same_commune(p: Participant, inc: Incoming) -> bool | None:
    """True/False when both communes are known, None when one side only is, True when none."""
    mine, theirs = bool(p.insee_code or p.commune), bool(inc.insee or inc.commune)
    if not mine and not theirs:
        return True
    if mine != theirs:
        return None
    if p.insee_code and inc.insee:
        return p.insee_code == inc.insee
    return same_name(p.commune, inc.commune)


def _agrees_on_something(p: Participant, inc: Incoming, compare_years: bool) -> bool:
    """A fact known on both sides and equal (the commune, or the birth year)."""
    both_communes = bool(p.insee_code or p.commune) and bool(inc.insee or inc.commune)
    if both_communes and _same_commune(p, inc):
        return True
    return compare_years and bool(p.birth_year) and p.birth_year == inc.birth_year


def match(session: Session, inc: Incoming, *, compare_years: bool = True) -> tuple[
    str, Participant | None, list[Participant]
]:
    """("same", person, []) / ("doubt", None, candidates) / ("new", None, [])."""
    target = (fold(inc.first_name).strip(), fold(inc.last_name).strip())
    candidates = [
        p for p in session.scalars(select(Participant)).all()
        if (fold(p.first_name).strip(), fold(p.last_name).strip()) == target
    ]
    sure, doubtful = [], []
    for p in candidates:
        facts = [_same_commune(p, inc)]
        if compare_years:
            if p.birth_year and inc.birth_year:
                facts.append(p.birth_year == inc.birth_year)
            elif p.birth_year or inc.birth_year:
                facts.append(None)
        if False in facts:
            continue
        known_alike = _agrees_on_something(p, inc, compare_years)
        (sure if known_alike or None not in facts else doubtful).append(p)
    if len(sure) == 1 and not doubtful:
        return "same", sure[0], []
    if sure or doubtful:
        return "doubt", None, sure + doubtful
    return "new", None, []


def _complete(p: Participant, inc: Incoming) -> list[str]:
    """Fill what the library does not know yet; never overwrite what it knows."""
    changed = []
    for attr, value, label in (
        ("birth_year", inc.birth_year, "année de naissance"),
        ("commune", inc.commune, "commune"),
        ("insee_code", inc.insee, "code INSEE"),
        ("postal_code", inc.postal_code, "code postal"),
        ("phone", inc.phone, "téléphone"),
        ("email", inc.email, "e-mail"),
    ):
        if value and not getattr(p, attr):
            setattr(p, attr, value)
            changed.append(label)
    for attr, value, label in (("gender", inc.gender, "genre"), ("social_status", inc.status,
                                                                  "statut")):
        if value != "nc" and getattr(p, attr) == "nc":
            setattr(p, attr, value)
            changed.append(label)
    if inc.age != "nc" and p.age_bracket == "nc" and not p.birth_year:
        p.age_bracket = inc.age
        changed.append("tranche d'âge")
    return changed


def _create(session: Session, inc: Incoming) -> Participant:
    p = Participant(first_name=inc.first_name, last_name=inc.last_name, phone=inc.phone,
                    email=inc.email, age_bracket=inc.age, social_status=inc.status,
                    gender=inc.gender, commune=inc.commune, helped_before=True,
                    notes=inc.notes, birth_year=inc.birth_year, postal_code=inc.postal_code,
                    insee_code=inc.insee)
    session.add(p)
    session.flush()
    return p


def _home(commune: str, insee: str, postal: str) -> tuple[str, str, str]:
    home = resolve(commune, insee, postal)
    if home.insee:
        return home.name, home.insee, home.postal_code
    return commune, "", postal if re.fullmatch(r"\d{5}", postal) else ""


def _beneficiary_line(
    session: Session, row: tuple[object, ...], cols: dict[str, int], line: int, rep: ImportReport
) -> None:
    c = lambda name: _cell(row, cols, name)  # noqa: E731
    first, last = c("first_name"), c("last_name")
    if not first or not last:
        rep.lines.append(LineVerdict(line, "Refusé", "le nom et le prénom sont obligatoires."))
        return
    year_text, year = c("birth_year"), None
    if year_text:
        if not year_text.isdigit() or not 1900 <= int(year_text) <= date.today().year:
            rep.lines.append(LineVerdict(
                line, "Refusé",
                f"{first} {last} : année de naissance « {year_text} » illisible "
                f"(de 1900 à {date.today().year}).",
            ))
            return
        year = int(year_text)
    commune, insee, postal = _home(c("commune"), c("insee"), c("postal"))
    inc = Incoming(
        first_name=first[:100], last_name=last[:100], birth_year=year, commune=commune[:200],
        insee=insee, postal_code=postal, phone=c("phone")[:30], email=c("email")[:254],
        gender=GENDER_WORDS.get(_key(c("gender")), "nc"),
        age=_lookup(AGE_BRACKETS, c("age")) or "nc",
        status=_lookup(SOCIAL_STATUSES, c("status")) or "nc",
        notes=c("notes"),
    )
    kind, person, candidates = match(session, inc)
    if kind == "same" and person is not None:
        changed = _complete(person, inc)
        if changed:
            rep.people_updated += 1
            rep.lines.append(LineVerdict(line, "Mis à jour", f"{inc.name} — {', '.join(changed)}"))
        else:
            rep.lines.append(LineVerdict(line, "Déjà connu", f"{inc.name}, rien de nouveau."))
    elif kind == "doubt":
        names = " ; ".join(_describe(p) for p in candidates)
        rep.doubts.append(
            Doubt(line, inc.name, [(p.id, _describe(p)) for p in candidates], inc)
        )
        rep.lines.append(LineVerdict(
            line, "À vérifier",
            f"{inc.name} ressemble à {names} : rien n'est écrit, vérifiez s'il s'agit de la "
            "même personne.",
        ))
    else:
        _create(session, inc)
        rep.people_added += 1
        rep.lines.append(LineVerdict(line, "Ajouté", inc.name))


# -- activities ----------------------------------------------------------------------------------
def _date(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


KINDS = {
    "accompagnement individuel": "individuel",
    "atelier collectif": "collectif",
    "aide aux demarches administratives": "individuel",  # a type until 2025-05-01
    "demarche administrative": "individuel",
}
LEVEL_FRACTIONS = {"1/3": "debutant", "2/3": "intermediaire", "3/3": "avance"}
AUTONOMY_FRACTIONS = {"1/3": "guidage", "2/3": "autonome_guidage", "3/3": "autonome"}
ANONYMOUS_WORDS = {"", "anonyme", "beneficiaire anonyme", "anonymes", "non renseigne"}


@dataclass
class _Activity:
    line: int
    lacoop_id: str
    start: datetime
    kind: str
    data: dict[str, object]
    people: list[tuple[int, Incoming]] = field(default_factory=list)
    anonymous: list[tuple[str, str, str]] = field(default_factory=list)  # gender, age, status


def _activity_line(
    row: tuple[object, ...], cols: dict[str, int], line: int
) -> tuple[_Activity | None, str]:
    c = lambda name: _cell(row, cols, name)  # noqa: E731
    lacoop_id = c("id")
    if not lacoop_id:
        return None, "l'« ID CRA » manque."
    start = _date(_raw(row, cols, "date"))
    if start is None:
        return None, f"date « {c('date')} » illisible (attendu JJ/MM/AAAA)."
    kind = KINDS.get(_key(c("type")))
    if kind is None:
        return None, f"type « {c('type')} » inconnu."
    duration_text = c("duration") or "60"
    if not duration_text.isdigit() or not 1 <= int(duration_text) <= 24 * 60:
        return None, f"durée « {duration_text} » illisible (en minutes)."
    themes, unknown_themes = _multi(THEMES, c("themes"))
    admin, unknown_themes = _multi(ADMIN_THEMES, "\n".join(unknown_themes))
    if admin and "demarches" not in themes:
        themes.append("demarches")
    if kind == "individuel" and _key(c("type")).startswith(("aide aux", "demarche")):
        themes = themes if "demarches" in themes else [*themes, "demarches"]
    equipment, _ = _multi(EQUIPMENT, c("equipment"))
    level_text = c("level")
    level = autonomy = None
    if kind == "collectif":
        level = LEVEL_FRACTIONS.get(level_text) or _lookup(LEVELS, level_text)
    else:
        autonomy = AUTONOMY_FRACTIONS.get(level_text) or _lookup(AUTONOMY, level_text)
    redirection = _lookup(REDIRECTIONS, c("redirection"))
    data: dict[str, object] = {
        "place_type": _lookup(PLACE_TYPES, c("place")) or "lieu_activite",
        "venue": c("venue")[:300],
        "duration_min": int(duration_text),
        "title": c("title")[:200],
        "themes": themes,
        "admin_themes": admin,
        "equipment": equipment,
        "demarche_name": c("demarche")[:200],
        "level": level,
        "autonomy": autonomy,
        "referred": _key(c("referred")) in ("oui", "yes", "vrai", "1"),
        "redirection": redirection,
        "referral": "" if redirection or not c("redirection") else c("redirection")[:200],
        "notes": c("notes"),
    }
    if unknown_themes:
        data["notes"] = "\n".join(
            x for x in (str(data["notes"]), "Thématiques de La Coop : " + ", ".join(unknown_themes))
            if x
        )
    return _Activity(line, lacoop_id, start, kind, data), ""


def _beneficiary_of(row: tuple[object, ...], cols: dict[str, int]) -> Incoming | None:
    c = lambda name: _cell(row, cols, name)  # noqa: E731
    name = c("beneficiary")
    commune, insee, postal = _home(c("b_commune"), c("b_insee"), c("b_postal"))
    inc = Incoming(
        first_name="", last_name="", commune=commune, insee=insee, postal_code=postal,
        gender=GENDER_WORDS.get(_key(c("b_gender")), "nc"),
        age=_lookup(AGE_BRACKETS, c("b_age")) or "nc",
        status=_lookup(SOCIAL_STATUSES, c("b_status")) or "nc",
    )
    if _key(name) in ANONYMOUS_WORDS:
        return inc
    parts = name.split()
    if len(parts) < 2:
        return inc
    inc.first_name, inc.last_name = parts[0][:100], " ".join(parts[1:])[:100]
    return inc


def _write_activity(session: Session, act: _Activity, rep: ImportReport) -> None:
    d = act.data
    row = WorkshopSession(
        kind=act.kind, title=str(d["title"]), level=d["level"], place_type=str(d["place_type"]),
        venue=str(d["venue"]), start=act.start, duration_min=int(d["duration_min"]),  # type: ignore[arg-type]
        capacity=None if act.kind == "collectif" else 1, notes=str(d["notes"]),
        status="realise", autonomy=d["autonomy"], referred=bool(d["referred"]),
        redirection=d["redirection"], referral=str(d["referral"]),
        demarche_name=str(d["demarche_name"]), lacoop_id=act.lacoop_id,
        lacoop_entered_at=utcnow(),
    )
    row.themes = [SessionTheme(theme=t) for t in dict.fromkeys(d["themes"])]  # type: ignore[call-overload]
    row.admin_themes = [SessionAdminTheme(theme=t) for t in dict.fromkeys(d["admin_themes"])]  # type: ignore[call-overload]
    row.equipment = [SessionEquipment(equipment=e) for e in dict.fromkeys(d["equipment"])]  # type: ignore[call-overload]
    session.add(row)
    session.flush()
    registered: set[int] = set()
    for line, inc in act.people:
        kind, person, candidates = match(session, inc, compare_years=False)
        if kind == "doubt":
            rep.doubts.append(Doubt(line, inc.name, [(p.id, _describe(p)) for p in candidates]))
            rep.lines.append(LineVerdict(
                line, "À vérifier",
                f"{inc.name} ({act.lacoop_id}) ressemble à "
                f"{' ; '.join(_describe(p) for p in candidates)} : compté(e) comme participant "
                "anonyme, vérifiez s'il s'agit de la même personne.",
            ))
            act.anonymous.append((inc.gender, inc.age, inc.status))
            continue
        if person is None:
            person = _create(session, inc)
            rep.people_added += 1
        else:
            _complete(person, inc)
        if person.id not in registered:
            registered.add(person.id)
            session.add(Registration(session_id=row.id, participant_id=person.id,
                                     attendance="present"))
    row.anonymous_count = len(act.anonymous)
    counts: dict[tuple[str, str], int] = {}
    for gender, age, status in act.anonymous:
        for dim, value in (("gender", gender), ("age", age), ("status", status)):
            if value != "nc":
                counts[(dim, value)] = counts.get((dim, value), 0) + 1
    row.anonymous = [SessionAnonymous(dimension=k[0], value=k[1], count=n)
                     for k, n in counts.items()]
    if act.kind == "collectif":
        row.capacity = max(1, len(registered) + row.anonymous_count)
    session.flush()
    rep.activities_added += 1


def _activities(
    session: Session, rows: list[tuple[object, ...]], header: int, cols: dict[str, int],
    rep: ImportReport, progress: Progress | None,
) -> None:
    known = set(session.scalars(
        select(WorkshopSession.lacoop_id).where(WorkshopSession.lacoop_id != "")
    ))
    pending: dict[str, _Activity] = {}
    data_rows = rows[header + 1:]
    for i, row in enumerate(data_rows):
        line = header + 2 + i
        report(progress, i, len(data_rows))
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        act, error = _activity_line(row, cols, line)
        if act is None:
            rep.lines.append(LineVerdict(line, "Refusé", error))
            continue
        if act.lacoop_id in known:
            rep.lines.append(LineVerdict(
                line, "Déjà connu", f"activité {act.lacoop_id} du "
                f"{act.start:%d/%m/%Y}, déjà dans l'historique."
            ))
            continue
        act = pending.setdefault(act.lacoop_id, act)
        inc = _beneficiary_of(row, cols)
        if inc is not None and inc.first_name:
            act.people.append((line, inc))
        elif inc is not None:
            act.anonymous.append((inc.gender, inc.age, inc.status))
        rep.lines.append(LineVerdict(
            line, "Ajouté", f"activité {act.lacoop_id} du {act.start:%d/%m/%Y} — "
            + (inc.name if inc is not None and inc.first_name else "participant anonyme")
        ))
    for act in pending.values():
        _write_activity(session, act, rep)
    rep.lines.sort(key=lambda v: v.line)


def import_file(
    session: Session, path: Path | str, *, progress: Progress | None = None
) -> ImportReport:
    """Read one export and write what it holds in the caller's unit of work."""
    kind, header, cols, rows = read_rows(path)
    rep = ImportReport(kind)
    if kind == ACTIVITIES:
        _activities(session, rows, header, cols, rep, progress)
        return rep
    data_rows = rows[header + 1:]
    for i, row in enumerate(data_rows):
        report(progress, i, len(data_rows))
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        _beneficiary_line(session, row, cols, header + 2 + i, rep)
    session.flush()
    return rep


def resolve_doubt(session: Session, doubt: Doubt, participant_id: int | None) -> int:
    """The review's answer for a "Bénéficiaires" line: the same person as ``participant_id``
    (completed), or someone else (created)."""
    if doubt.person is None:
        raise LacoopFileError("Cette ligne ne décrit pas une personne à rattacher.")
    if participant_id is not None and (p := session.get(Participant, participant_id)):
        _complete(p, doubt.person)
        session.flush()
        return p.id
    return _create(session, doubt.person).id
