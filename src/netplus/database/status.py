"""What `netplus db status` reports: the server, the migration version, the tables' sizes."""

from dataclasses import dataclass

from netplus.core.database import DatabaseTarget, connection
from netplus.database.migrate import current_revision, head_revision

TABLE_SIZES = """
SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), pg_size_pretty(pg_total_relation_size(c.oid))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')
ORDER BY pg_total_relation_size(c.oid) DESC, c.relname
"""


@dataclass(frozen=True)
class TableSize:
    name: str
    estimated_rows: int
    size: str


@dataclass(frozen=True)
class DatabaseStatus:
    location: str
    database: str
    server_version: str
    database_size: str
    revision: str | None
    head: str
    tables: list[TableSize]

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


def database_status(target: DatabaseTarget) -> DatabaseStatus:
    with connection(target) as conn:
        row = conn.execute(
            "SELECT current_setting('server_version'), pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()
        assert row is not None
        tables = [TableSize(str(name), max(int(str(rows)), 0), str(pretty))
                  for name, rows, _, pretty in conn.execute(TABLE_SIZES).fetchall()]
    return DatabaseStatus(
        location=target.location, database=target.dbname, server_version=str(row[0]),
        database_size=str(row[1]), revision=current_revision(target), head=head_revision(), tables=tables,
    )
