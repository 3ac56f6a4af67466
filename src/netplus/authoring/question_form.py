"""The question editor: its state read from a stored question or a posted form, changed by the editor's
buttons (add or remove an option, ...), and turned into the content models' shape to be validated.

Nothing here touches the database or the request. The editor never decides on its own that a question
is right: the content models (the ones the API and the pack loader use) have the last word, and the
checks below only put a friendlier message on the field an author has to fix.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from netplus.content.models import FillBlank, Matching, MultipleChoice, MultipleSelect, Simulation, TrueFalse
from netplus.web.forms import FieldErrors, as_list

MODELS: dict[str, type[BaseModel]] = {"multiple_choice": MultipleChoice, "multiple_select": MultipleSelect,
                                      "true_false": TrueFalse, "fill_blank": FillBlank, "matching": Matching,
                                      "simulation": Simulation}
TYPE_NAMES = {"multiple_choice": "Multiple choice", "multiple_select": "Multiple select",
              "true_false": "True or false", "fill_blank": "Fill in the blank", "matching": "Matching",
              "simulation": "Simulation (performance-based)"}
BLANK = "____"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Fewest and most entries each list may hold (the models' own bounds where they have them).
LIMITS = {"option": (2, 8), "left": (2, 12), "right": (2, 12), "field": (1, 10), "choice": (2, 12)}
# A model-level error (no field in its location) belongs to this field of the form.
WHOLE_QUESTION_FIELD = {"multiple_choice": "answer", "multiple_select": "answer", "fill_blank": "question",
                        "matching": "answer", "simulation": "answer", "true_false": "answer"}


@dataclass
class Item:
    """An option, a left or right item of a matching question, or a simulation field's option or item."""

    id: str
    text: str = ""


@dataclass
class SimField:
    id: str
    label: str = ""
    kind: str = "text"  # text | select | order
    normalize: str = ""
    choices: list[Item] = field(default_factory=list)  # select: options; order: items, in the correct order
    expected: str = ""  # select: the expected option's id
    accepted: str = ""  # text: accepted answers, one per line


@dataclass
class Editor:
    type: str
    key: str = ""
    difficulty: str = "intermediate"
    objectives: list[str] = field(default_factory=list)
    points: str = "1"
    question: str = ""
    exhibit: str = ""
    explanation: str = ""
    hints: list[str] = field(default_factory=lambda: ["", "", ""])
    options: list[Item] = field(default_factory=list)
    correct: list[str] = field(default_factory=list)
    truth: str = ""
    accepted: str = ""
    left: list[Item] = field(default_factory=list)
    right: list[Item] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)
    fields: list[SimField] = field(default_factory=list)
    focus: str | None = None  # the control to focus after a button changed the editor
    status: str = ""  # what that button did, announced to screen readers

    def values(self) -> dict[str, Any]:
        """The plain fields, as the form macros read them."""
        return {"key": self.key, "difficulty": self.difficulty, "points": self.points, "question": self.question,
                "exhibit": self.exhibit, "explanation": self.explanation, "accepted": self.accepted,
                "answer": self.truth} | {f"hint_{n + 1}": h for n, h in enumerate(self.hints)}


def next_id(prefix: str, items: list[Item] | list[SimField]) -> str:
    """A fresh id: a, b, c ... for options; prefix + number (l1, r2, f1, c3) for the others."""
    taken = {i.id for i in items}
    if not prefix:
        return next((c for c in LETTERS if c not in taken), uuid.uuid4().hex[:8])
    return next(f"{prefix}{n}" for n in range(1, len(taken) + 2) if f"{prefix}{n}" not in taken)


def items(n: int, prefix: str) -> list[Item]:
    made: list[Item] = []
    for _ in range(n):
        made.append(Item(next_id(prefix, made)))
    return made


def blank(qtype: str) -> Editor:
    """A new question of `qtype` with room to write (four options, three pairs, one field)."""
    editor = Editor(type=qtype, points="3" if qtype == "simulation" else "1")
    if qtype in ("multiple_choice", "multiple_select"):
        editor.options = items(4, "")
    elif qtype == "matching":
        editor.left, editor.right = items(3, "l"), items(3, "r")
    elif qtype == "simulation":
        editor.fields = [SimField("f1")]
    return editor


# --- from a stored question (content/FORMAT.md shape) --------------------------------------------

def choices(raw: list[dict[str, Any]] | None) -> list[Item]:
    return [Item(str(c["id"]), str(c["text"])) for c in raw or []]


