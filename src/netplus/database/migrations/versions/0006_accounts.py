"""Sessions, single-use email tokens and the mail outbox."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0006_accounts.up.sql")


def downgrade() -> None:
    run_sql_file("0006_accounts.down.sql")
