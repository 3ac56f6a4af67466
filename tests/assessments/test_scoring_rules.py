"""The scoring rules the API cannot reach with valid input: defaults, rounding, answers of the wrong shape."""

from decimal import Decimal

from netplus.assessments.scoring import Scored, score_answer

OPTIONS = {"options": [{"id": c, "text": c} for c in "abcde"]}


def test_a_text_field_without_normalize_ignores_case_and_spacing() -> None:
    data = {"fields": [{"id": "cmd", "label": "Command", "kind": "text"}]}
    assert score_answer("simulation", data, {"cmd": ["show ip route"]}, {"cmd": ["  SHOW  IP route "]}, 2) == (
        Scored(Decimal("2.00"), True))


def test_partial_points_round_half_up_to_the_cent() -> None:
    # 1 of 3 right options on a 5-point question: 5/3 = 1.666... -> 1.67; 1 of 8 pairs on 1 point = 0.125 -> 0.13
    assert score_answer("multiple_select", OPTIONS, ["a", "b", "c"], ["a"], 5).points == Decimal("1.67")
    pairs = {f"l{i}": f"r{i}" for i in range(8)}
    assert score_answer("matching", {}, pairs, {"l0": "r0"}, 1).points == Decimal("0.13")


def test_an_answer_of_the_wrong_shape_earns_nothing() -> None:
    # only rows written outside the API can hold these; scoring must not fail on them
    assert score_answer("multiple_select", OPTIONS, ["a", "b"], "a", 1) == Scored(Decimal("0.00"), False)
    assert score_answer("true_false", {}, True, "true", 1) == Scored(Decimal("0.00"), False)
    assert score_answer("fill_blank", {}, ["8"], "8", 1) == Scored(Decimal("0.00"), False)
    assert score_answer("matching", {}, {"l1": "r1"}, ["r1"], 1) == Scored(Decimal("0.00"), False)
    assert score_answer("multiple_choice", OPTIONS, "a", ["a"], 1) == Scored(Decimal("0.00"), False)


def test_a_skipped_question_is_neither_right_nor_wrong() -> None:
    skipped = score_answer("multiple_choice", OPTIONS, "a", None, 3)
    assert skipped == Scored(Decimal("0.00"), None) and not skipped.answered
