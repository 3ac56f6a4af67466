"""The admin feature's SQL, by name. `users` and `auth_sessions` have no row-level security: this
package is where access to them is decided (admins only)."""

# Without a status, every account that is not deleted (one asked for by id even if it is); status
# 'deleted' lists the deleted ones.
LIST_USERS = """
SELECT count(*) OVER () AS total,
       u.id, u.email, u.username, p.display_name, u.role, u.account_status, u.email_verified, u.created_at,
       u.last_login_at, u.deleted_at,
       (SELECT count(*) FROM auth_sessions s
         WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())::integer AS active_sessions
FROM users u
LEFT JOIN user_profiles p ON p.user_id = u.id
WHERE (%(status)s::text IS NULL AND (u.deleted_at IS NULL OR %(id)s::uuid IS NOT NULL)
       OR u.account_status = %(status)s)
  AND (%(role)s::text IS NULL OR u.role = %(role)s)
  AND (%(pattern)s::text IS NULL OR u.email ILIKE %(pattern)s OR u.username ILIKE %(pattern)s)
  AND (%(id)s::uuid IS NULL OR u.id = %(id)s)
ORDER BY u.created_at, u.id
LIMIT %(limit)s OFFSET %(offset)s
"""
LOCK_USER = "SELECT email, username, role, account_status, deleted_at FROM users WHERE id = %(id)s FOR UPDATE"
SET_ROLE = "UPDATE users SET role = %(role)s WHERE id = %(id)s"
SET_STATUS = "UPDATE users SET account_status = %(account_status)s WHERE id = %(id)s"
SOFT_DELETE = "UPDATE users SET deleted_at = now(), account_status = 'deleted' WHERE id = %(id)s"
# A restored account comes back active; its email and username must still be free (unique indexes).
RESTORE = "UPDATE users SET deleted_at = NULL, account_status = 'active' WHERE id = %(id)s"
REVOKE_SESSIONS = "UPDATE auth_sessions SET revoked_at = now() WHERE user_id = %(id)s AND revoked_at IS NULL"

# --- the admin overview -------------------------------------------------------------------------

ACCOUNTS_BY_ROLE_AND_STATUS = """
SELECT role, account_status, count(*)::integer AS accounts
FROM users
GROUP BY role, account_status
ORDER BY role, account_status
"""
# Since the start of a UTC day and over the last seven UTC days (today included). "Signed in" reads
# the accounts' last sign-in, "studied" the learning sessions, so an idle tab does not count as study.
ACTIVE_ACCOUNTS = """
SELECT
  (SELECT count(*) FROM users WHERE deleted_at IS NULL AND last_login_at >= %(today)s)::integer AS signed_in_today,
  (SELECT count(*) FROM users WHERE deleted_at IS NULL AND last_login_at >= %(week)s)::integer AS signed_in_week,
  (SELECT count(DISTINCT user_id) FROM learning_sessions WHERE session_start >= %(today)s)::integer AS studied_today,
  (SELECT count(DISTINCT user_id) FROM learning_sessions WHERE session_start >= %(week)s)::integer AS studied_week,
  (SELECT count(*) FROM users WHERE deleted_at IS NULL AND created_at >= %(week)s)::integer AS joined_week
"""
CONTENT_COUNTS = """
SELECT 'components' AS kind, count(*) FILTER (WHERE is_published)::integer AS published,
       count(*) FILTER (WHERE NOT is_published)::integer AS drafts
FROM learning_components WHERE deleted_at IS NULL
UNION ALL
SELECT 'questions', count(*) FILTER (WHERE is_published)::integer, count(*) FILTER (WHERE NOT is_published)::integer
FROM question_bank WHERE deleted_at IS NULL
UNION ALL
SELECT 'assessments', count(*) FILTER (WHERE is_published)::integer, count(*) FILTER (WHERE NOT is_published)::integer
FROM assessments WHERE deleted_at IS NULL
"""
