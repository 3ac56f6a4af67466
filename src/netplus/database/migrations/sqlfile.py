"""Runs a revision's SQL file through the migration's own connection and transaction."""

from pathlib import Path

from alembic import op

SQL_DIR = Path(__file__).parent / "versions" / "sql"


def sql_path(name: str) -> Path:
    return SQL_DIR / name


def run_sql_file(name: str) -> None:
    """Execute every statement of versions/sql/<name>.

    Sent through the psycopg connection directly (no parameters, so psycopg sends the file as one
    simple query): SQLAlchemy's text() would read `:name` inside PL/pgSQL bodies as bind parameters.
    """
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(sql_path(name).read_bytes())
