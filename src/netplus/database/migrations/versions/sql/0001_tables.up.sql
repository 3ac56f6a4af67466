-- 0001: the seed's 17 tables, their constraints, indexes and updated_at triggers.
-- Enumerated values are CHECK constraints on text (see backend/database/README.md: "Enumerations").

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- Lets a CHECK constraint refuse time zones the server does not know ('Mars/Olympus').
CREATE FUNCTION is_valid_timezone(tz text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN false;
END;
$$;

-- 1. Core user tables --------------------------------------------------------------------------

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email           text NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    username        text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
    password_hash   text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$.{53}$'),
    role            text NOT NULL DEFAULT 'student'
                    CHECK (role IN ('student', 'instructor', 'admin')),
    account_status  text NOT NULL DEFAULT 'active'
                    CHECK (account_status IN ('active', 'suspended', 'deactivated', 'deleted')),
    email_verified  boolean NOT NULL DEFAULT false,
    email_verified_at timestamptz,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    -- A soft-deleted account is exactly an account whose status is 'deleted'.
    CONSTRAINT users_deleted_status CHECK ((deleted_at IS NOT NULL) = (account_status = 'deleted')),
    CONSTRAINT users_verified_at CHECK (NOT email_verified OR email_verified_at IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_username_key ON users (lower(username)) WHERE deleted_at IS NULL;
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_account_status_idx ON users (account_status);
CREATE INDEX users_created_at_idx ON users (created_at);

CREATE TABLE user_profiles (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    first_name      text CHECK (length(first_name) <= 100),
    last_name       text CHECK (length(last_name) <= 100),
    display_name    text CHECK (length(display_name) <= 100),
    bio             text CHECK (length(bio) <= 2000),
    avatar_url      text CHECK (avatar_url ~ '^https?://' AND length(avatar_url) <= 2048),
    timezone        text NOT NULL DEFAULT 'UTC' CHECK (is_valid_timezone(timezone)),
    locale          text NOT NULL DEFAULT 'en-US' CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    certifications  text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_settings (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id               uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    theme                 text NOT NULL DEFAULT 'system' CHECK (theme IN ('light', 'dark', 'system')),
    notifications_enabled boolean NOT NULL DEFAULT true,
    email_notifications   boolean NOT NULL DEFAULT true,
    study_reminders       boolean NOT NULL DEFAULT false,
    reminder_time         time NOT NULL DEFAULT '19:00',
    -- 0 = Sunday ... 6 = Saturday, as EXTRACT(DOW) counts.
    reminder_days         smallint[] NOT NULL DEFAULT '{1,2,3,4,5}'
                          CHECK (reminder_days <@ '{0,1,2,3,4,5,6}'::smallint[]),
    accessibility_mode    boolean NOT NULL DEFAULT false,
    high_contrast         boolean NOT NULL DEFAULT false,
    font_size             text NOT NULL DEFAULT 'medium'
                          CHECK (font_size IN ('small', 'medium', 'large', 'x-large')),
    daily_goal_minutes    integer NOT NULL DEFAULT 30 CHECK (daily_goal_minutes BETWEEN 5 AND 720),
    privacy_settings      jsonb NOT NULL DEFAULT '{"profile_visible": false, "show_on_leaderboard": false}'
                          CHECK (jsonb_typeof(privacy_settings) = 'object'),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- 2. Learning content --------------------------------------------------------------------------

CREATE TABLE learning_components (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    component_type     text NOT NULL CHECK (component_type IN (
                           'lesson', 'video', 'flashcard', 'quiz', 'lab', 'simulation',
                           'assessment', 'reading', 'practice_exam', 'study_guide')),
    domain             text NOT NULL CHECK (domain ~ '^[1-9]\.0$'),
    subdomain          text CHECK (length(subdomain) <= 200),
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    slug               text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description        text,
    content            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(content) = 'object'),
    difficulty_level   text NOT NULL DEFAULT 'beginner'
                       CHECK (difficulty_level IN ('beginner', 'intermediate', 'advanced')),
    estimated_minutes  integer CHECK (estimated_minutes > 0),
    prerequisites      uuid[] NOT NULL DEFAULT '{}',
    comptia_objectives text[] NOT NULL DEFAULT '{}'
                       CHECK (array_to_string(comptia_objectives, ',') ~ '^([1-9]\.[0-9]+(,|$))*$'),
    sort_order         integer NOT NULL DEFAULT 0,
    is_published       boolean NOT NULL DEFAULT false,
    published_at       timestamptz,
    author_id          uuid REFERENCES users (id) ON DELETE SET NULL,
    view_count         integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    completion_count   integer NOT NULL DEFAULT 0 CHECK (completion_count >= 0),
    average_rating     numeric(3, 2),
    rating_count       integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    CONSTRAINT learning_components_rating CHECK (
        (rating_count = 0 AND average_rating IS NULL)
        OR (rating_count > 0 AND average_rating BETWEEN 1 AND 5)),
    CONSTRAINT learning_components_published_at CHECK (NOT is_published OR published_at IS NOT NULL),
    CONSTRAINT learning_components_no_self_prerequisite CHECK (NOT (id = ANY (prerequisites)))
);
CREATE INDEX learning_components_catalog_idx ON learning_components (domain, component_type, sort_order)
    WHERE is_published AND deleted_at IS NULL;
CREATE INDEX learning_components_type_idx ON learning_components (component_type);
CREATE INDEX learning_components_difficulty_idx ON learning_components (difficulty_level);
CREATE INDEX learning_components_objectives_idx ON learning_components USING gin (comptia_objectives);
CREATE INDEX learning_components_prerequisites_idx ON learning_components USING gin (prerequisites);
CREATE INDEX learning_components_author_idx ON learning_components (author_id);
CREATE INDEX learning_components_search_idx ON learning_components USING gin (
    to_tsvector('english', title || ' ' || coalesce(description, '')));

CREATE TABLE user_progress (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    component_id        uuid NOT NULL REFERENCES learning_components (id) ON DELETE RESTRICT,
    status              text NOT NULL DEFAULT 'not_started'
                        CHECK (status IN ('not_started', 'in_progress', 'completed', 'mastered')),
    progress_percentage numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress_percentage BETWEEN 0 AND 100),
    time_spent_minutes  integer NOT NULL DEFAULT 0 CHECK (time_spent_minutes >= 0),
    last_position       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(last_position) = 'object'),
    best_score          numeric(5, 2) CHECK (best_score BETWEEN 0 AND 100),
    latest_score        numeric(5, 2) CHECK (latest_score BETWEEN 0 AND 100),
    rating              smallint CHECK (rating BETWEEN 1 AND 5),
    started_at          timestamptz,
    last_accessed_at    timestamptz,
    completion_date     timestamptz,
    mastery_date        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, component_id),
    CONSTRAINT user_progress_best_score CHECK (best_score >= latest_score OR latest_score IS NULL),
    CONSTRAINT user_progress_completed CHECK (
        status NOT IN ('completed', 'mastered')
        OR (completion_date IS NOT NULL AND progress_percentage = 100)),
    CONSTRAINT user_progress_mastered CHECK ((status = 'mastered') = (mastery_date IS NOT NULL)),
    CONSTRAINT user_progress_dates CHECK (
        mastery_date >= completion_date AND completion_date >= started_at)
);
CREATE INDEX user_progress_component_idx ON user_progress (component_id, status);
CREATE INDEX user_progress_user_status_idx ON user_progress (user_id, status, last_accessed_at DESC);

