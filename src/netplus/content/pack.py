"""An exam pack on disk (content/<exam>/): its models, and reading it with every problem located.

The layout and shapes are those of content/FORMAT.md. Reading never stops at the first problem:
a writer gets the whole list, each with its file and line.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import Field, TypeAdapter, ValidationError, field_validator

from netplus.content.models import Difficulty, ObjectiveCode, Question, Strict
from netplus.content.problems import Problem
from netplus.content.yaml_lines import LocatedYaml, read_yaml, validate_model

Slug = str
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.S)


class ObjectiveRef(Strict):
    code: ObjectiveCode
    title: str


class DomainSpec(Strict):
    code: str = Field(pattern=r"^[1-9]\.0$")
    name: str
    weight: float = Field(gt=0, le=100)
    slug: str
    objectives: list[ObjectiveRef] = Field(min_length=1)


class CheckpointRules(Strict):
    questions: int = Field(default=6, ge=1)
    passing_score: float = Field(default=80, ge=0, le=100)


class QuizRules(Strict):
    questions: int = Field(default=15, ge=1)
    time_limit_minutes: int = Field(default=20, ge=1)
    passing_score: float = Field(default=75, ge=0, le=100)


class PracticeExamRules(Strict):
    count: int = Field(default=3, ge=0)
    passing_score: float = Field(default=77.5, ge=0, le=100)


class AssessmentRules(Strict):
    checkpoint: CheckpointRules = CheckpointRules()
    domain_quiz: QuizRules = QuizRules()
    practice_exam: PracticeExamRules = PracticeExamRules()


class Scale(Strict):
    min: int
    max: int


class Drill(Strict):
    """Generated practice: each attempt draws `questions` new items from the generator `kinds`."""

    slug: Slug = Field(pattern=SLUG)
    title: str
    domain: str = Field(pattern=r"^[1-9]\.0$")
    objectives: list[ObjectiveCode] = Field(min_length=1)
    questions: int = Field(ge=1, le=100)
    time_limit_minutes: int | None = Field(default=None, ge=1)
    kinds: list[str] = Field(min_length=1)

    @field_validator("kinds")
    @classmethod
    def kinds_exist(cls, kinds: list[str]) -> list[str]:
        from netplus.content.generators import KINDS

        if unknown := sorted(set(kinds) - {k.value for k in KINDS}):
            raise ValueError(f"unknown generator kinds {unknown}")
        return kinds


class ExamSpec(Strict):
    code: str = Field(pattern=r"^[A-Z0-9]+-[0-9]{3}$")
    name: str
    questions: int = Field(gt=0)
    minutes: int = Field(gt=0)
    passing_score: int
    scale: Scale
    domains: list[DomainSpec] = Field(min_length=1)
    assessments: AssessmentRules = AssessmentRules()
    drills: list[Drill] = []


class ObjectiveFile(Strict):
    code: ObjectiveCode
    title: str
    topics: list[str] = Field(min_length=1)


class LessonMeta(Strict):
    slug: Slug = Field(pattern=SLUG)
    title: str = Field(min_length=1, max_length=200)
    objectives: list[ObjectiveCode] = Field(min_length=1)
    difficulty: Difficulty
    estimated_minutes: int = Field(gt=0)


class Card(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    front: str = Field(min_length=1)
    back: str = Field(min_length=1)


class Deck(Strict):
    slug: Slug = Field(pattern=SLUG)
    title: str = Field(min_length=1, max_length=200)
    objectives: list[ObjectiveCode] = Field(min_length=1)
    cards: list[Card] = Field(min_length=1)


@dataclass
class Lesson:
    meta: LessonMeta
    body: str
    file: Path


@dataclass
class ObjectivePack:
    """One objective's folder: what it teaches, drills and asks."""

    domain: DomainSpec
    ref: ObjectiveRef
    folder: Path
    objective: ObjectiveFile | None = None
    lesson: Lesson | None = None
    deck: Deck | None = None
    deck_file: Path | None = None
    questions: list[Question] = field(default_factory=list)
    question_lines: dict[str, tuple[Path, int]] = field(default_factory=dict)


@dataclass
class Pack:
    root: Path
    exam: ExamSpec | None
    objectives: list[ObjectivePack] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [q for o in self.objectives for q in o.questions]


QUESTION = TypeAdapter(Question)


def pack_roots(path: Path) -> list[Path]:
    """`path` itself when it holds exam.yaml, else its sub-folders that do."""
    if (path / "exam.yaml").is_file():
        return [path]
    return sorted(p.parent for p in path.glob("*/exam.yaml"))


def read_pack(root: Path) -> Pack:
    """Read content/<exam>/ (the folder holding exam.yaml)."""
    problems: list[Problem] = []
    doc = read_yaml(root / "exam.yaml", problems)
    exam = validate_model(doc, ExamSpec, doc.data, (), problems) if doc else None
    pack = Pack(root, exam, problems=problems)
    if exam is None or doc is None:
        return pack
    for d_index, domain in enumerate(exam.domains):
        domain_dir = root / domain.slug
        for o_index, ref in enumerate(domain.objectives):
            folders = sorted(domain_dir.glob(f"{ref.code}-*")) if domain_dir.is_dir() else []
            where = doc.line_of(("domains", d_index, "objectives", o_index))
            if len(folders) != 1:
                found = "none" if not folders else ", ".join(f.name for f in folders)
                problems.append(Problem(root / "exam.yaml", where,
                                        f"objective {ref.code} needs exactly one folder {domain.slug}/{ref.code}-*; "
                                        f"found {found}"))
                continue
            pack.objectives.append(read_objective(domain, ref, folders[0], problems))
    return pack


def read_objective(domain: DomainSpec, ref: ObjectiveRef, folder: Path, problems: list[Problem]) -> ObjectivePack:
    o = ObjectivePack(domain, ref, folder)
    for name in ("objective.yaml", "lesson.md", "flashcards.yaml", "questions.yaml"):
        if not (folder / name).exists():
            problems.append(Problem(folder / name, 1, "missing file"))
    if (doc := read_yaml(folder / "objective.yaml", problems)) is not None:
        o.objective = validate_model(doc, ObjectiveFile, doc.data, (), problems)
    if (folder / "lesson.md").exists():
        o.lesson = read_lesson(folder / "lesson.md", problems)
    if (doc := read_yaml(folder / "flashcards.yaml", problems)) is not None:
        o.deck, o.deck_file = validate_model(doc, Deck, doc.data, (), problems), doc.file
    if (doc := read_yaml(folder / "questions.yaml", problems)) is not None:
        read_questions(doc, o, problems)
    return o


def read_lesson(file: Path, problems: list[Problem]) -> Lesson | None:
    text = file.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(file, 1, "a lesson starts with YAML front matter between two '---' lines"))
        return None
    try:
        meta_doc = LocatedYaml(match["meta"], file, line_offset=1)
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 2, f"front matter is not valid YAML: {exc}"))
        return None
    meta = validate_model(meta_doc, LessonMeta, meta_doc.data, (), problems)
    return Lesson(meta, match["body"], file) if meta else None


def read_questions(doc: LocatedYaml, o: ObjectivePack, problems: list[Problem]) -> None:
    if not isinstance(doc.data, list):
        problems.append(Problem(doc.file, 1, "questions.yaml must be a list of questions"))
        return
    for index, raw in enumerate(doc.data):
        line = doc.line_of((index,))
        try:
            question = QUESTION.validate_python(raw)
        except ValidationError as exc:
            problems.extend(doc.problems_from(exc, (index,)))
            continue
        o.questions.append(question)
        o.question_lines[question.id] = (doc.file, line)
