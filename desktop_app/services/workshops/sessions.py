"""Sessions: a collective workshop or an individual appointment, created, changed, cancelled,
and listed for a date range (only that range is read, so the planner stays quick with years of
history).

A change is one unit of work: either everything is written (the session, its themes, its
equipment, its kit reservation, the person of an individual appointment) or nothing (the caller's
``with db.session()`` rolls back on any exception raised here).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop_app.models.workshops import (
    ADMIN_THEMES,
    ANONYMOUS_DIMENSIONS,
    AUTONOMY,
    EQUIPMENT,
    LEVELS,
    PLACE_TYPES,
    REDIRECTIONS,
    SESSION_KINDS,
    SESSION_STATUSES,
    THEMES,
    Participant,
    Registration,
    SessionAdminTheme,
    SessionAnonymous,
    SessionEquipment,
    SessionTheme,
    WorkshopSession,
)
from desktop_app.services import validation
from desktop_app.services.formatting import date_short, duration_minutes, time_short
from desktop_app.services.french import plural
from desktop_app.services.structure import get_structure
from desktop_app.services.workshops import ConflictError, ValidationError, WarningsNotAccepted
from desktop_app.services.workshops import conflicts as cf

DURATION_PRESETS = (15, 30, 45, 60, 90, 120)
MAX_CAPACITY = 500


@dataclass
class SessionInput:
    """What the editor fills in; also what ``get_session`` returns for an existing session."""

    kind: str = "collectif"
    title: str = ""
    themes: list[str] = field(default_factory=list)
    level: str | None = None
    place_type: str = "lieu_activite"
    venue: str = ""
    start: datetime = field(default_factory=lambda: datetime.now().replace(second=0, microsecond=0))
    duration_min: int = 60
    capacity: int | None = 12
    equipment: list[str] = field(default_factory=list)
    kit: dict[int, int] = field(default_factory=dict)  # kit category id → units reserved
    notes: str = ""
    status: str = "planifie"
    autonomy: str | None = None
    referral: str = ""
    participant_id: int | None = None  # the person of an individual appointment
    anonymous_count: int = 0
    # La Coop's fields: sub-themes and name of the démarche (theme "demarches"), the referral
    admin_themes: list[str] = field(default_factory=list)
    demarche_name: str = ""
    referred: bool = False
    redirection: str | None = None
    # anonymous participants per dimension ("gender", "age", "status") → value → count
    anonymous: dict[str, dict[str, int]] = field(default_factory=dict)
    conseiller_profile_id: int | None = None
    conseiller_name: str = ""
    room: str = ""

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_min)

    @property
    def is_individual(self) -> bool:
        return self.kind == "individuel"


@dataclass
class SessionDetail(SessionInput):
    id: int = 0
    series_id: int | None = None
    person_name: str = ""
    registered: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class SessionRow:
    """One line of the planner (week blocks, month cells, list rows)."""

    id: int
    kind: str
    title: str
    start: datetime
    duration_min: int
    status: str
    place_type: str
    venue: str
    themes: tuple[str, ...]
    registered: int
    waiting: int
    capacity: int | None
    series_id: int | None
    person: str = ""
    conseiller: str = ""  # the holder's name ("" for the unnamed conseiller)
    room: str = ""
    conseiller_profile_id: int | None = None  # the holder's profile, when a recruited one

    @property
    def conseiller_key(self) -> str:
        """Who holds it, as ``conflicts.conseiller_key`` (the planner's conseiller choice)."""
        return cf.conseiller_key(self.conseiller_profile_id, self.conseiller)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_min)

    @property
    def display_title(self) -> str:
        if self.kind == "individuel":
            who = self.person or "personne non indiquée"
            return f"{self.title} — {who}" if self.title else f"Accompagnement — {who}"
        return self.title

    @property
    def kind_label(self) -> str:
        return SESSION_KINDS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return SESSION_STATUSES.get(self.status, self.status)

    @property
    def themes_label(self) -> str:
        return ", ".join(THEMES.get(t, t) for t in self.themes)


@dataclass
class CheckResult:
    errors: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_venue(session: Session) -> str:
    """The library of "Paramètres de la structure" (its venue name, else the structure's)."""
    info = get_structure(session)
    return info.venue_name or info.name


