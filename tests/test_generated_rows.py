"""Generated questions stored for an attempt: the database accepts every kind, and the same
(kind, seed) is one row holding exactly the generated question."""

from psycopg.types.json import Jsonb

from netplus.content.generated import materialize
from netplus.content.generators import KINDS, generate
from tests.factories import Conn


def test_every_kind_is_a_consistent_question_for_the_database(db: Conn) -> None:
    db.execute("SET CONSTRAINTS ALL IMMEDIATE")  # objective codes checked at each insert
    for kind in KINDS:
        for seed in range(25):
            materialize(db, kind, seed)
    assert db.execute("SELECT count(*) FROM question_bank WHERE 'generated' = ANY (tags)").fetchone() == (
        len(KINDS) * 25,)


def test_the_same_draw_is_the_same_row(db: Conn) -> None:
    first = materialize(db, "subnet-vlsm", 424242)
    second = materialize(db, "subnet-vlsm", 424242)
    assert first == second
    question = generate("subnet-vlsm", 424242)
    row = db.execute("SELECT question_text, correct_answer = %s, is_published, tags FROM question_bank WHERE id = %s",
                     (Jsonb(question.answer), first)).fetchone()
    assert row == (question.question, True, False,
                   ["N10-009", "generated", "generator:subnet-vlsm", "seed:424242"])
