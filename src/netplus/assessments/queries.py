"""The assessments feature's SQL, by name. Every statement runs as app_user under row-level security,
and every attempt statement also names the user, so staff rights never widen what this API returns."""

# The published assessments with the caller's standing on each. `domains` lists the domains its
# questions cover; the domain filter keeps the assessments that cover the domain.
LIST_ASSESSMENTS = """
SELECT count(*) OVER () AS total,
       a.id, a.slug, a.title, a.description, a.assessment_type, a.component_id, a.exam_code,
       d.question_count, a.time_limit_minutes, a.passing_score, a.max_attempts,
       a.randomize_questions, a.randomize_answers, a.allow_review, a.show_answers_after,
       d.domains, coalesce(t.used, 0) AS attempts_used, t.best_percentage, t.open_attempt_id
FROM assessments a
CROSS JOIN LATERAL (  -- what a new attempt would show: the questions not deleted since
    SELECT count(*) AS question_count,
           coalesce(array_agg(DISTINCT q.domain ORDER BY q.domain) FILTER (WHERE q.domain IS NOT NULL), '{}')
           AS domains
    FROM question_bank q WHERE q.id = ANY (a.question_ids) AND q.deleted_at IS NULL) d
LEFT JOIN LATERAL (
    SELECT count(*) AS used,
           max(x.percentage) FILTER (WHERE x.status IN ('completed', 'timed_out')) AS best_percentage,
           (array_agg(x.id) FILTER (WHERE x.status = 'in_progress'))[1] AS open_attempt_id
    FROM assessment_attempts x WHERE x.assessment_id = a.id AND x.user_id = %(user_id)s) t ON true
WHERE a.is_published AND a.deleted_at IS NULL
  AND (%(assessment_type)s::text IS NULL OR a.assessment_type = %(assessment_type)s)
  AND (%(domain)s::text IS NULL OR %(domain)s = ANY (d.domains))
  AND (%(assessment_id)s::uuid IS NULL OR a.id = %(assessment_id)s)
ORDER BY a.assessment_type, a.slug
LIMIT %(limit)s OFFSET %(offset)s
"""

# Columns of an assessment that an attempt follows (`Rules` in service.py).
ASSESSMENT_RULES = """
SELECT a.id, a.title, a.assessment_type, a.component_id, a.exam_code, a.question_ids, a.time_limit_minutes,
       a.passing_score, a.max_attempts, a.randomize_questions, a.randomize_answers, a.allow_review,
       a.show_answers_after
FROM assessments a
"""
PUBLISHED_ASSESSMENT = ASSESSMENT_RULES + "WHERE a.id = %(id)s AND a.is_published AND a.deleted_at IS NULL"
ASSESSMENT_BY_ID = ASSESSMENT_RULES + "WHERE a.id = %(id)s"

# Serialises starts of one user on one assessment, so counting attempts and inserting the next one
# cannot interleave with another start (max_attempts holds under concurrency).
LOCK_USER_ASSESSMENT = "SELECT pg_advisory_xact_lock(hashtext(%(user_id)s::text), hashtext(%(assessment_id)s::text))"

ATTEMPT_COUNTS = """
SELECT count(*) AS used, coalesce(max(attempt_number), 0) AS last_number
FROM assessment_attempts WHERE assessment_id = %(assessment_id)s AND user_id = %(user_id)s
"""
OPEN_ATTEMPT = """
SELECT id, expires_at IS NOT NULL AND expires_at <= now() AS expired
FROM assessment_attempts
WHERE assessment_id = %(assessment_id)s AND user_id = %(user_id)s AND status = 'in_progress'
"""
EXPIRED_ATTEMPTS = """
SELECT id FROM assessment_attempts
WHERE user_id = %(user_id)s AND status = 'in_progress' AND expires_at <= now()
ORDER BY started_at
"""

# The questions an attempt will show, in the assessment's order, without retired (deleted) ones.
ATTEMPT_QUESTIONS = """
SELECT q.id, q.question_type, q.question_data, q.correct_answer
FROM unnest(%(ids)s::uuid[]) WITH ORDINALITY AS o(id, position)
JOIN question_bank q ON q.id = o.id AND q.deleted_at IS NULL
ORDER BY o.position
"""

# started_at defaults to now(), so the deadline is exactly started_at + the time limit (NULL: untimed).
INSERT_ATTEMPT = """
INSERT INTO assessment_attempts (assessment_id, user_id, attempt_number, question_order, answer_order, expires_at)
VALUES (%(assessment_id)s, %(user_id)s, %(attempt_number)s, %(question_order)s, %(answer_order)s,
        now() + make_interval(mins => %(minutes)s))
RETURNING id
"""

