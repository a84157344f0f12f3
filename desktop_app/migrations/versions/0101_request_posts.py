"""Request: funded posts, their conventions and payments, the label, the committee's opinion.

Existing bases keep everything: each post granted by a "Validée" request becomes a funded post
with a first-wave convention (50 000 € per post, 24 months public / 18 months private, from the
start date wanted or else the decision), carrying the salary and charges rate typed in the old
estimate; the old estimate's columns stay on the request. The conseillers recruited (or in
rupture) are named holders of those posts in the order of their recruitment. The committee's
opinion is read back from the status history.

Revision ID: 0101_request_posts
Revises: 0100_request
Create Date: 2026-12-01
"""

from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0101_request_posts"
down_revision = "0100_request"
branch_labels = None
depends_on = None

OPINIONS = {"validee": "positif", "refus": "negatif", "examen_complementaire": "examen_complementaire"}


def _add_months(day: date, months: int) -> date:
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of the table would cascade-delete its history.
    op.add_column(
        "recruitment_request",
        sa.Column("committee_opinion", sa.String(30), nullable=False, server_default=""),
    )
    op.create_table(
        "funded_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("gross_monthly_salary", sa.Numeric(10, 2), nullable=False),
        sa.Column("employer_charges_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("holder_profile_id", sa.Integer(), nullable=True),
        sa.Column("holder_name", sa.String(200), nullable=False),
        sa.Column("previous_departure_on", sa.Date(), nullable=True),
        sa.Column("previous_departure_reason", sa.String(100), nullable=False),
        sa.Column("replaced_on", sa.Date(), nullable=True),
        sa.Column("given_back_on", sa.Date(), nullable=True),
        sa.Column("given_back_reason", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["recruitment_request.id"],
            name=op.f("fk_funded_post_request_id_recruitment_request"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funded_post")),
    )
    op.create_index(op.f("ix_funded_post_request_id"), "funded_post", ["request_id"])
    op.create_table(
        "funding_convention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("employer_type", sa.String(10), nullable=False),
        sa.Column("qpv_zrr", sa.Boolean(), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("amount_year1", sa.Numeric(10, 2), nullable=False),
        sa.Column("amount_year2", sa.Numeric(10, 2), nullable=False),
        sa.Column("amount_year3", sa.Numeric(10, 2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["funded_post.id"],
            name=op.f("fk_funding_convention_post_id_funded_post"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_convention")),
    )
    op.create_index(op.f("ix_funding_convention_post_id"), "funding_convention", ["post_id"])
    op.create_table(
        "convention_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("convention_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["convention_id"], ["funding_convention.id"],
            name=op.f("fk_convention_payment_convention_id_funding_convention"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_convention_payment")),
    )
    op.create_index(
        op.f("ix_convention_payment_convention_id"), "convention_payment", ["convention_id"]
    )
    op.create_table(
        "label_attestation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("mediator_name", sa.String(200), nullable=False),
        sa.Column("signatory_name", sa.String(200), nullable=False),
        sa.Column("signatory_title", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_attestation")),
    )
    _migrate_data()


def _migrate_data() -> None:
    conn = op.get_bind()
    # The committee's opinion: the latest decision in each request's history.
    for (request_id,) in conn.execute(sa.text("SELECT id FROM recruitment_request")).all():
        last = conn.execute(
            sa.text(
                "SELECT status FROM request_status_change WHERE request_id = :r AND status IN "
                "('validee', 'refus', 'examen_complementaire') ORDER BY changed_on DESC, id DESC"
            ),
            {"r": request_id},
        ).first()
        if last is not None:
            conn.execute(
                sa.text("UPDATE recruitment_request SET committee_opinion = :o WHERE id = :r"),
                {"o": OPINIONS[last[0]], "r": request_id},
            )
    kind = conn.execute(sa.text("SELECT structure_type FROM structure_settings")).scalar()
    private = kind == "structure_privee"
    months = 18 if private else 24
    yearly = ("33333.33", "16666.67") if private else ("25000.00", "25000.00")
    # The profiles' table exists when that branch was applied first (any base with data); the
    # holders are then linked, otherwise the posts start without one.
    holders = (
        conn.execute(
            sa.text(
                "SELECT id, first_name, last_name FROM profile WHERE status IN ('recrute', "
                "'rupture') ORDER BY COALESCE(recruited_on, contract_start, validated_on), id"
            )
        ).all()
        if sa.inspect(conn).has_table("profile") else []
    )
    rows = conn.execute(
        sa.text(
            "SELECT id, posts_granted, start_date, decision_on, gross_monthly_salary, "
            "employer_charges_pct FROM recruitment_request WHERE status = 'validee' "
            "AND posts_granted > 0 ORDER BY id"
        )
    ).all()
    number = 0
    for request_id, granted, start, decided, salary, charges in rows:
        start_day = _as_date(start) or _as_date(decided)
        for _ in range(int(granted)):
            number += 1
            holder = holders[number - 1] if number <= len(holders) else None
            post_id = conn.execute(
                sa.text(
                    "INSERT INTO funded_post (label, request_id, gross_monthly_salary, "
                    "employer_charges_pct, holder_profile_id, holder_name, "
                    "previous_departure_reason, given_back_reason, note, created_at) VALUES "
                    "(:label, :r, :salary, :charges, :holder, :holder_name, '', '', :note, "
                    "CURRENT_TIMESTAMP) RETURNING id"
                ),
                {
                    "label": f"Poste {number}", "r": request_id, "salary": salary or 0,
                    "charges": charges if charges is not None else 42,
                    "holder": holder[0] if holder else None,
                    "holder_name": f"{holder[1]} {holder[2]}".strip() if holder else "",
                    "note": "Repris de l'estimation de la demande lors de la mise à jour.",
                },
            ).scalar_one()
            if start_day is None:
                continue  # no date to start a convention from: the post alone is kept
            end_day = _add_months(start_day, months) - timedelta(days=1)
            conn.execute(
                sa.text(
                    "INSERT INTO funding_convention (post_id, kind, employer_type, qpv_zrr, "
                    "reference, start_date, end_date, amount_year1, amount_year2, "
                    "amount_year3, note) VALUES (:p, 'premiere_vague', :employer, 0, '', "
                    ":start, :end, :a1, :a2, 0, :note)"
                ),
                {
                    "p": post_id, "employer": "prive" if private else "public",
                    "start": start_day.isoformat(), "end": end_day.isoformat(),
                    "a1": yearly[0], "a2": yearly[1],
                    "note": "Créée lors de la mise à jour : vérifiez les dates de la convention.",
                },
            )


def downgrade() -> None:
    op.drop_table("label_attestation")
    op.drop_index(op.f("ix_convention_payment_convention_id"), table_name="convention_payment")
    op.drop_table("convention_payment")
    op.drop_index(op.f("ix_funding_convention_post_id"), table_name="funding_convention")
    op.drop_table("funding_convention")
    op.drop_index(op.f("ix_funded_post_request_id"), table_name="funded_post")
    op.drop_table("funded_post")
    op.drop_column("recruitment_request", "committee_opinion")
