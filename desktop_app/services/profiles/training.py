"""A conseiller's training as the programme asks it (dispositif.md §9), as dated deadlines.

Initial training towards the CCP1, the first certificate of the title « Médiateur numérique »
(RNCP 40695): 175 h of courses, a 210 h internship (which may take place in the host
structure) and the Pix certification. Then thematic modules: 2 in the first year, 1 a year
after. Hours come from the training leaves recorded in the profile; a leave whose hours are not
given counts for nothing and is said so, so that a total is never overstated.

The programme sets no date for the end of the initial training; the application asks for it
within the first year of the contract, the year the first two modules are due too, and says
so on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from desktop_app.models.profiles import (
    CCP1_MEANING,
    TRAINING_COURSES,
    TRAINING_INTERNSHIP,
    TRAINING_MODULE,
)
from desktop_app.services.dates import add_months
from desktop_app.services.formatting import date_long
from desktop_app.services.profiles.records import TrainingView, hours_text

COURSE_HOURS = Decimal(175)
INTERNSHIP_HOURS = Decimal(210)
FIRST_YEAR_MODULES = 2
INITIAL_WITHIN_MONTHS = 12
SOON_DAYS = 60
INITIAL_TITLE = f"Formation initiale vers le CCP1 ({CCP1_MEANING})"


@dataclass(frozen=True)
class TrainingDeadline:
    """One line of the training tracking, met (with its date) or due."""

    label: str
    due: date
    level: str  # "met", "late", "soon" or "ok"
    met_on: date | None = None


@dataclass
class TrainingPlan:
    start: date | None  # the contract's start, from which the years count
    deadlines: list[TrainingDeadline] = field(default_factory=list)
    unknown_hours: int = 0  # leaves recorded without their hours

    @property
    def notes(self) -> list[str]:
        if not self.unknown_hours:
            return []
        return [f"{self.unknown_hours} période(s) sans heures indiquées : elles ne sont pas "
                "comptées ; indiquez leurs heures pour un total juste."]


def _level(due: date, today: date) -> str:
    if due < today:
        return "late"
    return "soon" if (due - today).days <= SOON_DAYS else "ok"


def _hours_line(what: str, due_hours: Decimal, leaves: list[TrainingView], due: date,
                today: date) -> TrainingDeadline:
    done = Decimal(0)
    met_on = None
    for leave in sorted(leaves, key=lambda t: t.end):
        if leave.hours is None or leave.end > today:
            continue
        done += leave.hours
        if met_on is None and done >= due_hours:
            met_on = leave.end
    counted = f"{hours_text(done)} sur {hours_text(due_hours)}"
    if met_on is not None:
        return TrainingDeadline(f"{what} : {counted}, terminé le {date_long(met_on)}", due,
                                "met", met_on)
    return TrainingDeadline(f"{what} : {counted} faites, à terminer avant le {date_long(due)}",
                            due, _level(due, today))


def training_plan(start: date | None, end: date | None, trainings: list[TrainingView],
                  pix_certified_on: date | None, today: date) -> TrainingPlan:
    """The deadlines of one conseiller from the contract's ``start`` (None: not recruited yet,
    no deadline) to its ``end`` (None: open-ended), as of ``today``."""
    plan = TrainingPlan(start, unknown_hours=sum(1 for t in trainings if t.hours is None))
    if start is None:
        return plan
    due = add_months(start, INITIAL_WITHIN_MONTHS)
    by_kind = {kind: [t for t in trainings if t.kind == kind]
               for kind in (TRAINING_COURSES, TRAINING_INTERNSHIP, TRAINING_MODULE)}
    plan.deadlines.append(_hours_line("CCP1 — cours", COURSE_HOURS,
                                      by_kind[TRAINING_COURSES], due, today))
    plan.deadlines.append(_hours_line("CCP1 — stage (possible dans la structure)",
                                      INTERNSHIP_HOURS, by_kind[TRAINING_INTERNSHIP], due,
                                      today))
    if pix_certified_on is not None:
        plan.deadlines.append(TrainingDeadline(
            f"CCP1 — certification Pix obtenue le {date_long(pix_certified_on)}", due, "met",
            pix_certified_on))
    else:
        plan.deadlines.append(TrainingDeadline(
            f"CCP1 — certification Pix à passer avant le {date_long(due)}", due,
            _level(due, today)))
    done_modules = sorted(t.end for t in by_kind[TRAINING_MODULE] if t.end <= today)
    year = 1
    while True:
        year_due = add_months(start, 12 * year)
        if end is not None and year_due - timedelta(days=1) > end:
            break  # the contract ends before that year does
        if year > 1 and year_due > add_months(today, 12):
            break  # years beyond the coming one are not shown yet
        required = FIRST_YEAR_MODULES + (year - 1)
        year_text = "1re année" if year == 1 else f"{year}e année"
        wanted = f"{FIRST_YEAR_MODULES} modules" if year == 1 else "1 module"
        if len(done_modules) >= required:
            met_on = done_modules[required - 1]
            plan.deadlines.append(TrainingDeadline(
                f"Modules thématiques, {year_text} ({wanted}) : faits, le dernier le "
                f"{date_long(met_on)}", year_due, "met", met_on))
        else:
            missing = required - len(done_modules)
            plan.deadlines.append(TrainingDeadline(
                f"Modules thématiques, {year_text} ({wanted}) : {missing} à suivre avant le "
                f"{date_long(year_due)}", year_due, _level(year_due, today)))
        year += 1
        if year > 50:
            break
    return plan
