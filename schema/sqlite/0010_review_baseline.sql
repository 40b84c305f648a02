-- Who paid for a person's care when their review was assigned (issue 28): the ledger keeps no dated
-- history of funding splits or contributions, so the council's net cost before a change (after
-- NHS and other councils' shares and the person's contribution) applies this split to the lines
-- open the day before. NULL for reviews assigned before this migration: today's split is used.
ALTER TABLE review ADD COLUMN baseline_gross INTEGER;        -- pence a week, every open line
ALTER TABLE review ADD COLUMN baseline_council_bp INTEGER;   -- Σ line's weekly pence × council share in basis points
ALTER TABLE review ADD COLUMN baseline_contribution INTEGER; -- pence a week the person paid
-- A decision that expects a price (a dynamic purchasing system award): the weekly cost the person's
-- package should have once the ledger shows it, so delivery lists it as awaiting the ledger until then.
ALTER TABLE review ADD COLUMN expected_weekly INTEGER;        -- pence a week
-- The business case a DPS request delivers: its award is a decided review counted against it.
ALTER TABLE dps_request ADD COLUMN case_id TEXT;
