"""The seed's views, materialized views and refresh_analytics_views()."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0003"
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0003_views.up.sql")


def downgrade() -> None:
    run_sql_file("0003_views.down.sql")
