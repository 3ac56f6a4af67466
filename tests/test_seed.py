"""The demo data: what it covers, that it is correct, that running it twice changes nothing."""

import bcrypt
import psycopg

from netplus.core.database import DatabaseTarget, connect
from netplus.demo.seed import seed_demo_data
from tests.factories import Conn

DEMO_EMAILS = ["admin@network.test", "instructor@network.test", "student1@network.test",
               "student2@network.test", "student3@network.test"]


def values(db: Conn, query: str) -> set[object]:
    return {r[0] for r in db.execute(query).fetchall()}


def test_demo_accounts_with_profiles_settings_and_verifying_passwords(seeded: Conn) -> None:
    rows = seeded.execute(
        "SELECT u.email, u.role, u.password_hash, p.id IS NOT NULL, s.id IS NOT NULL FROM users u"
        " LEFT JOIN user_profiles p ON p.user_id = u.id LEFT JOIN user_settings s ON s.user_id = u.id"
        " ORDER BY u.email").fetchall()
    assert [r[0] for r in rows] == sorted(DEMO_EMAILS)
    assert {r[0]: r[1] for r in rows}["admin@network.test"] == "admin"
    assert {r[0]: r[1] for r in rows}["instructor@network.test"] == "instructor"
    for email, _role, password_hash, has_profile, has_settings in rows:
        assert has_profile and has_settings, email
        assert int(str(password_hash).split("$")[2]) >= 10
        assert bcrypt.checkpw(b"password123", str(password_hash).encode()), email
        assert not bcrypt.checkpw(b"password124", str(password_hash).encode())


def test_catalog_covers_every_domain_and_component_type(seeded: Conn) -> None:
    assert values(seeded, "SELECT domain FROM learning_components") == {"1.0", "2.0", "3.0", "4.0", "5.0"}
    assert values(seeded, "SELECT component_type FROM learning_components") == {
        "lesson", "video", "flashcard", "quiz", "lab", "simulation", "assessment", "reading", "practice_exam",
        "study_guide"}
    assert seeded.execute("SELECT count(*) FROM learning_components WHERE comptia_objectives = '{}'"
                          " OR NOT is_published").fetchone() == (0,)
    assert seeded.execute("SELECT count(*) FROM learning_components WHERE prerequisites <> '{}'").fetchone() != (0,)


def test_question_bank_has_every_type_with_explanations_and_hints(seeded: Conn) -> None:
    assert values(seeded, "SELECT question_type FROM question_bank") == {
        "multiple_choice", "multiple_select", "true_false", "fill_blank", "matching", "simulation"}
    assert seeded.execute("SELECT count(*) FROM question_bank WHERE coalesce(explanation, '') = ''"
                          " OR hints = '{}'").fetchone() == (0,)


def test_assessments_and_achievements_cover_their_types(seeded: Conn) -> None:
    assert values(seeded, "SELECT assessment_type FROM assessments") == {
        "quiz", "practice_exam", "final_exam", "checkpoint"}
    assert values(seeded, "SELECT achievement_type FROM achievements") == {
        "badge", "milestone", "streak", "mastery", "special"}
    assert values(seeded, "SELECT rarity FROM achievements") == {"common", "uncommon", "rare", "epic", "legendary"}
    assert values(seeded, "SELECT criteria ->> 'type' FROM achievements") <= {
        "components_completed", "assessments_passed", "questions_answered", "streak_days", "score_at_least",
        "perfect_score", "domain_mastery", "special"}


def test_quiz_components_point_at_their_assessment_or_generator(seeded: Conn) -> None:
    broken = seeded.execute(
        "SELECT c.slug FROM learning_components c WHERE c.component_type IN ('quiz', 'assessment', 'practice_exam')"
        " AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = (c.content ->> 'assessment_id')::uuid)"
        " AND NOT (c.component_type = 'quiz' AND c.content ? 'generator')"
    ).fetchall()
    assert broken == []
    drills = seeded.execute("SELECT slug FROM learning_components WHERE content ? 'generator' ORDER BY 1").fetchall()
    assert drills == [("n10-009-ports-drill",), ("n10-009-subnetting-drill",)]


def test_the_demo_includes_the_exam_pack(seeded: Conn) -> None:
    row = seeded.execute("SELECT count(*) FILTER (WHERE 'N10-009' = ANY (tags)),"
                         " count(*) FILTER (WHERE 'demo' = ANY (tags)) FROM question_bank").fetchone()
    assert row == (420, 14)
    assert seeded.execute("SELECT count(*) FROM assessments WHERE assessment_type = 'practice_exam'"
                          " AND cardinality(question_ids) = 90").fetchone() == (3,)


def snapshot(conn: Conn) -> dict[str, list[str]]:
    tables = [str(r[0]) for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()]
    return {t: sorted(str(r[0]) for r in conn.execute(psycopg.sql.SQL("SELECT t::text FROM {} t").format(
        psycopg.sql.Identifier(t))).fetchall()) for t in tables}


def test_running_the_seed_twice_changes_nothing(fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        before = snapshot(conn)
        with conn.transaction():
            report = seed_demo_data(conn, bcrypt_rounds=10)
        assert report.created_users == []
        assert set(report.written.values()) == {0}
        assert snapshot(conn) == before
