"""Driving the assessment pages in tests: starting through the intro page, reading what was saved."""

import re
import uuid
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import make_quiz, question_id, row, rows
from tests.web.pages import htmx, post_form

STUDENT = "student1@network.test"
OTHER_STUDENT = "student2@network.test"
# One question of every type (and every simulation field kind), in this order in the quiz.
EVERY_TYPE = ["demo-q01", "demo-q08", "demo-q05", "demo-q04", "demo-q03", "demo-q06", "demo-q14"]


def every_type_quiz(target: DatabaseTarget, **rules: Any) -> uuid.UUID:
    return make_quiz(target, EVERY_TYPE, passing_score=70, **rules)


def start(client: TestClient, assessment_id: object) -> uuid.UUID:
    """Press Start on the intro page; the attempt the runner opens."""
    response = post_form(client, f"/exams/{assessment_id}/start")
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/attempts/([0-9a-f-]{36})", response.headers["location"])
    assert match, response.headers["location"]
    return uuid.UUID(match.group(1))


def save(client: TestClient, attempt: object, slug: str, data: dict[str, Any], *, via_htmx: bool = False) -> Response:
    url = f"/attempts/{attempt}/answers/{question_id(slug)}"
    return htmx(client, "POST", url, data) if via_htmx else post_form(client, url, data)


def saved(target: DatabaseTarget, attempt: object, slug: str) -> tuple[Any, bool] | None:
    """The saved (answer, flagged) of one question, or None when nothing was saved."""
    found = rows(target, "SELECT user_answer, flagged_for_review FROM assessment_answers"
                         " WHERE attempt_id = %s AND question_id = %s", attempt, question_id(slug))
    return (found[0][0], found[0][1]) if found else None


def status_of(target: DatabaseTarget, attempt: object) -> str:
    return str(row(target, "SELECT status FROM assessment_attempts WHERE id = %s", attempt)[0])


def expire(target: DatabaseTarget, attempt: object) -> None:
    """Move the attempt's deadline into the past (as if its time limit ran out a minute ago)."""
    rows(target, "UPDATE assessment_attempts SET started_at = now() - interval '11 minutes',"
                 " expires_at = now() - interval '1 minute' WHERE id = %s RETURNING id", attempt)


# The right answer to each question of EVERY_TYPE, as the runner's form fields send it.
RIGHT_FORMS: dict[str, dict[str, Any]] = {
    "demo-q01": {"answer": "b"},
    "demo-q08": {"answer": ["a", "c", "e"]},
    "demo-q05": {"answer": "true"},
    "demo-q04": {"answer": " /12 "},
    "demo-q03": {"answer.l1": "r1", "answer.l2": "r2", "answer.l3": "r4", "answer.l4": "r5", "answer.l5": "r6"},
    "demo-q06": {"answer.hq_subnet": "172.16.40.0/25", "answer.branch_subnet": "172.16.40.128/26",
                 "answer.branch_broadcast": "172.16.40.191", "answer.wan_mask": "m3"},
    "demo-q14": {"answer.not_confirmed": "o2", "answer.changes_step": "c1"} | {
        f"order.steps.{item}": str(n) for n, item in enumerate(
            ["identify", "theory", "test", "plan", "implement", "verify", "document"], start=1)},
}
