"""« À saisir dans La Coop »: the activities held and not yet typed into La Coop.

La Coop cannot import activities and asks for each one on the day it took place. The list gives,
for each activity, every field of La Coop's form in La Coop's order and wording (the columns of
its "Activités" export), so it can be typed across quickly; "saisi dans La Coop" marks it done.
An activity is held when it is "Réalisé", or still "Planifié" once its start has passed; a
cancelled one is never listed. It is late when its day is before today.

The page lists ``entry_lines`` (a few columns read in two queries, whatever the number of
activities: thousands at ``--scale 100``) and builds the whole form of one activity,
``entry_item``, only when it is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    ADMIN_THEMES,
    AGE_BRACKETS,
    ANONYMOUS_DIMENSIONS,
    AUTONOMY,
    EQUIPMENT,
    GENDERS,
    LEVELS,
    PLACE_TYPES,
    REDIRECTIONS,
    SESSION_KINDS,
    SOCIAL_STATUSES,
    THEMES,
    Participant,
    Registration,
    WorkshopSession,
)
from desktop_app.services.formatting import date_short, time_short
from desktop_app.services.workshops.conflicts import conseiller_key
from desktop_app.services.workshops.participants import age_bracket

# The order La Coop lists them in (its form and its "Activités" export).
FIELD_ORDER = (
    "Date",
    "Type",
    "Participants",
    "Bénéficiaire",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Notes supplémentaires",
)


@dataclass(frozen=True)
class Person:
    name: str
    commune: str  # "Saint-Pierre-le-Moûtier (58240, INSEE 58264)"
    gender: str
    age: str
    status: str


@dataclass
class EntryItem:
    session_id: int
    start: datetime
    duration_min: int
    title: str
    conseiller: str
    entered_at: datetime | None
    late: bool
    fields: list[tuple[str, str]] = field(default_factory=list)  # La Coop's label, value
    people: list[Person] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)  # what La Coop will ask and is missing

    @property
    def heading(self) -> str:
        return f"{date_short(self.start.date())} {time_short(self.start)} — {self.title}"


@dataclass
class EntryList:
    items: list[EntryItem]
    late: int  # held before today and not entered

    @property
    def to_enter(self) -> int:
        return sum(1 for i in self.items if i.entered_at is None)


def _place(row: WorkshopSession) -> str:
    return PLACE_TYPES.get(row.place_type, row.place_type)


def _themes(row: WorkshopSession) -> str:
    order = list(THEMES)
    keys = sorted((t.theme for t in row.themes), key=lambda t: order.index(t) if t in order else 99)
    lines = []
    for key in keys:
        label = THEMES.get(key, key)
        if key == "demarches" and row.admin_themes:
            sub_order = list(ADMIN_THEMES)
            subs = sorted(
                (t.theme for t in row.admin_themes),
                key=lambda t: sub_order.index(t) if t in sub_order else 99,
            )
            label += " : " + ", ".join(ADMIN_THEMES.get(s, s) for s in subs)
        lines.append(label)
    return "\n".join(lines)


@dataclass(frozen=True)
class _Attendance:
    people: list[Person]  # who came, as the Bilan counts them
    unrecorded: int  # registered to a workshop, attendance not noted: not counted
    missed: int  # marked « Absent » or « Excusé »


def _people(session: Session, row: WorkshopSession, year: int) -> _Attendance:
    """Who is given to La Coop as having come: in a workshop the people marked « Présent »
    only (as the Bilan counts participations), for an appointment its person unless marked
    absent or excused."""
    regs = session.execute(
        select(Participant, Registration.attendance)
        .join(Registration, Registration.participant_id == Participant.id)
        .where(Registration.session_id == row.id, Registration.status == "inscrit")
        .order_by(Participant.last_name, Participant.first_name)
    ).all()
    people = []
    unrecorded = missed = 0
    for p, attendance in regs:
        if attendance in ("absent", "excuse"):
            missed += 1
            continue
        if attendance is None and row.kind != "individuel":
            unrecorded += 1
            continue
        where = p.commune
        codes = ", ".join(
            x for x in (p.postal_code, f"INSEE {p.insee_code}" if p.insee_code else "") if x
        )
        if where and codes:
            where = f"{where} ({codes})"
        people.append(
            Person(
                name=f"{p.first_name} {p.last_name}",
                commune=where or "non indiquée",
                gender=GENDERS.get(p.gender, p.gender),
                age=AGE_BRACKETS.get(age_bracket(p.birth_year, p.age_bracket, year), ""),
                status=SOCIAL_STATUSES.get(p.social_status, p.social_status),
            )
        )
    return _Attendance(people, unrecorded, missed)


def _anonymous(row: WorkshopSession) -> list[str]:
    """"3 anonymes — Genre : Féminin 2, Non communiqué 1 ; …" (the rest is "Non communiqué")."""
    if not row.anonymous_count:
        return []
    lines = [f"{row.anonymous_count} participant(s) anonyme(s)"]
    names = {"gender": "Genre", "age": "Tranche d’âge", "status": "Statut"}
    for dim, labels in ANONYMOUS_DIMENSIONS.items():
        counts = {a.value: a.count for a in row.anonymous if a.dimension == dim}
        rest = row.anonymous_count - sum(counts.values())
        if rest > 0:
            counts["nc"] = counts.get("nc", 0) + rest
        parts = [f"{labels[v]} {counts[v]}" for v in labels if counts.get(v)]
        lines.append(f"{names[dim]} : " + ", ".join(parts))
    return lines


def _title(kind: str, title: str, first_person: str | None) -> str:
    """The line's title: the session's, and for individual help the person helped."""
    shown = title or SESSION_KINDS.get(kind, kind)
    if kind == "individuel" and first_person:
        return f"{shown} — {first_person}" if title else f"Accompagnement — {first_person}"
    return shown


def _item(session: Session, row: WorkshopSession, today: date) -> EntryItem:
    individual = row.kind == "individuel"
    attendance = _people(session, row, row.start.year)
    people = attendance.people
    title = _title(row.kind, row.title, people[0].name if people else None)
    item = EntryItem(
        session_id=row.id,
        start=row.start,
        duration_min=row.duration_min,
        title=title,
        conseiller=row.conseiller_name,
        entered_at=row.lacoop_entered_at,
        late=row.start.date() < today,
    )
    level = (
        AUTONOMY.get(row.autonomy or "", "") if individual else LEVELS.get(row.level or "", "")
    )
    anonymous = _anonymous(row)
    fields: dict[str, str] = {
        "Date": f"{date_short(row.start.date())} à {time_short(row.start)}",
        "Type": SESSION_KINDS.get(row.kind, row.kind),
        "Participants": str(len(people) + (0 if individual else row.anonymous_count)),
        "Bénéficiaire": "\n".join(
            [f"{p.name} — {p.commune} — {p.gender}, {p.age}, {p.status}" for p in people]
            + anonymous
        ),
        "Canaux d’accompagnement": _place(row),
        "Nom du lieu": row.venue,
        "Durée (min)": str(row.duration_min),
        "Nom de l’atelier": "" if individual else row.title,
        "Matériel numérique utilisé": "\n".join(
            EQUIPMENT.get(e.equipment, e.equipment) for e in row.equipment
        ),
        "Thématique(s) d’accompagnement": _themes(row),
        "Nom de la démarche administrative": row.demarche_name,
        "Niveau d’autonomie (ou de l’atelier)": level,
        "Bénéficiaire réorienté": ("Oui" if row.referred else "Non") if individual else "",
        "Structure de redirection": (
            REDIRECTIONS.get(row.redirection or "", "")
            + (f" — {row.referral}" if row.referral else "")
        ).strip(" —"),
        "Notes supplémentaires": row.notes,
    }
    item.fields = [(label, fields[label]) for label in FIELD_ORDER if fields[label]]
    item.people = people
    if individual and attendance.missed and not people:
        item.to_check.append(
            "La personne a été notée absente ou excusée : l'accompagnement n'a pas eu lieu "
            "(annulez-le plutôt que de le saisir)."
        )
    elif individual and not people:
        item.to_check.append("La personne accompagnée n'est pas indiquée.")
    elif individual and row.status == "planifie":
        item.to_check.append(
            "L'accompagnement est encore « Planifié » : marquez-le « Réalisé » s'il a eu lieu."
        )
    if attendance.unrecorded:
        n = attendance.unrecorded
        item.to_check.append(
            f"{n} inscrit{'s' if n > 1 else ''} sans présence notée : "
            f"{'ces personnes ne sont pas comptées' if n > 1 else 'cette personne n’est pas comptée'}"
            ". Notez les présences avant la saisie."
        )
    if not row.equipment:
        item.to_check.append("Le matériel numérique utilisé n'est pas coché.")
    if individual and row.referred and not row.redirection:
        item.to_check.append("La structure de redirection n'est pas choisie.")
    if individual and row.autonomy is None:
        item.to_check.append("Le niveau d’autonomie n'est pas choisi.")
    return item


@dataclass(frozen=True)
class EntryLine:
    """One line of the page's list; the whole form is ``entry_item``."""

    session_id: int
    start: datetime
    title: str
    entered_at: datetime | None
    late: bool

    @property
    def heading(self) -> str:
        """``EntryItem.heading``, without strftime (slow on thousands of lines)."""
        s = self.start
        return f"{s.day:02d}/{s.month:02d}/{s.year} {s.hour:02d}:{s.minute:02d} — {self.title}"

    @property
    def text(self) -> str:
        """The heading after its mark: ✔ entered, ⚠ late."""
        mark = "✔ " if self.entered_at else ("⚠ " if self.late else "")
        return mark + self.heading


