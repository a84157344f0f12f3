"""Foundation: the civility of the documents' signatory (« Madame », « Monsieur », or not said).

Existing bases keep their structure as it is, with the civility not said (""): the documents
then say « Je soussigné(e) », as they did before, until the civility is chosen in the
settings. A plain ADD COLUMN: nothing else of the table changes.

Revision ID: 0002_foundation_civility
Revises: 0001_foundation
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_foundation_civility"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "structure_settings",
        sa.Column("signatory_civility", sa.String(10), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("structure_settings", "signatory_civility")
