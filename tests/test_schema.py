"""The seed document's names exist: tables and key fields, enumerated values, indexes, views,
functions; and the constraints a careful schema adds hold."""

import psycopg
import pytest

from tests.factories import Conn, make_component, make_question, make_user

DOCUMENTED_FIELDS = {
    "users": ["id", "email", "username", "password_hash", "role", "account_status", "email_verified", "deleted_at"],
    "user_profiles": ["user_id", "first_name", "last_name", "display_name", "bio", "avatar_url", "timezone",
                      "locale", "certifications"],
    "user_settings": ["theme", "notifications_enabled", "email_notifications", "study_reminders", "reminder_time",
                      "reminder_days", "accessibility_mode", "high_contrast", "font_size", "daily_goal_minutes",
                      "privacy_settings"],
    "learning_components": ["component_type", "domain", "subdomain", "title", "slug", "content",
                            "difficulty_level", "prerequisites", "comptia_objectives", "is_published",
                            "view_count", "completion_count", "average_rating", "rating_count"],
    "user_progress": ["status", "progress_percentage", "time_spent_minutes", "last_position", "best_score",
                      "latest_score", "completion_date", "mastery_date"],
    "learning_sessions": ["session_start", "session_end", "duration_minutes", "interaction_count", "device_type",
                          "session_data"],
    "question_bank": ["question_type", "question_text", "question_data", "correct_answer", "explanation", "hints",
                      "points", "usage_count", "correct_count", "incorrect_count", "average_time_seconds"],
    "assessments": ["assessment_type", "time_limit_minutes", "passing_score", "question_ids", "randomize_questions",
                    "randomize_answers", "show_answers_after", "allow_review", "max_attempts"],
    "assessment_attempts": ["status", "attempt_number", "score", "percentage", "passed", "question_order",
                            "correct_answers", "incorrect_answers", "skipped_questions"],
    "assessment_answers": ["attempt_id", "question_id", "user_answer", "is_correct", "points_earned",
                           "time_spent_seconds", "flagged_for_review"],
    "achievements": ["achievement_type", "rarity", "code", "name", "description", "criteria", "points"],
    "user_achievements": ["user_id", "achievement_id", "earned_at", "progress_data"],
    "learning_streaks": ["current_streak", "longest_streak", "last_activity_date", "total_active_days",
                         "streak_frozen_days", "streak_history"],
    "study_goals": ["goal_type", "metric", "target_value", "current_value", "start_date", "target_date",
                    "completed_date", "status"],
    "user_activity_logs": ["activity_type", "activity_description", "resource_type", "resource_id", "metadata",
                           "ip_address", "user_agent"],
    "component_analytics": ["date", "views", "unique_users", "completions", "average_time_minutes",
                            "average_score", "engagement_rate", "bounce_rate"],
    "performance_metrics": ["metric_type", "metric_name", "metric_value", "unit", "tags", "timestamp"],
}

JSONB_FIELDS = {("user_settings", "privacy_settings"), ("learning_components", "content"),
                ("user_progress", "last_position"), ("learning_sessions", "session_data"),
                ("question_bank", "question_data"), ("question_bank", "correct_answer"),
                ("achievements", "criteria"), ("user_achievements", "progress_data"),
                ("learning_streaks", "streak_history"), ("user_activity_logs", "metadata"),
                ("performance_metrics", "tags")}
ARRAY_FIELDS = {("user_profiles", "certifications"), ("learning_components", "prerequisites"),
                ("learning_components", "comptia_objectives"), ("question_bank", "hints"),
                ("assessments", "question_ids"), ("assessment_attempts", "question_order")}


def columns(db: Conn, table: str) -> dict[str, str]:
    rows = db.execute("SELECT column_name, data_type FROM information_schema.columns"
                      " WHERE table_schema = 'public' AND table_name = %s", (table,)).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def test_the_seventeen_tables_and_their_fields(db: Conn) -> None:
    assert len(DOCUMENTED_FIELDS) == 17
    for table, fields in DOCUMENTED_FIELDS.items():
        cols = columns(db, table)
        missing = [f for f in [*fields, "id", "created_at", "updated_at"] if f not in cols]
        assert not missing, f"{table} lacks {missing}"
        assert cols["id"] == "uuid"
    for table, field in JSONB_FIELDS:
        assert columns(db, table)[field] == "jsonb", (table, field)
    for table, field in ARRAY_FIELDS:
        assert columns(db, table)[field] == "ARRAY", (table, field)


