"""Catalog and progress: IANA time zones only, component counters recomputed exactly."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0008_catalog_progress.up.sql")


def downgrade() -> None:
    run_sql_file("0008_catalog_progress.down.sql")
