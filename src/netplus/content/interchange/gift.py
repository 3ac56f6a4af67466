"""GIFT import and export: the plain-text question format teachers write by hand for Moodle.

The parser follows Moodle's own GIFT reader (question/format/gift): blank lines separate questions,
`//` lines are comments, `::name::` names a question, `[markdown]`-style markers give the text
format, the first `{...}` holds the answers (text after it makes a "missing word" question, whose
blank becomes our `____`), `#` starts per-answer feedback and `####` the general feedback (our
explanation), and `\\~ \\= \\# \\{ \\} \\: \\\\ \\n` are escapes. Numerical, essay and description
questions have no equivalent and are reported. One leniency: a `$CATEGORY:` line is noted and the
question after it in the same block is still read (Moodle would swallow it into the category).

GIFT has no hints, objectives, difficulty or points, so the export writes them as a comment Moodle
ignores, directly above the question, and the import reads it back:

    // netplus: {"objectives": ["1.4"], "difficulty": "beginner", "hints": ["..."], "points": 1}
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from netplus.content.interchange.moodle_xml import (
    MoodleAnswer,
    choice_fractions,
    export_notes,
    map_choices,
    map_matching,
    map_short_answers,
    matching_entries,
)
from netplus.content.interchange.report import (
    BLANK,
    DIFFICULTIES,
    ExportReport,
    ImportReport,
    Location,
    format_fraction,
    html_to_text,
    join_exhibit,
    split_exhibit,
)
from netplus.content.models import Difficulty, FillBlank, Matching, MultipleChoice, MultipleSelect, Question, TrueFalse

META = "// netplus:"
FIX = "GIFT: '####' general feedback and a '// netplus:' comment with hints and objectives"
_SPECIAL = "\\:#={}~"
_PLACEHOLDERS = {c: chr(0xE000 + i) for i, c in enumerate(_SPECIAL + "n")}
_RESTORE = str.maketrans({p: ("\n" if c == "n" else c) for c, p in _PLACEHOLDERS.items()})
_ESCAPE = str.maketrans({**{c: "\\" + c for c in _SPECIAL}, "\n": "\\n", "\r": ""})
_FORMAT = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_META_KEYS = {"objectives", "difficulty", "hints", "points"}
_CATEGORY = "$CATEGORY:"


def _protect(text: str) -> str:
    """Replace escape sequences with private-use placeholders, so structure can be found by plain search."""
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair[0] == "\\" and pair[1] in _PLACEHOLDERS:
            out.append(_PLACEHOLDERS[pair[1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@dataclass
class _Block:
    """The lines of one question (comments removed), where it starts, and its netplus comment."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    meta: str | None = None
    meta_line: int | None = None


def _blocks(text: str) -> list[_Block]:
    """Split on blank lines; only a line feed ends a line (splitlines() would also split on U+2028 and such)."""
    blocks, block = [], _Block()
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            if block.lines or block.meta is not None:
                blocks.append(block)
            block = _Block()
        elif stripped.startswith(META):
            block.meta, block.meta_line = stripped[len(META):], number
        elif not stripped.startswith("//"):
            block.lines.append((number, line.rstrip("\r")))
    if block.lines or block.meta is not None:
        blocks.append(block)
    return blocks


@dataclass
class _Reading:
    report: ImportReport
    where: Location
    default_format: str = "moodle"

    def text(self, raw: str, plain: bool = False) -> str:
        """Protected GIFT text to our text: trimmed, format marker read, escapes restored, HTML converted
        (`plain`: a matching answer, which Moodle never formats)."""
        raw = raw.strip()
        marker = None if plain else _FORMAT.match(raw)
        fmt = marker.group(1) if marker else "plain" if plain else self.default_format
        text = (raw[marker.end():] if marker else raw).translate(_RESTORE)
        if fmt != "html":
            return text
        converted, dropped = html_to_text(text)
        if dropped:
            self.report.add(self.where, f"media dropped from the text: {dropped!r}")
        return converted

    def answers(self, body: str, separators: str) -> list[MoodleAnswer]:
        """Split an answer block on its markers (`~`/`=` or `=`), reading %weight% and #feedback."""
        items = re.split(f"(?=[{separators}])", body)
        found = []
        for item in (i.strip() for i in items if i.strip()):
            weight, rest = (100.0 if item[0] == "=" else 0.0), item[1:] if item[0] in separators else item
            if m := _WEIGHT.match(rest.lstrip()):
                weight, rest = float(m.group(1)), rest.lstrip()[m.end():]
            text, _, feedback = rest.partition("#")
            found.append(MoodleAnswer(self.text(text), weight, self.text(feedback)))
        return found


