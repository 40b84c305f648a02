-- 0001: the care ledger. Money is integer pence; shares are basis points (100% = 10000);
-- dates are ISO text (yyyy-mm-dd); coded values are their canonical CLD spelling.

CREATE TABLE import_log (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,            -- cld | people | services | changes | direct_payments
    file_name      TEXT NOT NULL,
    content_hash   TEXT NOT NULL UNIQUE,     -- SHA-256 of the file: re-imports change nothing
    source         TEXT,
    format         TEXT,
    release        TEXT,
    la_code        TEXT,
    period_start   TEXT,
    period_end     TEXT,
    rows_read      INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL,
    errors         INTEGER NOT NULL,
    warnings       INTEGER NOT NULL,
    records_written INTEGER NOT NULL,
    imported_at    TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id                        TEXT PRIMARY KEY,
    nhs_number                INTEGER,
    date_of_birth             TEXT,
    date_of_death             TEXT,
    gender                    TEXT,
    ethnicity                 TEXT,
    client_type               TEXT,
    support_reason            TEXT,
    postcode                  TEXT,
    accommodation             TEXT,
    employment                TEXT,
    funding_status            TEXT,
    has_carer                 TEXT,
    -- from supplementary extracts
    team                      TEXT,
    placing_authority         TEXT,
    location                  TEXT,
    out_of_area               INTEGER,
    distance_km               INTEGER,
    s117_status               TEXT,
    s117_start                TEXT,
    s117_end                  TEXT,
    chc_status                TEXT,
    benefit                   TEXT,
    benefit_rate              TEXT,
    appointee                 INTEGER,
    last_review               TEXT,
    last_financial_assessment TEXT,
    cld_import_id             INTEGER REFERENCES import_log(id)
) STRICT;

-- Service lines from the latest CLD import (a CLD file is a snapshot: a newer one replaces them).
CREATE TABLE service_line (
    id                  INTEGER PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES person(id),
    line_ref            TEXT,
    service_type        TEXT,
    service_component   TEXT,
    delivery_mechanism  TEXT,
    provider_name       TEXT,
    cqc_location_id     TEXT,
    unit_cost           INTEGER,
    cost_frequency      TEXT,
    planned_units       INTEGER,                 -- hundredths of a unit per week
    weekly_cost         INTEGER,                 -- pence, CLD rule, rounded half-up once
    start_date          TEXT,
    end_date            TEXT,
    import_id           INTEGER NOT NULL REFERENCES import_log(id)
) STRICT;

-- What supplementary extracts say about a service line, kept apart from CLD so that a newer CLD
-- file does not erase it. Joined to service_line on (person_id, line_ref) when the ledger loads;
-- a row with no CLD line is a line of its own.
CREATE TABLE line_extract (
    person_id           TEXT NOT NULL,
    line_ref            TEXT NOT NULL,
    service_type        TEXT,
    service_component   TEXT,
    delivery_mechanism  TEXT,
    provider_name       TEXT,
    cqc_location_id     TEXT,
    unit_cost           INTEGER,
    cost_frequency      TEXT,
    planned_units       INTEGER,
    stated_weekly_cost  INTEGER,
    start_date          TEXT,
    end_date            TEXT,
    night_support       TEXT,
    staff_ratio         INTEGER,
    council_share       INTEGER,
    chc_share           INTEGER,
    s117_share          INTEGER,
    other_council_share INTEGER,
    client_contribution INTEGER,
    accommodation_cost  INTEGER,
    import_id           INTEGER NOT NULL REFERENCES import_log(id),
    PRIMARY KEY (person_id, line_ref)
) STRICT;

CREATE TABLE package_change (
    person_id        TEXT NOT NULL,
    line_ref         TEXT NOT NULL,
    effective_date   TEXT NOT NULL,
    old_weekly_cost  INTEGER,
    new_weekly_cost  INTEGER,
    reason           TEXT,
    import_id        INTEGER NOT NULL REFERENCES import_log(id),
    PRIMARY KEY (person_id, line_ref, effective_date)
) STRICT;

CREATE TABLE direct_payment (
    person_id   TEXT NOT NULL,
    audit_date  TEXT NOT NULL,
    paid        INTEGER,
    spent       INTEGER,
    balance     INTEGER,
    import_id   INTEGER NOT NULL REFERENCES import_log(id),
    PRIMARY KEY (person_id, audit_date)
) STRICT;

CREATE TABLE ledger_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE VIEW provider AS
    SELECT provider_name, cqc_location_id, COUNT(*) AS lines, SUM(weekly_cost) AS weekly_cost
    FROM service_line WHERE provider_name IS NOT NULL GROUP BY provider_name, cqc_location_id;
