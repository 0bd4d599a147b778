"""objects

Revision ID: 0b1c2d3e4f50
Revises: 001_initial_schema
Create Date: 2024-07-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0b1c2d3e4f50"
down_revision = "001_initial_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE event (\n    id integer,\n    at date\n) PARTITION BY RANGE (at)"
    )
    op.execute("ALTER TABLE event ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE event FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    )
    op.execute("SET LOCAL check_function_bodies = off")
    op.execute(
        """CREATE OR REPLACE FUNCTION quote(t text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT '""\"' || t || E'\\\\' || '\\:name' || '"' $function$"""
    )
    op.execute("COMMENT ON FUNCTION quote(t text) IS 'wraps: it''s \"quoted\"'")
    op.execute(
        """CREATE POLICY mine ON event AS PERMISSIVE FOR ALL TO PUBLIC USING ((id > 0))"""
    )
    op.execute(
        """CREATE VIEW quoted_events AS
 SELECT quote(event.id::text) AS q
   FROM event"""
    )


def downgrade() -> None:
    op.execute("DROP VIEW quoted_events")
    op.execute("DROP POLICY mine ON event")
    op.execute("DROP FUNCTION quote(t text)")
    op.drop_table("event_2024")
    op.drop_table("event")
