"""Generated drills: a catalog quiz whose content is {"generator": {"kinds", "questions", "time_limit_minutes"}}.

Each drill has one hidden assessment (never published, no fixed questions), created the first time
anyone starts the drill, with the stable id of the drill's slug; its attempts hold their own questions.
Every attempt draws fresh (kind, seed) pairs with `secrets` and stores each generated question once
(content/generated.py's row), so scoring and review read exactly the question the student saw.
"""

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from psycopg import sql

from netplus.assessments import queries
from netplus.assessments.ordering import shuffled
from netplus.content.generated import generated_row
from netplus.content.generators import Kind
from netplus.core.ids import stable_id
from netplus.core.pool import AsyncConn
from netplus.core.problems import not_found
from netplus.core.rows import fetch_one
from netplus.core.upsert import adapt

DRILL_PASSING_SCORE = 70
SEED_BOUND = 2**31


@dataclass(frozen=True)
class Drill:
    component_id: uuid.UUID
    slug: str
    title: str
    exam_code: str
    kinds: list[Kind]
    questions: int
    time_limit_minutes: int | None

    @property
    def assessment_id(self) -> uuid.UUID:
        return stable_id("assessment", self.slug)


async def find_drill(conn: AsyncConn, component_id: uuid.UUID) -> Drill:
    row = await fetch_one(conn, queries.DRILL_COMPONENT, {"id": component_id})
    if row is None:
        raise not_found("drill")
    generator: dict[str, Any] = row["generator"]
    return Drill(component_id=row["id"], slug=row["slug"], title=row["title"], exam_code=row["exam_code"],
                 kinds=[Kind(k) for k in generator["kinds"]], questions=int(generator["questions"]),
                 time_limit_minutes=generator.get("time_limit_minutes"))


async def ensure_drill_assessment(conn: AsyncConn, drill: Drill) -> uuid.UUID:
    """The drill's hidden assessment, created if missing and kept in step with the drill's settings."""
    params = {"id": drill.assessment_id, "component_id": drill.component_id, "title": drill.title,
              "slug": drill.slug, "minutes": drill.time_limit_minutes, "exam_code": drill.exam_code,
              "passing_score": DRILL_PASSING_SCORE,
              "description": f"Generated drill: {drill.questions} new questions on every attempt."}
    row = await fetch_one(conn, queries.DRILL_ASSESSMENT, params)
    if row is None:
        await conn.execute(queries.INSERT_DRILL_ASSESSMENT, params)
    elif (row["title"], row["time_limit_minutes"], row["component_id"], row["exam_code"]) != (
            drill.title, drill.time_limit_minutes, drill.component_id, drill.exam_code):
        await conn.execute(queries.SYNC_DRILL_ASSESSMENT, params)
    return drill.assessment_id


def draw(drill: Drill) -> list[tuple[Kind, int]]:
    """`drill.questions` (kind, seed) pairs: the kinds dealt evenly in a random order, every seed random."""
    deck: list[Kind] = []
    while len(deck) < drill.questions:
        deck += shuffled(list(drill.kinds))
    drawn: dict[tuple[Kind, int], None] = {}
    for kind in deck[: drill.questions]:
        pair = (kind, secrets.randbelow(SEED_BOUND))
        while pair in drawn:  # the same question twice in one attempt
            pair = (kind, secrets.randbelow(SEED_BOUND))
        drawn[pair] = None
    return list(drawn)


async def store_question(conn: AsyncConn, row: dict[str, Any]) -> None:
    """Insert a generated question once; a pair drawn before already has its row, identical by construction."""
    statement = sql.SQL("INSERT INTO question_bank ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING").format(
        sql.SQL(", ").join(map(sql.Identifier, row)), sql.SQL(", ").join(sql.Placeholder() * len(row)))
    await conn.execute(statement, [adapt(v) for v in row.values()])


async def generate_questions(conn: AsyncConn, drill: Drill) -> list[uuid.UUID]:
    """Fresh questions for one attempt, stored; their ids in the order drawn."""
    ids: list[uuid.UUID] = []
    for kind, seed in draw(drill):
        row = generated_row(kind, seed, exam_code=drill.exam_code)
        await store_question(conn, row)
        ids.append(row["id"])
    return ids
