"""A small data set whose statistics are known by hand: two students, four components, one assessment,
and a day (`day`, two days ago, UTC) of sessions, completions and attempts.

  day          alice                                  bob
  C1 lesson    completed at 10:30 (30 min),           in progress 20% (5 min);
  1.0          sessions 10:00-10:30 (12 interactions)  session 11:00, 20 s, no interaction
               and 23:59, never ended, no interaction
  C2 lab 1.0   in progress 50% (20 min); session       session the day before, 23:59:59, 1 min
               09:00, 20 min, no interaction
  C3 lesson    in progress 40% (10 min)                -
  2.0
  C4 2.0       a draft                                 -
  A1 (C2)      attempt 1: 100%, passed, 10 min;        attempt 1: 50%, failed, 20 min
               attempt 2 in progress
  Q1, Q2       Q1 answered right twice; Q2 once right, once wrong
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from psycopg.types.json import Jsonb

from tests.factories import (
    Conn,
    insert,
    make_assessment,
    make_attempt,
    make_component,
    make_progress,
    make_question,
    make_user,
)

PASSWORD = "correct horse battery staple"  # the factories' password


@dataclass(frozen=True)
class Known:
    day: date
    admin: uuid.UUID
    instructor: uuid.UUID
    alice: uuid.UUID
    bob: uuid.UUID
    components: dict[str, uuid.UUID]
    assessment: uuid.UUID
    questions: tuple[uuid.UUID, uuid.UUID]

    def at(self, hour: int, minute: int = 0, second: int = 0, *, days: int = 0) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, hour, minute, second, tzinfo=UTC) + timedelta(
            days=days)


def session(conn: Conn, user: uuid.UUID, component: uuid.UUID, start: datetime, *, seconds: int | None,
            interactions: int = 0) -> None:
    values: dict[str, Any] = {"user_id": user, "component_id": component, "session_start": start,
                              "interaction_count": interactions}
    if seconds is not None:
        values |= {"session_end": start + timedelta(seconds=seconds), "duration_minutes": seconds // 60}
    insert(conn, "learning_sessions", values)


def build(conn: Conn) -> Known:
    day = datetime.now(UTC).date() - timedelta(days=2)
    admin = make_user(conn, username="root", email="root@example.test", role="admin")
    instructor = make_user(conn, username="teacher", email="teacher@example.test", role="instructor")
    alice = make_user(conn, username="alice", email="alice@example.test")
    bob = make_user(conn, username="bob", email="bob@example.test")
    for user, first, last in ((alice, "Alice", "Liddell"), (bob, "Bob", "Builder")):
        insert(conn, "user_profiles", {"user_id": user, "first_name": first, "last_name": last,
                                       "display_name": first})
    c = {"C1": make_component(conn, slug="k-c1", sort_order=1),
         "C2": make_component(conn, slug="k-c2", component_type="lab", sort_order=2),
         "C3": make_component(conn, slug="k-c3", domain="2.0", comptia_objectives=["2.1"]),
         "C4": make_component(conn, slug="k-c4", domain="2.0", comptia_objectives=["2.1"], is_published=False,
                              published_at=None)}
    known = Known(day, admin, instructor, alice, bob, c, uuid.uuid4(), (uuid.uuid4(), uuid.uuid4()))
    started, touched = known.at(8, days=-5), known.at(12)
    make_progress(conn, alice, c["C1"], status="completed", progress_percentage=100, time_spent_minutes=30,
                  started_at=started, completion_date=known.at(10, 30), last_accessed_at=touched)
    make_progress(conn, alice, c["C2"], progress_percentage=50, time_spent_minutes=20, started_at=started,
                  last_accessed_at=touched)
    make_progress(conn, alice, c["C3"], progress_percentage=40, time_spent_minutes=10, started_at=started,
                  last_accessed_at=touched)
    make_progress(conn, bob, c["C1"], progress_percentage=20, time_spent_minutes=5, started_at=started,
                  last_accessed_at=touched)
    session(conn, alice, c["C1"], known.at(10), seconds=30 * 60, interactions=12)
    session(conn, bob, c["C1"], known.at(11), seconds=20)
    session(conn, alice, c["C1"], known.at(23, 59), seconds=None)
    session(conn, alice, c["C2"], known.at(9), seconds=20 * 60)
    session(conn, bob, c["C2"], known.at(23, 59, 59, days=-1), seconds=60, interactions=3)

    q1 = make_question(conn, usage_count=2, correct_count=2)
    q2 = make_question(conn, question_type="true_false", question_data={}, correct_answer=Jsonb(False), usage_count=2,
                       correct_count=1, incorrect_count=1)
    quiz = make_assessment(conn, [q1, q2], slug="k-a1", component_id=c["C2"], passing_score=70)
    for user, percentage, minutes in ((alice, 100, 10), (bob, 50, 20)):
        make_attempt(conn, user, quiz, status="completed", started_at=known.at(14), completed_at=known.at(14, minutes),
                     time_spent_seconds=minutes * 60, score=percentage / 50, max_score=2, percentage=percentage,
                     passed=percentage >= 70, question_order=[q1, q2], correct_answers=percentage // 50,
                     incorrect_answers=2 - percentage // 50)
    make_attempt(conn, alice, quiz, attempt_number=2, started_at=known.at(15), question_order=[q1, q2])
    return Known(day, admin, instructor, alice, bob, c, quiz, (q1, q2))
