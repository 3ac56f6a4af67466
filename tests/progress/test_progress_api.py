"""Progress over HTTP: start (prerequisites), report and resume, complete once, mastery kept, exact ratings;
each call one transaction that ends with the learning activity."""

import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.learner_api import as_app_user, component_id, new_student, one, sign_in, sql, user_id

LAB, LESSON = "demo-subnetting-lab", "demo-ipv4-addressing-lesson"


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


def progress_url(slug: str, action: str = "") -> str:
    return f"/api/v1/components/{slug}/progress" + (f"/{action}" if action else "")


def activities(target: DatabaseTarget, username: str) -> list[str]:
    return [r[0] for r in sql(target, "SELECT activity_type FROM user_activity_logs WHERE user_id = %s"
                                      " ORDER BY created_at, id", (user_id(target, username),))]


def test_starting_is_refused_until_the_prerequisites_are_met(client: TestClient,
                                                             fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    refused = client.post(progress_url(LAB, "start"), headers=student)
    assert refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
    body = refused.json()
    assert "IPv4 addressing, CIDR and subnet math" in body["detail"]
    assert [(e["field"], e["slug"]) for e in body["errors"]] == [("prerequisites", LESSON)]
    assert client.post(progress_url(LAB, "complete"), headers=student).status_code == 409
    assert one(fresh_seeded_db, "SELECT count(*) FROM user_progress") == 0
    assert activities(fresh_seeded_db, "student1") == ["auth.login"]  # nothing was written

    client.post(progress_url(LESSON, "complete"), headers=student)
    started = client.post(progress_url(LAB, "start"), headers=student)
    assert started.status_code == 201 and started.json()["progress"]["status"] == "in_progress"
    again = client.post(progress_url(LAB, "start"), headers=student)
    assert again.status_code == 200
    assert again.json()["progress"]["started_at"] == started.json()["progress"]["started_at"]
    assert activities(fresh_seeded_db, "student1")[-3:] == ["component.complete", "component.start",
                                                            "component.resume"]


def test_progress_accumulates_and_resumes_where_it_stopped(client: TestClient,
                                                           fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    assert client.patch(progress_url(LESSON), headers=student, json={"progress_percentage": 10}).status_code == 409
    client.post(progress_url(LESSON, "start"), headers=student)
    position = {"section": "subnet-math", "scroll": 0.42, "answers": {"q1": ["a", "c"]}, "video_seconds": 371}
    reports = [{"progress_percentage": 35.5, "time_spent_minutes_delta": 7},
               {"last_position": position, "time_spent_minutes_delta": 5},
               {"progress_percentage": 20, "time_spent_minutes_delta": 3}]  # older report from another tab
    for report in reports:
        response = client.patch(progress_url(LESSON), headers=student, json=report)
        assert response.status_code == 200, response.text
    state = response.json()["progress"]
    assert (state["progress_percentage"], state["time_spent_minutes"], state["status"]) == (35.5, 15, "in_progress")
    resumed = client.get(f"/api/v1/components/{LESSON}", headers=sign_in(client, "student1")).json()["progress"]
    assert resumed["last_position"] == position and resumed["time_spent_minutes"] == 15
    assert activities(fresh_seeded_db, "student1").count("component.progress") == 3


@pytest.mark.parametrize(("body", "fields"), [
    ({"progress_percentage": 101}, {"progress_percentage"}),
    ({"progress_percentage": -1, "time_spent_minutes_delta": -5}, {"progress_percentage", "time_spent_minutes_delta"}),
    ({"last_position": ["not", "an", "object"]}, {"last_position"}),
    ({"last_position": {"blob": "x" * 9000}}, {"last_position"}),
    ({}, {"body"}),
    ({"progress_percentage": 5, "status": "completed"}, {"status"}),
])
def test_invalid_reports_are_refused_with_field_names(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                      body: dict[str, Any], fields: set[str]) -> None:
    student = sign_in(client, "student1")
    client.post(progress_url(LESSON, "start"), headers=student)
    response = client.patch(progress_url(LESSON), headers=student, json=body)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == fields
    assert one(fresh_seeded_db, "SELECT (progress_percentage, time_spent_minutes, last_position)::text"
                                " FROM user_progress") == "(0.00,0,{})"


def test_completion_counts_once_per_learner(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    one_student, other = sign_in(client, "student1"), sign_in(client, "student2")
    first = client.post(progress_url(LESSON, "complete"), headers=one_student,
                        json={"time_spent_minutes_delta": 20})
    assert first.status_code == 200
    done = first.json()
    assert done["first_completion"] is True and done["achievements_awarded"] == ["first_steps"]
    assert (done["progress"]["status"], done["progress"]["progress_percentage"]) == ("completed", 100.0)
    repeat = client.post(progress_url(LESSON, "complete"), headers=one_student).json()
    assert repeat["first_completion"] is False and repeat["achievements_awarded"] == []
    assert repeat["progress"]["completion_date"] == done["progress"]["completion_date"]
    patched = client.patch(progress_url(LESSON), headers=one_student, json={"progress_percentage": 10}).json()
    assert patched["progress"]["progress_percentage"] == 100.0  # completed stays at 100
    count = "SELECT completion_count FROM learning_components WHERE slug = %s"
    assert one(fresh_seeded_db, count, (LESSON,)) == 1
    client.post(progress_url(LESSON, "complete"), headers=other)
    assert one(fresh_seeded_db, count, (LESSON,)) == 2
    assert one(fresh_seeded_db, "SELECT count(*) FROM user_achievements ua JOIN achievements a ON a.id ="
                                " ua.achievement_id WHERE a.code = 'first_steps' AND ua.earned_at IS NOT NULL") == 2
    assert activities(fresh_seeded_db, "student1")[-3:] == ["component.complete", "component.complete",
                                                            "component.progress"]


def test_a_mastered_row_is_never_downgraded(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    client.post(progress_url(LESSON, "complete"), headers=student)
    # The assessments engine marks mastery from scores.
    sql(fresh_seeded_db, "UPDATE user_progress SET status = 'mastered', mastery_date = now(), best_score = 95,"
                         " latest_score = 95")
    for method, action, body in (("POST", "start", None), ("PATCH", "", {"progress_percentage": 50}),
                                 ("POST", "complete", None)):
        response = client.request(method, progress_url(LESSON, action), headers=student, json=body)
        assert response.status_code == 200, response.text
        assert response.json()["progress"]["status"] == "mastered"
    state = client.get(f"/api/v1/components/{LESSON}", headers=student).json()["progress"]
    assert (state["status"], state["best_score"], state["progress_percentage"]) == ("mastered", 95.0, 100.0)
    assert state["mastery_date"] is not None
    assert one(fresh_seeded_db, "SELECT completion_count FROM learning_components WHERE slug = %s", (LESSON,)) == 1


def test_ratings_are_exact_for_several_users(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    users = [sign_in(client, name) for name in ("student1", "student2", "student3")]
    assert client.post(f"/api/v1/components/{LESSON}/rating", headers=users[0], json={"rating": 5}).status_code == 409
    for headers in users:
        client.post(progress_url(LESSON, "start"), headers=headers)
    answers = [client.post(f"/api/v1/components/{LESSON}/rating", headers=h, json={"rating": r}).json()
               for h, r in zip(users, (5, 4, 4), strict=True)]
    assert [(a["average_rating"], a["rating_count"]) for a in answers] == [(5.0, 1), (4.5, 2), (4.33, 3)]
    changed = client.post(f"/api/v1/components/{LESSON}/rating", headers=users[0], json={"rating": 1}).json()
    assert (changed["average_rating"], changed["rating_count"]) == (3.0, 3)
    stored = sql(fresh_seeded_db, "SELECT average_rating, rating_count FROM learning_components WHERE slug = %s",
                 (LESSON,))
    assert stored == [(Decimal("3.00"), 3)]
    assert client.get(f"/api/v1/components/{LESSON}", headers=users[1]).json()["progress"]["rating"] == 4
    for bad in (0, 6, 4.5, "five"):
        response = client.post(f"/api/v1/components/{LESSON}/rating", headers=users[1], json={"rating": bad})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "rating"


def test_concurrent_ratings_both_count(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    """Two users rate at the same moment; the second waits on the component's row and then sees the first."""
    first, second = (user_id(fresh_seeded_db, n) for n in ("student1", "student2"))
    lesson = component_id(fresh_seeded_db, LESSON)
    sql(fresh_seeded_db, "INSERT INTO user_progress (user_id, component_id, status, started_at)"
                         " VALUES (%s, %s, 'in_progress', now()), (%s, %s, 'in_progress', now())",
        (first, lesson, second, lesson))
    rate = "UPDATE user_progress SET rating = %s WHERE user_id = %s AND component_id = %s"
    done = threading.Event()
    with connect(fresh_seeded_db) as a:
        a.execute("SET ROLE app_user")
        a.execute("SELECT set_config('app.user_id', %s, false)", (str(first),))
        a.execute(rate, (5, first, lesson))  # holds the component's row until it commits

        def rate_second() -> None:
            with connect(fresh_seeded_db) as b:
                b.execute("SET ROLE app_user")
                b.execute("SELECT set_config('app.user_id', %s, false)", (str(second),))
                b.execute(rate, (2, second, lesson))
                b.commit()
            done.set()

        worker = threading.Thread(target=rate_second)
        worker.start()
        assert not done.wait(0.5)  # blocked behind the first rater
        a.commit()
        worker.join(10)
    assert done.is_set()
    assert sql(fresh_seeded_db, "SELECT average_rating, rating_count FROM learning_components WHERE id = %s",
               (lesson,)) == [(Decimal("3.50"), 2)]


def test_another_users_progress_is_out_of_reach(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    client.post(progress_url(LESSON, "start"), headers=student)
    client.patch(progress_url(LESSON), headers=student, json={"last_position": {"secret": "mine"}})
    intruder, intruder_headers = new_student(fresh_seeded_db, client, "intruder")
    seen = client.get(f"/api/v1/components/{LESSON}", headers=intruder_headers).json()["progress"]
    assert seen["status"] == "not_started" and seen["last_position"] == {}
    owner = user_id(fresh_seeded_db, "student1")
    with as_app_user(fresh_seeded_db, intruder) as conn:  # and in SQL, row-level security refuses it
        assert conn.execute("SELECT count(*) FROM user_progress").fetchone() == (0,)
        assert conn.execute("UPDATE user_progress SET progress_percentage = 99 WHERE user_id = %s",
                            (owner,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO user_progress (user_id, component_id) VALUES (%s, %s)",
                         (owner, component_id(fresh_seeded_db, LAB)))
    assert one(fresh_seeded_db, "SELECT last_position->>'secret' FROM user_progress") == "mine"
