"""Opening an up-to-date base does not load Alembic: what it reads instead must agree with it."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from desktop_app.db import (
    alembic_config,
    known_revisions,
    migrated_tables,
    model_tables,
    script_heads,
)


def test_heads_and_revisions_read_from_the_files_match_alembic() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script_heads() == frozenset(script.get_heads())
    assert known_revisions() == frozenset(r.revision for r in script.walk_revisions())


def test_the_models_declare_exactly_the_tables_the_migrations_create() -> None:
    assert model_tables() == migrated_tables(script_heads())


def test_opening_an_up_to_date_base_does_not_import_alembic(db_path) -> None:  # noqa: ANN001
    from desktop_app.db import open_database

    open_database(db_path).close()  # created (and migrated) here
    code = (
        "import sys; from desktop_app.db import open_database;"
        f"open_database({str(db_path)!r}).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
