"""Generated questions as stored rows: an attempt that draws (kind, seed) stores the question it showed,
so scoring and review read the same row, and drawing the same pair again finds that row."""

import uuid
from typing import Any

from psycopg import Connection

from netplus.content.generators import Kind, generate
from netplus.content.loader import question_row
from netplus.core.upsert import upsert


def generated_row(kind: Kind | str, seed: int, *, exam_code: str = "N10-009") -> dict[str, Any]:
    """The question_bank row of `generate(kind, seed)`; its "id" is the question's stable id."""
    question = generate(kind, seed)
    return question_row(question, exam_code) | {
        # Generated questions are not browsed in the bank; they exist for the attempts that drew them.
        "is_published": False,
        "tags": [exam_code, "generated", f"generator:{Kind(kind).value}", f"seed:{seed}"],
    }


def materialize(conn: Connection[Any], kind: Kind | str, seed: int, *, exam_code: str = "N10-009") -> uuid.UUID:
    """Store the question `generate(kind, seed)` (once) and return its id."""
    row = generated_row(kind, seed, exam_code=exam_code)
    upsert(conn, "question_bank", row)
    row_id: uuid.UUID = row["id"]
    return row_id
