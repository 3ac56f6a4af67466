"""Study goals recomputed from the data, and the totals achievement criteria read."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0007_learning_events.up.sql")


def downgrade() -> None:
    run_sql_file("0007_learning_events.down.sql")