ATTEMPT_COLUMNS = """
SELECT t.id, t.assessment_id, t.user_id, t.attempt_number, t.status, t.started_at, t.expires_at, t.completed_at,
       t.time_spent_seconds, t.score, t.max_score, t.percentage, t.passed, t.question_order, t.answer_order,
       t.correct_answers, t.incorrect_answers, t.skipped_questions, t.result_details,
       coalesce(t.status = 'in_progress' AND t.expires_at <= now(), false) AS expired,
       CASE WHEN t.status = 'in_progress' AND t.expires_at IS NOT NULL
            THEN greatest(0, ceil(extract(epoch FROM t.expires_at - now())))::integer END AS seconds_remaining,
       a.title AS assessment_title, a.assessment_type, a.component_id, a.passing_score, a.time_limit_minutes,
       a.max_attempts, a.allow_review, a.show_answers_after
FROM assessment_attempts t
JOIN assessments a ON a.id = t.assessment_id
WHERE t.id = %(attempt_id)s AND t.user_id = %(user_id)s
"""
GET_ATTEMPT = ATTEMPT_COLUMNS
# Every change to an attempt (a save, submit, abandon, time-out) holds this lock, so a save can never
# land in an attempt that a concurrent submit is scoring.
LOCK_ATTEMPT = ATTEMPT_COLUMNS + "FOR NO KEY UPDATE OF t"

# The attempt's questions in the order shown, with the student's response and what review may reveal.
ATTEMPT_SHEET = """
SELECT o.position, q.id, q.question_type, q.question_text, q.question_data, q.points, q.difficulty_level,
       q.domain, q.comptia_objectives, q.correct_answer, q.explanation, q.hints,
       x.user_answer, coalesce(x.flagged_for_review, false) AS flagged_for_review,
       coalesce(x.time_spent_seconds, 0) AS time_spent_seconds, x.answered_at, x.is_correct, x.points_earned
FROM unnest(%(question_order)s::uuid[]) WITH ORDINALITY AS o(id, position)
JOIN question_bank q ON q.id = o.id
LEFT JOIN assessment_answers x ON x.attempt_id = %(attempt_id)s AND x.question_id = o.id
ORDER BY o.position
"""

ANSWERED_QUESTION = """
SELECT q.question_type, q.question_data FROM question_bank q
WHERE q.id = %(question_id)s AND q.id = ANY (%(question_order)s::uuid[])
"""
SAVE_ANSWER = """
INSERT INTO assessment_answers (attempt_id, question_id, user_answer, flagged_for_review, time_spent_seconds,
                                answered_at)
VALUES (%(attempt_id)s, %(question_id)s, %(answer)s, %(flagged)s, %(seconds)s,
        CASE WHEN %(answer)s::jsonb IS NOT NULL THEN now() END)
ON CONFLICT (attempt_id, question_id) DO UPDATE SET
    user_answer = excluded.user_answer, flagged_for_review = excluded.flagged_for_review,
    time_spent_seconds = excluded.time_spent_seconds,
    answered_at = CASE WHEN excluded.user_answer IS NULL THEN NULL
                       WHEN assessment_answers.user_answer IS NOT DISTINCT FROM excluded.user_answer
                       THEN assessment_answers.answered_at
                       ELSE now() END
RETURNING question_id, user_answer, flagged_for_review, time_spent_seconds, answered_at
"""

SAVE_SCORES = """
UPDATE assessment_answers x SET is_correct = s.is_correct, points_earned = s.points
FROM unnest(%(question_ids)s::uuid[], %(is_correct)s::boolean[], %(points)s::numeric[])
     AS s(question_id, is_correct, points)
WHERE x.attempt_id = %(attempt_id)s AND x.question_id = s.question_id
"""

