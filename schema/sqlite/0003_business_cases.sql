-- Savings business cases (issue 5). A case is kept as the YAML it was imported from, with every
-- version: importing a case again with changes adds a version, so an approved case's figures can
-- always be traced to the file they came from.
CREATE TABLE business_case (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    content     TEXT NOT NULL,
    stored_at   TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;
