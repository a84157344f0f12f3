"""Profiles as records: the list, the detail, adding and editing (dispositif.md §5), CVs,
interviews, training periods, batches, requests for more profiles and deadlines.

Views get plain dataclasses; the list is fetched in one query of plain columns so that
thousands of profiles load at once without per-row queries.
"""

from __future__ import annotations

import logging
import re
import shutil
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sqlalchemy.engine import Dialect
    from sqlalchemy.sql.elements import Label

    from desktop_app.services.request.api import Deadline

from desktop_app.models.profiles import (
    MOBILITY,
    PIX_LEVELS,
    SOURCE_STRUCTURE,
    SOURCES,
    STATUS_LABELS,
    STATUS_LIST_LABELS,
    STATUS_NEW,
    STATUS_NOT_RETAINED,
    STATUS_PRESELECTED,
    STATUS_RECRUITED,
    STATUS_VALIDATED,
    TRAINING_COURSES,
    TRAINING_KINDS,
    TRAINING_MODULE,
    Interview,
    Profile,
    ProfileBatch,
    ProfileEvent,
    ProfileRequest,
    TrainingSession,
)
from desktop_app.paths import files_dir
from desktop_app.services import validation
from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.formatting import (
    date_full,
    date_in_words,
    date_long,
    date_short,
    time_short,
)
from desktop_app.services.french import elide
from desktop_app.services.profiles.workflow import FormError, WorkflowError

log = logging.getLogger(__name__)

CV_MAX_BYTES = 5 * 1024 * 1024
SATURDAY, SUNDAY = 5, 6  # date.weekday()
CV_FOLDER = "cv"


# ---------------------------------------------------------------- the list


class ProfileRow(NamedTuple):
    """One line of the list. A named tuple: thousands are built at each reading, several
    times faster than a frozen dataclass, and just as immutable."""

    id: int
    last_name: str
    first_name: str
    email: str
    postal_code: str
    commune: str
    availability_date: date | None
    ccp1: bool | None
    pix_shared: bool
    pix_level: int | None
    has_cv: bool
    graduate: bool
    status: str
    source: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def pix_text(self) -> str:
        if self.pix_level:
            return PIX_LEVELS.get(self.pix_level, str(self.pix_level))
        return "Oui" if self.pix_shared else "Non"


def plain_columns(model: type, *names: str) -> list[Label[Any]]:
    """The table columns behind ``model``'s mapped attributes ``names``, each labelled with its
    attribute's name (``Profile.ccp1`` is the column ``ccp1_trained``). The lists and details
    read here are Core statements of such columns, not of the ORM attributes: naming the
    attributes takes SQLAlchemy through the ORM's compile state, and the first run of each
    statement in a process (its compilation) cost about four times more."""
    columns = model.__mapper__.columns  # type: ignore[attr-defined]
    return [columns[name].label(name) for name in names]


_LIST_FIELDS = ("id", "last_name", "first_name", "email", "postal_code", "commune",
                "availability_date", "ccp1", "pix_shared", "pix_level", "cv_on_platform",
                "cv_file", "graduate", "status", "source")
_P = Profile.__table__.c
_LIST = select(*plain_columns(Profile, *_LIST_FIELDS)).order_by(_P.last_name, _P.first_name,
                                                                 _P.id)


def list_rows(session: Session) -> list[ProfileRow]:
    """Every profile, in one query of plain columns run on the DBAPI cursor of the session's
    connection, in the session's transaction. The statement is compiled once per dialect; the
    rows come back as plain tuples, and only the columns whose type converts (the date, the
    yes/no) are converted, each distinct value once, by the processors SQLAlchemy itself
    would apply: its result layer (a Row per line, a processor call per cell) cost about a
    quarter of reading 2,983 profiles, the query itself included. The order is the query's,
    always the same: two readings of unchanged profiles are equal lists."""
    session.flush()  # what the session's execute would do first (nothing pending: no-op)
    connection = session.connection()
    sql, converters = _list_statement(connection.dialect)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        fetched = cursor.fetchall()
    finally:
        cursor.close()
    if not fetched:
        return []
    columns: list[Iterable[object]] = list(zip(*fetched, strict=True))
    for n, convert in converters:
        values = columns[n]
        converted = {value: convert(value) for value in set(values)}
        columns[n] = map(converted.__getitem__, values)
    (pid, last, first, email, postal, commune, available, ccp1, pix_shared, pix_level,
     cv_on_platform, cv_file, graduate, status, source) = columns
    has_cv = map(_has_cv, cv_on_platform, cv_file)
    return list(map(ProfileRow, pid, last, first, email, postal, commune, available, ccp1,
                    pix_shared, pix_level, has_cv, graduate, status, source))