# completed_at is now() for a submit and the deadline for a time-out (the moment the attempt ended).
FINISH_ATTEMPT = """
UPDATE assessment_attempts SET
    status = %(status)s,
    completed_at = CASE WHEN %(status)s = 'timed_out' THEN least(now(), expires_at) ELSE now() END,
    time_spent_seconds = floor(extract(epoch FROM
        (CASE WHEN %(status)s = 'timed_out' THEN least(now(), expires_at) ELSE now() END) - started_at))::integer,
    score = %(score)s, max_score = %(max_score)s, percentage = %(percentage)s, passed = %(passed)s,
    correct_answers = %(correct)s, incorrect_answers = %(incorrect)s, skipped_questions = %(skipped)s,
    result_details = %(details)s
WHERE id = %(attempt_id)s AND status = 'in_progress'
RETURNING started_at, time_spent_seconds
"""
ABANDON_ATTEMPT = """
UPDATE assessment_attempts SET status = 'abandoned', completed_at = now(),
    time_spent_seconds = floor(extract(epoch FROM now() - started_at))::integer
WHERE id = %(attempt_id)s AND status = 'in_progress'
"""
ADD_ACHIEVEMENTS = """
UPDATE assessment_attempts
SET result_details = result_details || jsonb_build_object('achievements_awarded', %(codes)s::text[])
WHERE id = %(attempt_id)s
"""
SCALED_SCORE = "SELECT exam_scaled_score(%(percentage)s) AS scaled"

# Question analytics, set-based. The rows are locked in id order first: two submits sharing questions
# then queue instead of deadlocking. The average time is over the attempts that answered the question.
LOCK_QUESTIONS = "SELECT id FROM question_bank WHERE id = ANY (%(ids)s::uuid[]) ORDER BY id FOR NO KEY UPDATE"
QUESTION_ANALYTICS = """
UPDATE question_bank q SET
    usage_count = q.usage_count + 1,
    correct_count = q.correct_count + s.correct::integer,
    incorrect_count = q.incorrect_count + (s.answered AND NOT s.correct)::integer,
    average_time_seconds = CASE WHEN s.answered THEN round(
        (coalesce(q.average_time_seconds, 0) * (q.correct_count + q.incorrect_count) + s.seconds)
        / (q.correct_count + q.incorrect_count + 1), 2) ELSE q.average_time_seconds END
FROM (SELECT o.id, x.user_answer IS NOT NULL AS answered, coalesce(x.is_correct, false) AS correct,
             coalesce(x.time_spent_seconds, 0) AS seconds
      FROM unnest(%(ids)s::uuid[]) AS o(id)
      LEFT JOIN assessment_answers x ON x.attempt_id = %(attempt_id)s AND x.question_id = o.id) s
WHERE q.id = s.id
"""

# The component's progress after a scored attempt, within user_progress's CHECK constraints:
# completed once an attempt passes (100%, completion_date), mastered once it is completed and the best
# score reaches the mastery mark (mastery_date), never downgraded; best_score only rises.
RECORD_PROGRESS = """
INSERT INTO user_progress AS p (user_id, component_id, status, progress_percentage, best_score, latest_score,
                                time_spent_minutes, started_at, last_accessed_at, completion_date, mastery_date)
VALUES (%(user_id)s, %(component_id)s,
        CASE WHEN NOT %(passed)s THEN 'in_progress' WHEN %(percentage)s >= %(mastery)s THEN 'mastered'
             ELSE 'completed' END,
        CASE WHEN %(passed)s THEN 100 ELSE 0 END, %(percentage)s, %(percentage)s, %(minutes)s, %(started_at)s,
        now(), CASE WHEN %(passed)s THEN now() END,
        CASE WHEN %(passed)s AND %(percentage)s >= %(mastery)s THEN now() END)
ON CONFLICT (user_id, component_id) DO UPDATE SET
    latest_score = excluded.latest_score,
    best_score = greatest(p.best_score, excluded.best_score),
    time_spent_minutes = p.time_spent_minutes + excluded.time_spent_minutes,
    started_at = coalesce(p.started_at, least(excluded.started_at, p.completion_date)),
    last_accessed_at = now(),
    status = CASE
        WHEN p.status = 'mastered' THEN 'mastered'
        WHEN (p.status = 'completed' OR %(passed)s)
             AND greatest(p.best_score, excluded.best_score) >= %(mastery)s THEN 'mastered'
        WHEN p.status = 'completed' OR %(passed)s THEN 'completed'
        WHEN p.status = 'not_started' THEN 'in_progress'
        ELSE p.status END,
    progress_percentage = CASE WHEN p.status IN ('completed', 'mastered') OR %(passed)s THEN 100
                               ELSE p.progress_percentage END,
    completion_date = CASE WHEN p.status IN ('completed', 'mastered') OR %(passed)s
                           THEN coalesce(p.completion_date, now()) ELSE p.completion_date END,
    mastery_date = CASE
        WHEN p.status = 'mastered' THEN p.mastery_date
        WHEN (p.status = 'completed' OR %(passed)s)
             AND greatest(p.best_score, excluded.best_score) >= %(mastery)s THEN now() END
"""

