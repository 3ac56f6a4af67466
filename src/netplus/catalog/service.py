"""The catalog: which components a user may see, their prerequisites, listing and the detail view.

Visibility. Students see components that are published and not deleted; instructors and admins also
see unpublished ones (never deleted ones). Every query here applies that rule itself:
learning_components has no row-level security, because under RLS PostgreSQL will not use the GIN
indexes (full text, objectives) for the non-leakproof `@@` and `&&` operators.

Prerequisites. A component's required prerequisites are those of its `prerequisites` that are
published and not deleted; one is met when the user's progress on it is completed or mastered.
"""

import re
import uuid
from dataclasses import dataclass
from typing import Any

from psycopg import sql

from netplus.accounts.service import SignedIn
from netplus.catalog.cursor import decode_cursor, encode_cursor
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem, not_found
from netplus.core.rows import Row, fetch_all, fetch_one, fetch_value
from netplus.progress.events import record_learning_activity

STAFF_ROLES = frozenset({"instructor", "admin"})
DONE = ("completed", "mastered")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

COMPONENT_COLUMNS = sql.SQL("""
c.id, c.slug, c.title, c.description, c.component_type, c.exam_code, c.domain, c.subdomain, c.difficulty_level,
c.estimated_minutes, c.comptia_objectives, c.sort_order, c.is_published, c.published_at, c.view_count,
c.completion_count, c.average_rating, c.rating_count
""")
FIND_COMPONENT = sql.SQL("""
SELECT {columns}, c.content, c.prerequisites
FROM learning_components c
WHERE (c.id = %(id)s OR c.slug = %(slug)s) AND c.deleted_at IS NULL AND (c.is_published OR %(staff)s)
""").format(columns=COMPONENT_COLUMNS)
PREREQUISITES = """
SELECT r.id, r.slug, r.title, coalesce(p.status IN ('completed', 'mastered'), false) AS met
FROM learning_components r
LEFT JOIN user_progress p ON p.component_id = r.id AND p.user_id = %(user)s
WHERE r.id = ANY (%(ids)s) AND r.is_published AND r.deleted_at IS NULL
ORDER BY r.domain, r.sort_order, r.title, r.id
"""
# The unmet prerequisites of each listed component, as JSON; `page` is the page's rows.
UNMET_PREREQUISITES = """
LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('id', r.id, 'slug', r.slug, 'title', r.title)
                     ORDER BY r.domain, r.sort_order, r.title, r.id) AS unmet
    FROM learning_components r
    LEFT JOIN user_progress rp ON rp.component_id = r.id AND rp.user_id = %(user)s
    WHERE r.id = ANY (page.prerequisites) AND r.is_published AND r.deleted_at IS NULL
      AND coalesce(rp.status, 'not_started') NOT IN ('completed', 'mastered')
) pre ON true
"""
PROGRESS_COLUMNS = sql.SQL("""
status, progress_percentage, time_spent_minutes, last_position, best_score, latest_score, rating, started_at,
last_accessed_at, completion_date, mastery_date
""")
PROGRESS_ROW = sql.SQL("SELECT {} FROM user_progress WHERE user_id = %s AND component_id = %s").format(PROGRESS_COLUMNS)


def is_staff(signed_in: SignedIn) -> bool:
    return signed_in.user.role in STAFF_ROLES


def component_ref(ref: str) -> dict[str, Any]:
    """An id-or-slug path parameter as query parameters (a UUID matches the id, anything else the slug)."""
    try:
        return {"id": uuid.UUID(ref), "slug": None}
    except ValueError:
        return {"id": None, "slug": ref if SLUG.match(ref) else None}


@dataclass(frozen=True)
class Component:
    row: Row

    @property
    def id(self) -> uuid.UUID:
        value: uuid.UUID = self.row["id"]
        return value

    @property
    def slug(self) -> str:
        return str(self.row["slug"])

    @property
    def title(self) -> str:
        return str(self.row["title"])

    @property
    def prerequisite_ids(self) -> list[uuid.UUID]:
        return list(self.row["prerequisites"])


async def find_component(conn: AsyncConn, ref: str, signed_in: SignedIn) -> Component:
    """The component `ref` (id or slug) names, if this user may see it; otherwise 404."""
    params = component_ref(ref) | {"staff": is_staff(signed_in)}
    row = await fetch_one(conn, FIND_COMPONENT, params) if params["id"] or params["slug"] else None
    if row is None:
        raise not_found("component")
    return Component(row)


async def prerequisites(conn: AsyncConn, user_id: uuid.UUID, component: Component) -> list[Row]:
    """The required prerequisites, each with `met` for this user."""
    if not component.prerequisite_ids:
        return []
    return await fetch_all(conn, PREREQUISITES, {"user": user_id, "ids": component.prerequisite_ids})


