"""Exam versions, domains and objectives as reference data; objective codes validated; 100-900 scale."""

from netplus.database.migrations.sqlfile import run_sql_file

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0005_exam_reference.up.sql")


def downgrade() -> None:
    run_sql_file("0005_exam_reference.down.sql")