LIST_MY_ATTEMPTS = """
SELECT count(*) OVER () AS total,
       t.id, t.assessment_id, a.title AS assessment_title, a.assessment_type, t.attempt_number, t.status,
       t.started_at, t.expires_at, t.completed_at, t.time_spent_seconds, t.score, t.max_score, t.percentage,
       t.passed, cardinality(t.question_order) AS question_count, t.correct_answers, t.incorrect_answers,
       t.skipped_questions
FROM assessment_attempts t
JOIN assessments a ON a.id = t.assessment_id
WHERE t.user_id = %(user_id)s
  AND (%(assessment_id)s::uuid IS NULL OR t.assessment_id = %(assessment_id)s)
  AND (%(status)s::text IS NULL OR t.status = %(status)s)
ORDER BY t.started_at DESC, t.attempt_number DESC, t.id
LIMIT %(limit)s OFFSET %(offset)s
"""

# Drills: a published quiz component whose content names a generator.
DRILL_COMPONENT = """
SELECT c.id, c.slug, c.title, c.exam_code, c.content -> 'generator' AS generator
FROM learning_components c
WHERE c.id = %(id)s AND c.is_published AND c.deleted_at IS NULL AND c.component_type = 'quiz'
  AND jsonb_typeof(c.content -> 'generator') = 'object'
"""
# The drill's hidden assessment: never published, no fixed questions (each attempt has its own).
DRILL_ASSESSMENT = """
SELECT id, title, time_limit_minutes, component_id, exam_code FROM assessments WHERE id = %(id)s
"""
INSERT_DRILL_ASSESSMENT = """
INSERT INTO assessments (id, component_id, title, slug, description, assessment_type, time_limit_minutes,
                         passing_score, question_ids, is_published, exam_code)
VALUES (%(id)s, %(component_id)s, %(title)s, %(slug)s, %(description)s, 'quiz', %(minutes)s, %(passing_score)s,
        '{}', false, %(exam_code)s)
ON CONFLICT DO NOTHING
"""
SYNC_DRILL_ASSESSMENT = """
UPDATE assessments SET title = %(title)s, time_limit_minutes = %(minutes)s, component_id = %(component_id)s,
                       exam_code = %(exam_code)s
WHERE id = %(id)s
"""

# The pages' extra reads. The drills a student can start (published quiz components with a generator),
# with the student's open drill attempt and best score on each.
LIST_DRILLS = """
SELECT c.id, c.title, c.description, (c.content -> 'generator' ->> 'questions')::integer AS questions,
       (c.content -> 'generator' ->> 'time_limit_minutes')::integer AS time_limit_minutes,
       coalesce(t.used, 0) AS attempts_used, t.best_percentage, t.open_attempt_id
FROM learning_components c
LEFT JOIN LATERAL (
    SELECT count(*) AS used,
           max(x.percentage) FILTER (WHERE x.status IN ('completed', 'timed_out')) AS best_percentage,
           (array_agg(x.id) FILTER (WHERE x.status = 'in_progress'))[1] AS open_attempt_id
    FROM assessments a JOIN assessment_attempts x ON x.assessment_id = a.id AND x.user_id = %(user_id)s
    WHERE a.component_id = c.id AND cardinality(a.question_ids) = 0) t ON true
WHERE c.is_published AND c.deleted_at IS NULL AND c.component_type = 'quiz'
  AND jsonb_typeof(c.content -> 'generator') = 'object'
ORDER BY c.sort_order, c.title
"""
# What a result page shows besides the attempt: the names of its exam's domains and objectives, and
# whether the assessment is a generated drill (no fixed questions; "try again" starts a new drill).
RESULT_FACTS = """
SELECT a.component_id, cardinality(a.question_ids) = 0 AND a.component_id IS NOT NULL AS is_drill,
       a.is_published AND a.deleted_at IS NULL AS is_listed,
       coalesce((SELECT jsonb_object_agg(d.code, d.name) FROM exam_domains d WHERE d.exam_code = a.exam_code),
                '{}') AS domain_names,
       coalesce((SELECT jsonb_object_agg(o.code, o.title) FROM exam_objectives o WHERE o.exam_code = a.exam_code),
                '{}') AS objective_names
FROM assessments a WHERE a.id = %(assessment_id)s
"""