def test_every_table_has_an_updated_at_trigger(db: Conn) -> None:
    rows = db.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                      " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'alembic_version'"
                      " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid"
                      "                 AND t.tgname = c.relname || '_set_updated_at')").fetchall()
    assert rows == []


def test_updated_at_moves_on_update(db: Conn) -> None:
    user = make_user(db)
    db.execute("UPDATE users SET created_at = created_at - interval '1 day', updated_at = '2000-01-01'"
               " WHERE id = %s", (user,))
    row = db.execute("SELECT updated_at > created_at FROM users WHERE id = %s", (user,)).fetchone()
    assert row == (True,)


ENUMS = {
    ("users", "role"): ["student", "instructor", "admin"],
    ("users", "account_status"): ["active", "suspended", "deactivated"],
    ("user_settings", "theme"): ["light", "dark", "system"],
    ("learning_components", "component_type"): ["lesson", "video", "flashcard", "quiz", "lab", "simulation",
                                                "assessment", "reading", "practice_exam", "study_guide"],
    ("learning_components", "difficulty_level"): ["beginner", "intermediate", "advanced"],
    ("user_progress", "status"): ["not_started", "in_progress"],
    ("learning_sessions", "device_type"): ["desktop", "tablet", "mobile"],
    ("question_bank", "question_type"): ["true_false"],  # each type with a consistent answer: test_integrity
    ("assessments", "assessment_type"): ["quiz", "practice_exam", "final_exam", "checkpoint"],
    ("assessment_attempts", "status"): ["in_progress", "completed", "abandoned", "timed_out"],
    ("achievements", "achievement_type"): ["badge", "milestone", "streak", "mastery", "special"],
    ("achievements", "rarity"): ["common", "uncommon", "rare", "epic", "legendary"],
    ("study_goals", "goal_type"): ["daily", "weekly", "monthly", "exam_date", "custom"],
    ("study_goals", "metric"): ["minutes", "components", "assessments", "score", "streak"],
    ("study_goals", "status"): ["active", "completed", "failed", "abandoned"],
}


def row_for(db: Conn, table: str) -> str:
    """A valid row of `table` to update; returns its id."""
    user = make_user(db)
    if table == "users":
        return str(user)
    if table == "user_settings":
        return str(db.execute("INSERT INTO user_settings (user_id) VALUES (%s) RETURNING id", (user,)).fetchone()[0])  # type: ignore[index]
    if table in ("learning_components",):
        return str(make_component(db))
    if table == "user_progress":
        return str(db.execute("INSERT INTO user_progress (user_id, component_id) VALUES (%s, %s) RETURNING id",
                              (user, make_component(db))).fetchone()[0])  # type: ignore[index]
    if table == "learning_sessions":
        return str(db.execute("INSERT INTO learning_sessions (user_id) VALUES (%s) RETURNING id",
                              (user,)).fetchone()[0])  # type: ignore[index]
    if table == "question_bank":
        return str(make_question(db, question_type="true_false", question_data={},
                                 correct_answer=psycopg.types.json.Jsonb(True)))
    if table == "assessments":
        return str(db.execute("INSERT INTO assessments (title, slug, assessment_type) VALUES ('t', 'enum-test', 'quiz')"
                              " RETURNING id").fetchone()[0])  # type: ignore[index]
    if table == "assessment_attempts":
        a = row_for(db, "assessments")
        return str(db.execute("INSERT INTO assessment_attempts (assessment_id, user_id, attempt_number)"
                              " VALUES (%s, %s, 1) RETURNING id", (a, user)).fetchone()[0])  # type: ignore[index]
    if table == "achievements":
        return str(db.execute("INSERT INTO achievements (code, name, description, achievement_type, criteria)"
                              " VALUES ('enum_test', 'n', 'd', 'badge', '{\"type\": \"special\"}') RETURNING id"
                              ).fetchone()[0])  # type: ignore[index]
    if table == "study_goals":
        return str(db.execute("INSERT INTO study_goals (user_id, goal_type, metric, title, target_value, target_date)"
                              " VALUES (%s, 'custom', 'minutes', 'g', 10, current_date + 30) RETURNING id",
                              (user,)).fetchone()[0])  # type: ignore[index]
    raise AssertionError(table)


