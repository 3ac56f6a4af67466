-- A synthetic population for benchmarks, generated set-based at the scale :users (psql variable).
-- Every bench user is a student with a profile, settings, a streak, goals, progress on ~20 components,
-- learning sessions, finished attempts, and a session whose bearer token is 'bench-token-<n>'.
-- Run as the database owner on a database that has the content pack loaded; :password_hash is a bcrypt
-- hash (bench users sign in with their tokens, never a password).
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;

INSERT INTO users (email, username, password_hash, role, email_verified, email_verified_at, created_at)
SELECT 'bench' || n || '@bench.test', 'bench' || n,
       :'password_hash', 'student', true, now(),
       now() - (n % 365) * interval '1 day'
FROM generate_series(1, :users) n;

CREATE TEMP TABLE bench_users AS
SELECT u.id, substring(u.username FROM 6)::int AS n FROM users u WHERE u.email LIKE 'bench%@bench.test';
CREATE INDEX ON bench_users (n);

INSERT INTO user_profiles (user_id, display_name, timezone) SELECT id, 'Bench ' || n, 'UTC' FROM bench_users;
INSERT INTO user_settings (user_id) SELECT id FROM bench_users;
INSERT INTO auth_sessions (user_id, token_hash, expires_at)
SELECT id, sha256(convert_to('bench-token-' || n, 'UTF8')), now() + interval '30 days' FROM bench_users;

INSERT INTO learning_streaks (user_id, current_streak, longest_streak, last_activity_date, total_active_days)
SELECT id, n % 20, n % 20 + 5, current_date - (n % 3), n % 20 + 30 FROM bench_users;

INSERT INTO study_goals (user_id, goal_type, metric, title, target_value, start_date)
SELECT id, 'weekly', 'minutes', 'Study 3 hours this week', 180, current_date - (n % 7) FROM bench_users;

CREATE TEMP TABLE bench_components AS
SELECT id, row_number() OVER (ORDER BY slug) AS k FROM learning_components WHERE is_published AND deleted_at IS NULL;

INSERT INTO user_progress (user_id, component_id, status, progress_percentage, time_spent_minutes, started_at,
                           last_accessed_at, completion_date)
SELECT u.id, c.id,
       CASE WHEN (u.n + c.k) % 3 = 0 THEN 'completed' ELSE 'in_progress' END,
       CASE WHEN (u.n + c.k) % 3 = 0 THEN 100 ELSE (u.n * 7 + c.k) % 100 END,
       (u.n + c.k) % 45, now() - interval '20 days', now() - ((u.n + c.k) % 19) * interval '1 day',
       CASE WHEN (u.n + c.k) % 3 = 0 THEN now() - ((u.n + c.k) % 19) * interval '1 day' END
FROM bench_users u
JOIN bench_components c ON c.k BETWEEN 1 + (u.n % 50) AND 20 + (u.n % 50);

INSERT INTO learning_sessions (user_id, component_id, session_start, session_end, duration_minutes,
                               interaction_count, device_type)
SELECT u.id, c.id, now() - s * interval '1 day', now() - s * interval '1 day' + interval '25 minutes', 25,
       10 + s, (ARRAY['desktop', 'mobile', 'tablet'])[1 + (u.n + s) % 3]
FROM bench_users u
CROSS JOIN generate_series(1, 3) s
JOIN bench_components c ON c.k = 1 + (u.n + s) % 40;

-- Finished attempts on the domain quizzes: what dashboards and histories read.
INSERT INTO assessment_attempts (assessment_id, user_id, attempt_number, status, started_at, expires_at, completed_at,
                                 time_spent_seconds, score, max_score, percentage, passed, question_order,
                                 correct_answers, incorrect_answers, skipped_questions)
SELECT a.id, u.id, 1, 'completed', now() - interval '3 days', now() - interval '3 days' + interval '20 minutes',
       now() - interval '3 days' + interval '15 minutes', 900, 10 + u.n % 6, 15,
       round(100.0 * (10 + u.n % 6) / 15, 2), (10 + u.n % 6) >= 12, a.question_ids, 10 + u.n % 6, 5 - u.n % 6, 0
FROM bench_users u
JOIN assessments a ON a.slug = 'n10-009-quiz-domain-' || (1 + u.n % 5);

COMMIT;
ANALYZE;
