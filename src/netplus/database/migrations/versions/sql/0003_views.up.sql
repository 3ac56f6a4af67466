-- 0003: the seed's five views, two materialized views and refresh_analytics_views().
-- Dates are UTC days. Views run with security_invoker (PostgreSQL 15+, set in the revision) so the
-- caller's row-level security applies through them.

CREATE VIEW v_user_learning_stats AS
SELECT
    u.id AS user_id,
    u.username,
    u.role,
    count(p.id) FILTER (WHERE p.status <> 'not_started')::integer AS components_started,
    count(p.id) FILTER (WHERE p.status IN ('completed', 'mastered'))::integer AS components_completed,
    count(p.id) FILTER (WHERE p.status = 'mastered')::integer AS components_mastered,
    coalesce(sum(p.time_spent_minutes), 0)::integer AS total_time_minutes,
    coalesce(round(avg(p.progress_percentage), 2), 0)::numeric(5, 2) AS average_progress,
    coalesce(s.current_streak, 0) AS current_streak,
    coalesce(s.longest_streak, 0) AS longest_streak,
    (SELECT count(*) FROM user_achievements ua
      WHERE ua.user_id = u.id AND ua.earned_at IS NOT NULL)::integer AS achievements_earned
FROM users u
LEFT JOIN user_progress p ON p.user_id = u.id
LEFT JOIN learning_streaks s ON s.user_id = u.id
WHERE u.deleted_at IS NULL
GROUP BY u.id, u.username, u.role, s.current_streak, s.longest_streak;

CREATE VIEW v_component_performance AS
SELECT
    c.id AS component_id,
    c.title,
    c.slug,
    c.component_type,
    c.domain,
    c.is_published,
    c.view_count,
    count(p.id) FILTER (WHERE p.status <> 'not_started')::integer AS unique_users,
    c.completion_count,
    count(p.id) FILTER (WHERE p.status IN ('completed', 'mastered'))::integer AS users_completed,
    round(avg(p.progress_percentage), 2)::numeric(5, 2) AS average_progress,
    round(avg(p.time_spent_minutes), 2)::numeric(8, 2) AS average_time_minutes,
    round(avg(p.best_score), 2)::numeric(5, 2) AS average_score,
    c.average_rating,
    c.rating_count
FROM learning_components c
LEFT JOIN user_progress p ON p.component_id = c.id
WHERE c.deleted_at IS NULL
GROUP BY c.id;

CREATE VIEW v_assessment_performance AS
SELECT
    a.id AS assessment_id,
    a.title,
    a.slug,
    a.assessment_type,
    a.passing_score,
    count(t.id) FILTER (WHERE t.status IN ('completed', 'timed_out'))::integer AS total_attempts,
    count(DISTINCT t.user_id)::integer AS unique_users,
    round(avg(t.percentage) FILTER (WHERE t.status IN ('completed', 'timed_out')), 2)::numeric(5, 2) AS average_score,
    count(t.id) FILTER (WHERE t.passed)::integer AS pass_count,
    count(t.id) FILTER (WHERE NOT t.passed)::integer AS fail_count,
    round(100.0 * count(t.id) FILTER (WHERE t.passed)
          / nullif(count(t.id) FILTER (WHERE t.status IN ('completed', 'timed_out')), 0), 2)::numeric(5, 2) AS pass_rate,
    round(avg(t.time_spent_seconds) FILTER (WHERE t.status IN ('completed', 'timed_out')) / 60.0, 2)::numeric(8, 2)
        AS average_time_minutes
FROM assessments a
LEFT JOIN assessment_attempts t ON t.assessment_id = a.id
WHERE a.deleted_at IS NULL
GROUP BY a.id;

CREATE VIEW v_user_assessment_history AS
SELECT
    t.id AS attempt_id,
    t.user_id,
    u.username,
    t.assessment_id,
    a.title AS assessment_title,
    a.assessment_type,
    t.attempt_number,
    t.status,
    t.started_at,
    t.completed_at,
    t.time_spent_seconds,
    t.score,
    t.max_score,
    t.percentage,
    t.passed,
    cardinality(t.question_order) AS question_count,
    t.correct_answers,
    t.incorrect_answers,
    t.skipped_questions,
    (SELECT count(*) FROM assessment_answers x
      WHERE x.attempt_id = t.id AND x.flagged_for_review)::integer AS flagged_questions
FROM assessment_attempts t
JOIN assessments a ON a.id = t.assessment_id
JOIN users u ON u.id = t.user_id;

CREATE VIEW v_question_performance AS
SELECT
    q.id AS question_id,
    q.question_type,
    q.domain,
    q.comptia_objectives,
    q.difficulty_level,
    q.usage_count,
    q.correct_count,
    q.incorrect_count,
    round(100.0 * q.correct_count / nullif(q.correct_count + q.incorrect_count, 0), 2)::numeric(5, 2) AS success_rate,
    q.average_time_seconds
FROM question_bank q
WHERE q.deleted_at IS NULL;

