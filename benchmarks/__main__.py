"""Runs every benchmark module of this package and prints its figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_"))
    only = set(sys.argv[1:])
    missed: list[str] = []
    for name in names:
        if only and name not in only:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name} ==", flush=True)
        if module.run() is False:  # a module with goals returns False when one is missed
            missed.append(name)
    if missed:
        print(f"Objectifs non atteints : {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
