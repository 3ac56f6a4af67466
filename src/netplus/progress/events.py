"""The one place a learning activity lands: the activity log, the streak, the goals, the achievements.

Every feature that records learning (studying a component, finishing it, submitting an assessment)
calls `record_learning_activity` inside its own transaction, so all of it commits or none does.
"""

import uuid
from dataclasses import dataclass, field

from netplus.achievements.engine import evaluate_achievements
from netplus.core.activity import Client, log_activity
from netplus.core.pool import AsyncConn


@dataclass(frozen=True)
class ActivityOutcome:
    achievements_awarded: list[str] = field(default_factory=list)
    goals_changed: int = 0


async def record_learning_activity(conn: AsyncConn, user_id: uuid.UUID, activity_type: str, description: str, *,
                                   client: Client, resource_type: str | None = None,
                                   resource_id: uuid.UUID | None = None, metadata: dict[str, object] | None = None,
                                   events: frozenset[str] = frozenset()) -> ActivityOutcome:
    """Log the activity, count the user's day toward the streak (in their time zone), recompute their
    study goals, and award the achievements now earned. `conn` must be acting as `user_id`."""
    await log_activity(conn, user_id, activity_type, description, client=client, resource_type=resource_type,
                       resource_id=resource_id, metadata=metadata)
    await conn.execute("SELECT update_learning_streak(%s, user_local_date(%s))", (user_id, user_id))
    row = await (await conn.execute("SELECT refresh_study_goals(%s)", (user_id,))).fetchone()
    awarded = await evaluate_achievements(conn, user_id, events=events)
    return ActivityOutcome(achievements_awarded=awarded, goals_changed=int(str(row[0])) if row else 0)