@dataclass
class EntryLines:
    lines: list[EntryLine]  # not entered, oldest first; then those entered recently
    late: int  # held before today and not entered
    to_enter: int


HELD = ("realise", "planifie")  # "Réalisé", or "Planifié" once started (its start is past)


def _held(now: datetime, days_back: int):  # noqa: ANN202 - SQL conditions
    """The days that may be listed, never "Annulé". Written ``!=`` rather than ``IN HELD``: the
    database then walks the start index over those days instead of the status index over
    nearly every session; ``HELD`` is checked on the rows read."""
    since = datetime.combine(now.date() - timedelta(days=days_back), datetime.min.time())
    return (
        WorkshopSession.start >= since,
        WorkshopSession.start <= now,
        WorkshopSession.status != "annule",
    )


def _first_people(session: Session, held: tuple) -> dict[int, str]:  # noqa: ANN001
    """The first person helped ("Prénom Nom", in ``_people``'s order) of each held individual
    session, in one query."""
    rows = session.execute(
        select(Registration.session_id, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == Registration.participant_id)
        .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
        .where(
            *held,
            WorkshopSession.kind == "individuel",
            Registration.status == "inscrit",
            or_(Registration.attendance.is_(None),
                Registration.attendance.not_in(("absent", "excuse"))),
        )
        .order_by(Registration.session_id, Participant.last_name, Participant.first_name)
    )
    first: dict[int, str] = {}
    for sid, first_name, last_name in rows:
        first.setdefault(sid, f"{first_name} {last_name}")
    return first


