""""Vérifier la base": SQLite's integrity check, then the number of records per kind."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop_app.db import Database
from desktop_app.models import Base


@dataclass
class IntegrityReport:
    problems: list[str]
    counts: list[tuple[str, int]]  # (French label, number of records)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = ["Intégrité : correcte"] if self.ok else ["Intégrité : PROBLÈMES DÉTECTÉS"]
        head += [f"  - {p}" for p in self.problems]
        return head + [f"{label} : {count}" for label, count in self.counts]


def record_counts(db: Database) -> list[tuple[str, int]]:
    counts = []
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            label = table.info.get("label")
            if not label:
                continue
            count = session.scalar(select(func.count()).select_from(table)) or 0
            counts.append((label, int(count)))
    return sorted(counts, key=lambda item: item[0])


def check_database(db: Database) -> IntegrityReport:
    return IntegrityReport(problems=db.integrity_problems(), counts=record_counts(db))
