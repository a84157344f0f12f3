"""Workshops: sessions, series, themes, equipment, participants, registrations.

Revision ID: 0300_workshops
Revises: 0001_foundation
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0300_workshops"
down_revision = "0001_foundation"
branch_labels = ("workshops",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshop_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(20), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_series")),
    )
    op.create_table(
        "workshop_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("level", sa.String(20), nullable=True),
        sa.Column("place_type", sa.String(20), nullable=False),
        sa.Column("venue", sa.String(300), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("autonomy", sa.String(20), nullable=True),
        sa.Column("referral", sa.String(200), nullable=False),
        sa.Column("anonymous_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"], ["workshop_series.id"],
            name=op.f("fk_workshop_session_series_id_workshop_series"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_session")),
    )
    op.create_index(op.f("ix_workshop_session_start"), "workshop_session", ["start"])
    op.create_index(op.f("ix_workshop_session_status"), "workshop_session", ["status"])
    op.create_index(op.f("ix_workshop_session_series_id"), "workshop_session", ["series_id"])
    op.create_table(
        "workshop_session_theme",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(30), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_session.id"],
            name=op.f("fk_workshop_session_theme_session_id_workshop_session"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "theme", name=op.f("pk_workshop_session_theme")),
    )
    op.create_table(
        "workshop_session_equipment",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_session.id"],
            name=op.f("fk_workshop_session_equipment_session_id_workshop_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "session_id", "equipment", name=op.f("pk_workshop_session_equipment")
        ),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("age_bracket", sa.String(20), nullable=False),
        sa.Column("social_status", sa.String(20), nullable=False),
        sa.Column("gender", sa.String(20), nullable=False),
        sa.Column("commune", sa.String(200), nullable=False),
        sa.Column("helped_before", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
    )
    op.create_index(op.f("ix_participant_last_name"), "participant", ["last_name"])
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("attendance", sa.String(20), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_session.id"],
            name=op.f("fk_registration_session_id_workshop_session"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"],
            name=op.f("fk_registration_participant_id_participant"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        sa.UniqueConstraint("session_id", "participant_id", name=op.f("uq_registration_session_id")),
    )
    op.create_index(op.f("ix_registration_session_id"), "registration", ["session_id"])
    op.create_index(op.f("ix_registration_participant_id"), "registration", ["participant_id"])


def downgrade() -> None:
    op.drop_table("registration")
    op.drop_table("participant")
    op.drop_table("workshop_session_equipment")
    op.drop_table("workshop_session_theme")
    op.drop_table("workshop_session")
    op.drop_table("workshop_series")
