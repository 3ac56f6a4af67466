"""The questions the interchange tests carry through each format: hand-made samples of every type
(full of characters the formats must escape) and the real N10-009 pack."""

from pathlib import Path

import yaml
from pydantic import TypeAdapter

from netplus.content.models import Question
from netplus.content.pack import read_pack

DATA = Path(__file__).parent / "data"
PACK = Path(__file__).parents[2] / "content" / "N10-009"


def load_samples() -> list[Question]:
    raw = yaml.safe_load((DATA / "sample_questions.yaml").read_text())
    return TypeAdapter(list[Question]).validate_python(raw)


def load_real() -> list[Question]:
    return read_pack(PACK).questions
