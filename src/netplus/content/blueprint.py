"""The assessments a pack yields: a checkpoint per objective, a quiz per domain, and full practice
exams drawn by domain weight. Draws are seeded by the exam and assessment, so loading again gives
the same assessments."""

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from netplus.content.models import Question
from netplus.content.pack import DomainSpec, ObjectivePack, Pack


@dataclass(frozen=True)
class AssessmentPlan:
    slug: str
    title: str
    description: str
    assessment_type: str  # quiz | practice_exam | checkpoint
    component_type: str   # the catalog component that presents it
    domain: str
    objectives: list[str]
    question_ids: list[str]
    time_limit_minutes: int | None
    passing_score: float
    randomize: bool
    prerequisites: list[str] = field(default_factory=list)  # component slugs


def largest_remainder(weights: Mapping[str, float], total: int) -> dict[str, int]:
    """Seats by the largest-remainder (Hamilton) method: N10-009's 23/20/19/14/24 over 90 give 21/18/17/12/22."""
    exact = {k: Decimal(str(w)) * total / sum(Decimal(str(v)) for v in weights.values()) for k, w in weights.items()}
    seats = {k: math.floor(v) for k, v in exact.items()}
    leftover = total - sum(seats.values())
    for k in sorted(exact, key=lambda k: (exact[k] - seats[k], weights[k]), reverse=True)[:leftover]:
        seats[k] += 1
    return seats


def seeded(items: list[Question], seed: str) -> list[Question]:
    ordered = sorted(items, key=lambda q: q.id)
    random.Random(seed).shuffle(ordered)  # noqa: S311 - a reproducible draw, not a secret
    return ordered


def plan_assessments(pack: Pack) -> list[AssessmentPlan]:
    assert pack.exam is not None
    exam, rules = pack.exam, pack.exam.assessments
    code = exam.code.lower()
    plans = [checkpoint(o, code, rules.checkpoint.questions, rules.checkpoint.passing_score)
             for o in pack.objectives]
    for domain in exam.domains:
        objectives = [o for o in pack.objectives if o.domain.code == domain.code]
        plans.append(domain_quiz(domain, objectives, code, size=rules.domain_quiz.questions,
                                 minutes=rules.domain_quiz.time_limit_minutes,
                                 passing=rules.domain_quiz.passing_score))
    plans += practice_exams(pack, code, rules.practice_exam.count, rules.practice_exam.passing_score)
    return plans


def checkpoint(o: ObjectivePack, code: str, size: int, passing: float) -> AssessmentPlan:
    slug = f"{code}-checkpoint-{o.ref.code.replace('.', '-')}"
    drawn = seeded(o.questions, slug)[:size]
    lesson = [o.lesson.meta.slug] if o.lesson else []
    return AssessmentPlan(
        slug=slug, title=f"Checkpoint {o.ref.code}: {o.lesson.meta.title if o.lesson else o.ref.title}",
        description=f"A short check on objective {o.ref.code}: {o.ref.title}.", assessment_type="checkpoint",
        component_type="assessment", domain=o.domain.code, objectives=[o.ref.code],
        question_ids=[q.id for q in drawn], time_limit_minutes=None, passing_score=passing, randomize=False,
        prerequisites=lesson)


def domain_quiz(domain: DomainSpec, objectives: list[ObjectivePack], code: str, *, size: int, minutes: int,
                passing: float) -> AssessmentPlan:
    slug = f"{code}-quiz-domain-{domain.code[0]}"
    pools = [seeded(o.questions, f"{slug}-{o.ref.code}") for o in objectives]
    drawn: list[Question] = []
    while len(drawn) < size and any(pools):  # round robin keeps every objective represented
        for pool in pools:
            if pool and len(drawn) < size:
                drawn.append(pool.pop(0))
    return AssessmentPlan(
        slug=slug, title=f"Domain {domain.code} quiz: {domain.name}",
        description=f"{len(drawn)} questions across every objective of domain {domain.code}, {minutes} minutes.",
        assessment_type="quiz", component_type="quiz", domain=domain.code,
        objectives=[o.ref.code for o in objectives], question_ids=[q.id for q in drawn],
        time_limit_minutes=minutes, passing_score=passing, randomize=True)


def practice_exams(pack: Pack, code: str, count: int, passing: float) -> list[AssessmentPlan]:
    """`count` full exams; each domain's pool is dealt round-robin so the exams share no question while
    the pool allows, with the performance-based items dealt first so every exam gets its share."""
    assert pack.exam is not None
    if count == 0:
        return []
    seats = largest_remainder({d.code: d.weight for d in pack.exam.domains}, pack.exam.questions)
    exams: list[list[Question]] = [[] for _ in range(count)]
    for domain in pack.exam.domains:
        pool = [q for o in pack.objectives if o.domain.code == domain.code for q in o.questions]
        shuffled = seeded(pool, f"{code}-practice-{domain.code}")
        ordered = sorted(shuffled, key=lambda q: q.type != "simulation")  # stable: the shuffle stays within each
        hands: list[list[Question]] = [ordered[i::count] for i in range(count)]
        for exam, hand in zip(exams, hands, strict=True):
            # a pool too small for disjoint exams tops a hand up with questions dealt to the others
            topped = hand + [q for q in ordered if q not in hand]
            exam.extend(topped[: seats[domain.code]])
    return [AssessmentPlan(
        slug=f"{code}-practice-exam-{n}", title=f"{pack.exam.name} {pack.exam.code} practice exam {n}",
        description=(f"A full-length exam: {len(questions)} questions in {pack.exam.minutes} minutes, drawn by "
                     f"domain weight, scored on the {pack.exam.scale.min}-{pack.exam.scale.max} scale "
                     f"({pack.exam.passing_score} to pass)."),
        assessment_type="practice_exam", component_type="practice_exam", domain=pack.exam.domains[-1].code,
        objectives=sorted({q.objectives[0] for q in questions}), question_ids=[q.id for q in questions],
        time_limit_minutes=pack.exam.minutes, passing_score=passing, randomize=True)
        for n, questions in enumerate(exams, start=1)]
