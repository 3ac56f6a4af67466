"""Learners as an instructor sees them: the students' statistics, and one student's progress in detail."""

from fastapi.testclient import TestClient

from tests.analytics.dataset import Known

URL = "/api/v1/staff/learners"


def test_students_are_listed_with_their_statistics(client: TestClient, instructor: dict[str, str],
                                                  known: Known) -> None:
    page = client.get(URL, headers=instructor).json()
    assert (page["total"], [s["username"] for s in page["items"]]) == (2, ["alice", "bob"])  # staff are not learners
    alice = page["items"][0]
    assert {k: alice[k] for k in ("user_id", "display_name", "components_started", "components_completed",
                                  "components_mastered", "total_time_minutes", "average_progress",
                                  "current_streak", "achievements_earned")} == {
        "user_id": str(known.alice), "display_name": "Alice", "components_started": 3, "components_completed": 1,
        "components_mastered": 0, "total_time_minutes": 60, "average_progress": 63.33, "current_streak": 0,
        "achievements_earned": 0}
    for query in ("liddell", "ALICE@example", "Ali"):
        assert [s["username"] for s in client.get(URL, headers=instructor, params={"q": query}).json()["items"]
                ] == ["alice"], query
    second = client.get(URL, headers=instructor, params={"limit": 1, "offset": 1}).json()
    assert (second["total"], [s["username"] for s in second["items"]]) == (2, ["bob"])


def test_one_student_in_detail(client: TestClient, instructor: dict[str, str], known: Known) -> None:
    detail = client.get(f"{URL}/{known.alice}", headers=instructor).json()
    assert detail["overall_progress"] == 63.33  # (100 + 50 + 40) / 3 published components
    assert [(d["domain"], d["name"], d["components"], d["started"], d["completed"], d["progress"],
             d["time_spent_minutes"]) for d in detail["domains"]] == [
        ("1.0", "Networking Concepts", 2, 2, 1, 75.0, 50), ("2.0", "Network Implementation", 1, 1, 0, 40.0, 10)]
    assert [(c["slug"], c["status"], c["progress_percentage"]) for c in detail["components"]] == [
        ("k-c1", "completed", 100.0), ("k-c2", "in_progress", 50.0), ("k-c3", "in_progress", 40.0)]
    assert [(a["attempt_number"], a["status"], a["percentage"], a["passed"]) for a in detail["recent_attempts"]] == [
        (2, "in_progress", None, None), (1, "completed", 100.0, True)]
    latest = client.get(f"{URL}/{known.alice}", headers=instructor, params={"attempts": 1}).json()
    assert len(latest["recent_attempts"]) == 1


def test_only_students_have_a_learner_page(client: TestClient, instructor: dict[str, str], known: Known) -> None:
    assert client.get(f"{URL}/{known.instructor}", headers=instructor).status_code == 404
    assert client.get(f"{URL}/{known.bob}", headers=instructor).json()["learner"]["components_started"] == 1
