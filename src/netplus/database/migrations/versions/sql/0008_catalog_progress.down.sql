DROP TRIGGER user_progress_component_counters ON user_progress;
DROP FUNCTION user_progress_component_counters();
DROP FUNCTION refresh_component_counters(uuid);

-- The rule of 0001 (time zones corrected by the upgrade stay corrected).
CREATE OR REPLACE FUNCTION is_valid_timezone(tz text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN false;
END;
$$;
DROP FUNCTION iana_timezone_names();
