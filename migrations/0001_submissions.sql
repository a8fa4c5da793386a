-- Placeholder replaced by the submissions schema.
SELECT 1;