CREATE MATERIALIZED VIEW mv_daily_user_activity AS
WITH sessions AS (
    SELECT (session_start AT TIME ZONE 'UTC')::date AS activity_date,
           count(DISTINCT user_id) AS active_users,
           count(*) AS total_sessions,
           coalesce(sum(duration_minutes), 0) AS total_minutes,
           round(avg(duration_minutes), 2) AS average_session_minutes
    FROM learning_sessions GROUP BY 1
), completions AS (
    SELECT (completion_date AT TIME ZONE 'UTC')::date AS activity_date, count(*) AS components_completed
    FROM user_progress WHERE completion_date IS NOT NULL GROUP BY 1
), attempts AS (
    SELECT (completed_at AT TIME ZONE 'UTC')::date AS activity_date,
           count(*) AS assessments_completed,
           count(*) FILTER (WHERE passed) AS assessments_passed
    FROM assessment_attempts WHERE status IN ('completed', 'timed_out') GROUP BY 1
)
SELECT
    d.activity_date,
    coalesce(s.active_users, 0)::integer AS active_users,
    coalesce(s.total_sessions, 0)::integer AS total_sessions,
    coalesce(s.total_minutes, 0)::integer AS total_minutes,
    coalesce(s.average_session_minutes, 0)::numeric(8, 2) AS average_minutes,
    coalesce(c.components_completed, 0)::integer AS components_completed,
    coalesce(a.assessments_completed, 0)::integer AS assessments_completed,
    coalesce(a.assessments_passed, 0)::integer AS assessments_passed
FROM (SELECT activity_date FROM sessions UNION SELECT activity_date FROM completions
      UNION SELECT activity_date FROM attempts) d
LEFT JOIN sessions s USING (activity_date)
LEFT JOIN completions c USING (activity_date)
LEFT JOIN attempts a USING (activity_date)
WITH NO DATA;
CREATE UNIQUE INDEX mv_daily_user_activity_date_idx ON mv_daily_user_activity (activity_date);

CREATE MATERIALIZED VIEW mv_weekly_domain_progress AS
WITH touched AS (
    -- a progress row counts for the week it was last worked on
    SELECT date_trunc('week', p.last_accessed_at AT TIME ZONE 'UTC')::date AS week_start, c.domain, p.*
    FROM user_progress p JOIN learning_components c ON c.id = p.component_id
    WHERE p.last_accessed_at IS NOT NULL
), sessions AS (
    SELECT date_trunc('week', s.session_start AT TIME ZONE 'UTC')::date AS week_start, c.domain,
           count(DISTINCT s.user_id) AS session_users, coalesce(sum(s.duration_minutes), 0) AS total_minutes
    FROM learning_sessions s JOIN learning_components c ON c.id = s.component_id
    GROUP BY 1, 2
), completions AS (
    SELECT date_trunc('week', p.completion_date AT TIME ZONE 'UTC')::date AS week_start, c.domain, count(*) AS completions
    FROM user_progress p JOIN learning_components c ON c.id = p.component_id
    WHERE p.completion_date IS NOT NULL GROUP BY 1, 2
), progress AS (
    SELECT week_start, domain,
           count(DISTINCT user_id) AS progress_users,
           count(*) FILTER (WHERE status = 'in_progress') AS components_in_progress,
           round(avg(progress_percentage), 2) AS average_progress
    FROM touched GROUP BY 1, 2
), keys AS (
    SELECT week_start, domain FROM sessions UNION SELECT week_start, domain FROM completions
    UNION SELECT week_start, domain FROM progress
)
SELECT
    k.week_start,
    k.domain,
    greatest(coalesce(s.session_users, 0), coalesce(p.progress_users, 0))::integer AS active_users,
    coalesce(p.components_in_progress, 0)::integer AS components_in_progress,
    coalesce(c.completions, 0)::integer AS completions,
    p.average_progress::numeric(5, 2) AS average_progress,
    coalesce(s.total_minutes, 0)::integer AS total_time_minutes
FROM keys k
LEFT JOIN sessions s USING (week_start, domain)
LEFT JOIN completions c USING (week_start, domain)
LEFT JOIN progress p USING (week_start, domain)
WITH NO DATA;
CREATE UNIQUE INDEX mv_weekly_domain_progress_key_idx ON mv_weekly_domain_progress (week_start, domain);

-- Refreshes both views: concurrently (readers are not blocked) once a view has been populated,
-- plainly the first time, because CONCURRENTLY needs a populated view. SECURITY DEFINER so that an
-- admin acting through the application role may trigger it; the search_path is pinned.
CREATE FUNCTION refresh_analytics_views() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v text;
BEGIN
    FOREACH v IN ARRAY ARRAY['mv_daily_user_activity', 'mv_weekly_domain_progress'] LOOP
        IF (SELECT relispopulated FROM pg_class WHERE oid = v::regclass) THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', v);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW %I', v);
        END IF;
    END LOOP;
END;
$$;

-- security_invoker exists from PostgreSQL 15; on 14 the views keep the owner's rights (documented).
DO $$
DECLARE v text;
BEGIN
    IF current_setting('server_version_num')::integer >= 150000 THEN
        FOREACH v IN ARRAY ARRAY['v_user_learning_stats', 'v_component_performance', 'v_assessment_performance',
                                 'v_user_assessment_history', 'v_question_performance'] LOOP
            EXECUTE format('ALTER VIEW %I SET (security_invoker = true)', v);
        END LOOP;
    END IF;
END;
$$;
