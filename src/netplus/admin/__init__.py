"""Administration of accounts: roles, suspension, soft deletion and restoration, each in the audit trail."""
