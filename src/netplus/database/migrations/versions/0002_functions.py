"""Integrity triggers and the seed's functions (progress, streaks, achievements, dashboard)."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0002"
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0002_functions.up.sql")


def downgrade() -> None:
    run_sql_file("0002_functions.down.sql")
