"""Foundation: the structure's settings and small key/value settings.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = ("foundation",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "structure_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_type", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("siret", sa.String(14), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("commune", sa.String(200), nullable=False),
        sa.Column("insee_code", sa.String(5), nullable=False),
        sa.Column("departement", sa.String(100), nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("logo_png", sa.LargeBinary(), nullable=True),
        sa.Column("signatory_name", sa.String(200), nullable=False),
        sa.Column("signatory_title", sa.String(100), nullable=False),
        sa.Column("venue_name", sa.String(200), nullable=False),
        sa.Column("venue_address", sa.String(300), nullable=False),
        sa.Column("opening_hours", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure_settings")),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )


def downgrade() -> None:
    op.drop_table("app_setting")
    op.drop_table("structure_settings")
