"""Roles, grants and row-level security."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0004"
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0004_security.up.sql")


def downgrade() -> None:
    run_sql_file("0004_security.down.sql")