def set_value(db: Conn, table: str, column: str, row_id: str, value: str) -> None:
    finished = (table, column) == ("assessment_attempts", "status") and value != "in_progress"
    extra = ", completed_at = now()" if finished else ""
    if (table, column) == ("study_goals", "status"):
        extra = ", completed_date = current_date" if value == "completed" else ", completed_date = NULL"
    db.execute(psycopg.sql.SQL("UPDATE {} SET {} = %s" + extra + " WHERE id = %s").format(
        psycopg.sql.Identifier(table), psycopg.sql.Identifier(column)), (value, row_id))


@pytest.mark.parametrize(("table", "column"), list(ENUMS))
def test_enumerated_values_accepted_and_others_refused(db: Conn, table: str, column: str) -> None:
    row_id = row_for(db, table)
    for value in ENUMS[(table, column)]:
        with db.transaction():
            set_value(db, table, column, row_id, value)
    with pytest.raises(psycopg.errors.CheckViolation), db.transaction():
        set_value(db, table, column, row_id, "not_a_" + column)


def test_the_documented_enumerations_are_exactly_the_check_constraints(db: Conn) -> None:
    """Each enumerated CHECK lists exactly the documented values (deleted included for users)."""
    definitions = {str(r[0]): str(r[1]) for r in db.execute(
        "SELECT conrelid::regclass || '.' || conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'c' AND connamespace = 'public'::regnamespace").fetchall()}
    text = "\n".join(definitions.values())
    for values in ENUMS.values():
        for value in values:
            assert f"'{value}'::text" in text


def test_deleted_status_goes_with_deleted_at(db: Conn) -> None:
    user = make_user(db)
    with pytest.raises(psycopg.errors.CheckViolation), db.transaction():
        db.execute("UPDATE users SET account_status = 'deleted' WHERE id = %s", (user,))
    db.execute("UPDATE users SET account_status = 'deleted', deleted_at = now() WHERE id = %s", (user,))


def test_email_unique_case_insensitive_until_deleted(db: Conn) -> None:
    user = make_user(db, email="Sam@Example.test", username="sam")
    with pytest.raises(psycopg.errors.UniqueViolation), db.transaction():
        make_user(db, email="sam@example.TEST")
    with pytest.raises(psycopg.errors.UniqueViolation), db.transaction():
        make_user(db, username="SAM")
    db.execute("UPDATE users SET account_status = 'deleted', deleted_at = now() WHERE id = %s", (user,))
    make_user(db, email="sam@example.test", username="sam")  # freed by the soft delete


@pytest.mark.parametrize(("table", "column", "bad"), [
    ("user_progress", "progress_percentage", 100.5),
    ("user_progress", "progress_percentage", -1),
    ("user_progress", "rating", 6),
    ("user_progress", "time_spent_minutes", -5),
    ("learning_components", "view_count", -1),
    ("question_bank", "usage_count", -1),
    ("user_settings", "daily_goal_minutes", 0),
    ("learning_streaks", "streak_frozen_days", -1),
])
def test_ranges_are_checked(db: Conn, table: str, column: str, bad: float) -> None:
    user = make_user(db)
    component = make_component(db)
    db.execute("INSERT INTO user_progress (user_id, component_id) VALUES (%s, %s)", (user, component))
    db.execute("INSERT INTO user_settings (user_id) VALUES (%s)", (user,))
    db.execute("INSERT INTO learning_streaks (user_id) VALUES (%s)", (user,))
    make_question(db)
    with pytest.raises(psycopg.errors.CheckViolation), db.transaction():
        db.execute(psycopg.sql.SQL("UPDATE {} SET {} = %s").format(
            psycopg.sql.Identifier(table), psycopg.sql.Identifier(column)), (bad,))


