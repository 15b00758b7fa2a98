-- Indexes found by the scale work (issue 17, bench/README.md "Where the cost grows").
--
-- History paging (GET /training/workouts) sums each listed workout's sets by workout_id, and deleting a workout
-- cascades to its sets by workout_id; neither had an index, so each scanned every person's sets: one page of 20
-- took 9.5 s over 669,000 generated sets (100 people, EXPLAIN ANALYZE: "Seq Scan on workout_sets ... Rows Removed
-- by Filter: 668780", 21 loops). With it each workout is an index lookup of its ~25 sets, whatever the table holds.
create index workout_sets_workout_idx on workout_sets (workout_id);
