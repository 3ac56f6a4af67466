-- 0008: what the catalog and progress API rely on.
--  * Time zones are IANA names exactly as the server's tz database lists them ('Europe/London'), no
--    longer anything AT TIME ZONE happens to accept: 'europe/london', '+05:00' or the POSIX 'UTC+3'
--    (which means three hours WEST of UTC) used to pass.
--  * A component's rating_count, average_rating and completion_count are recomputed from
--    user_progress by a trigger whenever a rating or a completion changes, whoever writes the row (the
--    progress API, the assessments engine, an admin): exact, and never counted twice.

-- 1. Time zones ---------------------------------------------------------------------------------

-- Reading pg_timezone_names scans the zone files (about 25 ms), far too slow for a check on every
-- row. The names change only with the server's tz database, so they are read through an IMMUTABLE
-- function the planner folds into a constant once per statement, and is_valid_timezone stays an
-- inlinable SQL function (no SET clause; names qualified) so that folding happens.
CREATE FUNCTION iana_timezone_names() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(name ORDER BY name) FROM pg_catalog.pg_timezone_names;
$$;

CREATE OR REPLACE FUNCTION is_valid_timezone(tz text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT tz = ANY (public.iana_timezone_names());
$$;

-- Rows written under the old rule: a name in the wrong case gets its proper spelling; anything else
-- (an offset or POSIX rule, which is not a place) becomes UTC, so the constraint holds for every row
-- and a dump of this database restores.
UPDATE user_profiles p SET timezone = coalesce(
        (SELECT n.name FROM pg_timezone_names n WHERE lower(n.name) = lower(p.timezone) ORDER BY n.name LIMIT 1),
        'UTC')
WHERE NOT is_valid_timezone(p.timezone);

-- 2. Component counters kept exact -------------------------------------------------------------

-- Recomputes a component's rating_count, average_rating (numeric mean rounded to 2 places; NULL with
-- no ratings) and completion_count (learners whose progress row has a completion_date: each learner's
-- first completion adds exactly 1, a repeat adds nothing) from user_progress. Recomputing rather than
-- adding means no drift, and replaying rows (a data-only restore) cannot count twice.
-- SECURITY DEFINER because each user sees only their own progress row. The component row is locked
-- first, in its own statement, so the recomputing statement (a new snapshot under READ COMMITTED)
-- sees every change committed by a concurrent writer that held the lock before: two users rating at
-- once both count.
CREATE FUNCTION refresh_component_counters(p_component_id uuid)
RETURNS TABLE (average_rating numeric(3, 2), rating_count integer, completion_count integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM 1 FROM learning_components c WHERE c.id = p_component_id FOR UPDATE;
    RETURN QUERY
    UPDATE learning_components c SET (average_rating, rating_count, completion_count) = (
        SELECT round(avg(p.rating), 2)::numeric(3, 2), count(p.rating)::integer,
               count(p.completion_date)::integer
        FROM user_progress p WHERE p.component_id = c.id)
    WHERE c.id = p_component_id
    RETURNING c.average_rating, c.rating_count, c.completion_count;
END;
$$;

-- Whoever writes user_progress (the progress API, the assessments engine, an admin), the counters follow.
CREATE FUNCTION user_progress_component_counters() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' AND (NEW.rating IS NOT NULL OR NEW.completion_date IS NOT NULL)
       OR TG_OP = 'UPDATE' AND (NEW.rating IS DISTINCT FROM OLD.rating
                                OR (NEW.completion_date IS NULL) <> (OLD.completion_date IS NULL)
                                OR NEW.component_id <> OLD.component_id) THEN
        PERFORM refresh_component_counters(NEW.component_id);
    END IF;
    IF TG_OP = 'DELETE' AND (OLD.rating IS NOT NULL OR OLD.completion_date IS NOT NULL)
       OR TG_OP = 'UPDATE' AND NEW.component_id <> OLD.component_id THEN
        PERFORM refresh_component_counters(OLD.component_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER user_progress_component_counters
    AFTER INSERT OR DELETE OR UPDATE OF rating, completion_date, component_id ON user_progress
    FOR EACH ROW EXECUTE FUNCTION user_progress_component_counters();

-- Counters already stored are brought in line once.
UPDATE learning_components c
SET (average_rating, rating_count, completion_count) = (r.average_rating, r.rating_count, r.completion_count)
FROM (SELECT c2.id, round(avg(p.rating), 2)::numeric(3, 2) AS average_rating, count(p.rating)::integer AS rating_count,
             count(p.completion_date)::integer AS completion_count
      FROM learning_components c2 LEFT JOIN user_progress p ON p.component_id = c2.id
      GROUP BY c2.id) r
WHERE r.id = c.id
  AND (c.average_rating, c.rating_count, c.completion_count)
      IS DISTINCT FROM (r.average_rating, r.rating_count, r.completion_count);