# -- checks -------------------------------------------------------------------------------------
def validate(data: SessionInput) -> dict[str, str]:
    """Field → French message for each wrong field (nothing is read from the database)."""
    errors: dict[str, str] = {}
    if data.kind not in SESSION_KINDS:
        errors["kind"] = "Choisissez « Atelier collectif » ou « Accompagnement individuel »."
    if data.kind == "collectif" and not data.title.strip():
        errors["title"] = "Donnez un titre à l'atelier (par exemple « Premiers pas sur tablette »)."
    if len(data.title.strip()) > 200:
        errors["title"] = (
            f"Le titre est trop long ({len(data.title.strip())} caractères, 200 au plus)."
        )
    if not data.themes:
        errors["themes"] = "Cochez au moins une thématique."
    elif any(t not in THEMES for t in data.themes):
        errors["themes"] = "Une thématique cochée n'existe pas dans la liste du dispositif."
    if data.level is not None and data.level not in LEVELS:
        errors["level"] = "Choisissez le niveau dans la liste."
    if data.place_type not in PLACE_TYPES:
        errors["place_type"] = "Choisissez le type de lieu dans la liste."
    if len(data.venue.strip()) > 300:
        errors["venue"] = "Le lieu est trop long (300 caractères au plus)."
    if not 5 <= data.duration_min <= cf.MAX_DURATION_MIN:
        errors["duration_min"] = "La durée va de 5 minutes à 12 heures."
    elif (end := data.end).date() > data.start.date() and end.time() != datetime.min.time():
        # past midnight its end comes before its start on the clock: a mistyped hour
        errors["duration_min"] = (
            f"La séance doit finir le jour où elle commence : avec "
            f"{duration_minutes(data.duration_min)}, elle finirait le {date_short(end.date())} "
            f"à {time_short(end)}. Vérifiez l'heure de début et la durée."
        )
    if data.kind == "collectif" and (
        data.capacity is None or not 1 <= data.capacity <= MAX_CAPACITY
    ):
        errors["capacity"] = f"Indiquez le nombre de places (de 1 à {MAX_CAPACITY})."
    if any(e not in EQUIPMENT for e in data.equipment):
        errors["equipment"] = "Un matériel coché n'existe pas dans la liste du dispositif."
    elif "aucun" in data.equipment and len(data.equipment) > 1:
        errors["equipment"] = "« Pas de matériel » ne va pas avec un autre matériel coché."
    if any(v < 0 for v in data.kit.values()):
        errors["kit"] = "Le nombre d'appareils réservés ne peut pas être négatif."
    if data.status not in SESSION_STATUSES:
        errors["status"] = "Choisissez le statut dans la liste."
    elif data.status == "realise" and data.start > datetime.now():
        errors["status"] = "Une séance qui n'a pas encore eu lieu ne peut pas être « Réalisé »."
    if data.kind == "individuel":
        if data.participant_id is None:
            errors["participant"] = "Choisissez la personne accompagnée (ou créez-la)."
        if data.autonomy is not None and data.autonomy not in AUTONOMY:
            errors["autonomy"] = "Choisissez l'autonomie dans la liste."
        if len(data.referral.strip()) > 200:
            errors["referral"] = "L'orientation est trop longue (200 caractères au plus)."
    if data.anonymous_count < 0:
        errors["anonymous_count"] = (
            "Le nombre de participants non inscrits ne peut pas être négatif."
        )
    errors.update(_lacoop_errors(data))
    validation.check_text(errors, "title", data.title, validation.TITLE_MAX, "Le titre")
    validation.check_text(errors, "notes", data.notes, validation.NOTE_MAX, "La note")
    return errors


_DIMENSION_NAMES = {"gender": "genre", "age": "tranche d’âge", "status": "statut"}