def _has_cv(on_platform: object, cv_file: str) -> bool:
    return bool(on_platform or cv_file)


_LIST_COMPILED: dict[str, tuple[str, list[tuple[int, Callable[[object], object]]]]] = {}


def _list_statement(dialect: Dialect) -> tuple[str, list[tuple[int, Callable[[object], object]]]]:
    """The list's SQL for ``dialect`` and, by column position, the result processors of its
    types (None-safe, as SQLAlchemy's are); compiled on first use and kept."""
    found = _LIST_COMPILED.get(dialect.name)
    if found is None:
        compiled = _LIST.compile(dialect=dialect)
        converters = []
        for n, column in enumerate(_LIST.selected_columns):
            processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
            if processor is not None:
                converters.append((n, processor))
        found = _LIST_COMPILED[dialect.name] = (compiled.string, converters)
    return found


def status_counts(session: Session) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LIST_LABELS, 0)
    for status, count in session.execute(
        select(Profile.status, func.count(Profile.id)).group_by(Profile.status)
    ):
        counts[status] = count
    return counts


# ---------------------------------------------------------------- one profile


PROFILE_FIELDS = (
    "last_name", "first_name", "email", "phone", "postal_code", "commune",
    "availability_date", "mobility", "job_seeker", "employed", "in_training", "graduate",
    "diploma", "experience", "experience_details", "ccp1", "pix_shared", "pix_level",
    "pix_professional", "pix_resources", "pix_citizen", "cv_on_platform", "notes",
)
# Longest text each field accepts (the columns' sizes; notes and details are bounded too, so
# that no document has to lay out a novel).
TEXT_LIMITS: dict[str, tuple[str, int]] = {
    "last_name": ("Le nom", 100), "first_name": ("Le prénom", 100),
    "email": ("L'adresse e-mail", 254), "phone": ("Le téléphone", 30),
    "commune": ("La commune", 200), "diploma": ("L'intitulé du diplôme", 200),
    "experience_details": ("Le détail de l'expérience", 2000), "notes": ("Les notes", 5000),
}


@dataclass
class ProfileInput:
    """Every field of dispositif.md §5 as the form holds it."""

    last_name: str = ""
    first_name: str = ""
    email: str = ""
    phone: str = ""
    postal_code: str = ""
    commune: str = ""
    availability_date: date | None = None
    mobility: str = ""
    job_seeker: bool = False
    employed: bool = False
    in_training: bool = False
    graduate: bool = False
    diploma: str = ""
    experience: bool = False
    experience_details: str = ""
    ccp1: bool | None = None  # None: unknown (« inconnu »)
    pix_shared: bool = False
    pix_level: int | None = None
    pix_professional: bool | None = None
    pix_resources: bool | None = None
    pix_citizen: bool | None = None
    cv_on_platform: bool = False
    notes: str = ""

    @classmethod
    def from_profile(cls, profile: Profile | Row) -> ProfileInput:
        """From the profile, or from a row of its columns under the same names."""
        return cls(**{name: getattr(profile, name) for name in PROFILE_FIELDS})


