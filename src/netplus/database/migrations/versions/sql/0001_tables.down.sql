DROP TABLE performance_metrics, component_analytics, user_activity_logs_archive, user_activity_logs,
    study_goals, learning_streaks, user_achievements, achievements, assessment_answers,
    assessment_attempts, assessments, question_bank, learning_sessions, user_progress,
    learning_components, user_settings, user_profiles, users;
DROP FUNCTION is_valid_timezone(text);
DROP FUNCTION set_updated_at();
