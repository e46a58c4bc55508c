"""Who may do what: posts (岗位) and the one permission check, users and passwords (SQLite mode), PostgreSQL
roles and row-level security (PostgreSQL mode), the audit log, and masking of personal data.

The app asks `posts.can()` (through `enforce`) so a button is disabled for the same reason the service and
the CLI refuse; in PostgreSQL mode the database enforces the same rules again with grants and row-level
security keyed on the person's own login (`pg_roles`).
"""
