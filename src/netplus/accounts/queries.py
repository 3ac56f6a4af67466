"""The accounts feature's SQL, by name."""

# The first eight columns are a service.User.
FIND_LOGIN = """
SELECT u.id, u.email, u.username, u.role, u.account_status, u.email_verified, u.created_at, u.last_login_at,
       u.password_hash
FROM users u
WHERE (lower(u.email) = lower(%(identifier)s) OR lower(u.username) = lower(%(identifier)s))
  AND u.deleted_at IS NULL
"""
EMAIL_TAKEN = "SELECT id FROM users WHERE lower(email) = lower(%s) AND deleted_at IS NULL"
USERNAME_TAKEN = "SELECT 1 FROM users WHERE lower(username) = lower(%s) AND deleted_at IS NULL"
INSERT_USER = """
INSERT INTO users (email, username, password_hash) VALUES (%s, %s, %s) RETURNING id
"""
INSERT_PROFILE = "INSERT INTO user_profiles (user_id, display_name) VALUES (%s, %s)"
INSERT_SETTINGS = "INSERT INTO user_settings (user_id) VALUES (%s)"

INSERT_SESSION = """
INSERT INTO auth_sessions (user_id, token_hash, expires_at, ip_address, user_agent)
VALUES (%s, %s, now() + make_interval(days => %s), %s, %s)
RETURNING id, expires_at
"""
# A session counts while it is neither revoked, past its absolute end, nor idle too long; using it
# moves last_seen_at.
TOUCH_SESSION = """
UPDATE auth_sessions s SET last_seen_at = now()
FROM users u
WHERE s.token_hash = %(hash)s AND u.id = s.user_id
  AND s.revoked_at IS NULL AND s.expires_at > now()
  AND s.last_seen_at > now() - make_interval(mins => %(idle)s)
  AND u.account_status = 'active' AND u.deleted_at IS NULL
RETURNING s.id AS session_id, u.id, u.email, u.username, u.role, u.account_status, u.email_verified, u.created_at,
          u.last_login_at
"""
REVOKE_SESSION = "UPDATE auth_sessions SET revoked_at = now() WHERE id = %s AND revoked_at IS NULL"
REVOKE_USER_SESSIONS = """
UPDATE auth_sessions SET revoked_at = now()
WHERE user_id = %s AND revoked_at IS NULL AND id IS DISTINCT FROM %s
"""
LIST_SESSIONS = """
SELECT id, created_at, last_seen_at, expires_at, host(ip_address), user_agent FROM auth_sessions
WHERE user_id = %s AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC
"""
REVOKE_OWN_SESSION = """
UPDATE auth_sessions SET revoked_at = now() WHERE id = %s AND user_id = %s AND revoked_at IS NULL
"""

INSERT_EMAIL_TOKEN = """
INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
VALUES (%s, %s, %s, now() + make_interval(mins => %s))
"""
# Single use: the token is spent by the statement that reads it.
SPEND_EMAIL_TOKEN = """
UPDATE email_tokens SET used_at = now()
WHERE token_hash = %s AND purpose = %s AND used_at IS NULL AND expires_at > now()
RETURNING user_id
"""
MARK_VERIFIED = """
UPDATE users SET email_verified = true, email_verified_at = now()
WHERE id = %s AND deleted_at IS NULL RETURNING id
"""
SET_PASSWORD = "UPDATE users SET password_hash = %s WHERE id = %s AND deleted_at IS NULL"
PASSWORD_HASH = "SELECT password_hash, email, username FROM users WHERE id = %s"
RECORD_LOGIN = "UPDATE users SET last_login_at = now() WHERE id = %s"

INSERT_MAIL = "INSERT INTO mail_outbox (user_id, to_address, subject, body_text) VALUES (%s, %s, %s, %s)"
