-- Progression plans (the progression model: small steps towards independence): a person's goal,
-- the change in support it is expected to bring, and its steps with dates, who supports each and
-- when it was done. Plans are closed (completed or stopped), never deleted.
CREATE TABLE progression_plan (
    id               INTEGER PRIMARY KEY,
    person_id        TEXT NOT NULL,
    goal             TEXT NOT NULL,
    expected_change  TEXT NOT NULL DEFAULT '',   -- e.g. "hours reduced", "move to supported living"
    expected_saving  INTEGER NOT NULL DEFAULT 0, -- pence a week less support once the goal is met
    started_on       TEXT NOT NULL,
    target_on        TEXT NOT NULL,
    case_id          TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'active', -- active | completed | stopped
    closed_on        TEXT,
    created_by       TEXT NOT NULL
) STRICT;

CREATE INDEX progression_plan_person ON progression_plan(person_id);

CREATE TABLE progression_step (
    plan_id      INTEGER NOT NULL REFERENCES progression_plan(id),
    seq          INTEGER NOT NULL,              -- 1, 2, … in the plan's order
    what         TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    supported_by TEXT NOT NULL DEFAULT '',
    done_on      TEXT,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, seq)
) STRICT;
