-- The nightly jobs look up one challenge's closing of one date for every challenge they touch. With the date alone
-- indexed, a planner whose statistics predate the newest closings (the usual case right after daily-pnl wrote them)
-- may pick the date index and filter thousands of rows per look-up; with the challenge as the second column either
-- index answers the look-up with one seek, and listing a date's closings is served as before.
DROP INDEX challenge_daily_closings_date_idx;
CREATE INDEX challenge_daily_closings_date_challenge_idx ON challenge_daily_closings (business_date, challenge_id);

INSERT INTO schema_info (name, value) VALUES ('schema_version', '9')
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
