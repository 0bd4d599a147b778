"""comments

Revision ID: 5e6f7a8b9c0d
Revises: 001_initial_schema
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "5e6f7a8b9c0d"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("COMMENT ON SCHEMA public IS 'the app''s'")
    op.execute("COMMENT ON TYPE issuestatus IS 'where an issue is: 100%'")
    op.execute("COMMENT ON SEQUENCE prompt_id_seq IS 'prompt \\:ids'")
    op.execute("COMMENT ON INDEX ix_user_email IS E'a \\\\ b'")
    op.execute('COMMENT ON CONSTRAINT user_pkey ON "user" IS \'the "key"\'')


def downgrade() -> None:
    op.execute("COMMENT ON SCHEMA public IS 'standard public schema'")
    op.execute("COMMENT ON TYPE issuestatus IS NULL")
    op.execute("COMMENT ON SEQUENCE prompt_id_seq IS NULL")
    op.execute("COMMENT ON INDEX ix_user_email IS NULL")
    op.execute('COMMENT ON CONSTRAINT user_pkey ON "user" IS NULL')
