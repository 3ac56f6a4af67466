"""CSV export: one row per question, for teachers who review or share a bank in a spreadsheet.

Every type fits (simulations too), because the structured parts are JSON cells: `choices` holds the
options (multiple choice/select), {"left", "right"} (matching) or the fields (simulation), and is
empty for true/false and fill-in; `answer` is the answer exactly as questions.yaml writes it.
An `exhibit` column follows `question`, so no question content is lost.

Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) get a leading apostrophe, the usual CSV-injection defence; JSON cells never start that way.
"""

import csv
import io
import json
from typing import Any

from netplus.content.models import Matching, MultipleChoice, MultipleSelect, Question, Simulation

COLUMNS = ("id", "type", "difficulty", "objectives", "question", "exhibit", "choices", "answer", "explanation",
           "hints", "points")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _choices(q: Question) -> str:
    if isinstance(q, MultipleChoice | MultipleSelect):
        return _json([o.model_dump() for o in q.options])
    if isinstance(q, Matching):
        return _json({"left": [c.model_dump() for c in q.left], "right": [c.model_dump() for c in q.right]})
    if isinstance(q, Simulation):
        return _json([f.model_dump(exclude_none=True) for f in q.fields])
    return ""


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(questions: list[Question]) -> str:
    """The questions as CSV text (RFC 4180, CRLF line ends), with a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for q in questions:
        writer.writerow([q.id, q.type, q.difficulty, ";".join(q.objectives), _safe(q.question), _safe(q.exhibit or ""),
                         _choices(q), _json(q.answer), _safe(q.explanation), _json(q.hints), q.points])
    return out.getvalue()
