-- The time a review took, so the review team's saving per review hour can be measured.
ALTER TABLE review ADD COLUMN hours INTEGER; -- hundredths of an hour; NULL when not recorded
