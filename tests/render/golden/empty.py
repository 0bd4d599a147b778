"""nothing to do

Revision ID: 0a1b2c3d4e5f
Revises: 001_initial_schema
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0a1b2c3d4e5f"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
