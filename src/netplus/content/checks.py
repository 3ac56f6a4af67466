"""Whole-pack rules beyond each file's shape: coverage minimums, consistency, no duplicates, ports."""

import re
from collections import Counter
from pathlib import Path

from netplus.content.pack import Pack
from netplus.content.ports_check import check_matching, check_text
from netplus.content.problems import Problem

MIN_QUESTIONS_PER_OBJECTIVE = 12
MIN_QUESTION_TYPES_PER_OBJECTIVE = 3
MIN_CARDS_PER_DECK = 10
MIN_LESSON_WORDS = 600
MIN_QUESTIONS_IN_PACK = 400


def normalized(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def check_pack(pack: Pack) -> list[Problem]:
    """Every problem of the pack, read problems first; empty when the pack may be loaded."""
    problems = list(pack.problems)
    if pack.exam is None:
        return problems
    exam_file = pack.root / "exam.yaml"
    problems += check_weights(pack, exam_file)
    problems += check_objectives(pack)
    problems += check_uniqueness(pack)
    problems += check_ports(pack)
    total = len(pack.questions)
    if total < MIN_QUESTIONS_IN_PACK:
        problems.append(Problem(exam_file, 1, f"the pack has {total} questions; at least {MIN_QUESTIONS_IN_PACK}"))
    for domain in pack.exam.domains:
        sims = [q for o in pack.objectives if o.domain.code == domain.code for q in o.questions
                if q.type == "simulation"]
        if not sims:
            problems.append(Problem(exam_file, 1, f"domain {domain.code} has no performance-based (simulation) item"))
    return sorted(set(problems))


def check_weights(pack: Pack, exam_file: Path) -> list[Problem]:
    assert pack.exam is not None
    total = sum(d.weight for d in pack.exam.domains)
    return [] if abs(total - 100) < 1e-9 else [Problem(exam_file, 1, f"domain weights add up to {total}, not 100")]


def check_objectives(pack: Pack) -> list[Problem]:
    problems = []
    for o in pack.objectives:
        where = o.folder
        if o.objective and (o.objective.code, o.objective.title) != (o.ref.code, o.ref.title):
            problems.append(Problem(where / "objective.yaml", 1,
                                    f"code and title must match exam.yaml: {o.ref.code} {o.ref.title!r}"))
        if o.lesson:
            words = len(o.lesson.body.split())
            if words < MIN_LESSON_WORDS:
                problems.append(Problem(o.lesson.file, 1, f"the lesson has {words} words; at least {MIN_LESSON_WORDS}"))
            if o.lesson.meta.objectives[0] != o.ref.code:
                problems.append(Problem(o.lesson.file, 2, f"the lesson's first objective must be {o.ref.code}"))
        if o.deck and len(o.deck.cards) < MIN_CARDS_PER_DECK:
            problems.append(Problem(o.folder / "flashcards.yaml", 1,
                                    f"the deck has {len(o.deck.cards)} cards; at least {MIN_CARDS_PER_DECK}"))
        questions_file = o.folder / "questions.yaml"
        if len(o.questions) < MIN_QUESTIONS_PER_OBJECTIVE:
            problems.append(Problem(questions_file, 1, f"{len(o.questions)} questions; at least "
                                                       f"{MIN_QUESTIONS_PER_OBJECTIVE} per objective"))
        types = {q.type for q in o.questions}
        if o.questions and len(types) < MIN_QUESTION_TYPES_PER_OBJECTIVE:
            problems.append(Problem(questions_file, 1, f"only {len(types)} question types; spread them over at "
                                                       f"least {MIN_QUESTION_TYPES_PER_OBJECTIVE}"))
        known = {ref.code for d in pack.exam.domains for ref in d.objectives} if pack.exam else set()
        for q in o.questions:
            file, line = o.question_lines[q.id]
            if q.objectives[0] != o.ref.code:
                problems.append(Problem(file, line, f"{q.id}: the first objective must be the folder's ({o.ref.code})"))
            if unknown := [c for c in q.objectives if c not in known]:
                problems.append(Problem(file, line, f"{q.id}: unknown objectives {unknown}"))
    return problems


def check_uniqueness(pack: Pack) -> list[Problem]:
    problems = []
    seen_ids: dict[str, Path] = {}
    seen_text: dict[str, str] = {}
    slugs = Counter(s for o in pack.objectives for s in (
        o.lesson.meta.slug if o.lesson else None, o.deck.slug if o.deck else None) if s)
    for slug, n in slugs.items():
        if n > 1:
            problems.append(Problem(pack.root / "exam.yaml", 1, f"slug {slug} is used {n} times"))
    for o in pack.objectives:
        for card in o.deck.cards if o.deck else []:
            if card.id in seen_ids:
                problems.append(Problem(o.folder / "flashcards.yaml", 1, f"card id {card.id} is used twice"))
            seen_ids[card.id] = o.folder
        for q in o.questions:
            file, line = o.question_lines[q.id]
            if q.id in seen_ids:
                problems.append(Problem(file, line, f"question id {q.id} is used twice"))
            seen_ids[q.id] = file
            text = normalized(q.question)
            if text in seen_text:
                problems.append(Problem(file, line, f"{q.id} asks the same as {seen_text[text]}"))
            seen_text.setdefault(text, q.id)
    return problems


def check_ports(pack: Pack) -> list[Problem]:
    problems = []
    for o in pack.objectives:
        for name in ("lesson.md", "flashcards.yaml", "questions.yaml"):
            file = o.folder / name
            if file.exists():
                problems += check_text(file, file.read_text(encoding="utf-8"))
        for q in o.questions:
            problems += check_matching(q, *o.question_lines[q.id])
    return problems
