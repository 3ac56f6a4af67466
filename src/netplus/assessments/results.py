"""An attempt's result from its scored answers: totals, pass or fail, and the breakdown per domain and
per objective that result_details stores. Each question counts once, under its domain and its primary
(first) objective, so every breakdown adds up to the attempt's totals."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from netplus.assessments.scoring import CENT, Scored

UNASSIGNED = "unassigned"


@dataclass
class Share:
    questions: int = 0
    correct: int = 0
    score: Decimal = Decimal(0)
    max_score: Decimal = Decimal(0)

    def add(self, points: int, scored: Scored) -> None:
        self.questions += 1
        self.correct += scored.is_correct is True
        self.score += scored.points
        self.max_score += points

    @property
    def percentage(self) -> Decimal:
        if not self.max_score:
            return Decimal("0.00")
        return (self.score * 100 / self.max_score).quantize(CENT, rounding=ROUND_HALF_UP)

    def as_json(self) -> dict[str, Any]:
        return {"questions": self.questions, "correct": self.correct, "score": float(self.score),
                "max_score": float(self.max_score), "percentage": float(self.percentage)}


@dataclass
class Tally:
    total: Share = field(default_factory=Share)
    skipped: int = 0
    domains: dict[str, Share] = field(default_factory=lambda: defaultdict(Share))
    objectives: dict[str, Share] = field(default_factory=lambda: defaultdict(Share))

    @property
    def incorrect(self) -> int:
        return self.total.questions - self.total.correct - self.skipped

    def passed(self, passing_score: Decimal) -> bool:
        return self.total.percentage >= passing_score

    def details(self) -> dict[str, Any]:
        return {"domains": {k: v.as_json() for k, v in sorted(self.domains.items())},
                "objectives": {k: v.as_json() for k, v in sorted(self.objectives.items(), key=objective_key)}}


def objective_key(item: tuple[str, Share]) -> tuple[int, ...]:
    code = item[0]
    return tuple(int(p) for p in code.split(".")) if code != UNASSIGNED else (999,)


def tally(scored: list[tuple[dict[str, Any], Scored]]) -> Tally:
    """Totals over (question row, scored answer) pairs; a row has points, domain and comptia_objectives."""
    result = Tally()
    for question, answer in scored:
        points = int(question["points"])
        result.total.add(points, answer)
        result.skipped += not answer.answered
        objectives = question.get("comptia_objectives") or []
        result.domains[question.get("domain") or UNASSIGNED].add(points, answer)
        result.objectives[objectives[0] if objectives else UNASSIGNED].add(points, answer)
    return result
