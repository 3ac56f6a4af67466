"""Moodle XML import and export, and the mapping of Moodle's question model that GIFT shares.

Moodle XML is what teachers get from any Moodle question bank, so the import takes what a real
Moodle export contains (HTML text, categories, files, per-answer feedback) and reports what our
model cannot hold. The export writes everything Moodle can carry (name = id, tags for objectives
and difficulty, general feedback, hints, default grade, fractions) in Markdown format, so that
exporting and importing again gives back equal questions.

Untrusted XML is parsed only with defusedxml (no DTDs, so no entity expansion and no external
entities); xml.etree only builds the output.
"""

import re
import xml.etree.ElementTree as ET  # builds output only: parsing goes through defusedxml
from dataclasses import dataclass
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from netplus.content.interchange.report import (
    BLANK,
    ExportReport,
    ImportReport,
    Location,
    format_fraction,
    html_to_text,
    join_exhibit,
    split_exhibit,
)
from netplus.content.models import FillBlank, Matching, MultipleChoice, MultipleSelect, Question, TrueFalse

FIX = "Moodle: <generalfeedback>, <hint> elements and objective tags such as '1.4'"
_EPSILON = 0.01
_DEFAULT_FEEDBACK = {"", "Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect."}
_MASKED = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.DOTALL)
_QUESTION_TAG = re.compile(r"<question(?=[\s/>])")


@dataclass(frozen=True)
class MoodleAnswer:
    text: str
    fraction: float
    feedback: str = ""


def map_choices(answers: list[MoodleAnswer], single: bool, report: ImportReport, where: Location) -> dict[str, Any]:
    """Moodle multichoice to our options: single -> the 100% answer; multiple -> every positive one."""
    options = [{"id": chr(ord("a") + i), "text": a.text} for i, a in enumerate(answers)]
    _report_feedback(answers, report, where)
    if single:
        right = [o["id"] for o, a in zip(options, answers, strict=True) if abs(a.fraction - 100) < _EPSILON]
        partial = [a.text for a in answers if _EPSILON < a.fraction < 100 - _EPSILON]
        if partial:
            report.add(where, f"partial credit dropped, only 100% answers are right: {partial!r}")
        if len(right) != 1:
            report.add(where, f"a single-answer question needs exactly one 100% answer, found {len(right)}")
        return {"type": "multiple_choice", "options": options, "answer": right[0] if len(right) == 1 else right}
    positive = [a.fraction for a in answers if a.fraction > 0]
    if positive and (max(positive) - min(positive) > _EPSILON or abs(sum(positive) - 100) > 10 * _EPSILON):
        report.add(where, f"fractions {[format_fraction(f) for f in positive]} are not 'all right options equal': "
                          "every positive answer is taken as right, scored all-or-nothing")
    right = [o["id"] for o, a in zip(options, answers, strict=True) if a.fraction > 0]
    return {"type": "multiple_select", "options": options, "answer": right}


def map_short_answers(answers: list[MoodleAnswer], raw: dict[str, Any], report: ImportReport,
                      where: Location) -> None:
    """Moodle shortanswer to fill_blank: the 100% answers are accepted, and the text gets its blank."""
    _report_feedback(answers, report, where)
    accepted = [a.text for a in answers if abs(a.fraction - 100) < _EPSILON]
    if dropped := [a.text for a in answers if abs(a.fraction - 100) >= _EPSILON]:
        report.add(where, f"answers below 100% dropped (we accept or reject): {dropped!r}")
    if any("*" in a for a in accepted):
        report.add(where, "Moodle's '*' wildcard has no equivalent: it is compared literally")
    if BLANK not in raw["question"]:
        raw["question"] = raw["question"].rstrip() + " " + BLANK
        report.add(where, f"the text has no blank: appended {BLANK!r}", "note")
    raw.update(type="fill_blank", answer=accepted)


