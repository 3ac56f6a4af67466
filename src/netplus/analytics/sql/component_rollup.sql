-- component_rollup: the component_analytics rows of one UTC day, computed from that day's raw activity.
-- Parameter: %(day)s (a date). Idempotent: a second run for the same day writes the same rows, and
-- updates none whose numbers did not change.
--
-- For each component, from the learning sessions that started that day (session_start, UTC):
--   views                 the sessions on the component
--   unique_users          the distinct learners among them
--   average_time_minutes  the mean duration_minutes of those sessions that have ended (NULL if none has)
--   engagement_rate       the share of sessions, in percent, with at least one interaction that lasted at
--                         least 1 minute: the learner worked with the content
--   bounce_rate           the share of sessions, in percent, shorter than 1 minute with no interaction (a
--                         session never ended counts as 0 minutes): the learner opened it and left
--                         Both rates are NULL for a component with no session that day; a session can be
--                         neither engaged nor a bounce (short with interactions, or long without).
-- and
--   completions           user_progress rows whose completion_date falls on that day
--   average_score         the mean percentage of the attempts finished (completed or timed out) that day on
--                         the assessments the component presents (assessments.component_id)
--
-- A component gets a row when it had any of these that day. A row already stored for the day is
-- recomputed as well, so the table always equals what the data says.

WITH bounds AS (
    SELECT (%(day)s::date)::timestamp AT TIME ZONE 'UTC' AS day_start,
           (%(day)s::date + 1)::timestamp AT TIME ZONE 'UTC' AS day_end
), sessions AS (
    SELECT s.component_id,
           count(*) AS views,
           count(DISTINCT s.user_id) AS unique_users,
           round(avg(s.duration_minutes), 2) AS average_time_minutes,
           round(100.0 * count(*) FILTER (WHERE s.interaction_count > 0 AND coalesce(s.duration_minutes, 0) >= 1)
                 / count(*), 2) AS engagement_rate,
           round(100.0 * count(*) FILTER (WHERE s.interaction_count = 0 AND coalesce(s.duration_minutes, 0) < 1)
                 / count(*), 2) AS bounce_rate
    FROM learning_sessions s, bounds b
    WHERE s.component_id IS NOT NULL AND s.session_start >= b.day_start AND s.session_start < b.day_end
    GROUP BY s.component_id
), completions AS (
    SELECT p.component_id, count(*) AS completions
    FROM user_progress p, bounds b
    WHERE p.completion_date >= b.day_start AND p.completion_date < b.day_end
    GROUP BY p.component_id
), scores AS (
    SELECT a.component_id, round(avg(t.percentage), 2) AS average_score
    FROM assessment_attempts t JOIN assessments a ON a.id = t.assessment_id, bounds b
    WHERE a.component_id IS NOT NULL AND t.status IN ('completed', 'timed_out')
      AND t.completed_at >= b.day_start AND t.completed_at < b.day_end
    GROUP BY a.component_id
), touched AS (
    SELECT component_id FROM sessions
    UNION SELECT component_id FROM completions
    UNION SELECT component_id FROM scores
    UNION SELECT component_id FROM component_analytics WHERE date = %(day)s::date
)
INSERT INTO component_analytics AS ca (component_id, date, views, unique_users, completions, average_time_minutes,
                                       average_score, engagement_rate, bounce_rate)
SELECT t.component_id, %(day)s::date, coalesce(s.views, 0), coalesce(s.unique_users, 0), coalesce(c.completions, 0),
       s.average_time_minutes, r.average_score, s.engagement_rate, s.bounce_rate
FROM touched t
LEFT JOIN sessions s USING (component_id)
LEFT JOIN completions c USING (component_id)
LEFT JOIN scores r USING (component_id)
ON CONFLICT (component_id, date) DO UPDATE SET
    (views, unique_users, completions, average_time_minutes, average_score, engagement_rate, bounce_rate)
    = ROW(excluded.views, excluded.unique_users, excluded.completions, excluded.average_time_minutes,
          excluded.average_score, excluded.engagement_rate, excluded.bounce_rate)
WHERE (ca.views, ca.unique_users, ca.completions, ca.average_time_minutes, ca.average_score, ca.engagement_rate,
       ca.bounce_rate)
      IS DISTINCT FROM
      (excluded.views, excluded.unique_users, excluded.completions, excluded.average_time_minutes,
       excluded.average_score, excluded.engagement_rate, excluded.bounce_rate)
