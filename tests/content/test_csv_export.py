"""CSV export: a header and one row per question that the csv module reads back, with JSON cells that
give back every structured part, for every type (simulations included)."""

import csv
import io
import json

from netplus.content.interchange import to_csv
from netplus.content.interchange.csv_export import COLUMNS
from netplus.content.models import Matching, MultipleChoice, MultipleSelect, Simulation
from tests.content.samples import load_samples


def read_back(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_and_one_parseable_row_per_question() -> None:
    samples = load_samples()
    text = to_csv(samples)
    assert next(csv.reader(io.StringIO(text))) == list(COLUMNS)
    assert COLUMNS == ("id", "type", "difficulty", "objectives", "question", "exhibit", "choices", "answer",
                       "explanation", "hints", "points")
    rows = read_back(text)
    assert [r["id"] for r in rows] == [q.id for q in samples]
    assert {r["type"] for r in rows} == {"multiple_choice", "multiple_select", "true_false", "fill_blank",
                                         "matching", "simulation"}


def test_cells_give_back_every_field() -> None:
    samples = load_samples()
    for q, row in zip(samples, read_back(to_csv(samples)), strict=True):
        assert row["difficulty"] == q.difficulty and row["objectives"].split(";") == q.objectives
        assert row["question"] == q.question and row["exhibit"] == (q.exhibit or "")
        assert row["explanation"] == q.explanation and json.loads(row["hints"]) == q.hints
        assert int(row["points"]) == q.points
        assert json.loads(row["answer"]) == q.model_dump()["answer"]
        if isinstance(q, MultipleChoice | MultipleSelect):
            assert json.loads(row["choices"]) == [o.model_dump() for o in q.options]
        elif isinstance(q, Matching):
            choices = json.loads(row["choices"])
            assert [c["text"] for c in choices["left"]] == [c.text for c in q.left]
            assert [c["id"] for c in choices["right"]] == [c.id for c in q.right]
        elif isinstance(q, Simulation):
            assert [f["id"] for f in json.loads(row["choices"])] == [f.id for f in q.fields]
        else:
            assert row["choices"] == ""


def test_multi_line_and_special_text_survives_quoting() -> None:
    [specials] = [q for q in load_samples() if q.id == "sample-mc-specials"]
    [row] = read_back(to_csv([specials]))
    assert row["question"] == specials.question and "\n\n" in row["question"]
    assert json.loads(row["choices"])[1]["text"] == "{ssh} ~ #22 : \\"


def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised() -> None:
    [tf] = [q for q in load_samples() if q.type == "true_false"]
    formula = tf.model_copy(update={"question": "=HYPERLINK(\"http://example.invalid\")", "explanation": "-1+2"})
    [row] = read_back(to_csv([formula]))
    assert row["question"] == "'=HYPERLINK(\"http://example.invalid\")" and row["explanation"] == "'-1+2"


def test_no_questions_gives_just_the_header() -> None:
    assert read_back(to_csv([])) == []
    assert to_csv([]).splitlines() == [",".join(COLUMNS)]