def test_dates_in_order(db: Conn) -> None:
    user = make_user(db)
    with pytest.raises(psycopg.errors.CheckViolation), db.transaction():
        db.execute("INSERT INTO learning_sessions (user_id, session_start, session_end, duration_minutes)"
                   " VALUES (%s, '2026-01-02', '2026-01-01', 0)", (user,))
    with pytest.raises(psycopg.errors.CheckViolation), db.transaction():
        db.execute("INSERT INTO study_goals (user_id, goal_type, metric, title, target_value, start_date, target_date)"
                   " VALUES (%s, 'custom', 'minutes', 'g', 10, '2026-02-01', '2026-01-01')", (user,))


def test_invalid_timezone_refused(db: Conn) -> None:
    user = make_user(db)
    db.execute("INSERT INTO user_profiles (user_id, timezone) VALUES (%s, 'Europe/Paris')", (user,))
    with pytest.raises(psycopg.errors.CheckViolation):
        db.execute("UPDATE user_profiles SET timezone = 'Mars/Olympus_Mons' WHERE user_id = %s", (user,))


DOCUMENTED_INDEXES = [
    ("users", "(lower(email))", True), ("users", "(lower(username))", True),
    ("users", "(role)", False), ("users", "(account_status)", False), ("users", "(created_at)", False),
]


def test_documented_indexes(db: Conn) -> None:
    defs = [str(r[0]) for r in db.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'users'").fetchall()]
    for _table, cols, unique in DOCUMENTED_INDEXES:
        matching = [d for d in defs if d.endswith(cols) or f"{cols} WHERE" in d]
        assert matching, cols
        if unique:
            assert all("UNIQUE" in d and "deleted_at IS NULL" in d for d in matching)


def test_every_foreign_key_is_indexed(db: Conn) -> None:
    unindexed = db.execute("""
        SELECT c.conrelid::regclass::text, a.attname
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
    """).fetchall()
    assert unindexed == []


def test_views_materialized_views_and_functions_exist(db: Conn) -> None:
    views = {str(r[0]) for r in db.execute("SELECT viewname FROM pg_views WHERE schemaname = 'public'").fetchall()}
    assert views == {"v_user_learning_stats", "v_component_performance", "v_assessment_performance",
                     "v_user_assessment_history", "v_question_performance"}
    matviews = db.execute("SELECT m.matviewname, bool_or(i.indisunique) FROM pg_matviews m"
                          " JOIN pg_indexes x ON x.tablename = m.matviewname"
                          " JOIN pg_index i ON i.indexrelid = (quote_ident(x.indexname))::regclass"
                          " GROUP BY 1 ORDER BY 1").fetchall()
    assert matviews == [("mv_daily_user_activity", True), ("mv_weekly_domain_progress", True)]
    functions = {str(name): str(result) for name, result in db.execute(
        "SELECT proname, pg_get_function_result(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
        " AND proname IN ('calculate_overall_progress', 'update_learning_streak', 'check_and_award_achievement',"
        " 'get_user_dashboard_summary', 'refresh_analytics_views')").fetchall()}
    assert functions["calculate_overall_progress"] == "numeric"
    assert functions["update_learning_streak"] == "void"
    assert functions["check_and_award_achievement"] == "boolean"
    assert functions["get_user_dashboard_summary"].startswith("TABLE(components_started integer")
    assert functions["refresh_analytics_views"] == "void"


def test_views_answer(db: Conn) -> None:
    for view in ("v_user_learning_stats", "v_component_performance", "v_assessment_performance",
                 "v_user_assessment_history", "v_question_performance"):
        db.execute(psycopg.sql.SQL("SELECT * FROM {} LIMIT 1").format(psycopg.sql.Identifier(view)))


def test_no_uuid_extension_is_needed(db: Conn) -> None:
    """gen_random_uuid() is core: the embedded server has neither uuid-ossp nor pgcrypto."""
    extensions = {str(r[0]) for r in db.execute("SELECT extname FROM pg_extension").fetchall()}
    assert extensions.isdisjoint({"uuid-ossp", "pgcrypto"})