def check_profile(
    session: Session, data: ProfileInput, profile_id: int | None = None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.last_name.strip():
        errors["last_name"] = "Le nom est obligatoire."
    if not data.first_name.strip():
        errors["first_name"] = "Le prénom est obligatoire."
    for name, (label, limit) in TEXT_LIMITS.items():
        if name not in errors and len(getattr(data, name).strip()) > limit:
            errors[name] = (f"{label} ne doit pas dépasser {limit} caractères "
                            f"({len(getattr(data, name).strip())} saisis).")
    problem = None if "email" in errors else validation.check_email(data.email)
    if problem:
        errors["email"] = problem
    elif "email" not in errors:
        other = session.scalar(
            select(Profile).where(
                func.lower(Profile.email) == data.email.strip().lower(),
                Profile.id != (profile_id or 0),
            )
        )
        if other is not None:
            errors["email"] = (
                f"Un profil avec cette adresse existe déjà : {other.full_name}. "
                "Ouvrez-le plutôt que d'en créer un second."
            )
    problem = None if "phone" in errors else validation.check_phone(data.phone, required=False)
    if problem:
        errors["phone"] = problem
    if data.postal_code.strip():
        problem = validation.check_postal_code_format(data.postal_code)
        if problem:
            errors["postal_code"] = problem
    if data.mobility and data.mobility not in MOBILITY:
        errors["mobility"] = "Choisissez une mobilité dans la liste."
    if data.pix_level is not None and data.pix_level not in PIX_LEVELS:
        errors["pix_level"] = "Le degré de maîtrise Pix va de 1 (Débutant) à 3 (Avancé)."
    return errors


def _clean(data: ProfileInput) -> dict[str, object]:
    values = {name: getattr(data, name) for name in PROFILE_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    values["phone"] = validation.format_phone(values["phone"]) if values["phone"] else ""
    if not data.pix_shared:
        values.update(pix_level=None, pix_professional=None, pix_resources=None, pix_citizen=None)
    else:
        for name in ("pix_professional", "pix_resources", "pix_citizen"):
            values[name] = bool(values[name])
    if not data.graduate:
        values["diploma"] = ""
    return values


def add_profile(session: Session, data: ProfileInput, today: date) -> int:
    """"Ajouter un profil": a candidate the structure found itself."""
    errors = check_profile(session, data)
    if errors:
        raise FormError(errors)
    profile = Profile(
        **_clean(data), source=SOURCE_STRUCTURE, status=STATUS_NEW, status_changed_on=today
    )
    profile.events.append(
        ProfileEvent(event_date=today, label="Nouvelle candidature", detail=SOURCES[SOURCE_STRUCTURE])
    )
    session.add(profile)
    session.flush()
    return profile.id


def update_profile(session: Session, profile_id: int, data: ProfileInput, today: date) -> None:
    profile = _get(session, profile_id)
    errors = check_profile(session, data, profile_id)
    if errors:
        raise FormError(errors)
    for name, value in _clean(data).items():
        setattr(profile, name, value)
    profile.events.append(ProfileEvent(event_date=today, label="Profil modifié"))


def _get(session: Session, profile_id: int) -> Profile:
    profile = session.get(Profile, profile_id)
    if profile is None:
        raise WorkflowError("Ce profil n'existe plus : il a peut-être été supprimé.")
    return profile


@dataclass
class EventView:
    event_date: date
    label: str
    detail: str


@dataclass
class InterviewView:
    id: int
    profile_id: int
    candidate: str
    start: datetime
    place: str
    panel: str
    notes: str

    @property
    def when_text(self) -> str:
        return f"{date_short(self.start.date())} à {time_short(self.start)}"


@dataclass
class TrainingView:
    id: int
    start: date
    end: date
    organisation: str
    place: str
    kind: str = TRAINING_COURSES
    hours: Decimal | None = None
    title: str = ""

    @property
    def kind_label(self) -> str:
        label = TRAINING_KINDS.get(self.kind, self.kind)
        return f"{label} « {self.title} »" if self.title else label

    @property
    def hours_text(self) -> str:
        return hours_text(self.hours) if self.hours is not None else "heures à préciser"

    @property
    def text(self) -> str:
        where = ", ".join(x for x in (self.organisation, self.place) if x)
        return (f"{self.kind_label} : du {date_short(self.start)} au {date_short(self.end)}, "
                f"{self.hours_text}" + (f" — {where}" if where else ""))


def hours_text(hours: Decimal | float | int) -> str:
    """« 35 h », « 17,5 h » (a narrow no-break space keeps the figure and its unit together)."""
    value = Decimal(str(hours)).normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text}\u202fh"


def _training_view(t: TrainingSession) -> TrainingView:
    return TrainingView(t.id, t.start_date, t.end_date, t.organisation, t.place, t.kind,
                        t.hours, t.title)


@dataclass
class ProfileDetail:
    id: int
    data: ProfileInput
    status: str
    source: str
    batch_label: str
    refusal_reason: str
    validated_on: date | None
    recruitment_date: date | None
    contract_type: str
    contract_start: date | None
    contract_end: date | None
    salary_gross: Decimal | None
    contract_signed_on: date | None
    contract_text: str
    recruited_on: date | None
    rupture_date: date | None
    rupture_reason: str
    cv_file: str
    events: list[EventView] = field(default_factory=list)
    interviews: list[InterviewView] = field(default_factory=list)
    trainings: list[TrainingView] = field(default_factory=list)
    pix_certified_on: date | None = None
    salary_notice: str = ""  # a salary under the Smic in force at the contract's start

    @property
    def full_name(self) -> str:
        return f"{self.data.first_name} {self.data.last_name}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def has_cv(self) -> bool:
        return bool(self.cv_file or self.data.cv_on_platform)


def _batch_label(batch: ProfileBatch | Row | None) -> str:
    """From the batch or its (received_at, file_name) columns."""
    if batch is None:
        return ""
    return f"Lot reçu le {date_short(batch.received_at.date())} ({batch.file_name})"


# What the detail shows, read as plain columns: the profile and its batch in one statement,
# then its history, interviews and training periods. Loading the profile as an ORM object
# (``session.get``) and the rest through its relationships cost the first choice of a profile
# in a process that many ORM statements to prepare (the largest part of its reading), and
# every later choice the ORM's loading of an object of some forty columns.
_DETAIL_FIELDS = (
    *PROFILE_FIELDS, "id", "status", "source", "refusal_reason", "validated_on",
    "recruitment_date", "contract_type", "contract_start", "contract_end", "salary_gross",
    "contract_signed_on", "recruited_on", "rupture_date", "rupture_reason", "cv_file",
    "pix_certified_on",
)
_B = ProfileBatch.__table__.c
_E, _I = ProfileEvent.__table__.c, Interview.__table__.c
_T = TrainingSession.__table__.c
_DETAIL = (
    select(*plain_columns(Profile, *_DETAIL_FIELDS), _B.received_at, _B.file_name)
    .select_from(Profile.__table__.outerjoin(ProfileBatch.__table__, _B.id == _P.batch_id))
    .where(_P.id == bindparam("profile_id"))
)
_EVENTS = (select(_E.event_date, _E.label, _E.detail)
           .where(_E.profile_id == bindparam("profile_id"))
           .order_by(_E.at, _E.id))
_INTERVIEWS = (select(_I.id, _I.start, _I.place, _I.panel, _I.notes)
               .where(_I.profile_id == bindparam("profile_id"))
               .order_by(_I.start, _I.id))
_TRAININGS = (select(_T.id, _T.start_date, _T.end_date, _T.organisation, _T.place, _T.kind,
                     _T.hours, _T.title)
              .where(_T.profile_id == bindparam("profile_id"))
              .order_by(_T.start_date, _T.id))


def get_detail(session: Session, profile_id: int) -> ProfileDetail:
    from desktop_app.services.profiles.workflow import contract_summary, salary_notice

    session.flush()  # what the session's own execute would do first: pending history included
    connection = session.connection()
    key = {"profile_id": profile_id}
    profile = connection.execute(_DETAIL, key).first()
    if profile is None:
        raise WorkflowError("Ce profil n'existe plus : il a peut-être été supprimé.")
    name = f"{profile.first_name} {profile.last_name}".strip()  # as Profile.full_name
    return ProfileDetail(
        id=profile.id,
        data=ProfileInput.from_profile(profile),
        status=profile.status,
        source=profile.source,
        batch_label=_batch_label(profile if profile.received_at is not None else None),
        refusal_reason=profile.refusal_reason,
        validated_on=profile.validated_on,
        recruitment_date=profile.recruitment_date,
        contract_type=profile.contract_type,
        contract_start=profile.contract_start,
        contract_end=profile.contract_end,
        salary_gross=profile.salary_gross,
        contract_signed_on=profile.contract_signed_on,
        contract_text=contract_summary(profile),  # type: ignore[arg-type] - the same names
        recruited_on=profile.recruited_on,
        rupture_date=profile.rupture_date,
        rupture_reason=profile.rupture_reason,
        cv_file=profile.cv_file,
        events=[EventView(*e) for e in connection.execute(_EVENTS, key)],
        interviews=[
            InterviewView(iid, profile.id, name, start, place, panel, notes)
            for iid, start, place, panel, notes in connection.execute(_INTERVIEWS, key)
        ],
        trainings=[TrainingView(*t) for t in connection.execute(_TRAININGS, key)],
        pix_certified_on=profile.pix_certified_on,
        salary_notice=salary_notice(session, profile.salary_gross, profile.contract_start,
                                    profile.contract_type),
    )


# ---------------------------------------------------------------- CV


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "candidat"


def attach_cv(session: Session, profile_id: int, source: Path, today: date) -> Path:
    """Copy a PDF into the data folder (``fichiers/cv/``) and attach it to the profile."""
    source = Path(source)
    profile = _get(session, profile_id)
    if not source.is_file():
        raise FormError({"cv": f"Le fichier « {source.name} » est introuvable."})
    size = source.stat().st_size
    if size > CV_MAX_BYTES:
        raise FormError(
            {"cv": f"Le CV « {source.name} » pèse {size / 1024 / 1024:.1f} Mo".replace(".", ",")
             + f" : la limite est de {CV_MAX_BYTES // 1024 // 1024} Mo. Enregistrez-le en PDF "
             "plus léger (qualité « écran »), puis réessayez."}
        )
    with source.open("rb") as fh:
        head = fh.read(5)
    if head != b"%PDF-":
        raise FormError({"cv": f"« {source.name} » n'est pas un fichier PDF. Joignez le CV en PDF."})
    folder = files_dir() / CV_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    if _inside_files(f"{CV_FOLDER}/x") is None:
        raise FormError({"cv": _OUTSIDE_MESSAGE})
    target = folder / f"cv-{profile.id}-{_slug(profile.full_name)}.pdf"
    # Written beside and renamed: the rename replaces a link planted under that name instead
    # of writing through it, and a failed copy leaves the previous CV in place.
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    old = profile.cv_file
    profile.cv_file = f"{CV_FOLDER}/{target.name}"
    if old and old != profile.cv_file:
        old_path = _inside_files(old)
        if old_path is not None:
            old_path.unlink(missing_ok=True)
        else:
            log.warning("Ancien CV hors du dossier des fichiers, laissé en place : %r", old)
    profile.events.append(ProfileEvent(event_date=today, label="CV joint", detail=source.name))
    return target


_OUTSIDE_MESSAGE = (
    "Le dossier des fichiers joints n'est pas utilisable (lien vers un autre emplacement). "
    "Rien n'a été copié ; demandez à votre informaticien de vérifier le dossier « fichiers »."
)


def _inside_files(stored: str) -> Path | None:
    """The file a stored name designates, only if it lies inside the data folder's ``fichiers``
    with no link on the way; None for anything else (``../x``, ``/etc/passwd``, a symlink).

    Stored names come from the database, which another program may have written: they are
    never trusted to stay inside the folder by themselves.
    """
    if not stored or "\x00" in stored:
        return None
    relative = Path(stored)
    if relative.is_absolute() or relative.drive or ".." in relative.parts:
        return None
    root = files_dir().resolve()
    path = root / relative
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return None
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return None
    return path


def cv_path(cv_file: str) -> Path | None:
    """The attached CV to open, or None when there is none or it is not safely inside the data
    folder."""
    path = _inside_files(cv_file)
    return path if path is not None and path.is_file() else None


# ---------------------------------------------------------------- interviews


def schedule_interview(
    session: Session,
    profile_id: int,
    start: datetime | None,
    place: str,
    panel: str,
    notes: str,
    today: date,
    interview_id: int | None = None,
) -> int:
    errors: dict[str, str] = {}
    if start is None:
        errors["start"] = "Indiquez la date et l'heure de l'entretien."
    if not place.strip():
        errors["place"] = "Indiquez le lieu de l'entretien."
    if not panel.strip():
        errors["panel"] = "Indiquez qui fait partie du jury (au moins une personne)."
    if len(panel) > 500:
        errors["panel"] = "La composition du jury ne doit pas dépasser 500 caractères."
    if len(place) > 300:
        errors["place"] = "Le lieu ne doit pas dépasser 300 caractères."
    profile = _get(session, profile_id)
    if interview_id is None and profile.status != STATUS_PRESELECTED:
        raise WorkflowError(
            "Un entretien se planifie avec un candidat présélectionné : choisissez d'abord "
            "« Présélectionner ce candidat »."
        )
    if errors:
        raise FormError(errors)
    assert start is not None
    if interview_id is None:
        interview = Interview(profile_id=profile.id, start=start)
        session.add(interview)
        label = "Entretien planifié"
    else:
        interview = session.get(Interview, interview_id)
        if interview is None:
            raise WorkflowError("Cet entretien n'existe plus.")
        interview.start = start
        label = "Entretien modifié"
    interview.place = place.strip()
    interview.panel = panel.strip()
    interview.notes = notes.strip()
    profile.events.append(
        ProfileEvent(
            event_date=today,
            label=label,
            detail=f"Le {date_short(start.date())} à {time_short(start)}, {place.strip()}",
        )
    )
    session.flush()
    return interview.id


INTERVIEW_DAYS_AHEAD = 3  # the day first proposed: time to invite the candidate and the panel


def interview_day_notes(start: datetime, today: date) -> list[str]:
    """What to check before keeping an interview's day, in French: a Sunday or a public
    holiday (the structure is closed, or the day was mistyped), a day already past. None of
    them is refused: an interview already held is recorded afterwards, and a structure may
    receive a candidate on a Saturday or an exceptional day."""
    from desktop_app.services.french_holidays import french_holidays

    day = start.date()
    notes = []
    holiday = french_holidays(day.year).get(day)
    if holiday:
        notes.append(f"Le {day_name(day)} {date_in_words(day)} est un jour férié ({holiday}).")
    elif day.weekday() == SUNDAY:
        notes.append(f"Le {date_in_words(day)} est un dimanche.")
    if day < today:
        notes.append("Cette date est passée : l'entretien sera enregistré comme déjà tenu "
                     "(il ne figurera pas dans « Entretiens à venir »).")
    return notes


def first_interview_day(today: date) -> date:
    """The day first proposed for an interview: a few days ahead, on a weekday that is not a
    public holiday (three days after a Thursday was a Sunday)."""
    from desktop_app.services.french_holidays import french_holidays

    day = today + timedelta(days=INTERVIEW_DAYS_AHEAD)
    while day.weekday() >= SATURDAY or day in french_holidays(day.year):
        day += timedelta(days=1)
    return day


def day_name(day: date) -> str:
    """"jeudi"."""
    return date_full(day).split(" ", 1)[0]


def upcoming_interviews(session: Session, now: datetime) -> list[InterviewView]:
    """The interviews from today on, with their candidate's name (plain columns)."""
    rows = session.execute(
        select(_I.id, _I.profile_id, _P.first_name, _P.last_name, _I.start, _I.place,
               _I.panel, _I.notes)
        .select_from(Interview.__table__.join(Profile.__table__, _P.id == _I.profile_id))
        .where(_I.start >= now.replace(hour=0, minute=0, second=0, microsecond=0))
        .order_by(_I.start)
    ).all()
    return [
        InterviewView(iid, pid, f"{first} {last}", start, place, panel, notes)
        for iid, pid, first, last, start, place, panel, notes in rows
    ]


# ---------------------------------------------------------------- training


def add_training(
    session: Session,
    profile_id: int,
    start: date | None,
    end: date | None,
    organisation: str,
    place: str,
    today: date,
    *,
    kind: str = TRAINING_COURSES,
    hours: str | Decimal | None = None,
    title: str = "",
) -> int:
    """A training leave: courses or internship of the initial training, or a thematic module
    (its theme in ``title``), with its hours as typed ("35", "17,5"; empty: to be given)."""
    errors: dict[str, str] = {}
    if kind not in TRAINING_KINDS:
        errors["kind"] = "Choisissez le type de formation."
    parsed_hours, problem = parse_hours(hours)
    if problem:
        errors["hours"] = problem
    if kind == TRAINING_MODULE and not title.strip():
        errors["title"] = "Indiquez le thème du module."
    if len(title) > 200:
        errors["title"] = "Le thème ne doit pas dépasser 200 caractères."
    if start is None:
        errors["start"] = "Indiquez le premier jour de formation."
    if end is None:
        errors["end"] = "Indiquez le dernier jour de formation."
    if start and end and end < start:
        errors["end"] = "Le dernier jour de formation ne peut pas précéder le premier."
    if not organisation.strip():
        errors["organisation"] = "Indiquez l'organisme de formation."
    if len(organisation) > 200:
        errors["organisation"] = "L'organisme ne doit pas dépasser 200 caractères."
    if len(place) > 300:
        errors["place"] = "Le lieu ne doit pas dépasser 300 caractères."
    profile = _get(session, profile_id)
    if profile.status not in (STATUS_VALIDATED, STATUS_RECRUITED):
        raise WorkflowError(
            "Les périodes de formation concernent un candidat validé ou recruté."
        )
    if errors:
        raise FormError(errors)
    assert start is not None and end is not None
    training = TrainingSession(
        profile_id=profile.id,
        start_date=start,
        end_date=end,
        organisation=organisation.strip(),
        place=place.strip(),
        kind=kind,
        hours=parsed_hours,
        title=title.strip(),
    )
    session.add(training)
    view = _training_view(training)
    profile.events.append(
        ProfileEvent(
            event_date=today,
            label="Période de formation ajoutée",
            detail=f"{view.kind_label} : du {date_short(start)} au {date_short(end)}, "
                   f"{view.hours_text} — {organisation.strip()}",
        )
    )
    session.flush()
    return training.id


MAX_TRAINING_HOURS = Decimal(400)


def parse_hours(value: str | Decimal | None) -> tuple[Decimal | None, str]:
    """Hours as typed ("35", "17,5", "35 h") → (value, "") or (None, French message)."""
    if value is None or isinstance(value, Decimal):
        hours = value
    else:
        cleaned = value.strip().lower().rstrip("h").strip().replace(",", ".")
        if not cleaned:
            return None, ""
        try:
            hours = Decimal(cleaned)
        except InvalidOperation:
            return None, f"« {value} » n'est pas un nombre d'heures : écrivez par exemple 35 ou 17,5."
    if hours is not None and (not hours.is_finite() or hours <= 0 or hours > MAX_TRAINING_HOURS):
        return None, (f"Le nombre d'heures d'une période va de 0,5 à {MAX_TRAINING_HOURS} : "
                      "vérifiez la saisie.")
    return (hours.quantize(Decimal("0.1")) if hours is not None else None), ""


def record_pix_certification(session: Session, profile_id: int, when: date | None,
                             today: date) -> None:
    """The conseiller passed the Pix certification (the last step of the initial training);
    None clears it."""
    profile = _get(session, profile_id)
    if when is not None and when > today:
        raise FormError({"pix_certified_on": "La certification Pix ne peut pas être datée "
                                             "dans le futur."})
    profile.pix_certified_on = when
    profile.events.append(ProfileEvent(
        event_date=today, label="Certification Pix",
        detail=f"Obtenue le {date_short(when)}." if when else "Date effacée."))


def delete_training(session: Session, training_id: int, today: date) -> None:
    training = session.get(TrainingSession, training_id)
    if training is None:
        return
    training.profile.events.append(
        ProfileEvent(
            event_date=today,
            label="Période de formation supprimée",
            detail=f"Du {date_short(training.start_date)} au {date_short(training.end_date)}",
        )
    )
    session.delete(training)


@dataclass
class ConseillerTraining:
    """What the training attestation needs about the current conseiller. ``contract_text``
    names the contract by its kind and dates only: the training body has no business with the
    salary, so it never reaches the document."""

    profile_id: int
    full_name: str
    contract_text: str
    recruitment_date: date | None
    trainings: list[TrainingView]


def current_conseiller(session: Session, profile_id: int | None = None,
                       training_id: int | None = None) -> ConseillerTraining | None:
    """The recruited (else validated) conseiller with training periods, most recent first;
    with ``training_id``, only that leave (one attestation per leave)."""
    stmt = select(Profile).where(Profile.status.in_((STATUS_RECRUITED, STATUS_VALIDATED)))
    if profile_id is not None:
        stmt = select(Profile).where(Profile.id == profile_id)
    profiles = session.scalars(stmt).all()
    if not profiles:
        return None
    from desktop_app.services.profiles.workflow import contract_summary

    def rank(p: Profile) -> tuple:
        return (bool(p.trainings), p.status == STATUS_RECRUITED, p.validated_on or date.min, p.id)

    best = max(profiles, key=rank)
    return ConseillerTraining(
        profile_id=best.id,
        full_name=best.full_name,
        contract_text=contract_summary(best, with_salary=False),
        recruitment_date=best.recruitment_date,
        trainings=[_training_view(t) for t in best.trainings
                   if training_id is None or t.id == training_id],
    )


# ---------------------------------------------------------------- batches and requests


@dataclass
class BatchView:
    id: int
    received_at: datetime
    file_name: str
    added: int
    updated: int
    rejected: int

    @property
    def label(self) -> str:
        return f"Lot reçu le {date_short(self.received_at.date())}"


def batches(session: Session) -> list[BatchView]:
    return [
        BatchView(*row)
        for row in session.execute(
            select(_B.id, _B.received_at, _B.file_name, _B.added_count, _B.updated_count,
                   _B.rejected_count).order_by(_B.received_at.desc()))
    ]


def request_more_profiles(session: Session, when: date | None, note: str) -> int:
    if when is None:
        raise FormError({"date": "Indiquez la date de la demande."})
    if len(note) > 2000:
        raise FormError({"note": "La note ne doit pas dépasser 2 000 caractères."})
    request = ProfileRequest(requested_on=when, note=note.strip())
    session.add(request)
    session.flush()
    return request.id


def pending_request(session: Session) -> date | None:
    """Date of the last "Demander d'autres profils" not yet followed by a new batch."""
    requests = ProfileRequest.__table__.c
    requested_on = session.scalar(
        select(requests.requested_on)
        .order_by(requests.requested_on.desc(), requests.id.desc()).limit(1)
    )
    if requested_on is None:
        return None
    last_batch = session.scalar(select(func.max(_B.received_at)))
    if last_batch is not None and last_batch.date() >= requested_on:
        return None
    return requested_on


def pending_text(when: date) -> str:
    return f"En attente de nouveaux profils depuis le {date_long(when)}"


def request_email_text(session: Session, when: date, note: str) -> str:
    """The text of the request, ready to paste into an e-mail to the programme."""
    from desktop_app.services.profiles.workflow import quota
    from desktop_app.services.structure import get_structure

    info = get_structure(session)
    counts = status_counts(session)
    q = quota(session)
    lines = [
        "Objet : Demande de nouveaux profils de conseillers numériques",
        "",
        "Madame, Monsieur,",
        "",
        f"{info.display_name}"
        + (f" (SIRET {info.siret})" if info.siret else "")
        + " souhaite recevoir de nouveaux profils de candidats pour le poste de conseiller "
        "numérique.",
        f"Profils reçus à ce jour : {sum(counts.values())}, dont "
        f"{counts.get(STATUS_NOT_RETAINED, 0)} non retenu(s) et "
        f"{counts.get(STATUS_PRESELECTED, 0)} présélectionné(s).",
    ]
    if q.granted is not None:
        lines.append(f"Postes attribués : {q.granted} ; candidats validés : {q.holding}.")
    if note.strip():
        lines += ["", note.strip()]
    lines += [
        "",
        f"Demande faite le {date_long(when)}.",
        "",
        "Avec nos remerciements,",
        info.signatory_name or info.display_name,
    ]
    if info.signatory_title:
        lines.append(info.signatory_title)
    contact = " · ".join(v for v in (info.phone, info.email) if v)
    if contact:
        lines.append(contact)
    return "\n".join(lines)


def deadlines(session: Session, today: date) -> list[Deadline]:
    """The programme's deadlines shown at the top of the tab, the ones still to meet first (by
    date), then the ones met.

    The request area computes them all; the ones about a candidate are said here by name, with
    what to do, because a secretary reading « Signer le contrat avant le … » could not tell
    whose contract it was. Every candidate validated or recruited without a signed contract
    gets their own 15-day deadline, including one validated before the latest request's
    validation. The request area's deadlines about contracts (``kind == "contract"``) are
    replaced, the met selection is given the candidate's name; the others (posts, label) are
    kept as they are."""
    from desktop_app.services.request import api as request_api
    from desktop_app.services.request.api import Deadline

    try:
        found = list(request_api.deadlines(session, today))
    except NotImplementedError:
        return []
    rows = session.execute(
        select(Profile.first_name, Profile.last_name, Profile.status, Profile.validated_on,
               Profile.contract_signed_on)
        .where(Profile.validated_on.is_not(None))
        .order_by(Profile.validated_on, Profile.id)
    ).all()
    since = request_api.validation_date(session)
    named: list[Deadline] = []
    for d in found:
        if d.kind == "contract":
            continue  # said again below, by name
        if d.level == "met" and d.kind == "selection":
            first = next((r for r in rows if r.validated_on == d.met_on), None)
            if first is not None:
                d = replace(d, label=(
                    f"Candidat sélectionné : {_name(first)}, le {date_in_words(d.met_on)} "
                    f"(délai : {date_in_words(d.due)})"))
        named.append(d)
    for row in rows:
        due = row.validated_on + timedelta(days=request_api.SIGN_WITHIN_DAYS)
        whose = elide("de", _name(row))
        if row.contract_signed_on is None and row.status in (STATUS_VALIDATED, STATUS_RECRUITED):
            level = request_api.deadline_level(due, today)
            when = (f", attendu avant le {date_in_words(due)}" if level == "late"
                    else f" avant le {date_in_words(due)}")
            named.append(Deadline(
                f"Faire signer le contrat {whose}{when} (candidature validée le "
                f"{date_in_words(row.validated_on)}), puis l'enregistrer par « Contrat signé… »",
                due, level))
        elif row.contract_signed_on is not None and since is not None and (
            row.validated_on >= since
        ):
            named.append(Deadline(
                f"Contrat {whose} signé le {date_in_words(row.contract_signed_on)}", due, "met",
                row.contract_signed_on))
    due_first = sorted((d for d in named if d.level != "met"), key=lambda d: d.due)
    return due_first + [d for d in named if d.level == "met"]


def signature_intro(name: str, validated_on: date | None) -> str:
    """What « Contrat signé… » reminds: whose contract, validated when, due when (15 days)."""
    from desktop_app.services.request.api import SIGN_WITHIN_DAYS

    whose = elide("de", name)
    if validated_on is None:
        return f"Contrat {whose}."
    due = validated_on + timedelta(days=SIGN_WITHIN_DAYS)
    return (f"Contrat {whose} : candidature validée le {date_in_words(validated_on)}, contrat à "
            f"signer avant le {date_in_words(due)} ({SIGN_WITHIN_DAYS} jours).")


def _name(row: Row[Any]) -> str:
    """"Élodie Martin", as the deadlines and documents name a candidate."""
    return f"{row.first_name} {row.last_name}".strip()


def sole_recruited_name(session: Session) -> str:
    """The full name of the structure's recruited conseiller when there is exactly one, else
    "" (documents that name who led a session use it while sessions record no conseiller)."""
    names = session.scalars(select(Profile).where(Profile.status == STATUS_RECRUITED)).all()
    return names[0].full_name if len(names) == 1 else ""
