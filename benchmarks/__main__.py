"""Runs every benchmark module of this package and prints its figures.

Each module runs in a process of its own: run one after the other in one process, a module
measured the leftovers of those before it (their windows still alive, processing the events
of each timed step, their objects walked by every collection) — the workshops tab's first
show took 132 ms after the others and 72 ms alone.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import benchmarks


def _run_here(name: str) -> bool:
    module = importlib.import_module(f"benchmarks.{name}")
    print(f"== {name} ==", flush=True)
    return module.run() is not False  # a module with goals returns False when one is missed


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_"))
    only = [name for name in sys.argv[1:] if name != "--here"]
    selected = [name for name in names if not only or name in only]
    if "--here" in sys.argv[1:] or len(selected) == 1:
        missed = [name for name in selected if not _run_here(name)]
    else:
        missed = [
            name
            for name in selected
            if subprocess.run([sys.executable, "-m", "benchmarks", "--here", name]).returncode
        ]
    if missed:
        print(f"Objectifs non atteints : {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
