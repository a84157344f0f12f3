"""Profiles: batches, profiles, history, interviews, training periods, requests for profiles.

Revision ID: 0200_profiles
Revises: 0001_foundation
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0200_profiles"
down_revision = "0001_foundation"
branch_labels = ("profiles",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("added_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_batch")),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("commune", sa.String(200), nullable=False),
        sa.Column("availability_date", sa.Date(), nullable=True),
        sa.Column("mobility", sa.String(10), nullable=False),
        sa.Column("situation", sa.String(30), nullable=False),
        sa.Column("graduate", sa.Boolean(), nullable=False),
        sa.Column("diploma", sa.String(200), nullable=False),
        sa.Column("experience", sa.Boolean(), nullable=False),
        sa.Column("experience_details", sa.Text(), nullable=False),
        sa.Column("ccp1", sa.Boolean(), nullable=False),
        sa.Column("pix_shared", sa.Boolean(), nullable=False),
        sa.Column("pix_level", sa.Integer(), nullable=True),
        sa.Column("pix_professional", sa.Integer(), nullable=True),
        sa.Column("pix_resources", sa.Integer(), nullable=True),
        sa.Column("pix_citizen", sa.Integer(), nullable=True),
        sa.Column("cv_on_platform", sa.Boolean(), nullable=False),
        sa.Column("cv_file", sa.String(300), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_changed_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason", sa.String(300), nullable=False),
        sa.Column("validated_on", sa.Date(), nullable=True),
        sa.Column("recruitment_date", sa.Date(), nullable=True),
        sa.Column("contract_type", sa.String(20), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("salary_gross", sa.Numeric(10, 2), nullable=True),
        sa.Column("contract_signed_on", sa.Date(), nullable=True),
        sa.Column("recruited_on", sa.Date(), nullable=True),
        sa.Column("rupture_date", sa.Date(), nullable=True),
        sa.Column("rupture_reason", sa.String(30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["profile_batch.id"],
            name=op.f("fk_profile_batch_id_profile_batch"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )
    op.create_index(op.f("ix_profile_email"), "profile", ["email"])
    op.create_index(op.f("ix_profile_batch_id"), "profile", ["batch_id"])
    op.create_index(op.f("ix_profile_status"), "profile", ["status"])
    op.create_table(
        "profile_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"],
            name=op.f("fk_profile_event_profile_id_profile"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_event")),
    )
    op.create_index(op.f("ix_profile_event_profile_id"), "profile_event", ["profile_id"])
    op.create_table(
        "profile_interview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("panel", sa.String(500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"],
            name=op.f("fk_profile_interview_profile_id_profile"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_interview")),
    )
    op.create_index(op.f("ix_profile_interview_profile_id"), "profile_interview", ["profile_id"])
    op.create_index(op.f("ix_profile_interview_start"), "profile_interview", ["start"])
    op.create_table(
        "training_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile.id"],
            name=op.f("fk_training_period_profile_id_profile"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_period")),
    )
    op.create_index(op.f("ix_training_period_profile_id"), "training_period", ["profile_id"])
    op.create_index(op.f("ix_training_period_start_date"), "training_period", ["start_date"])
    op.create_table(
        "profile_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_request")),
    )


def downgrade() -> None:
    op.drop_table("profile_request")
    op.drop_table("training_period")
    op.drop_table("profile_interview")
    op.drop_table("profile_event")
    op.drop_table("profile")
    op.drop_table("profile_batch")
