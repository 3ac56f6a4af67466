DROP TABLE mail_outbox, email_tokens, auth_sessions;
