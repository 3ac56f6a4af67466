"""Whether a student's answer has the shape of its question's answers (content/FORMAT.md), naming the
field that is wrong. `null` clears an answer; anything else must fit exactly, so scoring never meets a
surprise and a typo in an option id is refused at once instead of silently scoring zero.

Shapes: multiple_choice an option id; multiple_select a list of distinct option ids; true_false a
boolean; fill_blank a list of typed strings (usually one); matching an object pairing some or all left
ids with right ids; simulation an object giving some or all fields: select an option id, order every
item id once, text a list of typed strings.
"""

from collections.abc import Callable
from typing import Any

FieldError = dict[str, str]
MAX_TYPED = 10  # entries in a typed (fill_blank or text field) answer
MAX_TEXT = 500  # characters per typed entry


def ids(choices: Any) -> list[str]:
    return [str(c["id"]) for c in choices or []]


def error(field: str, message: str) -> list[FieldError]:
    return [{"field": field, "message": message}]


def one_of(value: Any, allowed: list[str], field: str, what: str) -> list[FieldError]:
    if not isinstance(value, str):
        return error(field, f"Give one {what} id as a string.")
    if value not in allowed:
        return error(field, f"{value[:40]!r} is not one of the {what}s of this question ({', '.join(allowed)}).")
    return []


def typed(value: Any, field: str) -> list[FieldError]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return error(field, "Give a list of typed answers, such as [\"192.168.1.0/24\"].")
    if len(value) > MAX_TYPED:
        return error(field, f"Give at most {MAX_TYPED} typed answers.")
    if any(not v.strip() for v in value):
        return error(field, "A typed answer cannot be empty; send null to clear the answer.")
    if any(len(v) > MAX_TEXT for v in value):
        return error(field, f"A typed answer has at most {MAX_TEXT} characters.")
    return []


def multiple_select(data: dict[str, Any], answer: Any) -> list[FieldError]:
    options = ids(data.get("options"))
    if not isinstance(answer, list) or not answer or not all(isinstance(v, str) for v in answer):
        return error("answer", "Give a list of one or more option ids.")
    if len(set(answer)) != len(answer):
        return error("answer", "Each option can be chosen once.")
    unknown = [a for a in answer if a not in options]
    if unknown:
        return error("answer", f"{unknown[0][:40]!r} is not one of the options of this question "
                               f"({', '.join(options)}).")
    return []


def keyed(answer: Any, allowed: list[str], what: str) -> list[FieldError]:
    if not isinstance(answer, dict) or not answer:
        return error("answer", f"Give an object keyed by {what} id, with at least one entry.")
    unknown = [k for k in answer if k not in allowed]
    if unknown:
        return error(f"answer.{unknown[0][:40]}", f"This question has no {what} with this id "
                                                  f"({', '.join(allowed)}).")
    return []


def matching(data: dict[str, Any], answer: Any) -> list[FieldError]:
    problems = keyed(answer, ids(data.get("left")), "left item")
    right = ids(data.get("right"))
    for left, chosen in ({} if problems else answer).items():
        problems += one_of(chosen, right, f"answer.{left}", "right item")
    return problems


def field_problems(field: dict[str, Any], value: Any) -> list[FieldError]:
    name = f"answer.{field['id']}"
    if field.get("kind") == "select":
        return one_of(value, ids(field.get("options")), name, "option")
    if field.get("kind") == "order":
        items = ids(field.get("items"))
        if (not isinstance(value, list) or not all(isinstance(v, str) for v in value)
                or sorted(value) != sorted(items)):
            return error(name, f"Give every item id once, in your order ({', '.join(items)}).")
        return []
    return typed(value, name)


def simulation(data: dict[str, Any], answer: Any) -> list[FieldError]:
    fields = {str(f["id"]): f for f in data.get("fields") or []}
    problems = keyed(answer, list(fields), "field")
    for fid, value in ({} if problems else answer).items():
        problems += field_problems(fields[fid], value)
    return problems


def multiple_choice(data: dict[str, Any], answer: Any) -> list[FieldError]:
    return one_of(answer, ids(data.get("options")), "answer", "option")


def true_false(data: dict[str, Any], answer: Any) -> list[FieldError]:
    return [] if isinstance(answer, bool) else error("answer", "Give true or false.")


def fill_blank(data: dict[str, Any], answer: Any) -> list[FieldError]:
    return typed(answer, "answer")


SHAPES: dict[str, Callable[[dict[str, Any], Any], list[FieldError]]] = {
    "multiple_choice": multiple_choice, "multiple_select": multiple_select, "true_false": true_false,
    "fill_blank": fill_blank, "matching": matching, "simulation": simulation,
}


def answer_problems(question_type: str, data: dict[str, Any], answer: Any) -> list[FieldError]:
    """Why `answer` cannot be saved for this question; empty when it can. None (clearing) always can."""
    if answer is None:
        return []
    return SHAPES[question_type](data, answer)
