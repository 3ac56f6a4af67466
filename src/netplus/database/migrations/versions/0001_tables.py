"""The seed's 17 tables: columns, constraints, indexes and updated_at triggers."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0001_tables.up.sql")


def downgrade() -> None:
    run_sql_file("0001_tables.down.sql")