def choice_fractions(q: MultipleChoice | MultipleSelect) -> list[tuple[str, float]]:
    """Our options as Moodle answers: right ones share 100%, wrong ones of a multiple select cost 100%."""
    if isinstance(q, MultipleChoice):
        return [(o.text, 100.0 if o.id == q.answer else 0.0) for o in q.options]
    share = 100 / len(q.answer)
    return [(o.text, share if o.id in q.answer else -100.0) for o in q.options]


def map_matching(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Moodle subquestions (stem, answer) to our sides: empty stems add right-side distractors, and the
    right side keeps the order in which answers first appear (identical answers are one item, as in Moodle)."""
    left: list[dict[str, str]] = []
    right: dict[str, str] = {}
    answer: dict[str, str | None] = {}
    for stem, text in pairs:
        if text.strip() and text not in right:
            right[text] = f"r{len(right) + 1}"
        if stem.strip():
            left.append({"id": f"l{len(left) + 1}", "text": stem})
            answer[left[-1]["id"]] = right.get(text)
    return {"type": "matching", "left": left, "right": [{"id": i, "text": t} for t, i in right.items()],
            "answer": answer}


def matching_entries(q: Matching) -> list[tuple[str, str]]:
    """Our pairs as Moodle subquestions. Moodle keeps no right-side order (it shuffles it); ours is
    recorded by stem-less entries for the fewest leading right items that make first use match it."""
    text, ids = {c.id: c.text for c in q.right}, [c.id for c in q.right]
    used = [q.answer[c.id] for c in q.left]
    pairs = [(c.text, text[q.answer[c.id]]) for c in q.left]
    for k in range(len(ids)):
        seen = list(dict.fromkeys(ids[:k] + used))
        rest = [i for i in ids if i not in seen]
        if seen + rest == ids:
            return [("", text[i]) for i in ids[:k]] + pairs + [("", text[i]) for i in rest]
    return [("", text[i]) for i in ids] + pairs


def export_notes(q: Question) -> list[str]:
    """What Moodle's question model changes in a question it can carry."""
    notes = []
    if isinstance(q, MultipleChoice | MultipleSelect) and [o.id for o in q.options] != [
            chr(ord("a") + i) for i in range(len(q.options))]:
        notes.append("option ids are not a, b, c...: an import numbers them so")
    if isinstance(q, Matching):
        if [c.id for c in q.left] != [f"l{i + 1}" for i in range(len(q.left))] or [c.id for c in q.right] != [
                f"r{i + 1}" for i in range(len(q.right))]:
            notes.append("matching ids are not l1.. and r1..: an import numbers them so")
        if len({c.text for c in q.right}) != len(q.right):
            notes.append("right items with the same text become one item in Moodle")
    return notes


def _report_feedback(answers: list[MoodleAnswer], report: ImportReport, where: Location) -> None:
    with_feedback = [a.text for a in answers if a.feedback.strip()]
    if with_feedback:
        report.add(where, f"per-answer feedback dropped (the explanation covers every option) on {with_feedback!r}")


# Import ---------------------------------------------------------------------------------------------

@dataclass
class _Reading:
    report: ImportReport
    where: Location

    def text(self, parent: ET.Element | None, default_format: str = "html") -> str:
        """A Moodle text element's content as our text: HTML converted, Markdown kept verbatim."""
        if parent is None:
            return ""
        raw, fmt = parent.findtext("text") or "", parent.get("format", default_format)
        if parent.find("file") is not None:
            names = [f.get("name", "?") for f in parent.findall("file")]
            self.report.add(self.where, f"embedded files dropped: {names!r}")
        if fmt == "markdown":
            return raw
        if fmt not in {"html", "moodle_auto_format"}:
            return raw.strip()
        text, dropped = html_to_text(raw.replace("\n", "<br>") if fmt == "moodle_auto_format" else raw)
        if dropped:
            self.report.add(self.where, f"media dropped from the text: {dropped!r}")
        return text

    def answers(self, elem: ET.Element, default_format: str) -> list[MoodleAnswer]:
        found = []
        for a in elem.findall("answer"):
            try:
                fraction = float(a.get("fraction", "0"))
            except ValueError:
                self.report.add(self.where, f"fraction {a.get('fraction')!r} is not a number: taken as 0")
                fraction = 0.0
            found.append(MoodleAnswer(self.text(a, default_format), fraction, self.text(a.find("feedback"))))
        return found


def _flag(value: str | None, default: bool) -> bool:
    return default if value is None else value.strip().lower() not in {"false", "0", ""}


def _multichoice(elem: ET.Element, r: _Reading, raw: dict[str, Any]) -> None:
    raw.update(map_choices(r.answers(elem, "html"), _flag(elem.findtext("single"), True), r.report, r.where))


def _truefalse(elem: ET.Element, r: _Reading, raw: dict[str, Any]) -> None:
    answers = r.answers(elem, "moodle_auto_format")
    _report_feedback(answers, r.report, r.where)
    right = [a.text.strip().lower() for a in answers if abs(a.fraction - 100) < _EPSILON]
    answer = {"true": True, "false": False}.get(right[0]) if len(right) == 1 else None
    if answer is None:
        r.report.add(r.where, f"a true/false question needs one 100% answer 'true' or 'false', found {right!r}")
    raw.update(type="true_false", answer=answer)


def _shortanswer(elem: ET.Element, r: _Reading, raw: dict[str, Any]) -> None:
    if _flag(elem.findtext("usecase"), False):
        r.report.add(r.where, "Moodle compared case-sensitively; our fill-in answers ignore case")
    map_short_answers(r.answers(elem, "plain_text"), raw, r.report, r.where)


def _matching(elem: ET.Element, r: _Reading, raw: dict[str, Any]) -> None:
    pairs = [(r.text(s, "html"), r.text(s.find("answer"), "plain_text")) for s in elem.findall("subquestion")]
    raw.update(map_matching(pairs))


_READERS = {"multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer,
            "matching": _matching, "match": _matching}


def _question_lines(data: str | bytes) -> list[int]:
    """The line of every <question> start tag, outside comments, CDATA and processing instructions."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    masked = _MASKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    lines, line, pos = [], 1, 0
    for m in _QUESTION_TAG.finditer(masked):
        line += masked.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines


def _read_question(elem: ET.Element, report: ImportReport, where: Location) -> None:
    r = _Reading(report, where)
    reader = _READERS.get(elem.get("type", ""))
    if reader is None:
        report.unsupported(where, f"Moodle question type {elem.get('type')!r}")
        return
    question, exhibit = split_exhibit(r.text(elem.find("questiontext")))
    objectives, difficulty = report.read_labels([t.findtext("text") or "" for t in elem.findall("tags/tag")], where)
    raw: dict[str, Any] = {"id": report.assign_id(where.name, question, where), "type": None,
                           "difficulty": report.difficulty_or_default(difficulty, where), "objectives": objectives,
                           "question": question}
    if exhibit is not None:
        raw["exhibit"] = exhibit
    reader(elem, r, raw)
    raw["explanation"] = r.text(elem.find("generalfeedback"))
    raw["hints"] = [h for h in (r.text(e) for e in elem.findall("hint")) if h.strip()]
    raw["points"] = _points(elem.findtext("defaultgrade"), r)
    custom = [tag for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
              if r.text(elem.find(tag)).strip() not in _DEFAULT_FEEDBACK]
    if custom:
        report.add(where, f"combined feedback has no equivalent and is dropped: {custom!r}")
    report.accept(raw, where, FIX)


def _points(grade: str | None, r: _Reading) -> int:
    if grade is None:
        return 1
    try:
        value = float(grade)
    except ValueError:
        r.report.add(r.where, f"defaultgrade {grade!r} is not a number: using 1 point")
        return 1
    points = max(1, round(value))
    if points != value:
        r.report.add(r.where, f"defaultgrade {grade} is not a whole number of at least 1: using {points}")
    return points


def parse_moodle_xml(data: str | bytes, source_name: str) -> ImportReport:
    """Read a Moodle XML question file; never raises on bad input, reports it instead."""
    report = ImportReport(source_name)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ET.ParseError) as e:
        report.add(Location(source_name), f"refused, not a safe well-formed XML document: {type(e).__name__}: {e}",
                   "error")
        return report
    if root.tag != "quiz":
        report.add(Location(source_name), f"the root element is <{root.tag}>, not Moodle's <quiz>", "error")
        return report
    elements = root.findall("question")
    lines: list[int | None] = list(_question_lines(data))
    if len(lines) != len(elements):
        lines = [None] * len(elements)
    for other in (child.tag for child in root if child.tag != "question"):
        report.add(Location(source_name), f"unexpected element <{other}> ignored")
    index = 0
    for elem, line in zip(elements, lines, strict=True):
        if elem.get("type") == "category":
            category = elem.findtext("category/text", "").strip()
            report.add(Location(source_name, line=line), f"category {category!r} ignored", "note")
            continue
        index += 1
        name = (elem.findtext("name/text") or "").strip() or None
        _read_question(elem, report, Location(source_name, index, name, line))
    return report


# Export ---------------------------------------------------------------------------------------------

def _text_element(parent: ET.Element, tag: str, text: str, fmt: str | None = "markdown") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent: ET.Element, text: str, fraction: float, fmt: str | None = "markdown") -> None:
    element = _text_element(parent, "answer", text, fmt)
    element.set("fraction", format_fraction(fraction))


def _write_answers(q: Question, element: ET.Element) -> None:
    if isinstance(q, MultipleChoice | MultipleSelect):
        ET.SubElement(element, "single").text = "true" if isinstance(q, MultipleChoice) else "false"
        ET.SubElement(element, "shuffleanswers").text = "0"
        ET.SubElement(element, "answernumbering").text = "abc"
        for text, fraction in choice_fractions(q):
            _answer(element, text, fraction)
    elif isinstance(q, TrueFalse):
        _answer(element, "true", 100.0 if q.answer else 0.0, "moodle_auto_format")
        _answer(element, "false", 0.0 if q.answer else 100.0, "moodle_auto_format")
    elif isinstance(q, FillBlank):
        ET.SubElement(element, "usecase").text = "0"
        for text in q.answer:
            _answer(element, text, 100.0, "plain_text")
    elif isinstance(q, Matching):
        ET.SubElement(element, "shuffleanswers").text = "true"
        for stem, text in matching_entries(q):
            _text_element(_text_element(element, "subquestion", stem), "answer", text, None)


_MOODLE_TYPES = {"multiple_choice": "multichoice", "multiple_select": "multichoice", "true_false": "truefalse",
                 "fill_blank": "shortanswer", "matching": "matching"}


def to_moodle_xml(questions: list[Question]) -> tuple[str, ExportReport]:
    """A Moodle XML document with every question Moodle can hold; the report lists the others."""
    report = ExportReport()
    quiz = ET.Element("quiz")
    for index, q in enumerate(questions, 1):
        where = Location("moodle-xml export", index, q.id)
        if q.type not in _MOODLE_TYPES:
            report.skip(where, f"Moodle has no question type for {q.type!r}")
            continue
        element = ET.SubElement(quiz, "question", {"type": _MOODLE_TYPES[q.type]})
        _text_element(element, "name", q.id, None)
        _text_element(element, "questiontext", join_exhibit(q.question, q.exhibit))
        _text_element(element, "generalfeedback", q.explanation)
        ET.SubElement(element, "defaultgrade").text = str(q.points)
        ET.SubElement(element, "hidden").text = "0"
        _write_answers(q, element)
        for hint in q.hints:
            _text_element(element, "hint", hint)
        tags = ET.SubElement(element, "tags")
        for label in [*q.objectives, f"difficulty:{q.difficulty}"]:
            _text_element(tags, "tag", label, None)
        report.questions.append(q)
        for note in export_notes(q):
            report.note(where, note)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n", report
