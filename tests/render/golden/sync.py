"""sync with database

Revision ID: 318e2657ad46
Revises: 001_initial_schema
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "318e2657ad46"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql.ENUM("github_copilot", "other", name="credentialcategory").create(
        op.get_bind(), checkfirst=False
    )
    op.create_table(
        "credential",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column(
            "category",
            postgresql.ENUM(
                "github_copilot", "other", name="credentialcategory", create_type=False
            ),
            nullable=False,
        ),
        sa.Column(
            "is_disabled", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("credential_pkey")),
    )
    op.create_table(
        "credentialnodelink",
        sa.Column("credential_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("node_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credential.id"],
            name=op.f("credentialnodelink_credential_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["node.id"],
            name=op.f("credentialnodelink_node_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "credential_id", "node_id", name=op.f("credentialnodelink_pkey")
        ),
    )
    op.alter_column(
        "node",
        "name",
        existing_type=sa.String(length=255),
        type_=sa.String(length=1023),
        existing_nullable=False,
    )
    op.add_column(
        "prompt", sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=True)
    )
    op.execute(
        'UPDATE prompt SET owner_id = (SELECT id FROM "user" ORDER BY id LIMIT 1)'
    )
    op.alter_column(
        "prompt",
        "owner_id",
        existing_type=postgresql.UUID(as_uuid=True),
        existing_nullable=True,
        nullable=False,
    )
    op.add_column(
        "prompt",
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_prompt_owner_id"), "prompt", ["owner_id"], unique=False)
    op.create_foreign_key(
        op.f("prompt_owner_id_fkey"),
        "prompt",
        "user",
        ["owner_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.drop_column("prompt", "price")
    op.drop_table("issue")


def downgrade() -> None:
    op.drop_constraint(op.f("prompt_owner_id_fkey"), "prompt", type_="foreignkey")
    op.drop_index(op.f("ix_prompt_owner_id"), table_name="prompt")
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
    op.alter_column(
        "node",
        "name",
        existing_type=sa.String(length=1023),
        type_=sa.String(length=255),
        existing_nullable=False,
    )
    op.add_column(
        "prompt", sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=True)
    )
    op.drop_column("prompt", "owner_id")
    op.drop_column("prompt", "created_at")
    op.drop_table("credentialnodelink")
    op.drop_table("credential")
    postgresql.ENUM(name="credentialcategory").drop(op.get_bind(), checkfirst=False)
