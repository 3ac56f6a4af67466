"""Scoring one saved answer against its stored question: full marks, partial credit or nothing.

Pure functions of (question type, question_data, correct_answer, answer, points), so the rules can be
read and tested without a database. The rules, per type (docs/assessments.md says the same):

- multiple_choice, true_false: all or nothing.
- multiple_select: points x max(0, (right options picked - wrong options picked) / right options).
- fill_blank: all or nothing; every typed entry must match an accepted form, compared case- and
  whitespace-insensitively (normalize kind ``blank``).
- matching: points x (pairs right / left items).
- simulation: points x (fields right / fields). select: the option id; order: the exact sequence;
  text: every typed entry must match an accepted form under the field's ``normalize`` (``blank`` when
  the field names none).

A question counts as correct only with full marks. An answer that does not fit the question's shape
(only possible for rows written outside this API) earns nothing rather than failing the submit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from netplus.content.generators.normalize import NORMALIZE_KINDS, NormalizeKind, accepts

CENT = Decimal("0.01")
NOTHING = Fraction(0)
FULL = Fraction(1)


@dataclass(frozen=True)
class Scored:
    points: Decimal  # to the cent, as assessment_answers.points_earned stores it
    is_correct: bool | None  # None: not answered (skipped)

    @property
    def answered(self) -> bool:
        return self.is_correct is not None


def to_cents(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def score_answer(question_type: str, data: dict[str, Any], correct: Any, answer: Any, points: int) -> Scored:
    """The points `answer` earns; a None answer is a skipped question."""
    if answer is None:
        return Scored(Decimal("0.00"), None)
    share = CREDIT[question_type](data, correct, answer)
    return Scored(to_cents(points * share), share == FULL)


def strings(value: Any) -> list[str] | None:
    """A non-empty list of strings, or None when `value` is not one."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def typed_matches(kind: NormalizeKind, typed: Any, accepted: Any) -> bool:
    entries, forms = strings(typed), strings(accepted)
    return entries is not None and forms is not None and all(accepts(kind, e, forms) for e in entries)


def single(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    return FULL if isinstance(answer, str) and answer == correct else NOTHING


def true_false(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    return FULL if isinstance(answer, bool) and answer is correct else NOTHING


def several(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    picked, right = strings(answer), set(correct)
    if picked is None or not right:
        return NOTHING
    hits = len(set(picked) & right)
    misses = len(set(picked) - right)
    return max(NOTHING, Fraction(hits - misses, len(right)))


def blank(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    return FULL if typed_matches("blank", answer, correct) else NOTHING


def pairs(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    if not isinstance(answer, dict) or not correct:
        return NOTHING
    return Fraction(sum(answer.get(left) == right for left, right in correct.items()), len(correct))


def field_right(field: dict[str, Any], expected: Any, given: Any) -> bool:
    if given is None:
        return False
    if field.get("kind") == "text":
        kind = field.get("normalize") or "blank"
        return kind in NORMALIZE_KINDS and typed_matches(kind, given, expected)
    return bool(given == expected)  # select: one option id; order: the exact sequence of item ids


def simulation(data: dict[str, Any], correct: Any, answer: Any) -> Fraction:
    fields = data.get("fields") or []
    if not isinstance(answer, dict) or not fields:
        return NOTHING
    right = sum(field_right(f, correct.get(f["id"]), answer.get(f["id"])) for f in fields)
    return Fraction(right, len(fields))


CREDIT: dict[str, Callable[[dict[str, Any], Any, Any], Fraction]] = {
    "multiple_choice": single, "true_false": true_false, "multiple_select": several, "fill_blank": blank,
    "matching": pairs, "simulation": simulation,
}