def from_question(q: dict[str, Any]) -> Editor:
    hints = [str(h) for h in q.get("hints") or []]
    editor = Editor(type=q["type"], key=q.get("id") or "", difficulty=q["difficulty"],
                    objectives=list(q["objectives"]), points=str(q.get("points", 1)), question=q["question"],
                    exhibit=q.get("exhibit") or "", explanation=q.get("explanation") or "",
                    hints=[*hints, "", "", ""][:3])
    answer = q.get("answer")
    if q["type"] in ("multiple_choice", "multiple_select"):
        editor.options = choices(q.get("options"))
        editor.correct = as_list(answer)
    elif q["type"] == "true_false":
        editor.truth = "true" if answer is True else "false" if answer is False else ""
    elif q["type"] == "fill_blank":
        editor.accepted = "\n".join(as_list(answer))
    elif q["type"] == "matching":
        editor.left, editor.right = choices(q.get("left")), choices(q.get("right"))
        editor.pairs = dict(answer or {})
    elif q["type"] == "simulation":
        expected = dict(answer or {})
        editor.fields = [sim_field(f, expected.get(f["id"])) for f in q.get("fields") or []]
    return editor


def sim_field(f: dict[str, Any], expected: Any) -> SimField:
    made = SimField(id=f["id"], label=f.get("label") or "", kind=f["kind"], normalize=f.get("normalize") or "",
                    choices=choices(f.get("options") if f["kind"] == "select" else f.get("items")))
    if f["kind"] == "select":
        made.expected = str(expected or "")
    elif f["kind"] == "order":  # the editor lists the items in the expected order (learners get them shuffled)
        rank = {item_id: n for n, item_id in enumerate(as_list(expected))}
        made.choices.sort(key=lambda c: rank.get(c.id, len(rank)))
    else:
        made.accepted = "\n".join(as_list(expected))
    return made


# --- from a posted form --------------------------------------------------------------------------

def text(values: dict[str, Any], name: str) -> str:
    value = values.get(name, "")
    return (value[-1] if isinstance(value, list) and value else value if isinstance(value, str) else "").strip()


def posted_items(values: dict[str, Any], prefix: str) -> list[Item]:
    """`{prefix}_id_0`, `{prefix}_text_0`, `{prefix}_id_1`, ... until an index is missing."""
    found: list[Item] = []
    while f"{prefix}_id_{len(found)}" in values:
        n = len(found)
        found.append(Item(text(values, f"{prefix}_id_{n}"), text(values, f"{prefix}_text_{n}")))
    return found


def from_form(values: dict[str, Any]) -> Editor:
    editor = Editor(type=text(values, "type"), key=text(values, "key"), difficulty=text(values, "difficulty"),
                    objectives=as_list(values.get("objectives")), points=text(values, "points"),
                    question=text(values, "question"), exhibit=text(values, "exhibit"),
                    explanation=text(values, "explanation"),
                    hints=[text(values, f"hint_{n}") for n in (1, 2, 3)],
                    options=posted_items(values, "option"), correct=as_list(values.get("correct")),
                    truth=text(values, "answer"), accepted=text(values, "accepted"),
                    left=posted_items(values, "left"), right=posted_items(values, "right"))
    editor.pairs = {item.id: text(values, f"pair_{n}") for n, item in enumerate(editor.left)
                    if text(values, f"pair_{n}")}
    while f"field_id_{len(editor.fields)}" in values:
        n = len(editor.fields)
        editor.fields.append(SimField(
            id=text(values, f"field_id_{n}"), label=text(values, f"field_label_{n}"),
            kind=text(values, f"field_kind_{n}") or "text", normalize=text(values, f"field_normalize_{n}"),
            choices=posted_items(values, f"field_{n}_choice"), expected=text(values, f"field_expected_{n}"),
            accepted=text(values, f"field_accepted_{n}")))
    return editor


# --- the editor's buttons ------------------------------------------------------------------------

