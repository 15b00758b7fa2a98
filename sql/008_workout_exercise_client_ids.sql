-- Adding an exercise to a workout may carry a client-generated id (the offline queue retries it).
-- A retry is compared with the add request as it was sent, not with the row, which later edits
-- (reorder, swap, notes, superset) change; null for rows whose id the server made.
alter table workout_exercises add column add_request text;
