"""The database feature: migrations, roles, demo data, backups, maintenance and status."""
