"""Build ``resources/communes/communes.json.gz``, the offline list of French communes.

Source: the npm package ``@etalab/decoupage-administratif`` (Etalab, MIT licence), which
republishes the official geographic code (INSEE "Code officiel géographique"), the postal codes
of La Poste's open data and the communes' SIREN numbers. Install it outside the repository, then
run this script::

    mkdir -p /tmp/etalab && cd /tmp/etalab && npm install @etalab/decoupage-administratif
    python scripts/build_communes.py /tmp/etalab/node_modules/@etalab/decoupage-administratif

What is kept (a few hundred KB once compressed): each current commune ("commune-actuelle") and
each municipal district of Paris, Lyon and Marseille (they have their own postal codes; their
SIREN is their city's), with its INSEE code, name, postal codes, département code and SIREN;
the names of the départements and régions in separate tables. Merged ("déléguées") and
associated communes are left out: they have no postal code or SIREN of their own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "communes" / "communes.json.gz"


def build(package_dir: Path) -> dict:
    data = package_dir / "data"
    package = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    regions = json.loads((data / "regions.json").read_text(encoding="utf-8"))

    sirens = {c["code"]: c.get("siren", "") for c in communes if c["type"] == "commune-actuelle"}
    rows = []
    for c in communes:
        if c["type"] == "commune-actuelle":
            siren = c.get("siren", "")
        elif c["type"] == "arrondissement-municipal":
            siren = sirens.get(c.get("commune", ""), "")
        else:
            continue
        postal_codes = sorted(set(c.get("codesPostaux", [])))
        rows.append([c["code"], c["nom"], " ".join(postal_codes), c["departement"], siren])
    rows.sort(key=lambda r: r[0])
    return {
        "source": (
            f"@etalab/decoupage-administratif {package['version']} "
            "(Etalab, licence MIT) — https://github.com/etalab/decoupage-administratif"
        ),
        "columns": ["insee", "nom", "codes_postaux", "departement", "siren"],
        "departements": {
            d["code"]: [d["nom"], d.get("region", d["code"])] for d in departements
        },
        "regions": {r["code"]: r["nom"] for r in regions},
        "communes": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", type=Path, help="dossier du paquet npm installé")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    payload = build(args.package_dir)
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes (reproducible, no spurious git diffs).
    with args.out.open("wb") as fh, gzip.GzipFile(
        filename="communes.json", mode="wb", fileobj=fh, compresslevel=9, mtime=0
    ) as gz:
        gz.write(raw)
    print(
        f"{len(payload['communes'])} communes, {len(payload['departements'])} départements, "
        f"{len(payload['regions'])} régions → {args.out} ({args.out.stat().st_size // 1024} Ko)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
