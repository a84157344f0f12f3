"""Runs every benchmark module of this package and prints its figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_"))
    only = set(sys.argv[1:])
    for name in names:
        if only and name not in only:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name} ==", flush=True)
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
