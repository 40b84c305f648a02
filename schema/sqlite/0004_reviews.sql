-- Review worklists and outcomes (issue 8): a flagged person assigned to a reviewer, and what the
-- review decided. The saving is not stored: it is computed from the ledger (the person's weekly
-- cost before the effective date against now), so it follows what was actually commissioned.
CREATE TABLE review (
    id             INTEGER PRIMARY KEY,
    person_id      TEXT NOT NULL,
    lever          TEXT NOT NULL,
    case_id        TEXT,                -- empty text is stored as NULL
    reviewer       TEXT NOT NULL,
    assigned_on    TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    decided_on     TEXT,
    outcome        TEXT,
    effective_from TEXT,
    reason         TEXT,
    recorded_by    TEXT,
    UNIQUE (person_id, lever)
) STRICT;
