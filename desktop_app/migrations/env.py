"""Alembic environment: migrations always run on a connection handed over by ``db.py``.

Each area of the application (request, profiles, workshops, kit) keeps its own branch of
revisions starting from the foundation revision, with a branch label; ``upgrade heads`` applies
them all. A revision needing another area's tables says so with ``depends_on``.
"""

from alembic import context

from desktop_app.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - alembic CLI use
    raise RuntimeError("Les migrations s'appliquent depuis desktop_app.db.open_database().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
)
with context.begin_transaction():
    context.run_migrations()
