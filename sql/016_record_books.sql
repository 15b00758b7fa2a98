-- Personal records kept current as sets are written (issue 17): reading them no longer replays a
-- person's whole history. One book per person and exercise holds what a replay of that exercise
-- knows after its last set (RecordBook's state as JSON: every best and who holds it, and the last
-- workout's running session volume), written in the same transaction as every set write, so the
-- records can never disagree with the sets. A set logged after last_set_id is added to the book; any
-- other change replays the exercise (FitFolio.Grains/Training/RecordKeeper.cs).
create table record_books (
  user_id     uuid  not null references users (id) on delete cascade,
  exercise_id uuid  not null references exercises (id) on delete cascade,
  last_set_id uuid  not null,       -- the last set (in history's order) the book has read; no key: a deleted set means a replay
  state       jsonb not null,
  primary key (user_id, exercise_id)
);

-- A person whose books were all built by one replay of everything. Histories that predate this
-- migration have no books: the first read of records finds no row here and has the training grain
-- rebuild them (the same replay is the repair path).
create table record_books_ready (
  user_id    uuid        primary key references users (id) on delete cascade,
  rebuilt_at timestamptz not null
);

-- Sets by workout, which no index gave (bench/README.md, with the EXPLAIN ANALYZE of each):
-- * a person's weekly muscle volume reads the last weeks' workouts (workouts_user_idx) and then only
--   their sets (it scanned every set of the person);
-- * history paging (GET /training/workouts) sums each listed workout's sets, and deleting a workout
--   cascades to its sets: each scanned every person's sets (one page of 20: 9.5 s over 669,000
--   generated sets, 13 ms with this index).
-- The measures ride along so the volume query reads the sets from the index alone.
create index workout_sets_workout_idx on workout_sets (workout_id) include (exercise_id, set_type, reps, weight_kg);
-- One exercise's progress series reads that exercise's sets only: the same key as
-- workout_sets_exercise_idx, with the measures included, replaces it.
create index workout_sets_progress_idx on workout_sets (user_id, exercise_id) include (workout_id, set_type, reps, weight_kg);
drop index workout_sets_exercise_idx;