async def require_prerequisites(conn: AsyncConn, user_id: uuid.UUID, component: Component) -> None:
    """409 naming every prerequisite not yet met."""
    unmet = [r for r in await prerequisites(conn, user_id, component) if not r["met"]]
    if unmet:
        names = ", ".join(f"“{r['title']}”" for r in unmet)
        raise Problem(409, "Prerequisites not met", f"Complete {names} before starting “{component.title}”.",
                      [{"field": "prerequisites", "id": str(r["id"]), "slug": r["slug"],
                        "message": f"Complete “{r['title']}” first."} for r in unmet])


async def progress_row(conn: AsyncConn, user_id: uuid.UUID, component_id: uuid.UUID) -> Row | None:
    return await fetch_one(conn, PROGRESS_ROW, (user_id, component_id))


# Listing ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SortKey:
    expression: str  # over `c` (learning_components)
    descending: bool
    cast: str  # the SQL type a cursor value is read back as


DIFFICULTY_RANK = "CASE c.difficulty_level WHEN 'beginner' THEN 1 WHEN 'intermediate' THEN 2 ELSE 3 END"
ID_ASC = SortKey("c.id", descending=False, cast="uuid")
SORTS: dict[str, list[SortKey]] = {
    "sort_order": [SortKey("c.domain", False, "text"), SortKey("c.sort_order", False, "integer"),
                   SortKey("c.title", False, "text"), ID_ASC],
    "title": [SortKey("c.title", False, "text"), ID_ASC],
    "newest": [SortKey("coalesce(c.published_at, c.created_at)", True, "timestamptz"),
               SortKey("c.id", True, "uuid")],
    "rating": [SortKey("coalesce(c.average_rating, 0)", True, "numeric"), SortKey("c.rating_count", True, "integer"),
               SortKey("c.title", False, "text"), ID_ASC],
    "difficulty": [SortKey(DIFFICULTY_RANK, False, "integer"), SortKey("c.domain", False, "text"),
                   SortKey("c.sort_order", False, "integer"), SortKey("c.title", False, "text"), ID_ASC],
}


@dataclass(frozen=True)
class CatalogQuery:
    domains: list[str] | None = None
    subdomain: str | None = None
    types: list[str] | None = None
    difficulties: list[str] | None = None
    objectives: list[str] | None = None
    statuses: list[str] | None = None
    exam_code: str | None = None
    q: str | None = None
    include_unpublished: bool = False
    sort: str = "sort_order"
    limit: int = 20
    cursor: str | None = None


def filters(query: CatalogQuery, params: dict[str, Any]) -> sql.Composable:
    """The WHERE clause for `query` (visibility first), filling `params`."""
    clauses = ["c.deleted_at IS NULL", "(c.is_published OR %(include_unpublished)s)"]
    params["include_unpublished"] = query.include_unpublished
    optional = [
        (query.domains, "domains", "c.domain = ANY (%(domains)s)"),
        (query.subdomain, "subdomain", "c.subdomain = %(subdomain)s"),
        (query.types, "types", "c.component_type = ANY (%(types)s)"),
        (query.difficulties, "difficulties", "c.difficulty_level = ANY (%(difficulties)s)"),
        (query.objectives, "objectives", "c.comptia_objectives && %(objectives)s::text[]"),
        (query.statuses, "statuses", "coalesce(p.status, 'not_started') = ANY (%(statuses)s)"),
        (query.exam_code, "exam_code", "c.exam_code = %(exam_code)s"),
        # The expression of learning_components_search_idx, so the GIN index answers it.
        (query.q, "q", "to_tsvector('english', c.title || ' ' || coalesce(c.description, ''))"
                       " @@ websearch_to_tsquery('english', %(q)s)"),
    ]
    for value, name, clause in optional:
        if value:
            params[name] = value
            clauses.append(clause)
    return sql.SQL(" AND ").join(sql.SQL(c) for c in clauses)


def after(keys: list[SortKey], values: list[Any], params: dict[str, Any]) -> sql.Composable:
    """Rows strictly after `values` in the order of `keys`: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ..."""
    alternatives = []
    for i, key in enumerate(keys):
        terms = []
        for j, earlier in enumerate(keys[:i]):
            terms.append(sql.SQL("{} = %(after_{})s::{}").format(
                sql.SQL(earlier.expression), sql.SQL(str(j)), sql.SQL(earlier.cast)))
        terms.append(sql.SQL("{} {} %(after_{})s::{}").format(
            sql.SQL(key.expression), sql.SQL("<" if key.descending else ">"), sql.SQL(str(i)),
            sql.SQL(key.cast)))
        alternatives.append(sql.SQL("({})").format(sql.SQL(" AND ").join(terms)))
    for i, value in enumerate(values):
        params[f"after_{i}"] = value
    return sql.SQL("({})").format(sql.SQL(" OR ").join(alternatives))


