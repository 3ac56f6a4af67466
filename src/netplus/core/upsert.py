"""Insert-or-update of one row that writes nothing when the stored row already matches.

Loaders (demo data, content packs) run again and again; rewriting identical rows would bump
updated_at and churn the table, so a conflict updates only when some column differs.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from psycopg import Connection, sql
from psycopg.types.json import Jsonb


def adapt(value: Any) -> Any:
    """Dicts go to JSONB; lists stay PostgreSQL arrays. A JSON scalar or list must come wrapped in Jsonb."""
    return Jsonb(value) if isinstance(value, dict) else value


def upsert(conn: Connection[Any], table: str, row: Mapping[str, Any], *, key: Sequence[str] = ("id",)) -> bool:
    """Write `row` into `table`; True when a row was inserted or changed."""
    columns = list(row)
    updated = [c for c in columns if c not in key]
    statement = sql.SQL(
        "INSERT INTO {table} AS t ({cols}) VALUES ({vals}) "
        "ON CONFLICT ({key}) DO UPDATE SET ({upd}) = ROW({excluded}) "
        "WHERE ({current}) IS DISTINCT FROM ({excluded})"
    ).format(
        table=sql.Identifier(table),
        cols=sql.SQL(", ").join(map(sql.Identifier, columns)),
        vals=sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        key=sql.SQL(", ").join(map(sql.Identifier, key)),
        upd=sql.SQL(", ").join(map(sql.Identifier, updated)),
        excluded=sql.SQL(", ").join(sql.Identifier("excluded", c) for c in updated),
        current=sql.SQL(", ").join(sql.Identifier("t", c) for c in updated),
    )
    return conn.execute(statement, [adapt(row[c]) for c in columns]).rowcount > 0
