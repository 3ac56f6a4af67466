"""The analytics feature's SQL, by name: reads over the seed's views and materialized views."""

# --- learners (staff) ---------------------------------------------------------------------------

# Students with their v_user_learning_stats row; `pattern` searches email, username and names; `user_id`
# picks one.
LIST_LEARNERS = """
SELECT count(*) OVER () AS total, u.id AS user_id, u.email, u.username, p.display_name, p.first_name, p.last_name,
       u.account_status, u.created_at, u.last_login_at, s.components_started, s.components_completed,
       s.components_mastered, s.total_time_minutes, s.average_progress, s.current_streak, s.longest_streak,
       s.achievements_earned
FROM v_user_learning_stats s
JOIN users u ON u.id = s.user_id
LEFT JOIN user_profiles p ON p.user_id = u.id
WHERE s.role = 'student' AND (%(user_id)s::uuid IS NULL OR u.id = %(user_id)s)
  AND (%(pattern)s::text IS NULL OR u.email ILIKE %(pattern)s OR u.username ILIKE %(pattern)s
       OR p.display_name ILIKE %(pattern)s OR concat_ws(' ', p.first_name, p.last_name) ILIKE %(pattern)s)
ORDER BY lower(u.username)
LIMIT %(limit)s OFFSET %(offset)s
"""
OVERALL_PROGRESS = "SELECT calculate_overall_progress(%(user_id)s) AS overall_progress"
LEARNER_COMPONENTS = """
SELECT c.id AS component_id, c.slug, c.title, c.component_type, c.domain, p.status, p.progress_percentage,
       p.time_spent_minutes, p.best_score, p.latest_score, p.started_at, p.last_accessed_at, p.completion_date
FROM user_progress p
JOIN learning_components c ON c.id = p.component_id
WHERE p.user_id = %(user_id)s
ORDER BY c.domain, c.sort_order, c.slug
"""
# Per exam domain, over the published catalog; a component never opened counts as 0%, a finished
# one as 100% (as calculate_overall_progress counts the whole catalog).
LEARNER_DOMAINS = """
SELECT c.exam_code, c.domain, d.name,
       count(*)::integer AS components,
       count(p.id) FILTER (WHERE p.status <> 'not_started')::integer AS started,
       count(p.id) FILTER (WHERE p.status IN ('completed', 'mastered'))::integer AS completed,
       round(avg(CASE WHEN p.status IN ('completed', 'mastered') THEN 100
                      ELSE coalesce(p.progress_percentage, 0) END), 2) AS progress,
       coalesce(sum(p.time_spent_minutes), 0)::integer AS time_spent_minutes
FROM learning_components c
LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = %(user_id)s
LEFT JOIN exam_domains d ON d.exam_code = c.exam_code AND d.code = c.domain
WHERE c.is_published AND c.deleted_at IS NULL
GROUP BY c.exam_code, c.domain, d.name
ORDER BY c.exam_code, c.domain
"""
LEARNER_ATTEMPTS = """
SELECT attempt_id, assessment_id, assessment_title, assessment_type, attempt_number, status, started_at,
       completed_at, time_spent_seconds, score, max_score, percentage, passed, question_count, correct_answers,
       incorrect_answers, skipped_questions, flagged_questions
FROM v_user_assessment_history
WHERE user_id = %(user_id)s
ORDER BY started_at DESC, attempt_id
LIMIT %(limit)s
"""

# --- platform statistics (admin) ----------------------------------------------------------------