def order_by(keys: list[SortKey], *, alias: str | None = None) -> sql.Composable:
    return sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.SQL(f"{alias}.k{i}" if alias else k.expression),
                                sql.SQL("DESC" if k.descending else "ASC"))
        for i, k in enumerate(keys))


async def list_components(conn: AsyncConn, user_id: uuid.UUID, query: CatalogQuery) -> dict[str, Any]:
    """One page of the catalog in a stable total order (the sort's keys, then the id), by keyset."""
    keys = SORTS[query.sort]
    params: dict[str, Any] = {"user": user_id, "limit": query.limit + 1}
    where = filters(query, params)
    total = await fetch_value(conn, sql.SQL(
        "SELECT count(*) FROM learning_components c"
        " LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = %(user)s WHERE {}").format(where),
        params)
    page_where = where
    if query.cursor:
        values = decode_cursor(query.cursor, query.sort, [k.cast for k in keys])
        page_where = sql.SQL("{} AND {}").format(where, after(keys, values, params))
    key_columns = sql.SQL(", ").join(
        sql.SQL("{} AS k{}").format(sql.SQL(k.expression), sql.SQL(str(i)))
        for i, k in enumerate(keys))
    statement = sql.SQL(
        "WITH page AS ("
        " SELECT {columns}, c.prerequisites, coalesce(p.status, 'not_started') AS status,"
        "  coalesce(p.progress_percentage, 0) AS progress_percentage, {keys}"
        " FROM learning_components c"
        " LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = %(user)s"
        " WHERE {where} ORDER BY {order} LIMIT %(limit)s)"
        " SELECT page.*, coalesce(pre.unmet, '[]') AS unmet FROM page {unmet} ORDER BY {page_order}"
    ).format(columns=COMPONENT_COLUMNS, keys=key_columns, where=page_where,
             order=order_by(keys), unmet=sql.SQL(UNMET_PREREQUISITES),
             page_order=order_by(keys, alias="page"))
    rows = await fetch_all(conn, statement, params)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    next_cursor = encode_cursor(query.sort, [rows[-1][f"k{i}"] for i in range(len(keys))]) if more else None
    items = [summary(r) for r in rows]
    return {"items": items, "next_cursor": next_cursor, "total": int(total or 0), "limit": query.limit,
            "sort": query.sort}


def base_fields(row: Row) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "slug", "title", "description", "component_type", "exam_code", "domain",
                                "subdomain", "difficulty_level", "estimated_minutes", "comptia_objectives",
                                "sort_order", "is_published", "published_at", "view_count", "completion_count",
                                "average_rating", "rating_count")}


def summary(row: Row) -> dict[str, Any]:
    return base_fields(row) | {
        "progress": {"status": row["status"], "progress_percentage": row["progress_percentage"]},
        "prerequisites_met": not row["unmet"], "unmet_prerequisites": row["unmet"]}


# Detail ----------------------------------------------------------------------------------------------

COUNT_VIEW = "UPDATE learning_components SET view_count = view_count + 1 WHERE id = %s RETURNING view_count"
TOUCH_PROGRESS = """
UPDATE user_progress SET last_accessed_at = now()
WHERE user_id = %s AND component_id = %s AND status <> 'not_started'
"""


async def component_detail(conn: AsyncConn, signed_in: SignedIn, component: Component) -> dict[str, Any]:
    """The component with its content, prerequisites and the user's progress (a view is counted by the caller)."""
    user_id = signed_in.user.id
    required = await prerequisites(conn, user_id, component)
    progress = await progress_row(conn, user_id, component.id)
    return base_fields(component.row) | {
        "content": component.row["content"],
        "prerequisites": required,
        "prerequisites_met": all(r["met"] for r in required),
        "progress": progress or {},
    }


async def view_component(conn: AsyncConn, signed_in: SignedIn, ref: str, client: Client) -> dict[str, Any]:
    """GET of one component: its detail, and the view counted (view_count + 1, a 'component.view' activity).

    The component row is updated last, so its lock is held only until the commit that follows.
    """
    component = await find_component(conn, ref, signed_in)
    user_id = signed_in.user.id
    await conn.execute(TOUCH_PROGRESS, (user_id, component.id))
    detail = await component_detail(conn, signed_in, component)
    await record_learning_activity(conn, user_id, "component.view", f"Opened “{component.title}”", client=client,
                                   resource_type="component", resource_id=component.id,
                                   metadata={"slug": component.slug})
    detail["view_count"] = await fetch_value(conn, COUNT_VIEW, (component.id,))
    return detail
