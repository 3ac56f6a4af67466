"""What the catalog pages read besides components: the exam outline and a component's neighbour.

The exam outline (exam_domains, exam_objectives from migration 0005) names the domains and objectives
the filters offer; "next in this objective" follows the catalog's own order (domain, sort_order,
title, id) among the components a user may see.
"""

from dataclasses import dataclass, field

from netplus.core.pool import AsyncConn
from netplus.core.rows import Row, fetch_all, fetch_one

OUTLINE = """
SELECT d.exam_code, d.code, d.name, d.weight,
       coalesce(jsonb_agg(jsonb_build_object('code', o.code, 'title', o.title)
                          ORDER BY string_to_array(o.code, '.')::int[]) FILTER (WHERE o.code IS NOT NULL),
                '[]') AS objectives
FROM exam_domains d
JOIN exam_versions v ON v.code = d.exam_code
LEFT JOIN exam_objectives o ON o.exam_code = d.exam_code AND o.domain_code = d.code
WHERE d.exam_code = %(exam)s OR (%(exam)s IS NULL AND v.is_current)
GROUP BY d.exam_code, d.code, d.name, d.weight
ORDER BY d.exam_code, d.code
"""
# The first visible component after this one in catalog order that shares one of its objectives.
NEXT_IN_OBJECTIVE = """
SELECT c.slug, c.title, c.component_type
FROM learning_components c
WHERE c.deleted_at IS NULL AND (c.is_published OR %(staff)s) AND c.id <> %(id)s
  AND c.exam_code = %(exam)s AND c.comptia_objectives && %(objectives)s::text[]
  AND (c.domain, c.sort_order, c.title, c.id) > (%(domain)s, %(sort_order)s, %(title)s, %(id)s)
ORDER BY c.domain, c.sort_order, c.title, c.id
LIMIT 1
"""


@dataclass(frozen=True)
class Objective:
    code: str
    title: str


@dataclass(frozen=True)
class Domain:
    exam_code: str
    code: str
    name: str
    weight: float
    objectives: list[Objective] = field(default_factory=list)


async def exam_outline(conn: AsyncConn, exam_code: str | None = None) -> list[Domain]:
    """The domains (with their objectives) of `exam_code`, or of the current exam when None."""
    rows = await fetch_all(conn, OUTLINE, {"exam": exam_code})
    return [Domain(r["exam_code"], r["code"], r["name"], float(r["weight"]),
                   [Objective(o["code"], o["title"]) for o in r["objectives"]]) for r in rows]


async def next_in_objective(conn: AsyncConn, component: Row, *, staff: bool) -> Row | None:
    if not component["comptia_objectives"]:
        return None
    return await fetch_one(conn, NEXT_IN_OBJECTIVE, {
        "staff": staff, "id": component["id"], "exam": component["exam_code"],
        "objectives": component["comptia_objectives"], "domain": component["domain"],
        "sort_order": component["sort_order"], "title": component["title"]})

