"""Sample platform exports (well-formed and damaged) generated for the tests."""

from __future__ import annotations

from desktop_app.services.profiles.importer import sample_csv

ROWS = [
    {"Nom": "Lefèvre-Château", "Prénom": "Éléonore", "Email": "eleonore.lefevre@exemple.fr",
     "Code postal": "58120", "Formation CCP1": "oui", "Expérience": "oui", "Test PIX": "oui",
     "CV": "oui"},
    {"Nom": "Nguyễn", "Prénom": "François", "Email": "francois.nguyen@exemple.fr",
     "Code postal": "58000", "Formation CCP1": "non", "Expérience": "non", "Test PIX": "non",
     "CV": "non"},
    {"Nom": "Da Silva", "Prénom": "Maïté", "Email": "maite.dasilva@exemple.fr",
     "Code postal": "89200", "Formation CCP1": "non", "Expérience": "oui", "Test PIX": "oui",
     "CV": "oui"},
]


def platform_csv(rows: list[dict[str, str]] | None = None, *, older: bool = False) -> bytes:
    """The file as the platform gives it: UTF-8 with BOM, `;`."""
    return b"\xef\xbb\xbf" + sample_csv(rows if rows is not None else ROWS, older=older).encode()


def spreadsheet_csv() -> bytes:
    """Re-saved by a spreadsheet: Windows-1252, `,`, blank lines, reordered columns, header
    without accents."""
    header = ["Email", "Prenom", "Nom", "CV", "Test PIX", "Experience", "Formation CCP1",
              "Code postal"]
    keys = ["Email", "Prénom", "Nom", "CV", "Test PIX", "Expérience", "Formation CCP1",
            "Code postal"]
    lines = [",".join(header), ""]
    for row in ROWS:
        if "ễ" in row["Nom"]:
            row = {**row, "Nom": "Nguyen"}  # not in Windows-1252
        lines.append(",".join(row[k] for k in keys))
        lines.append("")
    return "\r\n".join(lines).encode("cp1252")
