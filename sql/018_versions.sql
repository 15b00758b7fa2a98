-- Conflicting edits detected (issue 20): workouts, programs, exercises and body-weight entries carry a
-- version, sent as the ETag of the resource ("3") and checked against If-Match on its updates. Every
-- statement that changes one of these rows bumps it (version = version + 1) and, when the caller sent
-- If-Match, also guards on it (where version = @expected), so a stale edit changes nothing even if two
-- writers race past the grain. An explicit counter, not xmin: xmin changes with VACUUM FREEZE and
-- with updates that change nothing a person sees, and wraps around.
--
-- A workout's version covers its own fields (name, notes, start, end, status): what an edit of the
-- workout overwrites. Sets and workout exercises have their own ids and writes (the gym's logger and
-- its offline queue), are never overwritten by a workout edit, and do not bump it, so logging a set on
-- the phone does not make the notes edited on the laptop stale. A program's days and exercises are
-- replaced with the program (PUT), so that write bumps the program's version.
-- Existing rows start at 1; the defaults are constants, so PostgreSQL adds the columns without a rewrite.
alter table workouts     add column version bigint not null default 1;
alter table programs     add column version bigint not null default 1;
alter table exercises    add column version bigint not null default 1;
alter table body_weights add column version bigint not null default 1;
