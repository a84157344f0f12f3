"""Workshops: La Coop's activity model and several conseillers.

Sessions gain the administrative sub-themes and the démarche's name, "Bénéficiaire réorienté"
with its "Structure de redirection", the breakdown of anonymous participants, a conseiller
(profile or named mediator), a room and the "saisi dans La Coop" mark; people gain a birth year,
a postal code and an INSEE code. Existing data is kept: a session whose free referral text was
filled becomes "réorienté" with that text kept as its precision; a typed age bracket stays.

Revision ID: 0310_workshops_lacoop
Revises: 0300_workshops
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0310_workshops_lacoop"
down_revision = "0300_workshops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshop_session") as batch:
        batch.add_column(sa.Column("referred", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("redirection", sa.String(20), nullable=True))
        batch.add_column(sa.Column("demarche_name", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("conseiller_profile_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("conseiller_name", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("room", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("lacoop_entered_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("lacoop_id", sa.String(100), nullable=False, server_default=""))
        batch.create_index(
            op.f("ix_workshop_session_conseiller_profile_id"), ["conseiller_profile_id"]
        )
        batch.create_index(op.f("ix_workshop_session_lacoop_id"), ["lacoop_id"])
    op.execute("UPDATE workshop_session SET referred = 1 WHERE TRIM(referral) <> ''")
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("postal_code", sa.String(5), nullable=False, server_default=""))
        batch.add_column(sa.Column("insee_code", sa.String(5), nullable=False, server_default=""))
    op.create_table(
        "workshop_session_admin_theme",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(30), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_session.id"],
            name=op.f("fk_workshop_session_admin_theme_session_id_workshop_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "session_id", "theme", name=op.f("pk_workshop_session_admin_theme")
        ),
    )
    op.create_table(
        "workshop_session_anonymous",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(10), nullable=False),
        sa.Column("value", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_session.id"],
            name=op.f("fk_workshop_session_anonymous_session_id_workshop_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "session_id", "dimension", "value", name=op.f("pk_workshop_session_anonymous")
        ),
    )


def downgrade() -> None:
    op.drop_table("workshop_session_anonymous")
    op.drop_table("workshop_session_admin_theme")
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("insee_code")
        batch.drop_column("postal_code")
        batch.drop_column("birth_year")
    with op.batch_alter_table("workshop_session") as batch:
        batch.drop_index(op.f("ix_workshop_session_lacoop_id"))
        batch.drop_index(op.f("ix_workshop_session_conseiller_profile_id"))
        for name in (
            "lacoop_id", "lacoop_entered_at", "room", "conseiller_name",
            "conseiller_profile_id", "demarche_name", "redirection", "referred",
        ):
            batch.drop_column(name)
