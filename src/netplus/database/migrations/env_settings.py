"""Constants of the migration environment, importable without running it."""

MIGRATION_LOCK_KEY = 7_321_004_009  # any constant; every migrating process takes the same one
LOCK_TIMEOUT = "10s"
