"""Evaluates every active achievement's JSONB criteria against the user's totals, awards the met ones
through check_and_award_achievement(), and records how far the user is toward the others."""

import uuid
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from netplus.core.pool import AsyncConn

ACTIVE_ACHIEVEMENTS = """
SELECT a.code, a.criteria, ua.earned_at IS NOT NULL
FROM achievements a
LEFT JOIN user_achievements ua ON ua.achievement_id = a.id AND ua.user_id = %s
WHERE a.is_active
ORDER BY a.sort_order, a.code
"""
SAVE_PROGRESS = """
INSERT INTO user_achievements (user_id, achievement_id, progress_data)
SELECT %s, id, %s FROM achievements WHERE code = %s
ON CONFLICT (user_id, achievement_id) DO UPDATE SET progress_data = excluded.progress_data
WHERE user_achievements.earned_at IS NULL AND user_achievements.progress_data IS DISTINCT FROM excluded.progress_data
"""


@dataclass(frozen=True)
class Progress:
    current: float
    target: float

    @property
    def met(self) -> bool:
        return self.current >= self.target

    def as_json(self) -> dict[str, Any]:
        return {"current": min(self.current, self.target), "target": self.target,
                "percent": round(100 * min(self.current, self.target) / self.target) if self.target else 100}


def progress_toward(criteria: dict[str, Any], totals: dict[str, Any], events: set[str]) -> Progress | None:  # noqa: PLR0911 - one return per criterion type
    """How far the totals are toward `criteria`; None for a criterion this engine does not know."""
    kind = criteria.get("type")
    count_keys = {"components_completed": "components_completed", "assessments_passed": "assessments_passed",
                  "questions_answered": "questions_answered"}
    if kind in count_keys:
        return Progress(float(totals[count_keys[kind]]), float(criteria.get("count", 1)))
    if kind == "streak_days":
        return Progress(float(totals["streak_days"]), float(criteria["days"]))
    if kind == "perfect_score":
        return Progress(float(totals["perfect_scores"]), 1.0)
    if kind == "score_at_least":
        by_type: dict[str, float] = {k: float(v) for k, v in totals["best_score_by_type"].items()}
        wanted = criteria.get("assessment_type")
        best = by_type.get(wanted, 0.0) if wanted else max(by_type.values(), default=0.0)
        return Progress(best, float(criteria["percentage"]))
    if kind == "domain_mastery":
        domain = totals["domains"].get(criteria["domain"], {"done": 0, "total": 0})
        return Progress(float(domain["done"]), float(max(domain["total"], 1)))
    if kind == "special":
        return Progress(1.0 if criteria.get("event") in events else 0.0, 1.0)
    return None


async def evaluate_achievements(conn: AsyncConn, user_id: uuid.UUID, *, events: frozenset[str] = frozenset()
                                ) -> list[str]:
    """Award what the user has now earned; returns the codes awarded by this call."""
    row = await (await conn.execute("SELECT user_learning_totals(%s)", (user_id,))).fetchone()
    assert row is not None
    totals: dict[str, Any] = row[0]
    awarded = []
    for code, criteria, earned in await (await conn.execute(ACTIVE_ACHIEVEMENTS, (user_id,))).fetchall():
        if earned:
            continue
        progress = progress_toward(criteria, totals, set(events))
        if progress is None:
            continue
        if progress.met:
            won = await (await conn.execute("SELECT check_and_award_achievement(%s, %s)", (user_id, code))).fetchone()
            if won and won[0]:
                awarded.append(str(code))
        else:
            await conn.execute(SAVE_PROGRESS, (user_id, Jsonb(progress.as_json()), code))
    return awarded