def _read_meta(meta: str | None, r: _Reading) -> dict[str, Any]:
    if meta is None:
        return {}
    try:
        data = json.loads(meta)
    except json.JSONDecodeError as e:
        r.report.add(r.where, f"the {META} comment is not JSON ({e}): ignored")
        return {}
    if not isinstance(data, dict):
        r.report.add(r.where, f"the {META} comment is not a JSON object: ignored")
        return {}
    if unknown := sorted(set(data) - _META_KEYS):
        r.report.add(r.where, f"unknown keys in the {META} comment dropped: {unknown!r}")
    return data


def _labels(meta: dict[str, Any], r: _Reading) -> tuple[list[str], Difficulty]:
    objectives = meta.get("objectives", [])
    codes, _ = r.report.read_labels([str(o) for o in objectives] if isinstance(objectives, list) else [], r.where)
    level = meta.get("difficulty")
    difficulty = next((d for d in DIFFICULTIES if d == level), None)
    if level is not None and difficulty is None:
        r.report.add(r.where, f"difficulty {level!r} is not one of {list(DIFFICULTIES)!r}: dropped")
    return codes, r.report.difficulty_or_default(difficulty, r.where)


def _answers_of(kind: str, body: str, r: _Reading, raw: dict[str, Any]) -> None:
    if kind == "multichoice":
        raw.update(map_choices(r.answers(body, "~="), "=" in body, r.report, r.where))
    elif kind == "matching":
        pairs = [item.partition("->") for item in body.split("=") if item.strip()]
        if unpaired := [left.strip() for left, arrow, _ in pairs if not arrow]:
            r.report.add(r.where, f"matching entries without '->' have no answer: {unpaired!r}")
        raw.update(map_matching([(r.text(left), r.text(right, plain=True)) for left, _, right in pairs]))
    elif kind == "truefalse":
        value, *feedback = body.split("#")
        if any(f.strip() for f in feedback):
            r.report.add(r.where, "true/false feedback dropped (the explanation covers both answers)")
        raw.update(type="true_false", answer=_TRUE_FALSE[value.strip()])
    else:
        map_short_answers(r.answers(body, "="), raw, r.report, r.where)


def _kind(body: str) -> str:
    """The question type the way Moodle decides it, in Moodle's order."""
    if not body:
        return "essay"
    if body.startswith("#"):
        return "numerical"
    if "~" in body:
        return "multichoice"
    if "=" in body and "->" in body:
        return "matching"
    return "truefalse" if body.partition("#")[0].strip() in _TRUE_FALSE else "shortanswer"


def _read_block(block: _Block, report: ImportReport, index: int) -> None:
    text = _protect("\n".join(line for _, line in block.lines)).strip()
    name = None
    if text.startswith("::") and (end := text.find("::", 2)) >= 0:
        name, text = text[2:end].translate(_RESTORE).strip() or None, text[end + 2:].strip()
    r = _Reading(report, Location(report.source, index, name, block.lines[0][0]))
    start, end = text.find("{"), text.find("}")
    if start < 0 and end < 0:
        report.unsupported(r.where, "a description (text without an answer block)")
        return
    if start < 0 or end < start:
        report.add(r.where, "unbalanced braces: no answer block found, question skipped", "error")
        return
    body, after = text[start + 1:end].strip(), text[end + 1:]
    body, _, general = body.rpartition("####") if "####" in body else (body, "", "")
    kind = _kind(body.strip())
    if kind in {"essay", "numerical"}:
        report.unsupported(r.where, f"GIFT {kind} question")
        return
    marker = _FORMAT.match(text)
    r.default_format = marker.group(1) if marker else "moodle"
    question, exhibit = split_exhibit(r.text(text[:start] + BLANK + after if after else text[:start]))
    meta = _read_meta(block.meta, r)
    objectives, difficulty = _labels(meta, r)
    raw: dict[str, Any] = {"id": report.assign_id(name, question, r.where), "type": None,
                           "difficulty": difficulty, "objectives": objectives, "question": question}
    if exhibit is not None:
        raw["exhibit"] = exhibit
    _answers_of(kind, body.strip(), r, raw)
    raw.update(explanation=r.text(general), hints=meta.get("hints", []), points=meta.get("points", 1))
    report.accept(raw, r.where, FIX)


