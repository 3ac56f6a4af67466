"""Every question type scored through the API: right, wrong, partly right and left empty."""

from typing import Any

import pytest

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import Student, make_quiz, question_id

SKIP = object()  # leave the question unanswered


def scored(student: Student, target: DatabaseTarget, slug: str, cases: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """For each case, one attempt at a one-question quiz: (points earned, is_correct, attempt percentage)."""
    quiz = make_quiz(target, [slug])
    outcome = {}
    for name, answer in cases.items():
        attempt = student.begin(quiz)
        if answer is not SKIP:
            saved = student.answer(attempt["id"], question_id(slug), answer)
            assert saved.status_code == 200, saved.text
        result = student.submit(attempt["id"]).json()
        review = student.attempt(attempt["id"]).json()["questions"][0]
        outcome[name] = (review["points_earned"], review["is_correct"], result["percentage"])
    return outcome


def test_multiple_choice(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    assert scored(student, fresh_seeded_db, "demo-q01", {"right": "b", "wrong": "a", "empty": SKIP}) == {
        "right": (1.0, True, 100.0), "wrong": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}


def test_true_false(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    assert scored(student, fresh_seeded_db, "demo-q05", {"right": True, "wrong": False, "empty": SKIP}) == {
        "right": (1.0, True, 100.0), "wrong": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}


def test_multiple_select_gives_partial_credit_minus_wrong_picks(student: Student,
                                                                fresh_seeded_db: DatabaseTarget) -> None:
    # demo-q08: the right options are a, c and e out of a-f
    assert scored(student, fresh_seeded_db, "demo-q08", {
        "right": ["e", "a", "c"], "two of three": ["a", "c"], "two right one wrong": ["a", "c", "b"],
        "everything": ["a", "b", "c", "d", "e", "f"], "wrong": ["b", "d"], "empty": SKIP,
    }) == {
        "right": (1.0, True, 100.0), "two of three": (0.67, False, 67.0),
        "two right one wrong": (0.33, False, 33.0), "everything": (0.0, False, 0.0),
        "wrong": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}


def test_fill_blank_ignores_case_and_spacing_and_takes_every_accepted_form(student: Student,
                                                                           fresh_seeded_db: DatabaseTarget) -> None:
    # demo-q04 accepts "12" and "/12"; demo-q10 accepts "SLAAC" and spelled-out forms
    assert scored(student, fresh_seeded_db, "demo-q04", {
        "right": ["12"], "other form": ["  /12 "], "both forms": ["12", "/12"], "wrong": ["16"],
        "one wrong among several": ["12", "16"], "empty": SKIP,
    }) == {
        "right": (1.0, True, 100.0), "other form": (1.0, True, 100.0), "both forms": (1.0, True, 100.0),
        "wrong": (0.0, False, 0.0), "one wrong among several": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}
    assert scored(student, fresh_seeded_db, "demo-q10", {
        "lower case": ["slaac"], "spaced": ["Stateless   ADDRESS autoconfiguration"], "wrong": ["DHCPv6"],
    }) == {"lower case": (1.0, True, 100.0), "spaced": (1.0, True, 100.0), "wrong": (0.0, False, 0.0)}


def test_matching_gives_the_share_of_right_pairs(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    right = {"l1": "r1", "l2": "r2", "l3": "r4", "l4": "r5", "l5": "r6"}
    assert scored(student, fresh_seeded_db, "demo-q03", {
        "right": right, "three of five": right | {"l4": "r3", "l5": "r7"}, "two given": {"l1": "r1", "l2": "r2"},
        "wrong": {"l1": "r7", "l2": "r7", "l3": "r7", "l4": "r7", "l5": "r7"}, "empty": SKIP,
    }) == {
        "right": (1.0, True, 100.0), "three of five": (0.6, False, 60.0), "two given": (0.4, False, 40.0),
        "wrong": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}


def test_simulation_scores_each_field_by_its_kind(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    # demo-q06 (3 points): two cidr fields, one ipv4 field, one select
    right = {"hq_subnet": ["172.16.40.0/25"], "branch_subnet": ["172.16.40.128/26"],
             "branch_broadcast": ["172.16.40.191"], "wan_mask": "m3"}
    assert scored(student, fresh_seeded_db, "demo-q06", {
        "right": right,
        "right, written loosely": right | {"branch_subnet": [" 172.16.40.128/26 "],
                                           "branch_broadcast": ["172.016.40.191"]},
        "host bits set": right | {"hq_subnet": ["172.16.40.1/25"]},
        "only the mask": {"wan_mask": "m3"},
        "wrong": {"hq_subnet": ["172.16.40.0/24"], "branch_subnet": ["172.16.41.0/26"],
                  "branch_broadcast": ["172.16.40.255"], "wan_mask": "m4"},
        "empty": SKIP,
    }) == {
        "right": (3.0, True, 100.0),
        "right, written loosely": (2.25, False, 75.0),  # a leading zero is not a valid IPv4 octet
        "host bits set": (2.25, False, 75.0), "only the mask": (0.75, False, 25.0),
        "wrong": (0.0, False, 0.0), "empty": (0.0, None, 0.0)}


def test_simulation_order_fields_need_the_exact_sequence(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    steps = ["identify", "theory", "test", "plan", "implement", "verify", "document"]
    swapped = ["identify", "test", "theory", "plan", "implement", "verify", "document"]
    assert scored(student, fresh_seeded_db, "demo-q14", {
        "right": {"steps": steps, "not_confirmed": "o2", "changes_step": "c1"},
        "two steps swapped": {"steps": swapped, "not_confirmed": "o2", "changes_step": "c1"},
        "wrong": {"steps": list(reversed(steps)), "not_confirmed": "o1", "changes_step": "c3"},
    }) == {"right": (3.0, True, 100.0), "two steps swapped": (2.0, False, 66.67), "wrong": (0.0, False, 0.0)}


def test_an_attempt_adds_points_and_counts_right_wrong_and_skipped(student: Student,
                                                                   fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q08", "demo-q06", "demo-q05", "demo-q09"],
                     passing_score=50)
    attempt = student.begin(quiz)
    answers = {"demo-q01": "b", "demo-q08": ["a", "c"], "demo-q06": {"wan_mask": "m3"}, "demo-q05": False}
    for slug, answer in answers.items():
        assert student.answer(attempt["id"], question_id(slug), answer).status_code == 200
    result = student.submit(attempt["id"]).json()
    # 1 + 0.67 + 0.75 + 0 + 0 (skipped) of 1 + 1 + 3 + 1 + 1
    assert (result["score"], result["max_score"], result["percentage"], result["passed"]) == (2.42, 7.0, 34.57, False)
    assert (result["correct_answers"], result["incorrect_answers"], result["skipped_questions"]) == (1, 3, 1)
    assert result["domains"]["1.0"] == {"questions": 3, "correct": 1, "score": 1.75, "max_score": 5.0,
                                        "percentage": 35.0}
    assert sum(d["questions"] for d in result["objectives"].values()) == 5
    assert sum(d["score"] for d in result["domains"].values()) == pytest.approx(result["score"])
