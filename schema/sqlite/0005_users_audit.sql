-- Sign-in, roles and the audit trail (issue 7). Passwords are stored only as libsodium Argon2id
-- strings (algorithm, parameters, salt and hash in one text). The audit log is append-only: the
-- triggers refuse any change or deletion, so a record once written stays as written.
CREATE TABLE app_user (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'finance', 'admin')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    user   TEXT NOT NULL,   -- who ("cli" or a user name; "-" before sign-in)
    action TEXT NOT NULL,   -- e.g. sign_in, sign_in_failed, person_read, export, import, case_saved
    target TEXT NOT NULL,   -- what was touched: a person id, a case id, a file name
    detail TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
