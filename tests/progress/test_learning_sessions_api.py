"""Learning sessions over HTTP: device type from the User-Agent, interactions, ending (rounded minutes that
count toward goals), history pages, and other users' sessions out of reach."""

import zoneinfo
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from netplus.progress.device import device_type
from tests.api import api_client
from tests.learner_api import as_app_user, component_id, new_student, one, sign_in, sql

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
IPAD = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"
ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X910) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
KINDLE = "Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 Silk/122.2 like Chrome/122.0 Safari/537.36"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15"
WINDOWS_PHONE = "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Lumia 950) Edge/15.15063 Mobile"


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.mark.parametrize(("agent", "expected"), [
    (IPHONE, "mobile"), (ANDROID_PHONE, "mobile"), (WINDOWS_PHONE, "mobile"), ("Opera/9.80 (J2ME/MIDP; Opera Mini/9)",
                                                                              "mobile"),
    (IPAD, "tablet"), (ANDROID_TABLET, "tablet"), (KINDLE, "tablet"),
    (WINDOWS, "desktop"), (MAC, "desktop"), ("curl/8.5.0", "desktop"),
    ("", None), (None, None),
])
def test_the_device_rule(agent: str | None, expected: str | None) -> None:
    assert device_type(agent) == expected


def test_a_session_from_start_to_end(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    lesson = component_id(fresh_seeded_db, "demo-osi-model-lesson")
    started = client.post("/api/v1/learning-sessions", headers=student | {"User-Agent": IPAD},
                          json={"component_id": str(lesson), "session_data": {"entry": "dashboard"}})
    assert started.status_code == 201, started.text
    session = started.json()
    assert (session["device_type"], session["component_id"], session["session_end"]) == ("tablet", str(lesson), None)
    sid = session["id"]
    for delta in (3, 4):
        assert client.patch(f"/api/v1/learning-sessions/{sid}", headers=student,
                            json={"interaction_count_delta": delta}).status_code == 200
    sql(fresh_seeded_db, "UPDATE learning_sessions SET session_start = now() - interval '10 minutes 31 seconds'")
    ended = client.post(f"/api/v1/learning-sessions/{sid}/end", headers=student).json()
    assert (ended["duration_minutes"], ended["interaction_count"]) == (11, 7)
    assert ended["session_end"] is not None
    again = client.post(f"/api/v1/learning-sessions/{sid}/end", headers=student)
    assert again.status_code == 200 and again.json()["session_end"] == ended["session_end"]
    late = client.patch(f"/api/v1/learning-sessions/{sid}", headers=student, json={"interaction_count_delta": 1})
    assert late.status_code == 409
    kinds = [r[0] for r in sql(fresh_seeded_db, "SELECT activity_type FROM user_activity_logs"
                                                " WHERE activity_type LIKE 'session.%' ORDER BY created_at")]
    assert kinds == ["session.start", "session.end"]  # ending twice records once


def test_a_forgotten_session_counts_at_most_four_hours(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    sid = client.post("/api/v1/learning-sessions", headers=student).json()["id"]
    sql(fresh_seeded_db, "UPDATE learning_sessions SET session_start = now() - interval '9 hours'")
    assert client.post(f"/api/v1/learning-sessions/{sid}/end", headers=student).json()["duration_minutes"] == 240


def test_session_minutes_count_toward_minutes_goals(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student2")
    goal = client.post("/api/v1/me/goals", headers=student, json={
        "goal_type": "daily", "metric": "minutes", "title": "Twenty minutes", "target_value": 20}).json()
    sid = client.post("/api/v1/learning-sessions", headers=student).json()["id"]
    sql(fresh_seeded_db, "UPDATE learning_sessions SET session_start = now() - interval '25 minutes'")
    client.post(f"/api/v1/learning-sessions/{sid}/end", headers=student)
    after = client.get(f"/api/v1/me/goals/{goal['id']}", headers=student).json()
    assert (after["current_value"], after["status"], after["percent"]) == (25, "completed", 100)
    today = client.get("/api/v1/me/dashboard", headers=student).json()["today"]
    assert (today["minutes"], today["goal_minutes"], today["goal_met"]) == (25, 20, True)


def test_ending_in_the_small_hours_is_a_night_owl(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    now = datetime.now(UTC)
    zone = next(z for z in sorted(zoneinfo.available_timezones())
                if "/" in z and not z.startswith(("posix/", "right/"))
                and now.astimezone(zoneinfo.ZoneInfo(z)).hour == 2)
    _, owl = new_student(fresh_seeded_db, client, "owl", timezone=zone)
    sid = client.post("/api/v1/learning-sessions", headers=owl).json()["id"]
    assert client.post(f"/api/v1/learning-sessions/{sid}/end", headers=owl).json()["achievements_awarded"] == [
        "night_owl"]


def test_the_history_pages_my_sessions_only(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    me, other = sign_in(client, "student1"), sign_in(client, "student2")
    mine = [client.post("/api/v1/learning-sessions", headers=me).json()["id"] for _ in range(5)]
    theirs = client.post("/api/v1/learning-sessions", headers=other).json()["id"]
    sql(fresh_seeded_db, "UPDATE learning_sessions SET session_start = session_start - make_interval(mins => %s)"
                         " WHERE id = %s", (30, mine[2]))  # out of creation order
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/me/learning-sessions", headers=me,
                          params={"limit": 2} | ({"cursor": cursor} if cursor else {})).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(s["id"] for s in seen) == sorted(mine)
    starts = [s["session_start"] for s in seen]
    assert starts == sorted(starts, reverse=True) and seen[-1]["id"] == mine[2]
    for method, path in (("PATCH", f"/api/v1/learning-sessions/{theirs}"),
                         ("POST", f"/api/v1/learning-sessions/{theirs}/end")):
        response = client.request(method, path, headers=me, json={"interaction_count_delta": 1})
        assert response.status_code == 404
    assert one(fresh_seeded_db, "SELECT (session_end, interaction_count)::text FROM learning_sessions WHERE id = %s",
               (theirs,)) == "(,0)"


def test_sessions_refuse_bad_input_and_hidden_components(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    sql(fresh_seeded_db, "UPDATE learning_components SET is_published = false WHERE slug = 'demo-osi-model-lesson'")
    hidden = component_id(fresh_seeded_db, "demo-osi-model-lesson")
    assert client.post("/api/v1/learning-sessions", headers=student,
                       json={"component_id": str(hidden)}).status_code == 404
    bad = client.post("/api/v1/learning-sessions", headers=student, json={"component_id": "nope", "session_data": []})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"component_id", "session_data"}
    sid = client.post("/api/v1/learning-sessions", headers=student | {"User-Agent": ""}).json()["id"]
    negative = client.patch(f"/api/v1/learning-sessions/{sid}", headers=student, json={"interaction_count_delta": -1})
    assert negative.status_code == 422
    assert one(fresh_seeded_db, "SELECT count(*) FROM learning_sessions") == 1
    assert one(fresh_seeded_db, "SELECT device_type FROM learning_sessions") is None


def test_row_level_security_keeps_sessions_apart(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    client.post("/api/v1/learning-sessions", headers=student)
    stranger, _ = new_student(fresh_seeded_db, client, "stranger")
    with as_app_user(fresh_seeded_db, stranger) as conn:
        assert conn.execute("SELECT count(*) FROM learning_sessions").fetchone() == (0,)
        assert conn.execute("UPDATE learning_sessions SET interaction_count = 99").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO learning_sessions (user_id) SELECT id FROM users WHERE username = 'student1'")
