"""Accounts: registration, email verification, sign-in sessions, password reset, profile and settings."""
