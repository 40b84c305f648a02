-- The dynamic purchasing system: providers admitted to lots (a kind of care) and zones with the
-- rate they offer and their CQC rating; package requests advertised to the providers admitted to
-- their lot and zone; bids; and the award, all kept (a withdrawn bid is marked, never deleted).
CREATE TABLE dps_provider (
    name        TEXT PRIMARY KEY,
    cqc_rating  TEXT NOT NULL DEFAULT '',     -- outstanding | good | requires improvement | inadequate | ''
    admitted_on TEXT NOT NULL
) STRICT;

CREATE TABLE dps_admission (
    provider TEXT NOT NULL REFERENCES dps_provider(name),
    lot      TEXT NOT NULL,
    zone     TEXT NOT NULL DEFAULT '',        -- '' : every zone
    rate     INTEGER,                         -- pence per unit offered on admission
    PRIMARY KEY (provider, lot, zone)
) STRICT;

CREATE TABLE dps_request (
    id               TEXT PRIMARY KEY,
    lot              TEXT NOT NULL,
    zone             TEXT NOT NULL DEFAULT '',
    person_id        TEXT,
    spec             TEXT NOT NULL,           -- the request file (ceiling, weights, questions, fair price), as given
    advertised_on    TEXT NOT NULL,
    status           TEXT NOT NULL,           -- open | awarded | no_award
    decided_on       TEXT,
    awarded_provider TEXT,
    awarded_price    INTEGER
) STRICT;

CREATE TABLE dps_bid (
    request_id   TEXT NOT NULL REFERENCES dps_request(id),
    provider     TEXT NOT NULL REFERENCES dps_provider(name),
    price        INTEGER NOT NULL,            -- pence a week
    answers      TEXT NOT NULL,               -- "Q1=4;Q2=3"
    submitted_on TEXT NOT NULL,
    withdrawn    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (request_id, provider)
) STRICT;
