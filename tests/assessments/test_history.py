"""GET /me/attempts: the student's own attempts, newest first, in pages, with filters."""

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import Student, make_quiz, question_id


def test_attempts_are_listed_newest_first_in_pages(student: Student, other_student: Student,
                                                   fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q05"], title="Layers quiz")
    other = make_quiz(fresh_seeded_db, ["demo-q02"])
    made = []
    for _ in range(3):
        attempt = student.begin(quiz)["id"]
        student.answer(attempt, question_id("demo-q01"), "b")
        student.submit(attempt)
        made.append(attempt)
    made.append(student.begin(other)["id"])
    other_student.begin(quiz)

    everything = student.get("/me/attempts").json()
    assert everything["total"] == 4
    assert [a["id"] for a in everything["items"]] == list(reversed(made))
    newest_scored = everything["items"][1]
    assert {k: newest_scored[k] for k in ("assessment_title", "attempt_number", "status", "score", "max_score",
                                          "percentage", "passed", "question_count", "correct_answers",
                                          "skipped_questions")} == {
        "assessment_title": "Layers quiz", "attempt_number": 3, "status": "completed", "score": 1.0,
        "max_score": 2.0, "percentage": 50.0, "passed": False, "question_count": 2, "correct_answers": 1,
        "skipped_questions": 1}
    page = student.get("/me/attempts", limit=2, offset=1).json()
    assert (page["total"], [a["id"] for a in page["items"]]) == (4, list(reversed(made))[1:3])
    assert [a["id"] for a in student.get("/me/attempts", assessment_id=str(other)).json()["items"]] == [made[3]]
    assert student.get("/me/attempts", status="in_progress").json()["total"] == 1
    assert student.get("/me/attempts", status="finished").status_code == 422
    assert student.get("/me/attempts", limit=2, offset=10).json() == {"items": [], "total": 4, "limit": 2,
                                                                      "offset": 10}