CREATE TABLE learning_sessions (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    component_id      uuid REFERENCES learning_components (id) ON DELETE SET NULL,
    session_start     timestamptz NOT NULL DEFAULT now(),
    session_end       timestamptz,
    duration_minutes  integer CHECK (duration_minutes >= 0),
    interaction_count integer NOT NULL DEFAULT 0 CHECK (interaction_count >= 0),
    device_type       text CHECK (device_type IN ('desktop', 'tablet', 'mobile')),
    session_data      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(session_data) = 'object'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT learning_sessions_end CHECK (session_end >= session_start),
    CONSTRAINT learning_sessions_duration CHECK ((session_end IS NULL) = (duration_minutes IS NULL))
);
CREATE INDEX learning_sessions_user_start_idx ON learning_sessions (user_id, session_start DESC);
CREATE INDEX learning_sessions_component_idx ON learning_sessions (component_id, session_start);
CREATE INDEX learning_sessions_start_idx ON learning_sessions (session_start);
CREATE INDEX learning_sessions_created_at_idx ON learning_sessions (created_at);

-- 3. Assessments -------------------------------------------------------------------------------

CREATE TABLE question_bank (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    question_type        text NOT NULL CHECK (question_type IN (
                             'multiple_choice', 'multiple_select', 'true_false',
                             'fill_blank', 'matching', 'simulation')),
    question_text        text NOT NULL CHECK (length(question_text) > 0),
    question_data        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(question_data) = 'object'),
    correct_answer       jsonb NOT NULL,
    explanation          text,
    hints                text[] NOT NULL DEFAULT '{}',
    points               integer NOT NULL DEFAULT 1 CHECK (points BETWEEN 1 AND 100),
    difficulty_level     text NOT NULL DEFAULT 'intermediate'
                         CHECK (difficulty_level IN ('beginner', 'intermediate', 'advanced')),
    domain               text CHECK (domain ~ '^[1-9]\.0$'),
    comptia_objectives   text[] NOT NULL DEFAULT '{}'
                         CHECK (array_to_string(comptia_objectives, ',') ~ '^([1-9]\.[0-9]+(,|$))*$'),
    tags                 text[] NOT NULL DEFAULT '{}',
    is_published         boolean NOT NULL DEFAULT false,
    author_id            uuid REFERENCES users (id) ON DELETE SET NULL,
    usage_count          integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
    correct_count        integer NOT NULL DEFAULT 0 CHECK (correct_count >= 0),
    incorrect_count      integer NOT NULL DEFAULT 0 CHECK (incorrect_count >= 0),
    average_time_seconds numeric(8, 2) CHECK (average_time_seconds >= 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    CONSTRAINT question_bank_counts CHECK (correct_count + incorrect_count <= usage_count)
    -- question_bank_answer_matches_options is added with its function in 0002.
);
CREATE INDEX question_bank_domain_idx ON question_bank (domain, question_type) WHERE deleted_at IS NULL;
CREATE INDEX question_bank_objectives_idx ON question_bank USING gin (comptia_objectives);
CREATE INDEX question_bank_author_idx ON question_bank (author_id);