def apply_action(editor: Editor, action: str) -> None:
    """Carry out an editor button ("add_option", "remove_option:2", "up_choice:0:1", ...) in place.

    Unknown or out-of-range actions change nothing: a stale page cannot break the editor.
    """
    name, *args = action.split(":")
    try:
        at = [int(a) for a in args]
    except ValueError:
        return
    lists: dict[str, tuple[str, list[Any], str]] = {
        "option": ("", editor.options, "Option"), "left": ("l", editor.left, "Left item"),
        "right": ("r", editor.right, "Right item"), "field": ("f", editor.fields, "Field")}
    verb, _, what = name.partition("_")
    if what == "choice" and at and 0 <= at[0] < len(editor.fields):
        sim = editor.fields[at[0]]
        change_list(editor, verb, sim.choices, at[1:], prefix="c", what="choice",
                    focus=f"field_{at[0]}_choice_text", label="Entry")
        if verb == "remove" and sim.expected not in {c.id for c in sim.choices}:
            sim.expected = ""
    elif what in lists:
        prefix, target, label = lists[what]
        focus = "field_label" if what == "field" else f"{what}_text"
        change_list(editor, verb, target, at, prefix=prefix, what=what, focus=focus, label=label)
        if verb == "remove":
            drop_dangling(editor)
    elif name == "refresh":
        for sim in editor.fields:  # a field just turned into a choice or an ordering needs entries to fill
            while sim.kind in ("select", "order") and len(sim.choices) < LIMITS["choice"][0]:
                sim.choices.append(Item(next_id("c", sim.choices)))
        editor.status = "The editor now shows the settings of each field's kind."


def change_list(editor: Editor, verb: str, target: list[Any], at: list[int], *, prefix: str, what: str,
                focus: str, label: str) -> None:
    low, high = LIMITS[what]
    if verb == "add" and not at:
        if len(target) >= high:
            editor.status = f"There can be at most {high}."
            return
        new_id = next_id(prefix, target)
        target.append(SimField(new_id) if what == "field" else Item(new_id))
        editor.focus = f"{focus}_{len(target) - 1}"
        editor.status = f"{label} {len(target)} added."
    elif verb == "remove" and len(at) == 1 and 0 <= at[0] < len(target):
        if len(target) <= low:
            editor.status = f"There must be at least {low}."
            return
        target.pop(at[0])
        editor.focus = f"{focus}_{max(at[0] - 1, 0)}"
        editor.status = f"{label} {at[0] + 1} removed."
    elif verb == "up" and len(at) == 1 and 0 < at[0] < len(target):
        target[at[0] - 1], target[at[0]] = target[at[0]], target[at[0] - 1]
        editor.focus = f"{focus}_{at[0] - 1}"
        editor.status = f"{label} {at[0] + 1} moved up to place {at[0]}."


def drop_dangling(editor: Editor) -> None:
    """After a removal: forget answers that name what is gone."""
    option_ids = {o.id for o in editor.options}
    editor.correct = [c for c in editor.correct if c in option_ids]
    left_ids, right_ids = {i.id for i in editor.left}, {i.id for i in editor.right}
    editor.pairs = {k: v for k, v in editor.pairs.items() if k in left_ids and v in right_ids}


# --- to the content models -----------------------------------------------------------------------

def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def as_choices(entries: list[Item]) -> list[dict[str, str]]:
    return [{"id": i.id, "text": i.text} for i in entries]


def body(editor: Editor, key: str) -> dict[str, Any]:
    """The question in the shape of content/FORMAT.md, exactly as typed (the model judges it)."""
    points: Any = int(editor.points) if editor.points.isdigit() else editor.points
    data: dict[str, Any] = {"id": key, "type": editor.type, "difficulty": editor.difficulty,
                            "objectives": editor.objectives, "question": editor.question,
                            "exhibit": editor.exhibit or None, "explanation": editor.explanation,
                            "hints": [h for h in editor.hints if h], "points": points}
    if editor.type == "multiple_choice":
        data |= {"options": as_choices(editor.options), "answer": editor.correct[0] if editor.correct else ""}
    elif editor.type == "multiple_select":
        data |= {"options": as_choices(editor.options), "answer": editor.correct}
    elif editor.type == "true_false":
        data["answer"] = {"true": True, "false": False}.get(editor.truth, editor.truth)
    elif editor.type == "fill_blank":
        data["answer"] = lines(editor.accepted)
    elif editor.type == "matching":
        data |= {"left": as_choices(editor.left), "right": as_choices(editor.right), "answer": editor.pairs}
    elif editor.type == "simulation":
        data |= {"fields": [sim_body(f) for f in editor.fields],
                 "answer": {f.id: sim_expected(f) for f in editor.fields}}
    return data


def sim_body(f: SimField) -> dict[str, Any]:
    made: dict[str, Any] = {"id": f.id, "label": f.label, "kind": f.kind}
    if f.kind == "text" and f.normalize:
        made["normalize"] = f.normalize
    if f.kind in ("select", "order"):
        made["options" if f.kind == "select" else "items"] = as_choices(f.choices)
    return made


