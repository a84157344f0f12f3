"""Request: recruitment requests, their status history, the dated Smic amounts.

Revision ID: 0100_request
Revises: 0001_foundation
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0100_request"
down_revision = "0001_foundation"
branch_labels = ("request",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recruitment_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("posts_wanted", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("candidate_identified", sa.Boolean(), nullable=False),
        sa.Column("candidate_name", sa.String(200), nullable=False),
        sa.Column("candidate_email", sa.String(254), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("contact_first_name", sa.String(100), nullable=False),
        sa.Column("contact_last_name", sa.String(100), nullable=False),
        sa.Column("contact_function", sa.String(150), nullable=False),
        sa.Column("contact_email", sa.String(254), nullable=False),
        sa.Column("contact_phone", sa.String(30), nullable=False),
        sa.Column("commitments", sa.String(10), nullable=False),
        sa.Column("signatory_name", sa.String(200), nullable=False),
        sa.Column("signatory_title", sa.String(100), nullable=False),
        sa.Column("signature_place", sa.String(200), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("platform_number", sa.String(50), nullable=False),
        sa.Column("structure_snapshot", sa.Text(), nullable=False),
        sa.Column("committee", sa.String(50), nullable=False),
        sa.Column("decision_on", sa.Date(), nullable=True),
        sa.Column("posts_granted", sa.Integer(), nullable=False),
        sa.Column("gross_monthly_salary", sa.Numeric(10, 2), nullable=False),
        sa.Column("employer_charges_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("funding_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("funding_months", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruitment_request")),
    )
    op.create_index(
        op.f("ix_recruitment_request_status"), "recruitment_request", ["status"]
    )
    op.create_table(
        "request_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["recruitment_request.id"],
            name=op.f("fk_request_status_change_request_id_recruitment_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_status_change")),
    )
    op.create_index(
        op.f("ix_request_status_change_request_id"), "request_status_change", ["request_id"]
    )
    op.create_table(
        "smic_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("monthly_gross", sa.Numeric(10, 2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smic_rate")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_smic_rate_valid_from")),
    )


def downgrade() -> None:
    op.drop_table("smic_rate")
    op.drop_index(op.f("ix_request_status_change_request_id"), table_name="request_status_change")
    op.drop_table("request_status_change")
    op.drop_index(op.f("ix_recruitment_request_status"), table_name="recruitment_request")
    op.drop_table("recruitment_request")
