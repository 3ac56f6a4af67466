"""GET /assessments: the published assessments, filters, and the student's standing on each."""

from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from netplus.core.ids import stable_id
from tests.assessments.helpers import API, Student, make_quiz, question_id, row

DEMO_QUIZ = stable_id("assessment", "demo-quiz-networking-concepts")


def listed(student: Student, **params: Any) -> list[dict[str, Any]]:
    response = student.get("/assessments", limit=200, **params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_the_list_holds_every_published_assessment_and_nothing_else(student: Student,
                                                                    fresh_seeded_db: DatabaseTarget) -> None:
    draft = make_quiz(fresh_seeded_db, ["demo-q01"], is_published=False)
    deleted = make_quiz(fresh_seeded_db, ["demo-q01"], deleted_at="2026-01-01")
    student.client.post(f"{API}/components/{stable_id('component', 'n10-009-ports-drill')}/drill-attempts",
                        headers=student.headers)  # creates the drill's hidden assessment
    items = listed(student)
    published = row(fresh_seeded_db, "SELECT count(*) FROM assessments WHERE is_published AND deleted_at IS NULL")[0]
    assert len(items) == published == 4 + 25 + 5 + 3  # demo, checkpoints, domain quizzes, practice exams
    assert {str(draft), str(deleted), str(stable_id("assessment", "n10-009-ports-drill"))}.isdisjoint(
        i["id"] for i in items)
    quiz = next(i for i in items if i["id"] == str(DEMO_QUIZ))
    assert {k: quiz[k] for k in ("question_count", "time_limit_minutes", "passing_score", "max_attempts",
                                 "domains", "attempts_used", "attempts_remaining", "best_percentage",
                                 "open_attempt_id")} == {
        "question_count": 5, "time_limit_minutes": 10, "passing_score": 70.0, "max_attempts": 3,
        "domains": ["1.0"], "attempts_used": 0, "attempts_remaining": 3, "best_percentage": None,
        "open_attempt_id": None}


def test_filters_by_type_and_by_the_domains_covered(student: Student) -> None:
    exams = listed(student, type="practice_exam")
    assert len(exams) == 4 and {e["assessment_type"] for e in exams} == {"practice_exam"}
    security = listed(student, domain="4.0")
    slugs = {s["slug"] for s in security}
    assert all("4.0" in s["domains"] for s in security)
    assert {"n10-009-quiz-domain-4", "n10-009-checkpoint-4-1", "demo-practice-exam-mini",
            "n10-009-practice-exam-1"} <= slugs
    assert "demo-quiz-networking-concepts" not in slugs
    assert [s["slug"] for s in listed(student, type="checkpoint", domain="4.0")] == [
        "demo-checkpoint-switching-security", "n10-009-checkpoint-4-1", "n10-009-checkpoint-4-2",
        "n10-009-checkpoint-4-3"]


def test_each_assessment_shows_the_students_attempts_and_best_score(student: Student, other_student: Student) -> None:
    first = student.begin(DEMO_QUIZ)["id"]
    for slug, answer in {"demo-q01": "b", "demo-q02": "b", "demo-q03": {"l1": "r1"}}.items():
        student.answer(first, question_id(slug), answer)
    student.submit(first)  # 1 + 1 + 0.2 of 5 = 44%
    second = student.begin(DEMO_QUIZ)["id"]
    quiz = next(i for i in listed(student) if i["id"] == str(DEMO_QUIZ))
    assert (quiz["attempts_used"], quiz["attempts_remaining"], quiz["best_percentage"], quiz["open_attempt_id"]) == (
        2, 1, 44.0, second)
    theirs = next(i for i in listed(other_student) if i["id"] == str(DEMO_QUIZ))
    assert (theirs["attempts_used"], theirs["best_percentage"], theirs["open_attempt_id"]) == (0, None, None)


def test_pages_and_bad_parameters(student: Student, client: TestClient) -> None:
    everything = listed(student)
    page = student.get("/assessments", limit=5, offset=5).json()
    assert (page["total"], page["limit"], page["offset"]) == (len(everything), 5, 5)
    assert [i["id"] for i in page["items"]] == [i["id"] for i in everything[5:10]]
    for params in ({"type": "exam"}, {"domain": "9"}, {"domain": "1.5"}, {"limit": 0}, {"limit": 1000},
                   {"offset": -1}):
        response = student.get("/assessments", **params)
        assert (response.status_code, response.headers["content-type"]) == (422, "application/problem+json"), params
    client.cookies.clear()
    assert client.get(f"{API}/assessments").status_code == 401