def entry_lines(
    session: Session,
    now: datetime,
    *,
    conseiller: str | None = None,
    include_entered_since: date | None = None,
    days_back: int = 366,
) -> EntryLines:
    """Held activities not yet entered (oldest first: the late ones lead), then, when
    ``include_entered_since`` is given, those already entered since that day (to undo a mark).
    ``conseiller`` (a ``conseiller_key``) keeps one conseiller's; None for the structure."""
    today = now.date()
    held = _held(now, days_back)
    rows = session.execute(
        select(
            WorkshopSession.id, WorkshopSession.start, WorkshopSession.kind,
            WorkshopSession.title, WorkshopSession.lacoop_entered_at,
            WorkshopSession.conseiller_profile_id, WorkshopSession.conseiller_name,
            WorkshopSession.status,
        )
        .where(*held)
        .order_by(WorkshopSession.start, WorkshopSession.id)
    ).all()
    people = _first_people(session, held)
    lines: list[EntryLine] = []
    done: list[EntryLine] = []
    for sid, start, kind, title, entered_at, profile_id, name, status in rows:
        if status not in HELD:
            continue
        if conseiller is not None and conseiller_key(profile_id, name) != conseiller:
            continue
        if entered_at is not None and not (
            include_entered_since and start.date() >= include_entered_since
        ):
            continue
        line = EntryLine(sid, start, _title(kind, title, people.get(sid)), entered_at,
                         start.date() < today)
        (lines if entered_at is None else done).append(line)
    return EntryLines(lines + done, sum(1 for i in lines if i.late), len(lines))


def entry_item(session: Session, session_id: int, now: datetime) -> EntryItem | None:
    """The whole form of one activity, as La Coop asks for it; None when it is gone."""
    row = session.get(WorkshopSession, session_id)
    return None if row is None else _item(session, row, now.date())


def entry_list(
    session: Session,
    now: datetime,
    *,
    conseiller: str | None = None,
    include_entered_since: date | None = None,
    days_back: int = 366,
) -> EntryList:
    """``entry_lines`` with every activity's whole form (the command line, the tests)."""
    found = entry_lines(session, now, conseiller=conseiller,
                        include_entered_since=include_entered_since, days_back=days_back)
    today = now.date()
    rows = {
        r.id: r
        for r in session.scalars(
            select(WorkshopSession).where(*_held(now, days_back))
        )
    }
    return EntryList([_item(session, rows[line.session_id], today) for line in found.lines],
                     found.late)


def mark_entered(
    session: Session, session_ids: Iterable[int], when: datetime, *, entered: bool = True
) -> int:
    """Mark (or unmark) activities as typed into La Coop; returns how many changed."""
    changed = 0
    for sid in session_ids:
        row = session.get(WorkshopSession, sid)
        if row is None:
            continue
        value = when.replace(microsecond=0) if entered else None
        if (row.lacoop_entered_at is None) == entered:
            row.lacoop_entered_at = value
            changed += 1
    session.flush()
    return changed


def as_text(item: EntryItem) -> str:
    """The activity as lines "Label : valeur", to copy."""
    lines = [item.heading]
    for label, value in item.fields:
        value_lines = value.splitlines() or [""]
        lines.append(f"{label} : {value_lines[0]}")
        lines += [f"    {v}" for v in value_lines[1:]]
    return "\n".join(lines)
