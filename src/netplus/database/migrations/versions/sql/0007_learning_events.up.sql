-- 0007: what moves after a learning activity, computed from the data (so it is always exact and
-- running it twice changes nothing): study goals, and the totals achievement criteria are read from.

-- The user's own calendar day (their profile's time zone; UTC without one).
CREATE FUNCTION user_local_date(p_user_id uuid) RETURNS date
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT (now() AT TIME ZONE coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id), 'UTC'))::date;
$$;

-- The last day a goal counts: its target date, else the end of its period from the start date.
CREATE FUNCTION study_goal_end(g study_goals) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(g.target_date, CASE g.goal_type
        WHEN 'daily' THEN g.start_date
        WHEN 'weekly' THEN g.start_date + 6
        WHEN 'monthly' THEN (g.start_date + interval '1 month' - interval '1 day')::date
    END);
$$;

-- Recomputes every active goal of the user from the data in its window, then completes the goals
-- that reached their target and fails the ones whose window has passed. Metrics: minutes studied
-- (learning sessions), components completed, assessments finished, best assessment score (%), and
-- the current streak. Returns how many goals changed status.
CREATE FUNCTION refresh_study_goals(p_user_id uuid) RETURNS integer
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    today date := user_local_date(p_user_id);
    tz text := coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id), 'UTC');
    changed integer;
BEGIN
    UPDATE study_goals g SET current_value = least(v.value, 99999999.99)
    FROM (
        SELECT g2.id, CASE g2.metric
            WHEN 'minutes' THEN (SELECT coalesce(sum(s.duration_minutes), 0) FROM learning_sessions s
                                 WHERE s.user_id = g2.user_id
                                   AND (s.session_start AT TIME ZONE tz)::date BETWEEN g2.start_date
                                       AND coalesce(study_goal_end(g2), today))
            WHEN 'components' THEN (SELECT count(*) FROM user_progress p
                                    WHERE p.user_id = g2.user_id AND p.completion_date IS NOT NULL
                                      AND (p.completion_date AT TIME ZONE tz)::date BETWEEN g2.start_date
                                          AND coalesce(study_goal_end(g2), today))
            WHEN 'assessments' THEN (SELECT count(*) FROM assessment_attempts a
                                     WHERE a.user_id = g2.user_id AND a.status IN ('completed', 'timed_out')
                                       AND (a.completed_at AT TIME ZONE tz)::date BETWEEN g2.start_date
                                           AND coalesce(study_goal_end(g2), today))
            WHEN 'score' THEN (SELECT coalesce(max(a.percentage), 0) FROM assessment_attempts a
                               WHERE a.user_id = g2.user_id AND a.status IN ('completed', 'timed_out')
                                 AND (a.completed_at AT TIME ZONE tz)::date BETWEEN g2.start_date
                                     AND coalesce(study_goal_end(g2), today))
            WHEN 'streak' THEN (SELECT coalesce(max(current_streak), 0) FROM learning_streaks l
                                WHERE l.user_id = g2.user_id)
        END AS value
        FROM study_goals g2 WHERE g2.user_id = p_user_id AND g2.status = 'active'
    ) v
    WHERE g.id = v.id AND g.current_value IS DISTINCT FROM least(v.value, 99999999.99);

    UPDATE study_goals g SET
        status = CASE WHEN g.current_value >= g.target_value THEN 'completed' ELSE 'failed' END,
        completed_date = CASE WHEN g.current_value >= g.target_value THEN greatest(today, g.start_date) END
    WHERE g.user_id = p_user_id AND g.status = 'active'
      AND (g.current_value >= g.target_value OR study_goal_end(g) < today);
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END;
$$;

-- The totals that achievement criteria compare against (netplus/achievements/engine.py).
CREATE FUNCTION user_learning_totals(p_user_id uuid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT jsonb_build_object(
        'components_completed', (SELECT count(*) FROM user_progress
                                 WHERE user_id = p_user_id AND status IN ('completed', 'mastered')),
        'assessments_passed', (SELECT count(*) FROM assessment_attempts
                               WHERE user_id = p_user_id AND passed),
        'questions_answered', (SELECT count(*) FROM assessment_answers x
                               JOIN assessment_attempts a ON a.id = x.attempt_id
                               WHERE a.user_id = p_user_id AND a.status IN ('completed', 'timed_out')
                                 AND x.user_answer IS NOT NULL),
        'streak_days', (SELECT coalesce(max(longest_streak), 0) FROM learning_streaks WHERE user_id = p_user_id),
        'perfect_scores', (SELECT count(*) FROM assessment_attempts
                           WHERE user_id = p_user_id AND status = 'completed' AND percentage = 100),
        'best_score_by_type', (SELECT coalesce(jsonb_object_agg(assessment_type, best), '{}') FROM (
                                   SELECT s.assessment_type, max(a.percentage) AS best
                                   FROM assessment_attempts a JOIN assessments s ON s.id = a.assessment_id
                                   WHERE a.user_id = p_user_id AND a.status IN ('completed', 'timed_out')
                                   GROUP BY 1) t),
        -- per domain: components finished out of the published ones (domain mastery = all of them)
        'domains', (SELECT coalesce(jsonb_object_agg(domain, jsonb_build_object('done', done, 'total', total)), '{}')
                    FROM (SELECT c.domain, count(*) AS total,
                                 count(p.id) FILTER (WHERE p.status IN ('completed', 'mastered')) AS done
                          FROM learning_components c
                          LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = p_user_id
                          WHERE c.is_published AND c.deleted_at IS NULL
                          GROUP BY c.domain) d)
    );
$$;
