"""The assessments a pack yields: checkpoints, domain quizzes, and practice exams drawn by weight."""

from collections import Counter
from pathlib import Path

import pytest

from netplus.content.blueprint import largest_remainder, plan_assessments
from netplus.content.pack import Pack, read_pack

PACK = Path(__file__).resolve().parents[2] / "content" / "N10-009"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return read_pack(PACK)


def test_largest_remainder_gives_the_exam_split() -> None:
    assert largest_remainder({"1.0": 23, "2.0": 20, "3.0": 19, "4.0": 14, "5.0": 24}, 90) == {
        "1.0": 21, "2.0": 18, "3.0": 17, "4.0": 12, "5.0": 22}


@pytest.mark.parametrize("total", [1, 7, 10, 45, 90, 100, 101])
def test_largest_remainder_always_fills_every_seat(total: int) -> None:
    weights = {"a": 23, "b": 20, "c": 19, "d": 14, "e": 24}
    seats = largest_remainder(weights, total)
    assert sum(seats.values()) == total
    for k, w in weights.items():  # each share is its exact quota rounded down or up
        assert abs(seats[k] - w * total / 100) < 1


def test_practice_exams_draw_by_domain_weight(pack: Pack) -> None:
    by_id = {q.id: q for q in pack.questions}
    exams = [p for p in plan_assessments(pack) if p.assessment_type == "practice_exam"]
    assert len(exams) == 3
    for exam in exams:
        assert len(exam.question_ids) == len(set(exam.question_ids)) == 90
        assert exam.time_limit_minutes == 90
        assert exam.passing_score == 77.5
        per_domain = Counter(by_id[q].domain for q in exam.question_ids)
        assert per_domain == {"1.0": 21, "2.0": 18, "3.0": 17, "4.0": 12, "5.0": 22}
        assert sum(by_id[q].type == "simulation" for q in exam.question_ids) >= 5
    first, second, third = (set(e.question_ids) for e in exams)
    assert not (first & second or second & third or first & third)  # the pool is large enough


def test_a_checkpoint_per_objective_and_a_quiz_per_domain(pack: Pack) -> None:
    by_id = {q.id: q for q in pack.questions}
    plans = plan_assessments(pack)
    checkpoints = [p for p in plans if p.assessment_type == "checkpoint"]
    assert sorted(p.objectives[0] for p in checkpoints) == sorted(o.ref.code for o in pack.objectives)
    for p in checkpoints:
        assert len(p.question_ids) == 6
        assert {by_id[q].objectives[0] for q in p.question_ids} == set(p.objectives)
        assert p.prerequisites  # the objective's lesson comes first
    quizzes = [p for p in plans if p.assessment_type == "quiz"]
    assert [p.domain for p in quizzes] == ["1.0", "2.0", "3.0", "4.0", "5.0"]
    for p in quizzes:
        assert len(p.question_ids) == 15
        assert {by_id[q].objectives[0] for q in p.question_ids} == set(p.objectives)  # every objective


def test_plans_are_the_same_every_time(pack: Pack) -> None:
    assert plan_assessments(pack) == plan_assessments(read_pack(PACK))
