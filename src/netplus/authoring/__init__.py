"""Authoring for instructors and admins: components, questions and assessments, from draft to published."""
