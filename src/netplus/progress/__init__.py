"""Progress: components started and finished, learning sessions, and what moves after each activity."""
