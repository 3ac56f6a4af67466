"""The exam reference in the database: versions, domains, objectives; codes validated against it;
the 100-900 scale; and the pack loader writing it all, again without duplicates."""

from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import yaml

from netplus.content.loader import load_pack
from netplus.content.pack import read_pack
from netplus.core.database import DatabaseTarget, connect
from tests.factories import Conn, make_component, make_question

EXAM_YAML = Path(__file__).resolve().parents[1] / "content" / "N10-009" / "exam.yaml"


def test_the_migrated_reference_equals_exam_yaml(db: Conn) -> None:
    exam = yaml.safe_load(EXAM_YAML.read_text())
    domains = db.execute("SELECT code, name, weight FROM exam_domains WHERE exam_code = 'N10-009' ORDER BY code")
    assert [(c, n, float(w)) for c, n, w in domains.fetchall()] == [  # type: ignore[arg-type]
        (d["code"], d["name"], float(d["weight"])) for d in exam["domains"]]
    objectives = db.execute("SELECT code, title FROM exam_objectives WHERE exam_code = 'N10-009' ORDER BY code")
    assert objectives.fetchall() == [(o["code"], o["title"]) for d in exam["domains"] for o in d["objectives"]]
    current = db.execute("SELECT code, question_count, duration_minutes, passing_score FROM exam_versions"
                         " WHERE is_current").fetchall()
    assert current == [("N10-009", exam["questions"], exam["minutes"], exam["passing_score"])]


def test_objective_codes_are_validated_against_the_exam(db: Conn) -> None:
    db.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the checks run at commit; here, at each statement
    make_question(db, comptia_objectives=["5.5"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=r"N10-009 has no objective 5\.9"), db.transaction():
        make_question(db, comptia_objectives=["5.9"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=r"N10-009 has no domain 6\.0"), db.transaction():
        make_component(db, domain="6.0", comptia_objectives=[])


def test_n10_008_content_is_told_apart(db: Conn) -> None:
    db.execute("SET CONSTRAINTS ALL IMMEDIATE")
    make_component(db, exam_code="N10-008", domain="4.0", comptia_objectives=["4.5"])  # physical security
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=r"N10-009 has no objective 4\.5"), db.transaction():
        make_component(db, domain="4.0", comptia_objectives=["4.5"])
    rows = db.execute("SELECT exam_code, count(*) FROM learning_components GROUP BY 1").fetchall()
    assert rows == [("N10-008", 1)]


@pytest.mark.parametrize(("percentage", "scaled"), [(0, 100), (50, 500), (77.5, 720), (77.4, 719), (100, 900),
                                                    (120, 900), (-5, 100)])
def test_the_100_to_900_scale(db: Conn, percentage: float, scaled: int) -> None:
    assert db.execute("SELECT exam_scaled_score(%s)", (Decimal(str(percentage)),)).fetchone() == (scaled,)


def test_loading_the_pack_twice_writes_nothing_the_second_time(fresh_db: DatabaseTarget) -> None:
    pack = read_pack(EXAM_YAML.parent)
    with connect(fresh_db) as conn:
        with conn.transaction():
            first = load_pack(conn, pack)
        with conn.transaction():
            second = load_pack(conn, pack)
        assert first["question_bank"] == 420 and first["assessments"] == 33
        assert set(second.values()) == {0}
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM question_bank), (SELECT count(*) FROM assessments),"
            " (SELECT count(*) FROM exam_objectives WHERE topics <> '{}'),"
            " (SELECT count(*) FROM learning_components WHERE component_type = 'practice_exam')").fetchone()
        assert counts == (420, 33, 25, 3)
        exam = conn.execute(
            "SELECT a.time_limit_minutes, cardinality(a.question_ids), a.passing_score, c.component_type"
            " FROM assessments a JOIN learning_components c ON c.id = a.component_id"
            " WHERE a.slug = 'n10-009-practice-exam-1'").fetchone()
        assert exam == (90, 90, Decimal("77.50"), "practice_exam")