CREATE TABLE assessments (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    component_id        uuid REFERENCES learning_components (id) ON DELETE SET NULL,
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    slug                text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description         text,
    assessment_type     text NOT NULL CHECK (assessment_type IN ('quiz', 'practice_exam', 'final_exam', 'checkpoint')),
    time_limit_minutes  integer CHECK (time_limit_minutes BETWEEN 1 AND 600),
    passing_score       numeric(5, 2) NOT NULL DEFAULT 70 CHECK (passing_score BETWEEN 0 AND 100),
    question_ids        uuid[] NOT NULL DEFAULT '{}',
    randomize_questions boolean NOT NULL DEFAULT false,
    randomize_answers   boolean NOT NULL DEFAULT false,
    show_answers_after  boolean NOT NULL DEFAULT true,
    allow_review        boolean NOT NULL DEFAULT true,
    max_attempts        integer CHECK (max_attempts > 0),
    is_published        boolean NOT NULL DEFAULT false,
    author_id           uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    CONSTRAINT assessments_published_has_questions CHECK (NOT is_published OR cardinality(question_ids) > 0)
);
CREATE INDEX assessments_component_idx ON assessments (component_id);
CREATE INDEX assessments_type_idx ON assessments (assessment_type) WHERE is_published AND deleted_at IS NULL;
CREATE INDEX assessments_question_ids_idx ON assessments USING gin (question_ids);
CREATE INDEX assessments_author_idx ON assessments (author_id);

