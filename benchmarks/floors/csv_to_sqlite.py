"""Floor of the profile import: the same CSV rows read with the csv module and inserted into a
SQLite table of the same columns with one executemany in one transaction — no checks, no
matching, no history. Prints its own elapsed seconds (start-up excluded) on stdout.

    python benchmarks/floors/csv_to_sqlite.py FICHIER.csv BASE.sqlite
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import time


def main(path: str, db_path: str) -> None:
    started = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS profile (id INTEGER PRIMARY KEY, last_name TEXT, "
        "first_name TEXT, email TEXT, postal_code TEXT, ccp1 INTEGER, experience INTEGER, "
        "pix INTEGER, cv INTEGER)"
    )
    yes = {"oui": 1, "non": 0}
    with open(path, encoding="utf-8-sig", newline="") as fh, conn:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        rows = ((r[0], r[1], r[2], r[3], yes.get(r[4], 0), yes.get(r[5], 0), yes.get(r[6], 0),
                 yes.get(r[7], 0)) for r in reader)
        conn.executemany(
            "INSERT INTO profile (last_name, first_name, email, postal_code, ccp1, experience, "
            "pix, cv) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    print(f"{time.perf_counter() - started:.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
