"""Workshops: an index on who holds each session (profile, then name).

The conseiller choices of the planner, of « À saisir dans La Coop » and of the activity report
list every holder of a session; with this index the database reads them from the index alone
instead of scanning every session.

Revision ID: 0320_workshops_conseiller_index
Revises: 0310_workshops_lacoop
Create Date: 2026-12-01
"""

from alembic import op

revision = "0320_workshops_conseiller_index"
down_revision = "0310_workshops_lacoop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_workshop_session_conseiller",
        "workshop_session",
        ["conseiller_profile_id", "conseiller_name"],
    )


def downgrade() -> None:
    op.drop_index("ix_workshop_session_conseiller", table_name="workshop_session")
