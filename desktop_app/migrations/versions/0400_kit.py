"""Inclusion kit: categories, items, history, loans, reservations.

Revision ID: 0400_kit
Revises: 0001_foundation
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0400_kit"
down_revision = "0001_foundation"
branch_labels = ("kit",)
depends_on = None

# (plural label, singular in lower case, feminine, kind) — copied here, not imported, so this
# migration keeps creating the same rows whatever later code says.
DEFAULT_CATEGORIES = [
    ("Ordinateurs portables", "ordinateur portable", False, "materiel"),
    ("Tablettes", "tablette", True, "materiel"),
    ("Smartphones", "smartphone", False, "materiel"),
    ("Routeurs et clés 4G", "routeur ou clé 4G", False, "materiel"),
    ("Casques audio", "casque audio", False, "materiel"),
    ("Webcams", "webcam", True, "materiel"),
    ("Imprimantes et scanners", "imprimante ou scanner", True, "materiel"),
    ("Câbles et accessoires", "câble ou accessoire", False, "materiel"),
    ("Guides imprimés", "guide imprimé", False, "consommable"),
    ("Fiches pratiques", "fiche pratique", True, "consommable"),
]


def upgrade() -> None:
    op.create_table(
        "kit_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("singular", sa.String(100), nullable=False),
        sa.Column("feminine", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_category")),
        sa.UniqueConstraint("name", name=op.f("uq_kit_category_name")),
    )
    # The categories of dispositif.md §8, so that every database (even without demo data) offers
    # them to the "Ateliers" tab; the user can add more in the tab.
    category = sa.table(
        "kit_category",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("singular", sa.String()),
        sa.column("feminine", sa.Boolean()),
        sa.column("kind", sa.String()),
        sa.column("position", sa.Integer()),
    )
    op.bulk_insert(
        category,
        [
            {
                "id": i,
                "name": name,
                "singular": singular,
                "feminine": fem,
                "kind": kind,
                "position": i * 10,
            }
            for i, (name, singular, fem, kind) in enumerate(DEFAULT_CATEGORIES, start=1)
        ],
    )
    op.create_table(
        "kit_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inventory_number", sa.String(20), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("brand", sa.String(100), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("serial", sa.String(100), nullable=False),
        sa.Column("acquired_on", sa.Date(), nullable=True),
        sa.Column("value", sa.Numeric(10, 2), nullable=True),
        sa.Column("funding", sa.String(200), nullable=False),
        sa.Column("condition", sa.String(20), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("alert_threshold", sa.Integer(), nullable=True),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("retired_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["kit_category.id"],
            name=op.f("fk_kit_item_category_id_kit_category"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_item")),
        sa.UniqueConstraint("inventory_number", name=op.f("uq_kit_item_inventory_number")),
    )
    op.create_index(op.f("ix_kit_item_category_id"), "kit_item", ["category_id"])
    op.create_index(op.f("ix_kit_item_condition"), "kit_item", ["condition"])
    op.create_table(
        "kit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["kit_item.id"],
            name=op.f("fk_kit_event_item_id_kit_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_event")),
    )
    op.create_index(op.f("ix_kit_event_item_id"), "kit_event", ["item_id"])
    op.create_table(
        "kit_loan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("borrower_kind", sa.String(20), nullable=False),
        sa.Column("borrower_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("id_checked", sa.Boolean(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_loan")),
    )
    op.create_index(op.f("ix_kit_loan_borrower_name"), "kit_loan", ["borrower_name"])
    op.create_index(op.f("ix_kit_loan_due"), "kit_loan", ["due"])
    op.create_index(op.f("ix_kit_loan_closed_at"), "kit_loan", ["closed_at"])
    op.create_table(
        "kit_loan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("return_condition", sa.String(20), nullable=True),
        sa.Column("return_notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loan_id"],
            ["kit_loan.id"],
            name=op.f("fk_kit_loan_item_loan_id_kit_loan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["kit_item.id"],
            name=op.f("fk_kit_loan_item_item_id_kit_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_loan_item")),
    )
    op.create_index(op.f("ix_kit_loan_item_loan_id"), "kit_loan_item", ["loan_id"])
    op.create_index(op.f("ix_kit_loan_item_item_id"), "kit_loan_item", ["item_id"])
    op.create_table(
        "kit_reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["kit_item.id"],
            name=op.f("fk_kit_reservation_item_id_kit_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_reservation")),
    )
    op.create_index(op.f("ix_kit_reservation_item_id"), "kit_reservation", ["item_id"])
    op.create_index(op.f("ix_kit_reservation_source"), "kit_reservation", ["source"])
    op.create_index(op.f("ix_kit_reservation_start"), "kit_reservation", ["start"])


def downgrade() -> None:
    op.drop_table("kit_reservation")
    op.drop_table("kit_loan_item")
    op.drop_table("kit_loan")
    op.drop_table("kit_event")
    op.drop_table("kit_item")
    op.drop_table("kit_category")