def parse_gift(text: str, source_name: str) -> ImportReport:
    """Read a GIFT file; never raises on bad input, reports it instead."""
    report = ImportReport(source_name)
    index = 0
    for block in _blocks(text):
        if block.lines and block.lines[0][1].strip().startswith(_CATEGORY):
            line, category = block.lines.pop(0)
            category = category.strip().removeprefix(_CATEGORY).strip()
            report.add(Location(source_name, line=line), f"category {category!r} ignored", "note")
        if not block.lines:
            if block.meta is not None:
                report.add(Location(source_name, line=block.meta_line),
                           f"a {META} comment without a question after it: ignored")
            continue
        index += 1
        _read_block(block, report, index)
    return report


# Export ---------------------------------------------------------------------------------------------

def _escape(text: str) -> str:
    return text.translate(_ESCAPE)


def _answer_lines(q: Question) -> list[str]:
    if isinstance(q, MultipleChoice):
        return [("=" if o.id == q.answer else "~") + _escape(o.text) for o in q.options]
    if isinstance(q, MultipleSelect):
        return [f"~%{format_fraction(f)}%{_escape(t)}" for t, f in choice_fractions(q)]
    if isinstance(q, TrueFalse):
        return ["TRUE" if q.answer else "FALSE"]
    if isinstance(q, FillBlank):
        return ["=" + _escape(a) for a in q.answer]
    if isinstance(q, Matching):
        return [f"={_escape(stem)} -> {_escape(text)}" for stem, text in matching_entries(q)]
    return []


def _answer_texts(q: Question) -> list[str]:
    if isinstance(q, MultipleChoice | MultipleSelect):
        return [o.text for o in q.options]
    if isinstance(q, Matching):
        return [c.text for c in [*q.left, *q.right]]
    return q.answer if isinstance(q, FillBlank) else []


def _unwritable(q: Question) -> str | None:
    """What GIFT's syntax cannot say, though the question type is supported."""
    if isinstance(q, FillBlank) and any("->" in a for a in q.answer):
        return "an accepted answer contains '->', which GIFT reads as a matching question"
    if isinstance(q, Matching) and any("->" in c.text for c in q.left):
        return "a left item contains '->', GIFT's pair separator"
    if bad := [t for t in _answer_texts(q) if _WEIGHT.match(t.strip()) or _FORMAT.match(t.strip())]:
        return f"answers {bad!r} would read as a GIFT %weight% or [format] marker"
    return None


def _write(q: Question) -> str:
    meta = {"objectives": q.objectives, "difficulty": q.difficulty, "hints": q.hints, "points": q.points}
    lines = "".join(f"\t{line}\n" for line in _answer_lines(q))
    block = "{\n" + lines + f"\t####{_escape(q.explanation)}\n}}"
    before, after = q.question, ""
    if isinstance(q, FillBlank):
        before, _, after = q.question.partition(BLANK)
        after = join_exhibit(after, q.exhibit)
        before += "" if after else BLANK
    else:
        before = join_exhibit(before, q.exhibit)
    question = _escape(before) + block + _escape(after)
    return f"{META} {json.dumps(meta)}\n::{_escape(q.id)}::[markdown]{question}\n"


def to_gift(questions: list[Question]) -> tuple[str, ExportReport]:
    """GIFT text with every question GIFT can hold; the report lists the others."""
    report = ExportReport()
    chunks = []
    for index, q in enumerate(questions, 1):
        where = Location("gift export", index, q.id)
        if q.type == "simulation":
            report.skip(where, "GIFT has no question type for 'simulation'")
        elif reason := _unwritable(q):
            report.skip(where, reason)
        else:
            chunks.append(_write(q))
            report.questions.append(q)
            if trimmed := [t for t in _answer_texts(q) if t != t.strip()]:
                report.warn(where, f"GIFT trims the outer spaces of answers {trimmed!r}")
            for note in export_notes(q):
                report.note(where, note)
    return "\n".join(chunks), report
