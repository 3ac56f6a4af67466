DROP FUNCTION refresh_analytics_views();
DROP MATERIALIZED VIEW mv_weekly_domain_progress;
DROP MATERIALIZED VIEW mv_daily_user_activity;
DROP VIEW v_question_performance, v_user_assessment_history, v_assessment_performance,
    v_component_performance, v_user_learning_stats;
