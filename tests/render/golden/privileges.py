"""privileges

Revision ID: 6f7a8b9c0d1e
Revises: 001_initial_schema
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "6f7a8b9c0d1e"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('ALTER TABLE "user" OWNER TO app_owner')
    op.execute("GRANT USAGE ON SCHEMA public TO zz_reader")
    op.execute('GRANT SELECT ON TABLE "user" TO zz_reader')
    op.execute('GRANT INSERT ON TABLE "user" TO clerk')
    op.execute('GRANT SELECT ON TABLE "user" TO clerk WITH GRANT OPTION')
    op.execute('GRANT UPDATE (created_at) ON TABLE "user" TO clerk')


def downgrade() -> None:
    op.execute('ALTER TABLE "user" OWNER TO CURRENT_USER')
    op.execute("REVOKE USAGE ON SCHEMA public FROM zz_reader")
    op.execute('REVOKE INSERT, SELECT ON TABLE "user" FROM clerk')
    op.execute('REVOKE SELECT ON TABLE "user" FROM zz_reader')
    op.execute('REVOKE UPDATE (created_at) ON TABLE "user" FROM clerk')
