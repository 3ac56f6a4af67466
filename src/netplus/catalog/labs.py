"""Labs and simulations: tasks answered in a form and checked on the server.

A task is {id, label, kind: text | select, options (select), normalize (text), answer}. Typed answers
are compared with the assessments' own rules (`assessments.scoring.field_right`: cidr, ipv4, ipv6,
mac, lower, exact, else case- and space-insensitive), so a lab accepts exactly what a question would.
The expected answers stay on the server: the page gets `PublicTask`s, and `solution` only once the
student has every task right or asks to see it.

The student's place is kept in `user_progress.last_position` as
{"answers": {task id: typed text or option id}, "right": [task ids], "solution_shown": bool}.
"""

from dataclasses import dataclass, replace
from typing import Any

from netplus.assessments.scoring import field_right

MAX_ANSWER_CHARS = 200


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class PublicTask:
    """What the browser may see of a task: never its answer."""

    id: str
    label: str
    kind: str  # text | select
    options: list[Option]


def tasks(content: dict[str, Any]) -> list[dict[str, Any]]:
    raw = content.get("tasks")
    if not isinstance(raw, list):
        return []
    return [t for t in raw if isinstance(t, dict) and t.get("id") and t.get("kind") in ("text", "select")]


def public(task: dict[str, Any]) -> PublicTask:
    options = [Option(str(o["id"]), str(o.get("text", o["id"]))) for o in task.get("options") or []
               if isinstance(o, dict) and o.get("id")]
    return PublicTask(str(task["id"]), str(task.get("label") or task["id"]), str(task["kind"]), options)


def is_right(task: dict[str, Any], given: str) -> bool:
    if not given.strip():
        return False
    # field_right compares a text task's typed entries (a list) and a select's option id (a string)
    return field_right(task, task.get("answer"), [given] if task["kind"] == "text" else given)


def solution(task: dict[str, Any]) -> str:
    """The expected answer in words: the first accepted form, or the right option's text."""
    answer = task.get("answer")
    if task["kind"] == "select":
        texts = {o.id: o.text for o in public(task).options}
        return texts.get(str(answer), str(answer))
    if isinstance(answer, list) and answer:
        return str(answer[0])
    return str(answer or "")


@dataclass(frozen=True)
class LabState:
    answers: dict[str, str]
    right: frozenset[str]
    solution_shown: bool
    checked: bool  # the answers have been checked at least once (so "not yet" can be shown)

    def position(self) -> dict[str, Any]:
        return {"answers": self.answers, "right": sorted(self.right), "solution_shown": self.solution_shown}

    def all_right(self, lab_tasks: list[dict[str, Any]]) -> bool:
        return bool(lab_tasks) and all(t["id"] in self.right for t in lab_tasks)


def lab_state(position: Any, lab_tasks: list[dict[str, Any]]) -> LabState:
    """The saved answers (re-checked, so a task changed by an author is judged by its current answer)."""
    if not isinstance(position, dict) or not isinstance(position.get("answers"), dict):
        return LabState({}, frozenset(), False, checked=False)
    ids = {t["id"] for t in lab_tasks}
    answers = {k: str(v)[:MAX_ANSWER_CHARS] for k, v in position["answers"].items() if k in ids}
    state = check(lab_tasks, answers, solution_shown=bool(position.get("solution_shown")))
    return replace(state, checked=any(v.strip() for v in answers.values()))


def check(lab_tasks: list[dict[str, Any]], answers: dict[str, str], *, solution_shown: bool = False) -> LabState:
    kept = {t["id"]: answers.get(t["id"], "")[:MAX_ANSWER_CHARS] for t in lab_tasks}
    right = frozenset(t["id"] for t in lab_tasks if is_right(t, kept[t["id"]]))
    return LabState(kept, right, solution_shown, checked=True)