CREATE TABLE assessment_attempts (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    assessment_id      uuid NOT NULL REFERENCES assessments (id) ON DELETE RESTRICT,
    user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attempt_number     integer NOT NULL CHECK (attempt_number > 0),
    status             text NOT NULL DEFAULT 'in_progress'
                       CHECK (status IN ('in_progress', 'completed', 'abandoned', 'timed_out')),
    started_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz,
    completed_at       timestamptz,
    time_spent_seconds integer CHECK (time_spent_seconds >= 0),
    score              numeric(8, 2) CHECK (score >= 0),
    max_score          numeric(8, 2) CHECK (max_score > 0),
    percentage         numeric(5, 2) CHECK (percentage BETWEEN 0 AND 100),
    passed             boolean,
    question_order     uuid[] NOT NULL DEFAULT '{}',
    -- Option order shown per question when answers are randomized: {"<question id>": ["c", "a", ...]}.
    answer_order       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answer_order) = 'object'),
    correct_answers    integer NOT NULL DEFAULT 0 CHECK (correct_answers >= 0),
    incorrect_answers  integer NOT NULL DEFAULT 0 CHECK (incorrect_answers >= 0),
    skipped_questions  integer NOT NULL DEFAULT 0 CHECK (skipped_questions >= 0),
    -- Per-domain and per-objective breakdown written when the attempt is scored.
    result_details     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(result_details) = 'object'),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (assessment_id, user_id, attempt_number),
    CONSTRAINT assessment_attempts_finished CHECK ((status = 'in_progress') = (completed_at IS NULL)),
    CONSTRAINT assessment_attempts_dates CHECK (completed_at >= started_at AND expires_at > started_at),
    CONSTRAINT assessment_attempts_counts CHECK (
        correct_answers + incorrect_answers + skipped_questions <= cardinality(question_order)),
    CONSTRAINT assessment_attempts_score CHECK (score <= max_score)
);
-- One attempt in progress per user and assessment: a second "start" resumes instead of duplicating.
CREATE UNIQUE INDEX assessment_attempts_one_open_idx ON assessment_attempts (user_id, assessment_id)
    WHERE status = 'in_progress';
CREATE INDEX assessment_attempts_user_idx ON assessment_attempts (user_id, started_at DESC);
CREATE INDEX assessment_attempts_assessment_idx ON assessment_attempts (assessment_id, status);

CREATE TABLE assessment_answers (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    attempt_id         uuid NOT NULL REFERENCES assessment_attempts (id) ON DELETE CASCADE,
    question_id        uuid NOT NULL REFERENCES question_bank (id) ON DELETE RESTRICT,
    user_answer        jsonb,
    is_correct         boolean,
    points_earned      numeric(6, 2) NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
    time_spent_seconds integer NOT NULL DEFAULT 0 CHECK (time_spent_seconds >= 0),
    flagged_for_review boolean NOT NULL DEFAULT false,
    answered_at        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (attempt_id, question_id)
);
CREATE INDEX assessment_answers_question_idx ON assessment_answers (question_id);

-- 4. Progress tracking -------------------------------------------------------------------------

CREATE TABLE achievements (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code             text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]{2,64}$'),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description      text NOT NULL,
    achievement_type text NOT NULL CHECK (achievement_type IN ('badge', 'milestone', 'streak', 'mastery', 'special')),
    rarity           text NOT NULL DEFAULT 'common'
                     CHECK (rarity IN ('common', 'uncommon', 'rare', 'epic', 'legendary')),
    criteria         jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'object' AND criteria ? 'type'),
    points           integer NOT NULL DEFAULT 10 CHECK (points >= 0),
    icon             text,
    is_active        boolean NOT NULL DEFAULT true,
    is_secret        boolean NOT NULL DEFAULT false,
    sort_order       integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX achievements_type_idx ON achievements (achievement_type) WHERE is_active;

-- A row with earned_at NULL is an achievement in progress (progress_data says how far).
CREATE TABLE user_achievements (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE RESTRICT,
    earned_at      timestamptz,
    progress_data  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(progress_data) = 'object'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, achievement_id)
);
CREATE INDEX user_achievements_achievement_idx ON user_achievements (achievement_id);
CREATE INDEX user_achievements_earned_idx ON user_achievements (user_id, earned_at DESC) WHERE earned_at IS NOT NULL;

CREATE TABLE learning_streaks (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id            uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    current_streak     integer NOT NULL DEFAULT 0 CHECK (current_streak >= 0),
    longest_streak     integer NOT NULL DEFAULT 0,
    last_activity_date date,
    total_active_days  integer NOT NULL DEFAULT 0,
    streak_frozen_days integer NOT NULL DEFAULT 0 CHECK (streak_frozen_days BETWEEN 0 AND 30),
    streak_history     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(streak_history) = 'array'),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT learning_streaks_longest CHECK (longest_streak >= current_streak),
    CONSTRAINT learning_streaks_total CHECK (total_active_days >= longest_streak)
);

