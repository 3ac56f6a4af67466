DROP FUNCTION exam_scaled_score(numeric);
DROP TRIGGER question_bank_exam_objectives ON question_bank;
DROP TRIGGER learning_components_exam_objectives ON learning_components;
DROP FUNCTION check_exam_objectives();
ALTER TABLE assessments DROP COLUMN exam_code;
ALTER TABLE question_bank DROP COLUMN exam_code;
ALTER TABLE learning_components DROP COLUMN exam_code;
DROP TABLE exam_objectives, exam_domains, exam_versions;
