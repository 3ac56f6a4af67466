"""Pydantic models of questions as content/FORMAT.md writes them, and their database shape.

The file shape and the database shape are the same JSON: `to_row` only splits a question into
question_data (what the student sees) and correct_answer (what only scoring sees).
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Difficulty = Literal["beginner", "intermediate", "advanced"]
ObjectiveCode = Annotated[str, Field(pattern=r"^[1-9]\.[0-9]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    id: str = Field(min_length=1, max_length=16)
    text: str = Field(min_length=1)


class SimulationField(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    kind: Literal["text", "select", "order"]
    normalize: Literal["exact", "lower", "cidr", "ipv4", "ipv6", "mac"] | None = None
    options: list[Choice] | None = None
    items: list[Choice] | None = None


class QuestionBase(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    difficulty: Difficulty
    objectives: list[ObjectiveCode] = Field(min_length=1)
    question: str = Field(min_length=1)
    exhibit: str | None = None
    explanation: str = Field(min_length=1)
    hints: list[str] = Field(min_length=1, max_length=3)
    points: int = Field(default=1, ge=1, le=100)

    @property
    def domain(self) -> str:
        return self.objectives[0].split(".")[0] + ".0"

    def data(self) -> dict[str, Any]:
        """question_data: everything the student may see besides the text."""
        shown = self.model_dump(exclude={"id", "type", "difficulty", "objectives", "question", "exhibit",
                                         "explanation", "hints", "points", "answer"}, exclude_none=True)
        if self.exhibit:
            shown["exhibit"] = self.exhibit
        return shown


def unique_ids(choices: list[Choice], what: str) -> None:
    ids = [c.id for c in choices]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{what} ids must be unique")


class MultipleChoice(QuestionBase):
    type: Literal["multiple_choice"]
    options: list[Choice] = Field(min_length=2, max_length=8)
    answer: str

    @model_validator(mode="after")
    def answer_is_an_option(self) -> "MultipleChoice":
        unique_ids(self.options, "option")
        if self.answer not in {o.id for o in self.options}:
            raise ValueError(f"answer {self.answer!r} is not one of the options")
        return self


class MultipleSelect(QuestionBase):
    type: Literal["multiple_select"]
    options: list[Choice] = Field(min_length=3, max_length=8)
    answer: list[str] = Field(min_length=2)

    @model_validator(mode="after")
    def answers_are_options(self) -> "MultipleSelect":
        unique_ids(self.options, "option")
        if len(set(self.answer)) != len(self.answer) or not set(self.answer) <= {o.id for o in self.options}:
            raise ValueError("answer must list distinct option ids")
        return self


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    answer: bool


class FillBlank(QuestionBase):
    type: Literal["fill_blank"]
    answer: list[Annotated[str, Field(min_length=1, pattern=r"\S")]] = Field(min_length=1)

    @model_validator(mode="after")
    def has_one_blank(self) -> "FillBlank":
        if self.question.count("____") != 1:
            raise ValueError("the question must contain exactly one blank (____)")
        return self


class Matching(QuestionBase):
    type: Literal["matching"]
    left: list[Choice] = Field(min_length=2)
    right: list[Choice] = Field(min_length=2)
    answer: dict[str, str]

    @model_validator(mode="after")
    def pairs_complete(self) -> "Matching":
        unique_ids(self.left, "left item")
        unique_ids(self.right, "right item")
        if set(self.answer) != {c.id for c in self.left}:
            raise ValueError("answer must pair every left item exactly once")
        if not set(self.answer.values()) <= {c.id for c in self.right}:
            raise ValueError("answer pairs a left item with an unknown right item")
        return self


class Simulation(QuestionBase):
    type: Literal["simulation"]
    fields: list[SimulationField] = Field(min_length=1)
    answer: dict[str, str | list[str]]

    @model_validator(mode="after")
    def expected_state_complete(self) -> "Simulation":
        by_id = {f.id: f for f in self.fields}
        if set(self.answer) != set(by_id) or len(by_id) != len(self.fields):
            raise ValueError("answer must give the expected value of every field, once")
        for fid, expected in self.answer.items():
            f = by_id[fid]
            if f.kind == "select" and expected not in {o.id for o in f.options or []}:
                raise ValueError(f"field {fid}: expected value is not one of its options")
            if f.kind == "order" and (not isinstance(expected, list)
                                      or sorted(expected) != sorted(i.id for i in f.items or [])):
                raise ValueError(f"field {fid}: expected order must list every item once")
            if f.kind == "text" and (not isinstance(expected, list) or not expected):
                raise ValueError(f"field {fid}: expected value must be a list of accepted answers")
        return self


Question = Annotated[MultipleChoice | MultipleSelect | TrueFalse | FillBlank | Matching | Simulation,
                     Field(discriminator="type")]
