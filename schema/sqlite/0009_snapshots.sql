-- 0009: every CLD import is a snapshot that is kept; one of them is current.
--
-- A row of `person_cld` (a person's CLD fields) or `service_line` belongs to the CLD snapshots
-- from `import_id` (the import that first stored it) to `last_snapshot` (NULL: every later one
-- too). A new snapshot keeps the rows it shares with the latest one (matched by `row_key`, a
-- 128-bit hash of the row's fields) and adds only what changed, so a quarter's file costs the
-- rows that changed, not a copy of the ledger. Restoring a snapshot only moves the pointer
-- (`ledger_meta.current_snapshot`). Runs with foreign-key checks off (see migrate()).

-- "Already imported" is the file with its kind and mapping, not the file alone: a corrected
-- mapping of the same extract imports again.
CREATE TABLE import_log_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    content_hash    TEXT NOT NULL,           -- SHA-256 of the file
    mapping_hash    TEXT NOT NULL DEFAULT '', -- SHA-256 of the extract's mapping file; '' for CLD
    source          TEXT,
    format          TEXT,
    release         TEXT,
    la_code         TEXT,
    period_start    TEXT,
    period_end      TEXT,
    rows_read       INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    errors          INTEGER NOT NULL,
    warnings        INTEGER NOT NULL,
    records_written INTEGER NOT NULL,
    imported_at     TEXT NOT NULL,
    -- CLD snapshots: what the file holds, for the guards and the snapshot list
    people          INTEGER,
    open_lines      INTEGER,
    weekly_cost     INTEGER,                 -- pence: Σ weekly cost of lines open at period_end
    retained        INTEGER NOT NULL DEFAULT 1, -- 0: imported before snapshots were kept
    change_reason   TEXT                     -- the user's reason for accepting a large change
) STRICT;
INSERT INTO import_log_new (id, kind, file_name, content_hash, source, format, release, la_code, period_start,
                            period_end, rows_read, rows_rejected, errors, warnings, records_written, imported_at)
    SELECT id, kind, file_name, content_hash, source, format, release, la_code, period_start, period_end, rows_read,
           rows_rejected, errors, warnings, records_written, imported_at FROM import_log;
DROP TABLE import_log;
ALTER TABLE import_log_new RENAME TO import_log;
-- A CLD file imported before snapshots were kept can be imported again, as a snapshot that is kept.
CREATE UNIQUE INDEX import_once ON import_log (kind, content_hash, mapping_hash) WHERE retained = 1;

-- A person's CLD fields, by snapshot. `person` keeps every id ever seen and the extract fields.
CREATE TABLE person_cld (
    id             INTEGER PRIMARY KEY,      -- the ledger's order of people
    person_id      TEXT NOT NULL REFERENCES person(id),
    nhs_number     INTEGER,
    date_of_birth  TEXT,
    date_of_death  TEXT,
    gender         TEXT,
    ethnicity      TEXT,
    client_type    TEXT,
    support_reason TEXT,
    postcode       TEXT,
    accommodation  TEXT,
    employment     TEXT,
    funding_status TEXT,
    has_carer      TEXT,
    row_key        BLOB,
    import_id      INTEGER NOT NULL REFERENCES import_log(id),
    last_snapshot  INTEGER
) STRICT;
INSERT INTO person_cld (person_id, nhs_number, date_of_birth, date_of_death, gender, ethnicity, client_type,
                        support_reason, postcode, accommodation, employment, funding_status, has_carer, import_id)
    SELECT id, nhs_number, date_of_birth, date_of_death, gender, ethnicity, client_type, support_reason, postcode,
           accommodation, employment, funding_status, has_carer, cld_import_id
    FROM person WHERE cld_import_id = (SELECT MAX(id) FROM import_log WHERE kind = 'cld') ORDER BY rowid;

CREATE TABLE person_new (
    id                TEXT PRIMARY KEY,
    -- from a people extract, for a council with no CLD file (a CLD snapshot's own come first)
    date_of_birth     TEXT,
    gender            TEXT,
    support_reason    TEXT,
    team              TEXT,
    placing_authority TEXT,
    location          TEXT,
    out_of_area       INTEGER,
    distance_km       INTEGER,
    s117_status       TEXT,
    s117_start        TEXT,
    s117_end          TEXT,
    chc_status        TEXT,
    benefit           TEXT,
    benefit_rate      TEXT,
    appointee         INTEGER,
    -- the latest review and financial assessment known from any CLD file, kept across snapshots
    last_review       TEXT,
    last_financial_assessment TEXT
) STRICT;
INSERT INTO person_new SELECT id, CASE WHEN cld_import_id IS NULL THEN date_of_birth END,
                              CASE WHEN cld_import_id IS NULL THEN gender END,
                              CASE WHEN cld_import_id IS NULL THEN support_reason END, team, placing_authority, location, out_of_area, distance_km, s117_status, s117_start,
                              s117_end, chc_status, benefit, benefit_rate, appointee, last_review,
                              last_financial_assessment FROM person ORDER BY rowid;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;

-- The extract row a line's enrichment came from, so an import report can name a row that joins no line.
ALTER TABLE line_extract ADD COLUMN source_row INTEGER;
-- The service type and start date of the CLD line a row last joined by reference, so that its
-- enrichment can follow the line when a later CLD file re-references it.
ALTER TABLE line_extract ADD COLUMN joined_service_type TEXT;
ALTER TABLE line_extract ADD COLUMN joined_start_date TEXT;
UPDATE line_extract SET joined_service_type = l.service_type, joined_start_date = l.start_date
    FROM service_line l WHERE l.person_id = line_extract.person_id AND l.line_ref = line_extract.line_ref;

DROP VIEW provider;
ALTER TABLE service_line ADD COLUMN row_key BLOB;
ALTER TABLE service_line ADD COLUMN last_snapshot INTEGER;

-- The snapshot that was current before this migration stays current; earlier CLD imports were
-- replaced when they were imported, so they cannot be restored.
INSERT INTO ledger_meta (key, value)
    SELECT 'current_snapshot', CAST(MAX(id) AS TEXT) FROM import_log WHERE kind = 'cld' HAVING MAX(id) IS NOT NULL;
UPDATE import_log SET retained = 0
    WHERE kind = 'cld' AND id <> (SELECT MAX(id) FROM import_log WHERE kind = 'cld');

CREATE INDEX person_cld_open ON person_cld (last_snapshot) WHERE last_snapshot IS NULL;
CREATE INDEX service_line_open ON service_line (last_snapshot) WHERE last_snapshot IS NULL;

-- Providers in the current snapshot.
CREATE VIEW provider AS
    SELECT provider_name, cqc_location_id, COUNT(*) AS lines, SUM(weekly_cost) AS weekly_cost
    FROM service_line, (SELECT CAST(value AS INTEGER) AS snapshot FROM ledger_meta WHERE key = 'current_snapshot') c
    WHERE provider_name IS NOT NULL AND import_id <= c.snapshot AND (last_snapshot IS NULL OR last_snapshot >= c.snapshot)
    GROUP BY provider_name, cqc_location_id;
