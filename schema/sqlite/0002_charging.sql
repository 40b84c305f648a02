-- 0002: charging. People's financial circumstances (from a finances extract), and the record of
-- every charging run that changed charges (annual uprating), with each person's old and new charge.

CREATE TABLE person_finances (
    person_id                   TEXT PRIMARY KEY,
    assessed_on                 TEXT,
    pension_age                 INTEGER,
    couple                      INTEGER,
    lone_parent                 INTEGER,
    children                    INTEGER,
    disability_premium          INTEGER,
    enhanced_disability_premium INTEGER,
    carer_premium               INTEGER,
    capital                     INTEGER,            -- pence
    joint_capital               INTEGER,
    state_pension               INTEGER,            -- pence a week
    pension_credit              INTEGER,
    other_pension               INTEGER,
    benefits                    INTEGER,
    other_income                INTEGER,
    earnings                    INTEGER,
    total_income                INTEGER,            -- as stated; checked against the parts on import
    mobility                    INTEGER,
    housing_costs               INTEGER,
    dre_itemised                INTEGER,            -- NULL: the standard allowance
    light_touch                 INTEGER,
    current_charge              INTEGER,
    current_charge_from         TEXT,               -- set when a charging run applies a new charge
    import_id                   INTEGER NOT NULL REFERENCES import_log(id)
) STRICT;

-- One row per applied charging run: who ran it, when, under which parameters, from when.
CREATE TABLE charging_run (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,                  -- uprate
    description     TEXT NOT NULL,                  -- e.g. "uprate to 2026/27"
    effective_from  TEXT NOT NULL,
    parameters      TEXT NOT NULL,                  -- parameter files: name, version, sha256 prefix
    run_by          TEXT NOT NULL,
    run_at          TEXT NOT NULL,
    cases           INTEGER NOT NULL,
    changed         INTEGER NOT NULL,
    weekly_before   INTEGER NOT NULL,               -- pence
    weekly_after    INTEGER NOT NULL
) STRICT;

CREATE TABLE charging_run_change (
    run_id      INTEGER NOT NULL REFERENCES charging_run(id),
    person_id   TEXT NOT NULL,
    old_charge  INTEGER,                            -- pence a week; NULL if none was recorded
    new_charge  INTEGER NOT NULL,
    PRIMARY KEY (run_id, person_id)
) STRICT;

-- The council's own charging parameter files (policy choices, figures for years ascent does not
-- ship), applied in order over the built-in ones. Kept whole, as loaded, so every result can name
-- the exact file it used.
CREATE TABLE parameter_file (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    content     TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;
