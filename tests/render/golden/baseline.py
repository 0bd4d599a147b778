"""initial schema

Revision ID: 001_initial_schema
Revises: 
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "001_initial_schema"
down_revision = None
branch_labels = None
depends_on = None
# The revisions this file replaces (archived with their manifest); Alembic does not read
# this name.
replaces = (
    "e2412789c190",
    "9c0a54914c78",
    "7c4d1e9a2b58",
)


def upgrade() -> None:
    op.execute('CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public')
    postgresql.ENUM("pending", "running", "done", name="issuestatus").create(
        op.get_bind(), checkfirst=False
    )
    postgresql.ENUM("online", "offline", name="nodestatus").create(
        op.get_bind(), checkfirst=False
    )
    op.create_table(
        "prompt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("prompt_pkey")),
    )
    op.create_table(
        "user",
        sa.Column(
            "id",
            postgresql.UUID(as_uuid=True),
            server_default=sa.text("uuid_generate_v4()"),
            nullable=False,
        ),
        sa.Column("email", sa.String(length=255), nullable=False, comment="login name"),
        sa.Column(
            "is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("user_pkey")),
        comment="people who log in",
    )
    op.create_table(
        "node",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM("online", "offline", name="nodestatus", create_type=False),
            server_default=sa.text("'online'::nodestatus"),
            nullable=False,
        ),
        sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["user.id"],
            name=op.f("node_owner_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("node_pkey")),
    )
    op.create_table(
        "issue",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM(
                "pending", "running", "done", name="issuestatus", create_type=False
            ),
            nullable=False,
        ),
        sa.Column(
            "priority", sa.Integer(), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("assigned_node_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_node_id"],
            ["node.id"],
            name=op.f("issue_assigned_node_id_fkey"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("issue_pkey")),
        sa.CheckConstraint("(priority >= 0)", name=op.f("issue_priority_check")),
        sa.UniqueConstraint("title", name=op.f("uq_issue_title")),
    )
    op.create_index(op.f("ix_node_owner_id"), "node", ["owner_id"], unique=False)
    op.create_index(op.f("ix_user_email"), "user", ["email"], unique=True)


def downgrade() -> None:
    op.drop_table("issue")
    op.drop_table("node")
    op.drop_table("user")
    op.drop_table("prompt")
    postgresql.ENUM(name="nodestatus").drop(op.get_bind(), checkfirst=False)
    postgresql.ENUM(name="issuestatus").drop(op.get_bind(), checkfirst=False)
    op.execute('DROP EXTENSION IF EXISTS "uuid-ossp"')
