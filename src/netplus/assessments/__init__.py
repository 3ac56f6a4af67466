"""Assessments: the timed quiz and exam engine (attempts, answers, scoring, review) and generated drills."""
