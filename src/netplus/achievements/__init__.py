"""Achievements: criteria as data, one engine that evaluates them after each learning activity."""
