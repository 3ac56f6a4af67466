-- 0002: integrity rules that a plain constraint cannot express, and the seed's five functions.

-- Is a question's correct answer consistent with its options? Shapes: content/FORMAT.md.
CREATE FUNCTION question_answer_is_consistent(qtype text, qdata jsonb, answer jsonb) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
    option_ids jsonb;
    field jsonb;
    expected jsonb;
BEGIN
    CASE qtype
    WHEN 'multiple_choice', 'multiple_select' THEN
        IF jsonb_typeof(qdata -> 'options') IS DISTINCT FROM 'array' OR jsonb_array_length(qdata -> 'options') < 2 THEN
            RETURN false;
        END IF;
        SELECT jsonb_agg(o -> 'id') INTO option_ids FROM jsonb_array_elements(qdata -> 'options') o;
        IF (SELECT count(DISTINCT x) FROM jsonb_array_elements(option_ids) x) <> jsonb_array_length(option_ids)
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(option_ids) x WHERE jsonb_typeof(x) <> 'string') THEN
            RETURN false;
        END IF;
        IF qtype = 'multiple_choice' THEN
            RETURN jsonb_typeof(answer) = 'string' AND option_ids @> jsonb_build_array(answer);
        END IF;
        RETURN jsonb_typeof(answer) = 'array' AND jsonb_array_length(answer) >= 1
            AND option_ids @> answer
            AND (SELECT count(DISTINCT x) FROM jsonb_array_elements(answer) x) = jsonb_array_length(answer);
    WHEN 'true_false' THEN
        RETURN jsonb_typeof(answer) = 'boolean';
    WHEN 'fill_blank' THEN
        RETURN jsonb_typeof(answer) = 'array' AND jsonb_array_length(answer) >= 1
            AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(answer) x
                            WHERE jsonb_typeof(x) <> 'string' OR btrim(x #>> '{}') = '');
    WHEN 'matching' THEN
        IF jsonb_typeof(answer) <> 'object' OR jsonb_typeof(qdata -> 'left') IS DISTINCT FROM 'array'
           OR jsonb_typeof(qdata -> 'right') IS DISTINCT FROM 'array' THEN
            RETURN false;
        END IF;
        -- Every left item paired exactly once, each with an existing right item.
        RETURN (SELECT coalesce(array_agg(l ->> 'id' ORDER BY l ->> 'id'), '{}')
                  FROM jsonb_array_elements(qdata -> 'left') l)
             = (SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM jsonb_object_keys(answer) k)
           AND NOT EXISTS (SELECT 1 FROM jsonb_each(answer) p
                           WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(qdata -> 'right') r
                                             WHERE r -> 'id' = p.value));
    WHEN 'simulation' THEN
        IF jsonb_typeof(answer) <> 'object' OR jsonb_typeof(qdata -> 'fields') IS DISTINCT FROM 'array'
           OR jsonb_array_length(qdata -> 'fields') = 0 THEN
            RETURN false;
        END IF;
        IF (SELECT array_agg(f ->> 'id' ORDER BY f ->> 'id') FROM jsonb_array_elements(qdata -> 'fields') f)
           IS DISTINCT FROM (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(answer) k) THEN
            RETURN false;
        END IF;
        FOR field IN SELECT * FROM jsonb_array_elements(qdata -> 'fields') LOOP
            expected := answer -> (field ->> 'id');
            CASE field ->> 'kind'
            WHEN 'select' THEN
                IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(field -> 'options') o WHERE o -> 'id' = expected) THEN
                    RETURN false;
                END IF;
            WHEN 'order' THEN
                IF jsonb_typeof(expected) <> 'array'
                   OR (SELECT array_agg(x #>> '{}' ORDER BY x #>> '{}') FROM jsonb_array_elements(expected) x)
                      IS DISTINCT FROM
                      (SELECT array_agg(i ->> 'id' ORDER BY i ->> 'id') FROM jsonb_array_elements(field -> 'items') i) THEN
                    RETURN false;
                END IF;
            WHEN 'text' THEN
                IF jsonb_typeof(expected) <> 'array' OR jsonb_array_length(expected) = 0 THEN
                    RETURN false;
                END IF;
            ELSE
                RETURN false;
            END CASE;
        END LOOP;
        RETURN true;
    ELSE
        RETURN false;
    END CASE;
END;
$$;

ALTER TABLE question_bank ADD CONSTRAINT question_bank_answer_matches_options
    CHECK (question_answer_is_consistent(question_type, question_data, correct_answer));

-- Prerequisites must name existing components and must not form a cycle. Deferred to commit so a
-- loader can insert components in any order within one transaction.
CREATE FUNCTION check_component_prerequisites() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    missing uuid;
BEGIN
    SELECT p INTO missing FROM unnest(NEW.prerequisites) p
    WHERE NOT EXISTS (SELECT 1 FROM learning_components c WHERE c.id = p) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'component % lists unknown prerequisite %', NEW.slug, missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF EXISTS (
        WITH RECURSIVE reachable(id) AS (
            SELECT unnest(NEW.prerequisites)
            UNION
            SELECT unnest(c.prerequisites) FROM learning_components c JOIN reachable r ON c.id = r.id
        )
        SELECT 1 FROM reachable WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'prerequisites of component % form a cycle', NEW.slug
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER learning_components_prerequisites
    AFTER INSERT OR UPDATE OF prerequisites ON learning_components
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_component_prerequisites();

-- A component that others list as a prerequisite cannot be removed out from under them.
CREATE FUNCTION protect_referenced_component() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM learning_components c WHERE OLD.id = ANY (c.prerequisites)) THEN
        RAISE EXCEPTION 'component % is a prerequisite of other components', OLD.slug
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER learning_components_protect_referenced
    BEFORE DELETE ON learning_components FOR EACH ROW EXECUTE FUNCTION protect_referenced_component();

-- An assessment's question_ids must name existing questions, once each.
CREATE FUNCTION check_assessment_questions() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    missing uuid;
BEGIN
    IF cardinality(NEW.question_ids) <> (SELECT count(DISTINCT q) FROM unnest(NEW.question_ids) q) THEN
        RAISE EXCEPTION 'assessment % lists a question twice', NEW.slug USING ERRCODE = 'unique_violation';
    END IF;
    SELECT q INTO missing FROM unnest(NEW.question_ids) q
    WHERE NOT EXISTS (SELECT 1 FROM question_bank b WHERE b.id = q) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'assessment % lists unknown question %', NEW.slug, missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER assessments_question_ids
    AFTER INSERT OR UPDATE OF question_ids ON assessments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_assessment_questions();

CREATE FUNCTION protect_used_question() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessments a WHERE a.question_ids @> ARRAY[OLD.id]) THEN
        RAISE EXCEPTION 'question % is used by an assessment', OLD.id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER question_bank_protect_used
    BEFORE DELETE ON question_bank FOR EACH ROW EXECUTE FUNCTION protect_used_question();

-- The seed's functions ---------------------------------------------------------------------------

-- Share of the published catalog a user has worked through: the mean of the user's progress over
-- every published component (components never opened count as 0, completed/mastered as 100).
CREATE FUNCTION calculate_overall_progress(p_user_id uuid) RETURNS numeric(5, 2)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT coalesce(round(avg(CASE WHEN p.status IN ('completed', 'mastered') THEN 100
                                   ELSE coalesce(p.progress_percentage, 0) END), 2), 0)::numeric(5, 2)
    FROM learning_components c
    LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = p_user_id
    WHERE c.is_published AND c.deleted_at IS NULL;
$$;

-- Records a day of activity. Rules: first activity starts a streak of 1; a second activity the same
-- day (or a date before the last one) changes nothing; the next day adds 1; a gap of N missed days is
-- bridged by spending N streak freezes when the user has that many (the streak then grows by 1, frozen
-- days are not active days), otherwise the streak restarts at 1 and the freezes are kept.
-- streak_history keeps one entry per active day (the last 730).
CREATE FUNCTION update_learning_streak(p_user_id uuid, p_activity_date date DEFAULT current_date)
RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    s learning_streaks%ROWTYPE;
    missed integer;
    event text;
    freezes_used integer := 0;
    previous_streak integer;
BEGIN
    IF p_activity_date IS NULL THEN
        RAISE EXCEPTION 'activity date must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    INSERT INTO learning_streaks (user_id) VALUES (p_user_id) ON CONFLICT (user_id) DO NOTHING;
    SELECT * INTO s FROM learning_streaks WHERE user_id = p_user_id FOR UPDATE;
    previous_streak := s.current_streak;

    IF s.last_activity_date IS NULL THEN
        event := 'start';
        s.current_streak := 1;
    ELSIF p_activity_date <= s.last_activity_date THEN
        RETURN;
    ELSE
        missed := p_activity_date - s.last_activity_date - 1;
        IF missed = 0 THEN
            event := 'continue';
            s.current_streak := s.current_streak + 1;
        ELSIF missed <= s.streak_frozen_days THEN
            event := 'freeze';
            freezes_used := missed;
            s.streak_frozen_days := s.streak_frozen_days - missed;
            s.current_streak := s.current_streak + 1;
        ELSE
            event := 'reset';
            s.current_streak := 1;
        END IF;
    END IF;

    UPDATE learning_streaks SET
        current_streak = s.current_streak,
        longest_streak = greatest(s.longest_streak, s.current_streak),
        last_activity_date = p_activity_date,
        total_active_days = s.total_active_days + 1,
        streak_frozen_days = s.streak_frozen_days,
        streak_history = (
            SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb)
            FROM (SELECT e, n FROM jsonb_array_elements(
                      s.streak_history || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
                          'date', p_activity_date, 'streak', s.current_streak, 'event', event,
                          'freezes_used', nullif(freezes_used, 0),
                          'previous_streak', CASE WHEN event = 'reset' THEN previous_streak END))))
                  WITH ORDINALITY AS h(e, n)
                  ORDER BY n DESC LIMIT 730) kept)
    WHERE user_id = p_user_id;
