"""Shared plumbing: configuration, database connections, errors."""