def _lacoop_errors(data: SessionInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if any(t not in ADMIN_THEMES for t in data.admin_themes):
        errors["admin_themes"] = "Une démarche cochée n'existe pas dans la liste de La Coop."
    elif data.admin_themes and "demarches" not in data.themes:
        errors["admin_themes"] = (
            "Les démarches ne se cochent qu'avec la thématique « Aide aux démarches "
            "administratives »."
        )
    if len(data.demarche_name.strip()) > 200:
        errors["demarche_name"] = "Le nom de la démarche est trop long (200 caractères au plus)."
    if data.redirection is not None and data.redirection not in REDIRECTIONS:
        errors["redirection"] = "Choisissez la structure de redirection dans la liste."
    if len(data.conseiller_name.strip()) > 200:
        errors["conseiller"] = "Le nom du médiateur est trop long (200 caractères au plus)."
    if len(data.room.strip()) > 100:
        errors["room"] = "Le nom de la salle est trop long (100 caractères au plus)."
    for dimension, counts in data.anonymous.items():
        labels = ANONYMOUS_DIMENSIONS.get(dimension)
        if labels is None or any(v not in labels for v in counts):
            errors["anonymous"] = "Une catégorie de participants anonymes est inconnue."
            break
        if any(n < 0 for n in counts.values()):
            errors["anonymous"] = "Un nombre de participants ne peut pas être négatif."
            break
        if sum(counts.values()) > data.anonymous_count:
            errors["anonymous"] = (
                f"Par {_DIMENSION_NAMES[dimension]}, {sum(counts.values())} participants "
                f"anonymes sont répartis pour {data.anonymous_count} venus sans inscription."
            )
            break
    return errors


def _label(data: SessionInput) -> str:
    return data.title.strip() or SESSION_KINDS.get(data.kind, data.kind)


def check(
    session: Session,
    data: SessionInput,
    *,
    session_id: int | None = None,
    exclude_ids: tuple[int, ...] = (),
) -> CheckResult:
    """Everything the editor shows before saving: field errors, clashes and warnings.

    For an existing session the clash and warning checks run only on what changed (a note added
    to last month's workshop does not warn again about its public holiday)."""
    result = CheckResult(errors=validate(data))
    if result.errors or data.status == "annule":
        return result
    old = session.get(WorkshopSession, session_id) if session_id else None
    registered = 0
    if old is not None:
        old_kit = cf.kit_reserved(session, cf.kit_source(old.id))
        time_changed = (
            old.start != data.start
            or old.duration_min != data.duration_min
            or old.status == "annule"
            or old.conseiller_profile_id != data.conseiller_profile_id
            or old.conseiller_name != data.conseiller_name.strip()
            or old.room != data.room.strip()
        )
        kit_changed = time_changed or old_kit != {k: v for k, v in data.kit.items() if v > 0}
        registered = _count_registered(session, old.id)
        if data.kind == "collectif" and data.capacity is not None and registered > data.capacity:
            result.errors["capacity"] = (
                f"{registered} personnes sont inscrites : la capacité ne peut pas descendre en "
                f"dessous. Désinscrivez d'abord des personnes."
            )
            return result
    else:
        time_changed = kit_changed = True
    ignore = {session_id} if session_id else set()
    ignore.update(exclude_ids)
    if time_changed:
        result.conflicts += cf.busy_conflicts(
            session,
            data.start,
            data.end,
            ignore,
            conseiller_profile_id=data.conseiller_profile_id,
            conseiller_name=data.conseiller_name,
            room=data.room,
        )
    if kit_changed:
        source = cf.kit_source(session_id) if session_id else None
        result.conflicts += cf.kit_problems(session, data.start, data.end, data.kit, source)
    result.warnings += _over_capacity(data, old, registered)
    if time_changed and data.status == "planifie":
        result.warnings += cf.warnings_for(
            session,
            data.start,
            data.end,
            at_library=data.place_type == "lieu_activite",
            conseiller_profile_id=data.conseiller_profile_id,
            conseiller_name=data.conseiller_name,
        )
    return result


def _over_capacity(data: SessionInput, old: WorkshopSession | None, registered: int) -> list[str]:
    """A workshop whose registered people and people counted without registering exceed its
    seats: allowed (a full room takes a few more), but asked about when one of the numbers
    changes, since every one of them becomes a participation in the Bilan and in La Coop (a
    « 40 » typed for « 4 » would go unseen)."""
    if data.kind != "collectif" or not data.capacity or not data.anonymous_count:
        return []
    if (
        old is not None
        and old.anonymous_count == data.anonymous_count
        and old.capacity == data.capacity
    ):
        return []
    total = registered + data.anonymous_count
    if total <= data.capacity:
        return []
    came = f"{plural(data.anonymous_count, 'venu')} sans inscription"
    seats = plural(data.capacity, "place")
    # a new workshop has nobody registered yet: « 0 inscrit et » said nothing
    counted = (
        f"{came} pour {seats}"
        if not registered
        else f"{plural(registered, 'inscrit')} et {came} : {plural(total, 'personne')} pour {seats}"
    )
    return [f"{counted}. Vérifiez le nombre de venus sans inscription."]


def _raise_for(result: CheckResult, allow_warnings: bool) -> None:
    if result.errors:
        raise ValidationError(result.errors)
    if result.conflicts:
        raise ConflictError(result.conflicts)
    if result.warnings and not allow_warnings:
        raise WarningsNotAccepted(result.warnings)


def _count_registered(session: Session, session_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Registration.id)).where(
                Registration.session_id == session_id, Registration.status == "inscrit"
            )
        )
        or 0
    )


