-- Imports run as jobs owned by the person's training grain (issue 17): the upload answers 202 at once and the
-- app polls the job's progress. The grain keeps the progress in memory; this row keeps the outcome, so a finished
-- import's summary survives a silo restart. The row is written 'running' when the job starts and set to 'finished'
-- (with its summary) in the import's own transaction, so the data and the outcome commit together. A silo that dies
-- mid-import rolls the transaction back and leaves 'running' behind; a row still 'running' that no live job owns is
-- answered as failed ("try again"; importing the same file again adds only what is missing).
create table training_imports (
  id          uuid        primary key,
  user_id     uuid        not null references users (id) on delete cascade,
  status      text        not null check (status in ('running', 'finished', 'failed')),
  format      text        not null,
  rows_read   integer     not null,
  workouts    integer     not null,
  summary     jsonb,
  started_at  timestamptz not null,
  finished_at timestamptz
);

create index training_imports_user_idx on training_imports (user_id, started_at desc);
