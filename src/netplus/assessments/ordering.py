"""What order an attempt shows things in, fixed when it starts and stored with it, so a resumed attempt
and its review look exactly as the student first saw them.

assessment_attempts.question_order holds the questions (shuffled when the assessment randomizes
questions). assessment_attempts.answer_order holds, per question id, the option ids of a
multiple_choice or multiple_select question, or the right-hand ids of a matching question, as a list;
for a simulation, an object per field id with its select options or order items. Options are shuffled
when the assessment randomizes answers. The items of an `order` field are always shuffled, never left in
the right sequence, because their stored order is the answer.
"""

import random
import uuid
from typing import Any

SHUFFLER = random.SystemRandom()


def ids(choices: Any) -> list[str]:
    return [str(c["id"]) for c in choices or []]


def shuffled(items: list[Any], randomize: bool = True) -> list[Any]:
    copy = list(items)
    if randomize:
        SHUFFLER.shuffle(copy)
    return copy


def not_the_answer(items: list[str], answer: Any) -> list[str]:
    order = shuffled(items)
    if len(order) > 1 and order == answer:
        order = order[1:] + order[:1]  # distinct ids: a rotation is a different sequence
    return order


def question_order(question_ids: list[uuid.UUID], randomize: bool) -> list[uuid.UUID]:
    return shuffled(question_ids, randomize)


def option_order(question_type: str, data: dict[str, Any], correct: Any, randomize: bool) -> Any:
    """The answer_order entry of one question, or None when it has nothing to order."""
    if question_type in ("multiple_choice", "multiple_select"):
        return shuffled(ids(data.get("options")), randomize)
    if question_type == "matching":
        return shuffled(ids(data.get("right")), randomize)
    if question_type == "simulation":
        fields: dict[str, list[str]] = {}
        for field in data.get("fields") or []:
            if field.get("kind") == "select":
                fields[field["id"]] = shuffled(ids(field.get("options")), randomize)
            elif field.get("kind") == "order":
                fields[field["id"]] = not_the_answer(ids(field.get("items")), (correct or {}).get(field["id"]))
        return fields
    return None


def arranged(choices: list[dict[str, Any]], order: Any) -> list[dict[str, Any]]:
    """`choices` in the stored order; any not named there (content edited since) follow in their own order."""
    if not isinstance(order, list):
        return choices
    rank = {choice_id: n for n, choice_id in enumerate(order)}
    return sorted(choices, key=lambda c: rank.get(str(c["id"]), len(rank)))


def shown_data(question_type: str, data: dict[str, Any], order: Any) -> dict[str, Any]:
    """question_data as this attempt shows it: the same content, its options in the attempt's order."""
    shown = dict(data)
    if question_type in ("multiple_choice", "multiple_select") and "options" in shown:
        shown["options"] = arranged(shown["options"], order)
    elif question_type == "matching" and "right" in shown:
        shown["right"] = arranged(shown["right"], order)
    elif question_type == "simulation" and isinstance(order, dict):
        fields = []
        for stored in shown.get("fields") or []:
            field = dict(stored)
            key = "options" if field.get("kind") == "select" else "items"
            if key in field:
                field[key] = arranged(field[key], order.get(field["id"]))
            fields.append(field)
        shown["fields"] = fields
    return shown
