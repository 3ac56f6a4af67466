"""The signed-in user's own space: profile, settings, goals, streak, achievements and dashboard."""