CREATE TABLE study_goals (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    goal_type      text NOT NULL CHECK (goal_type IN ('daily', 'weekly', 'monthly', 'exam_date', 'custom')),
    metric         text NOT NULL CHECK (metric IN ('minutes', 'components', 'assessments', 'score', 'streak')),
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description    text,
    target_value   numeric(10, 2) NOT NULL CHECK (target_value > 0),
    current_value  numeric(10, 2) NOT NULL DEFAULT 0 CHECK (current_value >= 0),
    start_date     date NOT NULL DEFAULT current_date,
    target_date    date,
    completed_date date,
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'failed', 'abandoned')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT study_goals_dates CHECK (target_date >= start_date AND completed_date >= start_date),
    CONSTRAINT study_goals_completed CHECK ((status = 'completed') = (completed_date IS NOT NULL)),
    CONSTRAINT study_goals_score_target CHECK (metric <> 'score' OR target_value <= 100),
    CONSTRAINT study_goals_exam_date CHECK (goal_type <> 'exam_date' OR target_date IS NOT NULL)
);
CREATE INDEX study_goals_user_status_idx ON study_goals (user_id, status);

-- 5. Analytics ---------------------------------------------------------------------------------

CREATE TABLE user_activity_logs (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Audit rows outlive a (hard-deleted) account.
    user_id              uuid REFERENCES users (id) ON DELETE SET NULL,
    activity_type        text NOT NULL CHECK (activity_type ~ '^[a-z][a-z0-9_.]{1,63}$'),
    activity_description text,
    resource_type        text,
    resource_id          uuid,
    metadata             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    ip_address           inet,
    user_agent           text CHECK (length(user_agent) <= 1000),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_activity_logs_user_idx ON user_activity_logs (user_id, created_at DESC);
CREATE INDEX user_activity_logs_type_idx ON user_activity_logs (activity_type, created_at DESC);
CREATE INDEX user_activity_logs_created_at_idx ON user_activity_logs (created_at);
CREATE INDEX user_activity_logs_resource_idx ON user_activity_logs (resource_type, resource_id);

-- Where `netplus db maintain monthly` moves activity logs older than 90 days.
CREATE TABLE user_activity_logs_archive (
    LIKE user_activity_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    archived_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id)
);
CREATE INDEX user_activity_logs_archive_user_idx ON user_activity_logs_archive (user_id, created_at);

CREATE TABLE component_analytics (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    component_id         uuid NOT NULL REFERENCES learning_components (id) ON DELETE CASCADE,
    date                 date NOT NULL,
    views                integer NOT NULL DEFAULT 0 CHECK (views >= 0),
    unique_users         integer NOT NULL DEFAULT 0 CHECK (unique_users >= 0),
    completions          integer NOT NULL DEFAULT 0 CHECK (completions >= 0),
    average_time_minutes numeric(8, 2) CHECK (average_time_minutes >= 0),
    average_score        numeric(5, 2) CHECK (average_score BETWEEN 0 AND 100),
    engagement_rate      numeric(5, 2) CHECK (engagement_rate BETWEEN 0 AND 100),
    bounce_rate          numeric(5, 2) CHECK (bounce_rate BETWEEN 0 AND 100),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (component_id, date)
);
CREATE INDEX component_analytics_date_idx ON component_analytics (date);

CREATE TABLE performance_metrics (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    metric_type  text NOT NULL CHECK (length(metric_type) BETWEEN 1 AND 64),
    metric_name  text NOT NULL CHECK (length(metric_name) BETWEEN 1 AND 200),
    metric_value double precision NOT NULL,
    unit         text,
    tags         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(tags) = 'object'),
    "timestamp"  timestamptz NOT NULL DEFAULT now(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX performance_metrics_lookup_idx ON performance_metrics (metric_type, metric_name, "timestamp" DESC);
CREATE INDEX performance_metrics_timestamp_idx ON performance_metrics ("timestamp");

-- updated_at on every table.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'users', 'user_profiles', 'user_settings', 'learning_components', 'user_progress',
        'learning_sessions', 'question_bank', 'assessments', 'assessment_attempts', 'assessment_answers',
        'achievements', 'user_achievements', 'learning_streaks', 'study_goals', 'user_activity_logs',
        'user_activity_logs_archive', 'component_analytics', 'performance_metrics']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                       t || '_set_updated_at', t);
    END LOOP;
END;
$$;
