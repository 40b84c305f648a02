-- Who paid for a person's care when their review was assigned (issue 28): the ledger keeps no dated
-- history of funding splits or contributions, so the council's net cost before a change (after
-- NHS and other councils' shares and the person's contribution) applies this split to the lines
-- open the day before. NULL for reviews assigned before this migration: today's split is used.
ALTER TABLE review ADD COLUMN baseline_gross INTEGER;        -- pence a week, every open line
ALTER TABLE review ADD COLUMN baseline_council_bp INTEGER;   -- Σ line's weekly pence × council share in basis points
ALTER TABLE review ADD COLUMN baseline_contribution INTEGER; -- pence a week the person paid