# -- writing ------------------------------------------------------------------------------------
def _write(session: Session, row: WorkshopSession, data: SessionInput) -> None:
    """Copy ``data`` onto ``row`` (themes, equipment, person), then reserve or release its kit."""
    row.kind = data.kind
    row.title = data.title.strip()
    row.level = data.level if data.kind == "collectif" else None
    row.place_type = data.place_type
    row.venue = data.venue.strip()
    row.start = data.start.replace(second=0, microsecond=0)
    row.duration_min = data.duration_min
    row.capacity = data.capacity if data.kind == "collectif" else 1
    row.notes = data.notes.strip()
    row.status = data.status
    row.autonomy = data.autonomy if data.kind == "individuel" else None
    row.referral = data.referral.strip() if data.kind == "individuel" else ""
    row.anonymous_count = data.anonymous_count
    _write_lacoop(row, data)
    wanted_themes = list(dict.fromkeys(data.themes))
    row.themes = [t for t in row.themes if t.theme in wanted_themes]
    have = {t.theme for t in row.themes}
    row.themes += [SessionTheme(theme=t) for t in wanted_themes if t not in have]
    wanted_eq = list(dict.fromkeys(data.equipment))
    row.equipment = [e for e in row.equipment if e.equipment in wanted_eq]
    have = {e.equipment for e in row.equipment}
    row.equipment += [SessionEquipment(equipment=e) for e in wanted_eq if e not in have]
    session.flush()
    if data.kind == "individuel" and data.participant_id is not None:
        _set_individual_person(session, row.id, data.participant_id)
    source = cf.kit_source(row.id)
    if data.status == "annule":
        cf.kit_release(session, source)
    else:
        cf.kit_reserve(session, source, row.start, data.end, data.kit, _label(data))


def _write_lacoop(row: WorkshopSession, data: SessionInput) -> None:
    individual = data.kind == "individuel"
    wanted = list(dict.fromkeys(data.admin_themes)) if "demarches" in data.themes else []
    row.admin_themes = [t for t in row.admin_themes if t.theme in wanted]
    have = {t.theme for t in row.admin_themes}
    row.admin_themes += [SessionAdminTheme(theme=t) for t in wanted if t not in have]
    row.demarche_name = data.demarche_name.strip() if wanted or "demarches" in data.themes else ""
    row.referred = data.referred and individual
    row.redirection = data.redirection if row.referred else None
    row.conseiller_profile_id = data.conseiller_profile_id
    row.conseiller_name = data.conseiller_name.strip()
    row.room = data.room.strip()
    counts = {
        (dim, value): n
        for dim, values in data.anonymous.items()
        for value, n in values.items()
        if n > 0 and not individual
    }
    row.anonymous = [a for a in row.anonymous if (a.dimension, a.value) in counts]
    for a in row.anonymous:
        a.count = counts[(a.dimension, a.value)]
    have_anon = {(a.dimension, a.value) for a in row.anonymous}
    row.anonymous += [
        SessionAnonymous(dimension=d, value=v, count=n)
        for (d, v), n in counts.items()
        if (d, v) not in have_anon
    ]


def _set_individual_person(session: Session, session_id: int, participant_id: int) -> None:
    if session.get(Participant, participant_id) is None:
        raise ValidationError(
            {"participant": "Cette personne n'existe plus : choisissez-en une autre."}
        )
    regs = session.scalars(select(Registration).where(Registration.session_id == session_id)).all()
    found = False
    for reg in regs:
        if reg.participant_id == participant_id:
            reg.status = "inscrit"
            found = True
        else:
            session.delete(reg)
    if not found:
        session.add(Registration(session_id=session_id, participant_id=participant_id))
    session.flush()


