DROP FUNCTION user_learning_totals(uuid);
DROP FUNCTION refresh_study_goals(uuid);
DROP FUNCTION study_goal_end(study_goals);
DROP FUNCTION user_local_date(uuid);
