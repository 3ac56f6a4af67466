"""What an import or export did, question by question, and the conventions every format shares.

Teachers bring files written for another system, so an import is never all-or-nothing: each question
either becomes a `Question`, or waits in `incomplete` (mapped, but missing what our model requires and
what we must not invent: explanation, hints, objectives), or is skipped as unsupported. Every one of
those outcomes, and every part of a question that could not be carried over, is a `Problem` with a
location, so nothing disappears silently.

The shared conventions live here too, so Moodle XML and GIFT map ids, objective codes, difficulty,
exhibits and HTML text the same way.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from netplus.content.models import Difficulty, Question

Severity = Literal["error", "warning", "note"]
"""error: the question is not in `questions` (skipped, or kept in `incomplete`); exactly one per such
question. warning: something was dropped or changes meaning. note: a default or a convention applied."""

QUESTION: TypeAdapter[Question] = TypeAdapter(Question)
DIFFICULTIES: tuple[Difficulty, ...] = ("beginner", "intermediate", "advanced")
DEFAULT_DIFFICULTY: Difficulty = "intermediate"
EXAM = "N10-009"
"""The exam whose objective numbering our codes use; an objective tag naming another exam is dropped."""
BLANK = "____"
EXHIBIT_SEPARATOR = "\n\n<!-- netplus:exhibit -->\n\n"
"""Neither format has an exhibit field: the exhibit follows the question text after this separator
(an HTML comment, invisible once Moodle renders the Markdown), and an import splits it back out."""

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_OBJECTIVE_TAG = re.compile(r"^(?:([A-Za-z0-9-]+):)?([1-9]\.[0-9]+)$")
_DIFFICULTY_TAG = re.compile(r"^difficulty:(\w+)$", re.IGNORECASE)
_LEVELS: dict[str, Difficulty] = {d: d for d in DIFFICULTIES}
_REQUIRED = ("explanation", "hints", "objectives")
_MAX_HINTS = 3
_BLOCK_TAGS = {"p", "div", "pre", "ul", "ol", "table", "tr", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
_MEDIA_TAGS = {"img", "audio", "video", "iframe", "object", "embed"}
_PRE_SPACE = str.maketrans({"\n": "\x00", " ": "\x01", "\t": "\x02"})
_PRE_RESTORE = str.maketrans({"\x00": "\n", "\x01": " ", "\x02": "\t"})


@dataclass(frozen=True)
class Location:
    """Where a problem is: the file, the question's position (1-based, counting questions only) and
    name when known, and the line where the question starts when the parser can know it."""

    source: str
    index: int | None = None
    name: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        place = f"{self.source}:{self.line}" if self.line is not None else self.source
        if self.index is not None:
            place += f": question {self.index}"
        if self.name:
            place += f" {self.name!r}"
        return place


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


@dataclass
class ImportReport:
    """The questions read from one file, the ones a teacher must complete, and every problem."""

    source: str
    questions: list[Question] = field(default_factory=list)
    incomplete: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set, init=False, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def add(self, where: Location, message: str, severity: Severity = "warning") -> None:
        self.problems.append(Problem(where, message, severity))

    def unsupported(self, where: Location, what: str) -> None:
        self.add(where, f"{what} is not supported: question skipped", "error")

    def assign_id(self, name: str | None, text: str, where: Location) -> str:
        """The question's name as an id (slugified when needed), else a stable hash of its text;
        made unique within the file, since ids are how the loader upserts."""
        base = name.strip() if name else ""
        if base and not _ID.match(base):
            folded = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode().lower()
            base = re.sub(r"[^a-z0-9.]+", "-", folded).strip("-.")[:80].strip("-.")
            self.add(where, f"name {name!r} is not an id: using {base or 'a hash of the text'!r}", "note")
        if not base:
            base = "q-" + hashlib.sha256(text.encode()).hexdigest()[:12]
            self.add(where, f"no usable name: id {base!r} derived from a hash of the question text", "note")
        unique, n = base, 1
        while unique in self._ids:
            n += 1
            unique = f"{base}-{n}"
        if unique != base:
            self.add(where, f"id {base!r} is used by an earlier question: renamed to {unique!r}")
        self._ids.add(unique)
        return unique

    def read_labels(self, labels: list[str], where: Location) -> tuple[list[str], Difficulty | None]:
        """Objective codes ("1.4", "N10-009:1.4") and one "difficulty:<level>" label; others are reported."""
        objectives: list[str] = []
        difficulty: Difficulty | None = None
        for label in (t.strip() for t in labels):
            code, level = _OBJECTIVE_TAG.match(label), _DIFFICULTY_TAG.match(label)
            if code and code.group(1) and code.group(1).upper() != EXAM:
                self.add(where, f"tag {label!r} names an objective of another exam than {EXAM}: dropped")
            elif code:
                objectives += [code.group(2)] if code.group(2) not in objectives else []
            elif level and difficulty is None and level.group(1).lower() in _LEVELS:
                difficulty = _LEVELS[level.group(1).lower()]
            elif level:
                self.add(where, f"tag {label!r} is an unknown or second difficulty: dropped")
            elif label:
                self.add(where, f"tag {label!r} is neither an objective code nor a difficulty: dropped")
        return objectives, difficulty

    def difficulty_or_default(self, difficulty: Difficulty | None, where: Location) -> Difficulty:
        if difficulty is None:
            self.add(where, f"no difficulty given: using {DEFAULT_DIFFICULTY!r}", "note")
            return DEFAULT_DIFFICULTY
        return difficulty

    def accept(self, raw: dict[str, Any], where: Location, fix: str) -> None:
        """Validate a mapped question into `questions`; what lacks required content, or fails our
        model, goes to `incomplete` as mapped, with one error saying what to fix (`fix` names the
        source format's place for the missing fields)."""
        hints = raw.get("hints")
        if isinstance(hints, list) and len(hints) > _MAX_HINTS:
            self.add(where, f"{len(hints)} hints, we keep at most {_MAX_HINTS}: dropped {hints[_MAX_HINTS:]!r}")
            raw["hints"] = hints[:_MAX_HINTS]
        missing = [f for f in _REQUIRED if not raw.get(f) or (isinstance(raw[f], str) and not raw[f].strip())]
        if missing:
            self.incomplete.append(raw)
            self.add(where, f"incomplete, missing {', '.join(missing)} ({fix}): kept in `incomplete`", "error")
            return
        try:
            self.questions.append(QUESTION.validate_python(raw))
        except ValidationError as e:
            reasons = "; ".join(f"{'.'.join(map(str, err['loc'][1:])) or 'question'}: {err['msg']}"
                                for err in e.errors())
            self.incomplete.append(raw)
            self.add(where, f"not a valid {raw.get('type')} question ({reasons}): kept in `incomplete`", "error")


@dataclass
class ExportReport:
    """The questions written, and the ones the format cannot carry (with why)."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def skip(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, f"{message}: question not exported", "error"))

    def warn(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, message, "warning"))

    def note(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, message, "note"))


def join_exhibit(question: str, exhibit: str | None) -> str:
    return question + EXHIBIT_SEPARATOR + exhibit if exhibit else question


def split_exhibit(text: str) -> tuple[str, str | None]:
    question, separator, exhibit = text.partition(EXHIBIT_SEPARATOR)
    return (question, exhibit) if separator else (text, None)


def format_fraction(percent: float) -> str:
    """A Moodle grade percentage the way Moodle writes it: "100", "50", "33.33333", "-100"."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


class _HtmlText(HTMLParser):
    """HTML to plain text that keeps line breaks (<br>, paragraphs, list items, <pre> as is)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped: list[str] = []
        self.pre = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in _MEDIA_TAGS:
            self.dropped.append(f"<{tag}> {attr.get('alt') or attr.get('src') or ''}".strip())
        elif tag == "a" and "@@PLUGINFILE@@" in (attr.get("href") or ""):
            self.dropped.append(f"link to an embedded file {attr['href']}")
        self._break(tag)
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skip = max(0, self.skip - 1)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCK_TAGS:
            self._break(tag)

    def _break(self, tag: str) -> None:
        self.parts.append("\n" if tag == "br" else "\n- " if tag == "li" else "\n\n" if tag in _BLOCK_TAGS else "")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data.translate(_PRE_SPACE) if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = (line.strip(" ") for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip().translate(_PRE_RESTORE)


def html_to_text(html: str) -> tuple[str, list[str]]:
    """The text of an HTML fragment, and the media it referred to (which cannot be carried)."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.dropped