def create_session(
    session: Session,
    data: SessionInput,
    *,
    allow_warnings: bool = False,
    series_id: int | None = None,
) -> int:
    _raise_for(check(session, data), allow_warnings)
    row = WorkshopSession(series_id=series_id)
    session.add(row)
    _write(session, row, data)
    return row.id


def update_session(
    session: Session, session_id: int, data: SessionInput, *, allow_warnings: bool = False
) -> None:
    """Change one session (an occurrence of a series stays in its series)."""
    row = _get_row(session, session_id)
    old_capacity = row.capacity
    _raise_for(check(session, data, session_id=session_id), allow_warnings)
    _write(session, row, data)
    if data.kind == "collectif" and (old_capacity or 0) < (data.capacity or 0):
        from desktop_app.services.workshops.registrations import promote_waiting

        promote_waiting(session, session_id)


def cancel_session(session: Session, session_id: int) -> None:
    """Mark one session (or one occurrence of a series) "Annulé" and free its kit units."""
    row = _get_row(session, session_id)
    row.status = "annule"
    cf.kit_release(session, cf.kit_source(row.id))
    session.flush()


def set_status(session: Session, session_id: int, status: str) -> None:
    """ "Réalisé" after the session, or back to "Planifié" (checked like any change)."""
    if status == "annule":
        cancel_session(session, session_id)
        return
    data = get_session(session, session_id)
    data.status = status
    update_session(session, session_id, data, allow_warnings=True)


def delete_session(session: Session, session_id: int) -> None:
    """Remove a session entered by mistake (its registrations go with it)."""
    row = _get_row(session, session_id)
    cf.kit_release(session, cf.kit_source(row.id))
    session.delete(row)
    session.flush()


def _get_row(session: Session, session_id: int) -> WorkshopSession:
    row = session.get(WorkshopSession, session_id)
    if row is None:
        raise ValidationError({"session": "Cette séance n'existe plus (elle a été supprimée)."})
    return row


# -- reading ------------------------------------------------------------------------------------
def get_session(session: Session, session_id: int) -> SessionDetail:
    row = _get_row(session, session_id)
    counts = dict(
        session.execute(
            select(Registration.status, func.count(Registration.id))
            .where(Registration.session_id == session_id)
            .group_by(Registration.status)
        ).all()
    )
    person_id, person_name = None, ""
    if row.kind == "individuel":
        hit = session.execute(
            select(Participant.id, Participant.first_name, Participant.last_name)
            .join(Registration, Registration.participant_id == Participant.id)
            .where(Registration.session_id == session_id, Registration.status != "annule")
        ).first()
        if hit:
            person_id, person_name = hit[0], f"{hit[1]} {hit[2]}"
    return SessionDetail(
        id=row.id,
        kind=row.kind,
        title=row.title,
        themes=[t.theme for t in row.themes],
        level=row.level,
        place_type=row.place_type,
        venue=row.venue,
        start=row.start,
        duration_min=row.duration_min,
        capacity=row.capacity,
        equipment=[e.equipment for e in row.equipment],
        kit=cf.kit_reserved(session, cf.kit_source(row.id)),
        notes=row.notes,
        status=row.status,
        autonomy=row.autonomy,
        referral=row.referral,
        participant_id=person_id,
        anonymous_count=row.anonymous_count,
        admin_themes=[t.theme for t in row.admin_themes],
        demarche_name=row.demarche_name,
        referred=row.referred,
        redirection=row.redirection,
        anonymous=_anonymous_of(row),
        conseiller_profile_id=row.conseiller_profile_id,
        conseiller_name=row.conseiller_name,
        room=row.room,
        series_id=row.series_id,
        person_name=person_name,
        registered=counts.get("inscrit", 0),
        waiting=counts.get("attente", 0),
    )


def _anonymous_of(row: WorkshopSession) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for a in row.anonymous:
        found.setdefault(a.dimension, {})[a.value] = a.count
    return found


_NO_COUNTS = (0, 0)


