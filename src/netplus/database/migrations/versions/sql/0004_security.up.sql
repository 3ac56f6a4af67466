-- 0004: roles, grants and row-level security.
-- The application connects as (or SETs ROLE to) app_user, which owns nothing, so RLS applies to it.
-- Each transaction names its user with set_config('app.user_id', <uuid>, true); with no user set,
-- the per-user tables show nothing.

-- Roles are cluster-wide: create them without login if missing (`netplus db roles` gives them
-- passwords from the environment). A concurrent creation in another database is not an error.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['app_user', 'readonly'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END;
$$;

-- No SET clause, so the planner can inline it into the policies (it names no table).
CREATE FUNCTION app_current_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::uuid;
$$;

-- The role of the transaction's user, read from users (so a GUC alone cannot grant staff rights).
-- Suspended, deactivated and deleted accounts have no role.
CREATE FUNCTION app_current_user_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT role FROM users
    WHERE id = app_current_user_id() AND account_status = 'active' AND deleted_at IS NULL;
$$;

GRANT USAGE ON SCHEMA public TO app_user, readonly;

GRANT SELECT, INSERT, UPDATE, DELETE ON
    users, user_profiles, user_settings, learning_components, user_progress, learning_sessions,
    question_bank, assessments, assessment_attempts, assessment_answers, achievements,
    user_achievements, learning_streaks, study_goals, component_analytics, performance_metrics
TO app_user;
-- The audit trail is append-only for the application.
GRANT SELECT, INSERT ON user_activity_logs TO app_user;
GRANT SELECT ON v_user_learning_stats, v_component_performance, v_assessment_performance,
    v_user_assessment_history, v_question_performance, mv_daily_user_activity, mv_weekly_domain_progress
TO app_user;

GRANT SELECT ON
    users, user_profiles, user_settings, learning_components, user_progress, learning_sessions,
    question_bank, assessments, assessment_attempts, assessment_answers, achievements,
    user_achievements, learning_streaks, study_goals, user_activity_logs, user_activity_logs_archive,
    component_analytics, performance_metrics,
    v_user_learning_stats, v_component_performance, v_assessment_performance,
    v_user_assessment_history, v_question_performance, mv_daily_user_activity, mv_weekly_domain_progress
TO readonly;

-- Per-user tables: the owner reads and writes their rows; instructors and admins read all rows
-- (instructors follow their learners); admins also write; the readonly analytics role reads all.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_profiles', 'user_settings', 'user_progress', 'learning_sessions',
                             'assessment_attempts', 'learning_streaks', 'study_goals', 'user_achievements']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO app_user
                        USING (user_id = app_current_user_id()) WITH CHECK (user_id = app_current_user_id())',
                       t || '_owner', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO app_user
                        USING (app_current_user_role() IN (''instructor'', ''admin''))', t || '_staff_read', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO app_user
                        USING (app_current_user_role() = ''admin'') WITH CHECK (app_current_user_role() = ''admin'')',
                       t || '_admin_write', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO readonly USING (true)', t || '_readonly', t);
    END LOOP;
END;
$$;

-- Answers belong to the user of their attempt.
ALTER TABLE assessment_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY assessment_answers_owner ON assessment_answers FOR ALL TO app_user
    USING (EXISTS (SELECT 1 FROM assessment_attempts a
                   WHERE a.id = attempt_id AND a.user_id = app_current_user_id()))
    WITH CHECK (EXISTS (SELECT 1 FROM assessment_attempts a
                        WHERE a.id = attempt_id AND a.user_id = app_current_user_id()));
CREATE POLICY assessment_answers_staff_read ON assessment_answers FOR SELECT TO app_user
    USING (app_current_user_role() IN ('instructor', 'admin'));
CREATE POLICY assessment_answers_admin_write ON assessment_answers FOR ALL TO app_user
    USING (app_current_user_role() = 'admin') WITH CHECK (app_current_user_role() = 'admin');
CREATE POLICY assessment_answers_readonly ON assessment_answers FOR SELECT TO readonly USING (true);

-- The seed's policy, kept by name: users see only their own activity.
ALTER TABLE user_activity_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_logs_policy ON user_activity_logs FOR SELECT TO app_user
    USING (user_id = app_current_user_id());
CREATE POLICY user_logs_admin_read ON user_activity_logs FOR SELECT TO app_user
    USING (app_current_user_role() = 'admin');
-- Anonymous events (a failed login for an unknown name) have no user.
CREATE POLICY user_logs_insert ON user_activity_logs FOR INSERT TO app_user
    WITH CHECK (user_id IS NULL OR user_id = app_current_user_id() OR app_current_user_role() = 'admin');
CREATE POLICY user_logs_readonly ON user_activity_logs FOR SELECT TO readonly USING (true);
