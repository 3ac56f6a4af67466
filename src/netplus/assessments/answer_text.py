"""Answers in words for the review and result pages: option texts instead of ids, a line per part.

The same function reads the student's answer and the correct one (content/FORMAT.md shapes), so the two
always look alike side by side. A correct fill-in or text answer lists its accepted forms.
"""

from typing import Any

from netplus.assessments.schemas import QuestionOut


def texts(choices: Any) -> dict[str, str]:
    return {str(c["id"]): str(c["text"]) for c in choices or []}


def typed(value: Any, *, correct: bool) -> str:
    entries = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return (" or " if correct else ", ").join(entries)


def field_line(field: dict[str, Any], value: Any, *, correct: bool) -> str:
    label = str(field.get("label") or field["id"])
    if value is None:
        return f"{label}: no answer"
    if field.get("kind") == "select":
        return f"{label}: {texts(field.get('options')).get(str(value), str(value))}"
    if field.get("kind") == "order":
        names = texts(field.get("items"))
        steps = [f"{n}. {names.get(str(item), str(item))}" for n, item in enumerate(value or [], start=1)]
        return f"{label}: " + "; ".join(steps)
    return f"{label}: {typed(value, correct=correct)}"


def choice_lines(data: dict[str, Any], answer: Any) -> list[str]:
    names = texts(data.get("options"))
    return [names.get(str(a), str(a)) for a in (answer if isinstance(answer, list) else [answer])]


def matching_lines(data: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    right = texts(data.get("right"))
    return [f"{left['text']} \u2192 {right.get(str(answer[left['id']]), str(answer[left['id']]))}"
            if left["id"] in answer else f"{left['text']} \u2192 no match" for left in data.get("left") or []]


def answer_lines(question: QuestionOut, answer: Any, *, correct: bool = False) -> list[str]:
    """`answer` to `question` in words; empty when there is no answer."""
    data, kind = question.data, question.type
    lines: list[str]
    if answer is None:
        lines = []
    elif kind in ("multiple_choice", "multiple_select"):
        lines = choice_lines(data, answer)
    elif kind == "true_false":
        lines = ["True" if answer is True else "False"]
    elif kind == "matching" and isinstance(answer, dict):
        lines = matching_lines(data, answer)
    elif kind == "simulation" and isinstance(answer, dict):
        lines = [field_line(f, answer.get(f["id"]), correct=correct) for f in data.get("fields") or []]
    else:  # fill_blank, or a shape this page does not know
        lines = [typed(answer, correct=correct)]
    return lines
