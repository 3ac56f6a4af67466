"""Rules the database keeps beyond plain constraints: a question's answer matches its options,
prerequisites exist and form no cycle, an assessment's questions exist once each."""

import uuid
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.factories import Conn, make_assessment, make_component, make_question

OPTIONS = {"options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]}
MATCH = {"left": [{"id": "l1", "text": "SSH"}, {"id": "l2", "text": "DNS"}],
         "right": [{"id": "r1", "text": "22"}, {"id": "r2", "text": "53"}, {"id": "r3", "text": "80"}]}
SIM = {"fields": [
    {"id": "net", "label": "Subnet", "kind": "text", "normalize": "cidr"},
    {"id": "mask", "label": "Mask", "kind": "select",
     "options": [{"id": "m1", "text": "/26"}, {"id": "m2", "text": "/27"}]},
    {"id": "steps", "label": "Order", "kind": "order", "items": [{"id": "s1", "text": "x"}, {"id": "s2", "text": "y"}]},
]}

CONSISTENT: list[tuple[str, dict[str, Any], Any]] = [
    ("multiple_choice", OPTIONS, "b"),
    ("multiple_select", OPTIONS, ["a", "c"]),
    ("true_false", {}, False),
    ("fill_blank", {}, ["SSH", "Secure Shell"]),
    ("matching", MATCH, {"l1": "r1", "l2": "r2"}),
    ("simulation", SIM, {"net": ["10.0.0.0/26"], "mask": "m1", "steps": ["s2", "s1"]}),
]
INCONSISTENT: list[tuple[str, dict[str, Any], Any]] = [
    ("multiple_choice", OPTIONS, "z"),
    ("multiple_choice", OPTIONS, ["a"]),
    ("multiple_choice", {"options": [{"id": "a", "text": "A"}]}, "a"),
    ("multiple_choice", {"options": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}]}, "a"),
    ("multiple_select", OPTIONS, ["a", "z"]),
    ("multiple_select", OPTIONS, ["a", "a"]),
    ("multiple_select", OPTIONS, []),
    ("true_false", {}, "true"),
    ("fill_blank", {}, []),
    ("fill_blank", {}, ["  "]),
    ("matching", MATCH, {"l1": "r1"}),
    ("matching", MATCH, {"l1": "r1", "l2": "r9"}),
    ("simulation", SIM, {"net": ["10.0.0.0/26"], "mask": "m9", "steps": ["s1", "s2"]}),
    ("simulation", SIM, {"net": ["10.0.0.0/26"], "mask": "m1", "steps": ["s1"]}),
    ("simulation", SIM, {"net": [], "mask": "m1", "steps": ["s1", "s2"]}),
    ("simulation", SIM, {"mask": "m1", "steps": ["s1", "s2"]}),
]


@pytest.mark.parametrize(("qtype", "data", "answer"), CONSISTENT)
def test_consistent_questions_are_accepted(db: Conn, qtype: str, data: dict[str, Any], answer: Any) -> None:
    make_question(db, question_type=qtype, question_data=data, correct_answer=Jsonb(answer))


@pytest.mark.parametrize(("qtype", "data", "answer"), INCONSISTENT)
def test_inconsistent_questions_are_refused(db: Conn, qtype: str, data: dict[str, Any], answer: Any) -> None:
    with pytest.raises(psycopg.errors.CheckViolation, match="question_bank_answer_matches_options"):
        make_question(db, question_type=qtype, question_data=data, correct_answer=Jsonb(answer))


def commit_point(db: Conn) -> None:
    """Deferred constraint triggers fire here, as they would at commit."""
    db.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_prerequisites_must_exist(db: Conn) -> None:
    make_component(db, prerequisites=["00000000-0000-0000-0000-000000000001"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="unknown prerequisite"):
        commit_point(db)


def test_prerequisites_may_be_inserted_in_any_order_within_a_transaction(db: Conn) -> None:
    later = "11111111-1111-1111-1111-111111111111"
    make_component(db, prerequisites=[later])
    make_component(db, id=later)
    commit_point(db)


def test_prerequisite_cycles_are_refused(db: Conn) -> None:
    a = make_component(db)
    b = make_component(db, prerequisites=[a])
    c = make_component(db, prerequisites=[b])
    commit_point(db)
    db.execute("SET CONSTRAINTS ALL DEFERRED")
    db.execute("UPDATE learning_components SET prerequisites = %s WHERE id = %s", ([c], a))
    with pytest.raises(psycopg.errors.CheckViolation, match="form a cycle"):
        commit_point(db)


def test_self_prerequisite_refused(db: Conn) -> None:
    a = make_component(db)
    with pytest.raises(psycopg.errors.CheckViolation):
        db.execute("UPDATE learning_components SET prerequisites = %s WHERE id = %s", ([a], a))


def test_a_component_others_require_cannot_be_deleted(db: Conn) -> None:
    a = make_component(db)
    make_component(db, prerequisites=[a])
    commit_point(db)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="prerequisite of other"):
        db.execute("DELETE FROM learning_components WHERE id = %s", (a,))


def test_assessment_questions_must_exist_once(db: Conn) -> None:
    q = make_question(db)
    with db.transaction(force_rollback=True):
        make_assessment(db, [q, uuid.UUID("00000000-0000-0000-0000-000000000002")])
        with pytest.raises(psycopg.errors.ForeignKeyViolation, match="unknown question"):
            commit_point(db)
    db.execute("SET CONSTRAINTS ALL DEFERRED")
    make_assessment(db, [q, q])
    with pytest.raises(psycopg.errors.UniqueViolation, match="lists a question twice"):
        commit_point(db)


def test_a_used_question_cannot_be_deleted(db: Conn) -> None:
    q = make_question(db)
    make_assessment(db, [q])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="used by an assessment"):
        db.execute("DELETE FROM question_bank WHERE id = %s", (q,))


def test_a_published_assessment_has_questions(db: Conn) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        make_assessment(db, [], is_published=True)
