"""/me/goals over HTTP: every goal type and metric reaching completed or failed as the database computes it,
validated dates and targets, changes, abandoning and deleting, and other users' goals out of reach."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.factories import make_assessment, make_attempt, make_question
from tests.learner_api import Headers, as_app_user, new_student, one, sql

GOALS = "/api/v1/me/goals"
TODAY = datetime.now(UTC).date()  # the test accounts live in UTC


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def learner(client: TestClient, fresh_seeded_db: DatabaseTarget) -> tuple[uuid.UUID, Headers]:
    return new_student(fresh_seeded_db, client, "goalie")


def create(client: TestClient, headers: Headers, **goal: Any) -> dict[str, Any]:
    response = client.post(GOALS, headers=headers, json={"title": "A goal"} | goal)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def finished_attempts(target: DatabaseTarget, user: uuid.UUID, *percentages: float) -> None:
    with connect(target) as conn:
        question = make_question(conn)
        quiz = make_assessment(conn, [question])
        for n, percentage in enumerate(percentages, start=1):
            make_attempt(conn, user, quiz, attempt_number=n, status="completed", completed_at="now()",
                         percentage=percentage, score=percentage, max_score=100, passed=percentage >= 70,
                         question_order=[question])
        conn.commit()


def study_minutes(target: DatabaseTarget, user: uuid.UUID, minutes: int) -> None:
    sql(target, "INSERT INTO learning_sessions (user_id, session_start, session_end, duration_minutes)"
                " VALUES (%s, now() - make_interval(mins => %s), now(), %s)", (user, minutes, minutes))


IN_TWO_WEEKS = (TODAY + timedelta(days=14)).isoformat()
CASES = [
    ("daily", "minutes", 30, None),
    ("weekly", "components", 2, None),
    ("monthly", "assessments", 2, None),
    ("exam_date", "score", 80, IN_TWO_WEEKS),
    ("custom", "streak", 1, IN_TWO_WEEKS),
]


@pytest.mark.parametrize(("goal_type", "metric", "target", "target_date"), CASES)
def test_every_goal_type_completes_when_its_metric_is_reached(
        client: TestClient, fresh_seeded_db: DatabaseTarget, learner: tuple[uuid.UUID, Headers], *,
        goal_type: str, metric: str, target: int, target_date: str | None) -> None:
    user, headers = learner
    goal = create(client, headers, goal_type=goal_type, metric=metric, target_value=target, target_date=target_date)
    assert (goal["status"], goal["current_value"], goal["start_date"]) == ("active", 0, TODAY.isoformat())
    if metric == "minutes":
        study_minutes(fresh_seeded_db, user, 31)
    elif metric == "components":
        for slug in ("demo-osi-model-lesson", "demo-ipv4-addressing-lesson"):
            client.post(f"/api/v1/components/{slug}/progress/complete", headers=headers)
    elif metric == "assessments":
        finished_attempts(fresh_seeded_db, user, 40, 55)
    elif metric == "score":
        finished_attempts(fresh_seeded_db, user, 60, 85)
    else:
        client.get("/api/v1/components/demo-osi-model-lesson", headers=headers)  # any activity starts the streak
    [done] = client.get(GOALS, headers=headers).json()
    assert done["status"] == "completed", done
    assert done["completed_date"] == TODAY.isoformat() and done["percent"] == 100
    assert done["current_value"] >= target


@pytest.mark.parametrize(("goal_type", "metric", "target", "target_date"), CASES)
def test_every_goal_type_fails_when_its_window_closes_short(
        client: TestClient, fresh_seeded_db: DatabaseTarget, learner: tuple[uuid.UUID, Headers], *,
        goal_type: str, metric: str, target: int, target_date: str | None) -> None:
    user, headers = learner
    goal = create(client, headers, goal_type=goal_type, metric=metric, target_value=target, target_date=target_date)
    study_minutes(fresh_seeded_db, user, 5)  # some effort, not enough
    # Time passes: the goal's window is now over.
    back = {"daily": 2, "weekly": 8, "monthly": 40, "exam_date": 20, "custom": 20}[goal_type]
    sql(fresh_seeded_db, "UPDATE study_goals SET start_date = start_date - %s,"
                         " target_date = CASE WHEN target_date IS NOT NULL THEN current_date - 1 END WHERE id = %s",
        (back, goal["id"]))
    failed = client.get(f"{GOALS}/{goal['id']}", headers=headers).json()
    assert (failed["status"], failed["completed_date"]) == ("failed", None)
    assert failed["end_date"] < TODAY.isoformat()


@pytest.mark.parametrize(("goal", "fields"), [
    ({"goal_type": "weekly", "metric": "score", "target_value": 150}, {"target_value"}),
    ({"goal_type": "weekly", "metric": "components", "target_value": 2.5}, {"target_value"}),
    ({"goal_type": "weekly", "metric": "minutes", "target_value": 0}, {"target_value"}),
    ({"goal_type": "exam_date", "metric": "score", "target_value": 80}, {"target_date"}),
    ({"goal_type": "custom", "metric": "minutes", "target_value": 60, "start_date": "2030-01-10",
      "target_date": "2030-01-01"}, {"start_date", "target_date"}),
    ({"goal_type": "custom", "metric": "minutes", "target_value": 60, "target_date": "2020-01-01"}, {"target_date"}),
    ({"goal_type": "yearly", "metric": "minutes", "target_value": 60}, {"goal_type"}),
    ({"goal_type": "daily", "metric": "pages", "target_value": 60, "title": ""}, {"metric", "title"}),
    ({"goal_type": "daily", "metric": "minutes", "target_value": 60, "start_date": "next monday"}, {"start_date"}),
])
def test_invalid_goals_name_the_fields_and_write_nothing(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                         learner: tuple[uuid.UUID, Headers], goal: dict[str, Any],
                                                         fields: set[str]) -> None:
    _, headers = learner
    response = client.post(GOALS, headers=headers, json={"title": "Goal"} | goal)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == fields
    assert one(fresh_seeded_db, "SELECT count(*) FROM study_goals") == 0


def test_changing_abandoning_and_deleting(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                          learner: tuple[uuid.UUID, Headers]) -> None:
    user, headers = learner
    study_minutes(fresh_seeded_db, user, 50)
    goal = create(client, headers, goal_type="weekly", metric="minutes", target_value=120, title="Two hours")
    assert (goal["current_value"], goal["percent"], goal["end_date"]) == (
        50, 41.67, (TODAY + timedelta(days=6)).isoformat())
    url = f"{GOALS}/{goal['id']}"
    renamed = client.patch(url, headers=headers, json={"title": "Ninety minutes", "description": "Small steps",
                                                       "target_date": IN_TWO_WEEKS}).json()
    assert (renamed["title"], renamed["description"], renamed["end_date"], renamed["status"]) == (
        "Ninety minutes", "Small steps", IN_TWO_WEEKS, "active")
    bad = client.patch(url, headers=headers, json={"target_value": None, "title": None, "goal_type": "daily"})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"target_value", "title",
                                                                                      "goal_type"}
    bad = client.patch(url, headers=headers, json={"target_value": 7.5, "target_date": "2001-01-01"})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"target_value", "target_date"}
    reached = client.patch(url, headers=headers, json={"target_value": 45}).json()
    assert (reached["status"], reached["completed_date"]) == ("completed", TODAY.isoformat())
    assert client.patch(url, headers=headers, json={"title": "Too late"}).status_code == 409
    assert client.post(f"{url}/abandon", headers=headers).status_code == 409

    other = create(client, headers, goal_type="monthly", metric="components", target_value=10)
    abandoned = client.post(f"{GOALS}/{other['id']}/abandon", headers=headers).json()
    assert abandoned["status"] == "abandoned"
    listed = client.get(GOALS, headers=headers, params={"status": "abandoned"}).json()
    assert [g["id"] for g in listed] == [other["id"]]
    assert client.delete(f"{GOALS}/{other['id']}", headers=headers).status_code == 204
    assert client.get(f"{GOALS}/{other['id']}", headers=headers).status_code == 404
    kinds = [r[0] for r in sql(fresh_seeded_db, "SELECT activity_type FROM user_activity_logs"
                                                " WHERE activity_type LIKE 'goal.%' ORDER BY created_at")]
    assert kinds == ["goal.create", "goal.update", "goal.update", "goal.create", "goal.abandon", "goal.delete"]


def test_another_users_goals_are_out_of_reach(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                              learner: tuple[uuid.UUID, Headers]) -> None:
    owner, headers = learner
    goal = create(client, headers, goal_type="daily", metric="minutes", target_value=30)
    intruder, intruder_headers = new_student(fresh_seeded_db, client, "nosy")
    url = f"{GOALS}/{goal['id']}"
    assert client.get(GOALS, headers=intruder_headers).json() == []
    assert client.get(url, headers=intruder_headers).status_code == 404
    assert client.patch(url, headers=intruder_headers, json={"title": "mine now"}).status_code == 404
    assert client.post(f"{url}/abandon", headers=intruder_headers).status_code == 404
    assert client.delete(url, headers=intruder_headers).status_code == 404
    with as_app_user(fresh_seeded_db, intruder) as conn:
        assert conn.execute("SELECT count(*) FROM study_goals").fetchone() == (0,)
        assert conn.execute("DELETE FROM study_goals").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO study_goals (user_id, goal_type, metric, title, target_value)"
                         " VALUES (%s, 'daily', 'minutes', 'x', 1)", (owner,))
    assert one(fresh_seeded_db, "SELECT (title, status)::text FROM study_goals") == "(\"A goal\",active)"