END;
$$;

-- Awards an achievement once. True only for the call that awarded it; safe under concurrent calls
-- (the unique (user_id, achievement_id) row is the arbiter). Inactive achievements are not awarded;
-- an unknown code is an error, because it is a bug in the caller.
CREATE FUNCTION check_and_award_achievement(p_user_id uuid, p_achievement_code text) RETURNS boolean
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    a_id uuid;
    a_active boolean;
    awarded uuid;
BEGIN
    SELECT id, is_active INTO a_id, a_active FROM achievements WHERE code = p_achievement_code;
    IF a_id IS NULL THEN
        RAISE EXCEPTION 'unknown achievement code %', p_achievement_code USING ERRCODE = 'no_data_found';
    END IF;
    IF NOT a_active THEN
        RETURN false;
    END IF;
    INSERT INTO user_achievements AS ua (user_id, achievement_id, earned_at)
    VALUES (p_user_id, a_id, now())
    ON CONFLICT (user_id, achievement_id) DO UPDATE SET earned_at = now()
        WHERE ua.earned_at IS NULL
    RETURNING ua.id INTO awarded;
    RETURN awarded IS NOT NULL;
END;
$$;

-- One row for an existing, not deleted user; no row otherwise. average_assessment_score is NULL
-- until the user has finished an attempt (no attempts is not a score of 0).
CREATE FUNCTION get_user_dashboard_summary(p_user_id uuid)
RETURNS TABLE (
    components_started       integer,
    components_completed     integer,
    total_time_minutes       integer,
    current_streak           integer,
    longest_streak           integer,
    achievement_count        integer,
    average_assessment_score numeric(5, 2),
    active_goals_count       integer
)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT
        (SELECT count(*) FROM user_progress p WHERE p.user_id = u.id AND p.status <> 'not_started')::integer,
        (SELECT count(*) FROM user_progress p WHERE p.user_id = u.id AND p.status IN ('completed', 'mastered'))::integer,
        (SELECT coalesce(sum(p.time_spent_minutes), 0) FROM user_progress p WHERE p.user_id = u.id)::integer,
        coalesce(s.current_streak, 0),
        coalesce(s.longest_streak, 0),
        (SELECT count(*) FROM user_achievements ua WHERE ua.user_id = u.id AND ua.earned_at IS NOT NULL)::integer,
        (SELECT round(avg(a.percentage), 2) FROM assessment_attempts a
          WHERE a.user_id = u.id AND a.status IN ('completed', 'timed_out'))::numeric(5, 2),
        (SELECT count(*) FROM study_goals g WHERE g.user_id = u.id AND g.status = 'active')::integer
    FROM users u
    LEFT JOIN learning_streaks s ON s.user_id = u.id
    WHERE u.id = p_user_id AND u.deleted_at IS NULL;
$$;
