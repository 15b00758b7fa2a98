-- One row per housekeeping job: whichever silo moves last_run_at forward runs the job, so each
-- job runs once per interval across the whole cluster, however many silos there are.
create table maintenance_runs (
  job         text        primary key,
  last_run_at timestamptz not null default 'epoch'
);