LEARNING_STATS = """
SELECT count(*) OVER () AS total, s.*
FROM v_user_learning_stats s
WHERE (%(role)s::text IS NULL OR s.role = %(role)s)
ORDER BY lower(s.username)
LIMIT %(limit)s OFFSET %(offset)s
"""
COMPONENT_PERFORMANCE = """
SELECT count(*) OVER () AS total, v.*
FROM v_component_performance v
WHERE (%(domain)s::text IS NULL OR v.domain = %(domain)s)
  AND (%(component_type)s::text IS NULL OR v.component_type = %(component_type)s)
ORDER BY v.domain, v.slug
LIMIT %(limit)s OFFSET %(offset)s
"""
ASSESSMENT_PERFORMANCE = """
SELECT count(*) OVER () AS total, v.*
FROM v_assessment_performance v
WHERE (%(assessment_type)s::text IS NULL OR v.assessment_type = %(assessment_type)s)
ORDER BY v.assessment_type, v.slug
LIMIT %(limit)s OFFSET %(offset)s
"""
# Hardest first: the questions learners get wrong most are the ones an author should look at.
QUESTION_PERFORMANCE = """
SELECT count(*) OVER () AS total, v.*
FROM v_question_performance v
WHERE (%(domain)s::text IS NULL OR v.domain = %(domain)s)
  AND (%(question_type)s::text IS NULL OR v.question_type = %(question_type)s)
  AND (%(objective)s::text IS NULL OR %(objective)s = ANY(v.comptia_objectives))
ORDER BY v.success_rate NULLS LAST, v.usage_count DESC, v.question_id
LIMIT %(limit)s OFFSET %(offset)s
"""
VIEW_POPULATED = "SELECT relispopulated FROM pg_class WHERE oid = %(view)s::regclass"
DAILY_ACTIVITY = """
SELECT activity_date, active_users, total_sessions, total_minutes, average_minutes, components_completed,
       assessments_completed, assessments_passed
FROM mv_daily_user_activity
WHERE activity_date BETWEEN %(since)s AND %(until)s
ORDER BY activity_date
"""
WEEKLY_DOMAIN_PROGRESS = """
SELECT week_start, domain, active_users, components_in_progress, completions, average_progress, total_time_minutes
FROM mv_weekly_domain_progress
WHERE week_start BETWEEN date_trunc('week', %(since)s::date)::date AND %(until)s
  AND (%(domain)s::text IS NULL OR domain = %(domain)s)
ORDER BY week_start, domain
"""
REFRESH_VIEWS = "SELECT refresh_analytics_views()"
COMPONENT_DAILY = """
SELECT count(*) OVER () AS total, a.component_id, c.slug, c.title, a.date, a.views, a.unique_users, a.completions,
       a.average_time_minutes, a.average_score, a.engagement_rate, a.bounce_rate
FROM component_analytics a
JOIN learning_components c ON c.id = a.component_id
WHERE a.date BETWEEN %(since)s AND %(until)s
  AND (%(component_id)s::uuid IS NULL OR a.component_id = %(component_id)s)
ORDER BY a.date, c.slug
LIMIT %(limit)s OFFSET %(offset)s
"""

# --- request latency (rows written by netplus.core.metrics) -------------------------------------

METRICS = """
SELECT count(*) OVER () AS total, metric_name AS name, metric_value AS value, unit, tags, "timestamp"
FROM performance_metrics
WHERE metric_type = %(metric_type)s
  AND (%(name)s::text IS NULL OR metric_name = %(name)s)
  AND "timestamp" >= %(since)s AND "timestamp" < %(until)s
ORDER BY "timestamp" DESC, metric_name
LIMIT %(limit)s OFFSET %(offset)s
"""
# One row per route over the window. Each stored row is the mean of `count` requests, so the
# route's mean weights the rows by their counts.
METRICS_BY_ROUTE = """
SELECT metric_name AS name,
       count(*)::integer AS samples,
       sum(coalesce((tags ->> 'count')::integer, 1))::integer AS requests,
       round((sum(metric_value * coalesce((tags ->> 'count')::integer, 1))
              / sum(coalesce((tags ->> 'count')::integer, 1)))::numeric, 2)::float8 AS mean_ms,
       max(coalesce((tags ->> 'max_ms')::float8, metric_value)) AS max_ms,
       sum(coalesce((tags ->> 'errors')::integer, 0))::integer AS errors
FROM performance_metrics
WHERE metric_type = 'http_latency' AND "timestamp" >= %(since)s AND "timestamp" < %(until)s
  AND (%(name)s::text IS NULL OR metric_name = %(name)s)
GROUP BY metric_name
ORDER BY mean_ms DESC, metric_name
"""

# --- how fresh the materialized views are --------------------------------------------------------

# PostgreSQL keeps no time of a materialized view's last refresh: the newest day a view holds is
# compared with the newest activity in the live tables (the ones mv_daily_user_activity reads).
NEWEST_VIEW_DAY = "SELECT max(activity_date) AS newest FROM mv_daily_user_activity"
NEWEST_LIVE_DAY = """
SELECT (greatest((SELECT max(session_start) FROM learning_sessions),
                 (SELECT max(completion_date) FROM user_progress),
                 (SELECT max(completed_at) FROM assessment_attempts WHERE status IN ('completed', 'timed_out')))
        AT TIME ZONE 'UTC')::date AS newest
"""
# Only refreshes made through NetPlus are logged (`netplus db maintain daily` refreshes silently).
LAST_LOGGED_REFRESH = """
SELECT l.created_at, u.username
FROM user_activity_logs l
LEFT JOIN users u ON u.id = l.user_id
WHERE l.activity_type = 'analytics.views_refreshed'
ORDER BY l.created_at DESC
LIMIT 1
"""

# --- labels for the analytics page --------------------------------------------------------------

# The newest exam's name for each domain code (the views group by code only).
DOMAIN_NAMES = "SELECT DISTINCT ON (code) code, name FROM exam_domains ORDER BY code, exam_code DESC"
QUESTION_TEXTS = "SELECT id, question_text FROM question_bank WHERE id = ANY(%(ids)s)"