def sessions_between(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    kind: str | None = None,
    status: str | None = None,
    theme: str | None = None,
    conseiller: str | None = None,
) -> list[SessionRow]:
    """Sessions starting in [start, end), in time order, with three more indexed queries
    (themes, registration counts, people of individual appointments) whatever their number.
    ``conseiller`` (a ``conflicts.conseiller_key``) keeps only that conseiller's sessions."""
    query = select(
        WorkshopSession.id,
        WorkshopSession.kind,
        WorkshopSession.title,
        WorkshopSession.start,
        WorkshopSession.duration_min,
        WorkshopSession.status,
        WorkshopSession.place_type,
        WorkshopSession.venue,
        WorkshopSession.capacity,
        WorkshopSession.series_id,
        WorkshopSession.conseiller_profile_id,
        WorkshopSession.conseiller_name,
        WorkshopSession.room,
    ).where(WorkshopSession.start >= start, WorkshopSession.start < end)
    if kind:
        query = query.where(WorkshopSession.kind == kind)
    if status:
        query = query.where(WorkshopSession.status == status)
    if theme:
        query = query.where(
            WorkshopSession.id.in_(
                select(SessionTheme.session_id).where(SessionTheme.theme == theme)
            )
        )
    rows = session.execute(query.order_by(WorkshopSession.start, WorkshopSession.id)).all()
    if conseiller is not None:
        rows = [
            r
            for r in rows
            if cf.conseiller_key(r.conseiller_profile_id, r.conseiller_name) == conseiller
        ]
    if not rows:
        return []
    in_range = (
        select(WorkshopSession.id)
        .where(WorkshopSession.start >= start, WorkshopSession.start < end)
        .scalar_subquery()
    )
    themes: dict[int, list[str]] = defaultdict(list)
    for sid, t in session.execute(
        select(SessionTheme.session_id, SessionTheme.theme).where(
            SessionTheme.session_id.in_(in_range)
        )
    ):
        themes[sid].append(t)
    # registered and waiting counted in one group per session: grouped on the indexed
    # session_id alone, SQLite needs no temporary B-tree over a year's registrations
    counts: dict[int, tuple[int, int]] = {}
    for sid, registered, waiting in session.execute(
        select(
            Registration.session_id,
            func.sum(case((Registration.status == "inscrit", 1), else_=0)),
            func.sum(case((Registration.status == "attente", 1), else_=0)),
        )
        .where(Registration.session_id.in_(in_range))
        .group_by(Registration.session_id)
    ):
        counts[sid] = (registered, waiting)
    people: dict[int, str] = {}
    for sid, first, last in session.execute(
        select(Registration.session_id, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == Registration.participant_id)
        .join(WorkshopSession, WorkshopSession.id == Registration.session_id)
        .where(
            WorkshopSession.start >= start,
            WorkshopSession.start < end,
            WorkshopSession.kind == "individuel",
            Registration.status != "annule",
        )
    ):
        people[sid] = f"{first} {last}"
    order = {t: i for i, t in enumerate(THEMES)}

    def rank(theme: str) -> int:
        return order.get(theme, 99)

    # each combination of themes put in order once: a year's thousands of sessions share a
    # few dozen combinations
    in_order: dict[tuple[str, ...], tuple[str, ...]] = {}
    ordered: dict[int, tuple[str, ...]] = {}
    for sid, found in themes.items():
        key = tuple(found)
        ranked = in_order.get(key)
        if ranked is None:
            ranked = in_order[key] = tuple(sorted(found, key=rank))
        ordered[sid] = ranked

    # rows unpacked by position: thousands of rows (a year's list), and attribute access on a
    # Row costs more than building the SessionRow
    return [
        SessionRow(
            id=sid,
            kind=kind,
            title=title,
            start=begin,
            duration_min=duration,
            status=status_,
            place_type=place_type,
            venue=venue,
            themes=ordered.get(sid, ()),
            registered=counts.get(sid, _NO_COUNTS)[0],
            waiting=counts.get(sid, _NO_COUNTS)[1],
            capacity=capacity,
            series_id=series_id,
            person=people.get(sid, ""),
            conseiller=conseiller_name,
            room=room,
            conseiller_profile_id=profile_id,
        )
        for (sid, kind, title, begin, duration, status_, place_type, venue, capacity, series_id,
             profile_id, conseiller_name, room) in rows
    ]
