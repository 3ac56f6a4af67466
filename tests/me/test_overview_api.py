"""/me/streak, /me/achievements and /me/dashboard over HTTP, for a new user and a busy one."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from psycopg.types.json import Jsonb

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.factories import make_achievement
from tests.learner_api import Headers, component_id, new_student, sign_in, sql

TODAY = datetime.now(UTC).date()
WEIGHTS = {"1.0": 23.0, "2.0": 20.0, "3.0": 19.0, "4.0": 14.0, "5.0": 24.0}


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def newcomer(client: TestClient, fresh_seeded_db: DatabaseTarget) -> tuple[uuid.UUID, Headers]:
    return new_student(fresh_seeded_db, client, "newcomer")


def test_the_streak_of_a_new_user_and_after_some_days(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                      newcomer: tuple[uuid.UUID, Headers]) -> None:
    user, headers = newcomer
    empty = client.get("/api/v1/me/streak", headers=headers).json()
    assert empty == {"current_streak": 0, "longest_streak": 0, "freezes_available": 0, "last_activity_date": None,
                     "total_active_days": 0, "today": TODAY.isoformat(), "active_today": False, "at_risk": False,
                     "history": []}
    with connect(fresh_seeded_db) as conn:  # three days in a row, ending yesterday, and two freezes
        for back in (3, 2, 1):
            conn.execute("SELECT update_learning_streak(%s, %s)", (user, TODAY - timedelta(days=back)))
        conn.execute("UPDATE learning_streaks SET streak_frozen_days = 2 WHERE user_id = %s", (user,))
        conn.commit()
    risky = client.get("/api/v1/me/streak", headers=headers).json()
    assert (risky["current_streak"], risky["freezes_available"], risky["at_risk"], risky["active_today"]) == (
        3, 2, True, False)
    client.get("/api/v1/components/demo-osi-model-lesson", headers=headers)  # studying today
    kept = client.get("/api/v1/me/streak", headers=headers).json()
    assert (kept["current_streak"], kept["longest_streak"], kept["total_active_days"]) == (4, 4, 4)
    assert (kept["active_today"], kept["at_risk"], kept["last_activity_date"]) == (True, False, TODAY.isoformat())
    assert [h["event"] for h in kept["history"]] == ["start", "continue", "continue", "continue"]


def test_achievements_earned_in_progress_locked_and_secret(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                           newcomer: tuple[uuid.UUID, Headers]) -> None:
    _, headers = newcomer
    with connect(fresh_seeded_db) as conn:
        make_achievement(conn, code="hidden_gem", name="Hidden gem", is_secret=True,
                         criteria=Jsonb({"type": "components_completed", "count": 2}))
        make_achievement(conn, code="retired", name="Retired", is_active=False)
        conn.commit()
    before = client.get("/api/v1/me/achievements", headers=headers).json()
    codes = {a["code"]: a for a in before["items"]}
    assert "hidden_gem" not in codes and "retired" not in codes and before["hidden_secret_count"] == 1
    assert {a["status"] for a in before["items"]} == {"locked"} and before["earned_count"] == 0
    assert codes["first_steps"]["progress_data"] == {"current": 0.0, "target": 1.0, "percent": 0}

    for slug in ("demo-osi-model-lesson", "demo-ipv4-addressing-lesson"):
        client.post(f"/api/v1/components/{slug}/progress/complete", headers=headers)
    after = client.get("/api/v1/me/achievements", headers=headers).json()
    codes = {a["code"]: a for a in after["items"]}
    assert codes["first_steps"]["status"] == "earned" and codes["first_steps"]["earned_at"] is not None
    assert codes["hidden_gem"]["status"] == "earned" and after["hidden_secret_count"] == 0
    assert codes["concepts_master"]["status"] == "in_progress"
    assert codes["concepts_master"]["progress_data"]["current"] == 2.0
    assert codes["first_pass"]["status"] == "locked"
    assert (after["earned_count"], after["points"]) == (2, 10 + 10)


def test_the_dashboard_of_a_new_user(client: TestClient, newcomer: tuple[uuid.UUID, Headers]) -> None:
    _, headers = newcomer
    board = client.get("/api/v1/me/dashboard", headers=headers).json()
    assert board["summary"] == {"components_started": 0, "components_completed": 0, "total_time_minutes": 0,
                                "current_streak": 0, "longest_streak": 0, "achievement_count": 0,
                                "average_assessment_score": None, "active_goals_count": 0}
    assert (board["overall_progress"], board["weighted_progress"], board["exam_code"]) == (0, 0, "N10-009")
    assert {d["code"]: d["weight"] for d in board["domains"]} == WEIGHTS
    assert board["domains"][0]["name"] == "Networking Concepts"
    assert all(d["components"] > 0 and d["completed"] == 0 and d["progress_percentage"] == 0
               for d in board["domains"])
    assert board["today"] == {"date": TODAY.isoformat(), "minutes": 0, "goal_minutes": 30, "percent": 0,
                              "goal_met": False}
    assert board["continue_where_you_left_off"] is None
    # The heaviest domain (5.0, 24 %) first, its lowest sort_order first.
    assert board["next_recommended"]["slug"] == "n10-009-5-1-troubleshooting-methodology"


def test_the_dashboard_of_a_busy_user(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student2")  # daily goal 20 minutes, Asia/Kolkata
    for slug in ("n10-009-5-1-troubleshooting-methodology", "n10-009-5-1-flashcards", "demo-osi-model-lesson"):
        client.post(f"/api/v1/components/{slug}/progress/complete", headers=student,
                    json={"time_spent_minutes_delta": 10})
    for slug, percentage in (("n10-009-5-2-cabling-physical-interface-issues", 50),
                             ("n10-009-1-2-appliances-applications-functions", 30)):
        client.post(f"/api/v1/components/{slug}/progress/start", headers=student)
        client.patch(f"/api/v1/components/{slug}/progress", headers=student,
                     json={"progress_percentage": percentage, "last_position": {"heading": slug},
                           "time_spent_minutes_delta": 4})
    sql(fresh_seeded_db, "INSERT INTO learning_sessions (user_id, session_start, session_end, duration_minutes)"
                         " SELECT id, now(), now(), 12 FROM users WHERE username = 'student2'")
    client.post("/api/v1/me/goals", headers=student, json={
        "goal_type": "weekly", "metric": "components", "title": "Ten this week", "target_value": 10})

    board = client.get("/api/v1/me/dashboard", headers=student).json()
    assert board["summary"] | {"current_streak": None, "longest_streak": None} == {
        "components_started": 5, "components_completed": 3, "total_time_minutes": 38, "current_streak": None,
        "longest_streak": None, "achievement_count": 1, "average_assessment_score": None, "active_goals_count": 1}
    assert board["summary"]["current_streak"] >= 1
    domains = {d["code"]: d for d in board["domains"]}
    five = domains["5.0"]
    assert (five["completed"], five["in_progress"]) == (2, 1)
    assert five["progress_percentage"] == round((100 + 100 + 50) / five["components"], 2)
    assert (domains["1.0"]["completed"], domains["1.0"]["in_progress"]) == (1, 1)
    expected = sum(WEIGHTS[c] * d["progress_percentage"] for c, d in domains.items()) / 100
    assert board["weighted_progress"] == pytest.approx(expected, abs=0.01)
    assert board["overall_progress"] > 0
    assert (board["today"]["minutes"], board["today"]["goal_minutes"], board["today"]["goal_met"]) == (12, 20, False)
    assert board["today"]["percent"] == 60
    here = board["continue_where_you_left_off"]
    assert (here["slug"], here["progress_percentage"], here["last_position"]) == (
        "n10-009-1-2-appliances-applications-functions", 30,
        {"heading": "n10-009-1-2-appliances-applications-functions"})
    # 5.1's checkpoint is unlocked now (its lesson is done) and comes next in domain 5.0.
    assert board["next_recommended"]["slug"] == "n10-009-checkpoint-5-1"


def test_next_recommended_skips_locked_components_and_leaves_practice_exams_last(
        client: TestClient, fresh_seeded_db: DatabaseTarget, newcomer: tuple[uuid.UUID, Headers]) -> None:
    user, headers = newcomer
    # Everything but two components is done: a locked lab (its lesson is not done) and a practice exam.
    sql(fresh_seeded_db, "INSERT INTO user_progress (user_id, component_id, status, progress_percentage, started_at,"
                         " completion_date) SELECT %s, id, 'completed', 100, now(), now() FROM learning_components"
                         " WHERE slug NOT IN ('demo-subnetting-lab', 'demo-ipv4-addressing-lesson',"
                         " 'n10-009-practice-exam-1')", (user,))
    board = client.get("/api/v1/me/dashboard", headers=headers).json()
    assert board["next_recommended"]["slug"] == "demo-ipv4-addressing-lesson"
    sql(fresh_seeded_db, "INSERT INTO user_progress (user_id, component_id, status, progress_percentage, started_at,"
                         " completion_date) VALUES (%s, %s, 'completed', 100, now(), now())",
        (user, component_id(fresh_seeded_db, "demo-ipv4-addressing-lesson")))
    board = client.get("/api/v1/me/dashboard", headers=headers).json()
    assert board["next_recommended"]["slug"] == "demo-subnetting-lab"  # unlocked, and before the practice exam
