"""The training tracking on worked examples (175 h of courses, 210 h internship, Pix, then 2
modules the first year and 1 a year), the attestation per leave without the salary, and the
records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.models.profiles import STATUS_VALIDATED, Profile
from desktop_app.services.profiles import printing, records
from desktop_app.services.profiles.records import TrainingView
from desktop_app.services.profiles.training import training_plan

START = date(2026, 1, 5)


def _leave(n: int, kind: str, start: date, end: date, hours: str | None,
           title: str = "") -> TrainingView:
    return TrainingView(n, start, end, "Hub", "Dijon", kind,
                        Decimal(hours) if hours else None, title)


def test_hours_done_against_hours_due_as_deadlines() -> None:
    leaves = [
        _leave(1, "cours", date(2026, 2, 2), date(2026, 2, 6), "35"),
        _leave(2, "cours", date(2026, 3, 2), date(2026, 3, 13), "140"),
        _leave(3, "stage", date(2026, 4, 1), date(2026, 4, 30), "105"),
        _leave(4, "module", date(2026, 6, 1), date(2026, 6, 2), "14", "Numérique et parentalité"),
        _leave(5, "stage", date(2026, 5, 4), date(2026, 5, 6), None),
    ]
    plan = training_plan(START, None, leaves, None, date(2026, 12, 1))
    labels = [d.label for d in plan.deadlines]
    courses, internship, pix, year1 = plan.deadlines[:4]
    assert courses.level == "met" and courses.met_on == date(2026, 3, 13)
    assert "175\u202fh sur 175\u202fh, terminé le 13 mars 2026" in courses.label
    assert internship.level == "soon" and internship.due == date(2027, 1, 5)
    assert "105\u202fh sur 210\u202fh faites" in internship.label
    assert "certification Pix à passer avant le 5 janvier 2027" in pix.label
    assert "1 à suivre avant le 5 janvier 2027" in year1.label
    assert not any("2e année" in label for label in labels)  # more than a year ahead
    later = training_plan(START, None, leaves, None, date(2027, 3, 1))
    assert any("2e année (1 module) : 2 à suivre avant le 5 janvier 2028" in d.label
               for d in later.deadlines)
    assert plan.unknown_hours == 1 and "ne sont pas comptées" in plan.notes[0]


def test_modules_met_with_their_date_and_no_year_past_the_contract() -> None:
    leaves = [_leave(n, "module", date(2026, m, 1), date(2026, m, 2), "7", f"M{n}")
              for n, m in ((1, 3), (2, 9))]
    plan = training_plan(START, date(2027, 1, 4), leaves, date(2026, 11, 3), date(2026, 12, 1))
    pix, year1 = plan.deadlines[2], plan.deadlines[3]
    assert pix.level == "met" and "obtenue le 3 novembre 2026" in pix.label
    assert year1.level == "met" and year1.met_on == date(2026, 9, 2)
    assert len(plan.deadlines) == 4  # the contract ends with the first year
    assert training_plan(None, None, leaves, None, date(2026, 12, 1)).deadlines == []


def _validated(db: Database) -> int:
    with db.session() as s:
        p = Profile(first_name="Élodie", last_name="Arnaud", email="e@exemple.fr",
                    status=STATUS_VALIDATED, validated_on=date(2026, 1, 2),
                    recruitment_date=date(2026, 1, 5), contract_type="cdd",
                    contract_start=START, contract_end=date(2028, 1, 4),
                    salary_gross=Decimal("1850.00"))
        s.add(p)
        s.flush()
        return p.id


def test_one_attestation_per_leave_and_no_salary(db: Database, tmp_path: Path) -> None:
    pid = _validated(db)
    with db.session() as s:
        records.add_training(s, pid, date(2026, 2, 2), date(2026, 2, 6), "Hub", "Dijon",
                             date(2026, 1, 10), kind="cours", hours="35")
        module = records.add_training(s, pid, date(2026, 6, 1), date(2026, 6, 2), "Hub",
                                      "Nevers", date(2026, 1, 10), kind="module",
                                      hours="14", title="Numérique et parentalité")
    out = tmp_path / "a.pdf"
    printing.write_training_attestation(db, out, date(2026, 5, 1), pid, module)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "module thématique « Numérique et parentalité »" in text
    assert "01/06/2026" in text and "02/02/2026" not in text  # that leave only
    assert "CDD à partir du 05/01/2026 jusqu'au 04/01/2028" in text
    assert "1 850" not in text and "brut" not in text and "€" not in text
    printing.write_training_attestation(db, out, date(2026, 5, 1), pid)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "RNCP 40695" in text and "02/02/2026" in text
