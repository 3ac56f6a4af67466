"""The runner's form fields for one question: read into the answer the service saves, and a saved answer
back into the fields, so a page shows what was saved and a refused form shows what was typed.

Field names (the browser tests rely on them):
- multiple_choice, true_false, fill_blank: `answer` (true_false: "true" or "false")
- multiple_select: `answer`, once per ticked option
- matching: `answer.<left id>` = the chosen right id
- simulation: `answer.<field id>` for text and select fields; an order field's items each have a
  `order.<field id>.<item id>` select giving its position (1 is first)
- `flagged` = "true" when the question is flagged for review

A control left empty leaves its part out, and a question with nothing given is saved as no answer.
An order field still in the order the attempt first showed is left out too: that order is never the
right one (ordering.py), so it is the student's answer only once they have moved something.
"""

from typing import Any

from netplus.assessments.schemas import QuestionOut
from netplus.web.forms import FieldErrors, as_list

FormValues = dict[str, Any]


def single(values: FormValues, name: str) -> str:
    """One submitted value, stripped; a field sent twice (only a hand-made request does) counts its first."""
    value = values.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def choice_ids(choices: Any) -> list[str]:
    return [str(c["id"]) for c in choices or []]


def order_field(field: dict[str, Any], values: FormValues, errors: FieldErrors) -> list[str] | None:
    items = choice_ids(field.get("items"))
    positions: dict[str, int] = {}
    for item in items:
        raw = single(values, f"order.{field['id']}.{item}")
        if raw.isdigit():
            positions[item] = int(raw)
    if sorted(positions.values()) != list(range(1, len(items) + 1)):
        errors[f"answer.{field['id']}"] = f"Give each item its own position, from 1 to {len(items)}."
        return None
    order = sorted(items, key=positions.__getitem__)
    return None if order == items else order


def simulation(data: dict[str, Any], values: FormValues, errors: FieldErrors) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for field in data.get("fields") or []:
        fid = str(field["id"])
        if field.get("kind") == "order":
            value: Any = order_field(field, values, errors)
        elif field.get("kind") == "select":
            value = single(values, f"answer.{fid}") or None
        else:
            typed = single(values, f"answer.{fid}")
            value = [typed] if typed else None
        if value is not None:
            answer[fid] = value
    return answer


def answer_from_form(question: QuestionOut, values: FormValues) -> tuple[Any, FieldErrors]:
    """The answer the form gives (None: nothing given), and the fields that cannot be read."""
    errors: FieldErrors = {}
    data, kind = question.data, question.type
    answer: Any
    if kind == "multiple_select":
        answer = [v for v in as_list(values.get("answer")) if v] or None
    elif kind == "true_false":
        given = single(values, "answer")
        answer = {"true": True, "false": False}.get(given)
        if given and answer is None:
            errors["answer"] = "Choose True or False."
    elif kind == "matching":
        answer = {str(left["id"]): chosen for left in data.get("left") or []
                  if (chosen := single(values, f"answer.{left['id']}"))} or None
    elif kind == "simulation":
        answer = simulation(data, values, errors) or None
    elif kind == "fill_blank":
        typed = single(values, "answer")
        answer = [typed] if typed else None
    else:  # multiple_choice
        answer = single(values, "answer") or None
    return answer, errors


def form_of_answer(question: QuestionOut) -> FormValues:
    """The form fields showing the question's saved answer and flag."""
    answer = question.response.answer
    values: FormValues = {"flagged": "true" if question.response.flagged_for_review else ""}
    if question.type == "simulation":
        saved: dict[str, Any] = answer if isinstance(answer, dict) else {}
        for field in question.data.get("fields") or []:
            fid = str(field["id"])
            given = saved.get(fid)
            if field.get("kind") == "order":
                order = given if isinstance(given, list) else choice_ids(field.get("items"))
                values |= {f"order.{fid}.{item}": str(n) for n, item in enumerate(order, start=1)}
            elif isinstance(given, list):
                values[f"answer.{fid}"] = ", ".join(map(str, given))
            elif given is not None:
                values[f"answer.{fid}"] = str(given)
    elif question.type == "matching" and isinstance(answer, dict):
        values |= {f"answer.{left}": str(right) for left, right in answer.items()}
    elif question.type == "true_false" and isinstance(answer, bool):
        values["answer"] = "true" if answer else "false"
    elif question.type == "fill_blank" and isinstance(answer, list):
        values["answer"] = ", ".join(map(str, answer))
    elif question.type == "multiple_select" and isinstance(answer, list):
        values["answer"] = [str(a) for a in answer]
    elif answer is not None:
        values["answer"] = str(answer)
    return values


def ordered_items(field: dict[str, Any], values: FormValues) -> list[dict[str, Any]]:
    """An order field's items as the form has them: by the positions given, ties and gaps in shown order."""
    items = list(field.get("items") or [])

    def position(item: dict[str, Any]) -> int:
        raw = single(values, f"order.{field['id']}.{item['id']}")
        return int(raw) if raw.isdigit() else len(items) + 1

    return sorted(items, key=position)
