"""A student's first day, end to end through the HTTP API: sign up, confirm, sign in, study a lesson,
take and pass its checkpoint, and see the streak, an achievement and the dashboard move."""

from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client, last_mail, token_in

PASSWORD = "packets travel in frames"


def correct_answers(target: DatabaseTarget, question_ids: list[str]) -> dict[str, Any]:
    with connect(target) as conn:
        rows = conn.execute("SELECT id::text, correct_answer FROM question_bank WHERE id = ANY(%s::uuid[])",
                            (question_ids,)).fetchall()
    return {str(qid): answer for qid, answer in rows}


def test_a_students_first_day(fresh_seeded_db: DatabaseTarget) -> None:
    client: TestClient
    with api_client(fresh_seeded_db) as client:
        # sign up, confirm the address from the mail, sign in
        assert client.post("/api/v1/auth/register", json={
            "email": "new.student@example.test", "username": "newstudent", "password": PASSWORD}).status_code == 202
        link = token_in(last_mail(fresh_seeded_db, "new.student@example.test")[1])
        assert client.post("/api/v1/auth/verify-email", json={"token": link}).status_code == 200
        signed_in = client.post("/api/v1/auth/login", json={"identifier": "newstudent", "password": PASSWORD})
        token = signed_in.json()["token"]
        auth = {"Authorization": f"Bearer {token}"}

        before = client.get("/api/v1/me/dashboard", headers=auth).json()
        assert before["summary"]["components_completed"] == 0
        assert before["summary"]["average_assessment_score"] is None

        # the checkpoint of objective 1.1 is locked, and says which lesson opens it
        checkpoint = client.get("/api/v1/components", headers=auth,
                                params={"type": "assessment", "objective": "1.1"}).json()["items"][0]
        assert checkpoint["prerequisites_met"] is False
        [lesson] = checkpoint["unmet_prerequisites"]
        assert client.get(f"/api/v1/components/{lesson['id']}", headers=auth).json()["component_type"] == "lesson"

        # study the lesson in a learning session, resume position saved, then complete it
        session = client.post("/api/v1/learning-sessions", headers=auth, json={"component_id": lesson["id"]}).json()
        assert client.post(f"/api/v1/components/{lesson['id']}/progress/start", headers=auth).status_code in (200, 201)
        assert client.patch(f"/api/v1/components/{lesson['id']}/progress", headers=auth, json={
            "progress_percentage": 60, "last_position": {"heading": "layer-4"},
            "time_spent_minutes_delta": 12}).status_code == 200
        assert client.post(f"/api/v1/components/{lesson['id']}/progress/complete", headers=auth).status_code == 200
        assert client.post(f"/api/v1/learning-sessions/{session['id']}/end", headers=auth).status_code == 200

        # take the checkpoint and pass it
        assessment_id = client.get(f"/api/v1/components/{checkpoint['id']}", headers=auth).json()["content"][
            "assessment_id"]
        attempt = client.post(f"/api/v1/assessments/{assessment_id}/attempts", headers=auth)
        assert attempt.status_code == 201, attempt.text
        attempt_body = attempt.json()
        questions = [q["id"] for q in attempt_body["questions"]]
        assert all("correct_answer" not in q and "explanation" not in q for q in attempt_body["questions"])
        answers = correct_answers(fresh_seeded_db, questions)
        for qid in questions:
            saved = client.put(f"/api/v1/attempts/{attempt_body['id']}/answers/{qid}", headers=auth,
                               json={"answer": answers[qid], "flagged_for_review": False, "time_spent_seconds": 20})
            assert saved.status_code == 200, saved.text
        result = client.post(f"/api/v1/attempts/{attempt_body['id']}/submit", headers=auth).json()
        assert result["passed"] is True and float(result["percentage"]) == 100

        # the streak, an achievement and the dashboard moved
        streak = client.get("/api/v1/me/streak", headers=auth).json()
        assert streak["current_streak"] == 1 and streak["active_today"] is True
        achievements = {a["code"]: a for a in client.get("/api/v1/me/achievements", headers=auth).json()["items"]}
        assert achievements["first_steps"]["status"] == "earned"  # first component completed
        assert achievements["flawless"]["status"] == "earned"     # a perfect score
        after = client.get("/api/v1/me/dashboard", headers=auth).json()
        assert after["summary"]["components_completed"] >= 2  # the lesson, and the checkpoint passed
        assert float(after["summary"]["average_assessment_score"]) == 100
        assert after["summary"]["current_streak"] == 1
        assert float(after["overall_progress"]) > float(before["overall_progress"])
        assert client.get(f"/api/v1/components/{checkpoint['id']}", headers=auth).json()["prerequisites_met"] is True
