-- Cluster membership, shaped like Orleans' ADO.NET clustering: a table version bumped by every
-- membership change (optimistic concurrency), and one row per silo incarnation with its own version.
-- Heartbeats touch only heartbeat_at, so they never contend with membership changes.
create table cluster_version (
  id      int    primary key check (id = 1),
  version bigint not null
);
insert into cluster_version (id, version) values (1, 0);

create table cluster_silos (
  silo_id      text        primary key,          -- host:port@generation; a restart is a new incarnation
  address      text        not null,             -- base URI of the silo's internal endpoint
  status       text        not null check (status in ('active', 'shutting_down', 'dead')),
  started_at   timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  version      bigint      not null default 1
);

-- Grain state stored as a JSON document per grain, for grains whose state is one value.
-- version is the ETag: every write names the version it read.
create table grain_state (
  grain_type text        not null,
  grain_key  text        not null,
  version    bigint      not null,
  data       jsonb       not null,
  updated_at timestamptz not null default now(),
  primary key (grain_type, grain_key)
);
