"""Starting an attempt: numbering, deadline, resuming, the order fixed at the start, and nothing revealed."""

import uuid

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from netplus.core.ids import stable_id
from tests.assessments.helpers import API, Student, make_quiz, question_id, question_of, row, rows

ALL_TYPES = ["demo-q03", "demo-q01", "demo-q08", "demo-q04", "demo-q05", "demo-q06", "demo-q14"]
MINI_EXAM = stable_id("assessment", "demo-practice-exam-mini")


def test_a_start_numbers_the_attempt_and_sets_its_deadline(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q02"], time_limit_minutes=15)
    response = student.start(quiz)
    assert response.status_code == 201
    attempt = response.json()
    assert (attempt["attempt_number"], attempt["status"], attempt["resumed"]) == (1, "in_progress", False)
    assert 890 <= attempt["seconds_remaining"] <= 900
    assert row(fresh_seeded_db, "SELECT expires_at = started_at + interval '15 minutes', user_id FROM "
                                "assessment_attempts WHERE id = %s", attempt["id"]) == (True, student.id)
    assert row(fresh_seeded_db, "SELECT activity_type, resource_id::text FROM user_activity_logs "
                                "WHERE activity_type LIKE 'assessment.%%'") == ("assessment.start", attempt["id"])


def test_starting_again_resumes_the_attempt_in_progress(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q08"], randomize_questions=True, randomize_answers=True)
    first = student.begin(quiz)
    assert student.answer(first["id"], question_id("demo-q01"), "c", flagged=True).status_code == 200
    again = student.start(quiz)
    assert again.status_code == 200
    resumed = again.json()
    assert (resumed["id"], resumed["resumed"]) == (first["id"], True)
    assert [q["data"] for q in resumed["questions"]] == [q["data"] for q in first["questions"]]
    saved = question_of(resumed, "demo-q01")["response"]
    assert (saved["answer"], saved["flagged_for_review"]) == ("c", True)
    assert rows(fresh_seeded_db, "SELECT count(*) FROM assessment_attempts") == [(1,)]


def test_the_next_attempt_after_one_ends_gets_the_next_number(student: Student,
                                                              fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    student.submit(student.begin(quiz)["id"])
    student.abandon(student.begin(quiz)["id"])
    third = student.start(quiz)
    assert (third.status_code, third.json()["attempt_number"]) == (201, 3)


def test_an_untimed_assessment_has_no_deadline(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, ["demo-q01"]))
    assert (attempt["expires_at"], attempt["seconds_remaining"], attempt["time_limit_minutes"]) == (None, None, None)


def test_questions_come_without_answers_explanations_or_hints(student: Student,
                                                              fresh_seeded_db: DatabaseTarget) -> None:
    response = student.start(MINI_EXAM)
    attempt = response.json()
    assert len(attempt["questions"]) == 14
    assert attempt["review"] == {"questions": True, "scores": False, "answers": False}
    for question in attempt["questions"]:
        assert {"correct_answer", "explanation", "hints", "is_correct", "points_earned"}.isdisjoint(question)
        assert "answer" not in question["data"]
    secrets = rows(fresh_seeded_db, "SELECT explanation, hints FROM question_bank WHERE id = ANY (%s)",
                   [uuid.UUID(q["id"]) for q in attempt["questions"]])
    for explanation, hints in secrets:
        assert explanation.strip()[:60] not in response.text
        assert not any(hint in response.text for hint in hints)


def test_without_randomizing_the_assessments_order_is_kept(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, ALL_TYPES))
    assert [q["id"] for q in attempt["questions"]] == [str(question_id(s)) for s in ALL_TYPES]
    assert [o["id"] for o in question_of(attempt, "demo-q08")["data"]["options"]] == list("abcdef")
    assert [r["id"] for r in question_of(attempt, "demo-q03")["data"]["right"]] == [f"r{i}" for i in range(1, 8)]
    stored = row(fresh_seeded_db, "SELECT answer_order FROM assessment_attempts WHERE id = %s", attempt["id"])[0]
    assert stored[str(question_id("demo-q01"))] == list("abcd")
    assert set(stored) == {str(question_id(s)) for s in ["demo-q03", "demo-q01", "demo-q08", "demo-q06", "demo-q14"]}


def test_randomized_orders_are_recorded_and_followed(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    slugs = [f"demo-q{n:02d}" for n in range(1, 15)]
    quiz = make_quiz(fresh_seeded_db, slugs, randomize_questions=True, randomize_answers=True)
    orders = []
    for _ in range(3):
        attempt = student.begin(quiz)
        shown = [q["id"] for q in attempt["questions"]]
        stored, options = row(fresh_seeded_db, "SELECT question_order::text[], answer_order FROM assessment_attempts"
                                               " WHERE id = %s", attempt["id"])
        assert shown == stored and sorted(shown) == sorted(str(question_id(s)) for s in slugs)
        for question in attempt["questions"]:
            if question["type"] in ("multiple_choice", "multiple_select"):
                assert [o["id"] for o in question["data"]["options"]] == options[question["id"]]
            if question["type"] == "matching":
                assert [r["id"] for r in question["data"]["right"]] == options[question["id"]]
        orders.append(shown)
        student.abandon(attempt["id"])
    assert len({tuple(o) for o in orders}) > 1  # 14! orders: three equal draws would be a broken shuffle


def test_order_items_are_never_shown_in_the_right_sequence(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q14"])
    right = ["identify", "theory", "test", "plan", "implement", "verify", "document"]
    for _ in range(5):
        attempt = student.begin(quiz)
        steps = attempt["questions"][0]["data"]["fields"][0]
        assert steps["id"] == "steps"
        shown = [i["id"] for i in steps["items"]]
        assert sorted(shown) == sorted(right) and shown != right
        student.abandon(attempt["id"])


def test_retired_questions_are_left_out_of_new_attempts(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q02"])
    rows(fresh_seeded_db, "UPDATE question_bank SET deleted_at = now() WHERE id = %s RETURNING id",
         question_id("demo-q02"))
    assert [q["id"] for q in student.begin(quiz)["questions"]] == [str(question_id("demo-q01"))]
    listed = student.get("/assessments", limit=200).json()["items"]
    assert next(a["question_count"] for a in listed if a["id"] == str(quiz)) == 1


def test_only_published_assessments_can_be_started(student: Student, client: TestClient,
                                                   fresh_seeded_db: DatabaseTarget) -> None:
    draft = make_quiz(fresh_seeded_db, ["demo-q01"], is_published=False)
    deleted = make_quiz(fresh_seeded_db, ["demo-q01"], deleted_at="2026-01-01")
    for missing in (draft, deleted, uuid.uuid4()):
        response = student.start(missing)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    assert student.start("not-a-uuid").status_code == 422
    client.cookies.clear()  # signing in set the session cookie too
    assert client.post(f"{API}/assessments/{MINI_EXAM}/attempts").status_code == 401
    assert rows(fresh_seeded_db, "SELECT count(*) FROM assessment_attempts") == [(0,)]