def sim_expected(f: SimField) -> str | list[str]:
    return f.expected if f.kind == "select" else [c.id for c in f.choices] if f.kind == "order" else lines(f.accepted)


def friendly_checks(editor: Editor) -> FieldErrors:
    """The usual mistakes, each on the field to fix, in the author's words."""
    check = {"multiple_choice": choice_checks, "multiple_select": choice_checks, "true_false": truth_checks,
             "fill_blank": blank_checks, "matching": pair_checks, "simulation": field_checks}[editor.type]
    return check(editor)


def choice_checks(editor: Editor) -> FieldErrors:
    if editor.type == "multiple_choice" and len(editor.correct) != 1:
        return {"answer": "Mark the one correct option."}
    if editor.type == "multiple_select" and len(editor.correct) < 2:
        return {"answer": "Mark at least two correct options (a question with one answer is multiple choice)."}
    return {}


def truth_checks(editor: Editor) -> FieldErrors:
    return {} if editor.truth in ("true", "false") else {"answer": "Choose whether the statement is true or false."}


def blank_checks(editor: Editor) -> FieldErrors:
    errors: FieldErrors = {}
    if (blanks := editor.question.count(BLANK)) != 1:
        errors["question"] = f"Write exactly one blank as four underscores ({BLANK}); the question has {blanks}."
    if not lines(editor.accepted):
        errors["accepted"] = "Give at least one accepted answer."
    return errors


def pair_checks(editor: Editor) -> FieldErrors:
    right_ids = {i.id for i in editor.right}
    return {f"pair_{n}": "Choose the right-hand item this one pairs with."
            for n, item in enumerate(editor.left) if editor.pairs.get(item.id) not in right_ids}


def field_checks(editor: Editor) -> FieldErrors:
    errors: FieldErrors = {}
    for n, f in enumerate(editor.fields):
        if f.kind in ("select", "order") and len(f.choices) < 2:
            errors[f"field_{n}_choices"] = "Give at least two entries."
        if f.kind == "select" and f.expected not in {c.id for c in f.choices}:
            errors[f"field_expected_{n}"] = "Mark the option the learner must choose."
        if f.kind == "text" and not lines(f.accepted):
            errors[f"field_accepted_{n}"] = "Give at least one accepted answer."
    return errors


def form_field(qtype: str, loc: tuple[int | str, ...]) -> str:
    """Where the model's error about `loc` goes on the form."""
    path = [str(p) for p in loc]
    head = path[0] if path else ""
    if not path:
        name = WHOLE_QUESTION_FIELD[qtype]
    elif head in ("options", "left", "right"):
        prefix = "option" if head == "options" else head
        name = f"{prefix}_text_{path[1]}" if path[2:3] == ["text"] else head
    elif head == "fields" and len(path) > 1:
        name = fields_field(path)
    elif head == "hints":
        name = f"hint_{int(path[1]) + 1}" if len(path) > 1 else "hint_1"
    else:
        name = {"id": "key", "answer": "accepted" if qtype == "fill_blank" else "answer"}.get(head, head)
    return name


def fields_field(path: list[str]) -> str:
    """fields.0.label -> field_label_0; fields.0.options.1.text -> field_0_choice_text_1."""
    if path[2:3] in (["options"], ["items"]):
        return f"field_{path[1]}_choice_text_{path[3]}" if len(path) > 4 else f"field_{path[1]}_choices"
    return f"field_{path[2]}_{path[1]}" if path[2:3] in (["label"], ["kind"], ["normalize"]) else "fields"


MESSAGES = {"points": "Give a whole number of points from 1 to 100.",
            "objectives": "Tick at least one objective.",
            "hint_1": "Give at least one hint.",
            "key": "Use lower-case letters, digits, dots and dashes, starting with a letter or digit."}


def validate(editor: Editor, key: str) -> tuple[BaseModel | None, FieldErrors]:
    """The content model of the question (or None) and every error by form field."""
    model = MODELS.get(editor.type)
    if model is None:
        return None, {"type": "Choose a question type."}
    errors = friendly_checks(editor)
    try:
        question = model.model_validate(body(editor, key))
    except ValidationError as exc:
        for error in exc.errors():
            name = form_field(editor.type, tuple(error["loc"]))
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] == "string_too_short" and not error.get("input"):
                message = "This field is required."
            elif name in MESSAGES:
                message = MESSAGES[name]
            errors.setdefault(name, message[0].upper() + message[1:])
        return None, errors
    return (None, errors) if errors else (question, {})
