-- Orleans grain storage (Microsoft.Orleans.Persistence.AdoNet, provider "postgres" in
-- FitFolio.Silo/Hosting/GrainStorage.cs) for state that is one grain's alone: no SQL query reads it
-- and no audit row must commit with it (docs/architecture.md, "Which state lives where, and why").
--
-- A grain's row is found by its state's name and its key (not its grain type, which the provider
-- never sees), so every grain type names its state uniquely.
--
-- Our own schema rather than Orleans' PostgreSQL-Persistence.sql: that table has no key at all
-- (dotnet/orleans#11303), so two activations inserting at once could both succeed. Here the grain's
-- identity is the primary key, so at most one row per grain can exist whatever runs concurrently.
-- The 10.x provider binds only GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
-- GrainIdExtensionString, ServiceId, GrainStateVersion and PayloadBinary, and reads its four queries
-- from orleansquery once, when a silo starts: a changed query takes effect as silos restart.
create table orleans_grain_state (
  service_id      text        not null,              -- Orleans' ServiceId: "fitfolio"
  state_name      text        not null,              -- GrainTypeString: Orleans passes the state's name here
                                                     -- ([PersistentState("preferences", ...)]), not the grain type
  grain_id_n0     bigint      not null,              -- a Guid or integer key; 0 for string keys
  grain_id_n1     bigint      not null,
  grain_id_ext    text        not null,              -- a string key, or a key extension; '' for none
  grain_id_hash   int         not null,              -- the provider's hashes: kept, not needed to find a row
  grain_type_hash int         not null,
  payload         bytea,                             -- the state as System.Text.Json (UTF-8); null once cleared
  version         int         not null,              -- the ETag: each write must carry the version it read
  modified_at     timestamptz not null default now(),
  primary key (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- The provider's query contract. It selects "QueryKey, QueryText FROM OrleansQuery" unquoted, so
-- PostgreSQL folds the names to these. The queries never name @PayloadJson or @PayloadXml: the 10.x
-- provider does not bind them, and PostgreSQL refuses a query with an unbound parameter.
create table orleansquery (
  querykey  text primary key,
  querytext text not null
);

-- The ETag is the version. A write with a version updates only the row still at that version; a
-- write without one (the grain read no row) inserts only where no row exists. Either way exactly one
-- row comes back: the new version, or null when nothing was written, which the provider turns into
-- InconsistentStateException (a stale activation may never overwrite newer state; Orleans then
-- drops the activation and the next call reloads it).
insert into orleansquery (querykey, querytext) values
('ReadFromStorageKey', '
select payload as payloadbinary, version
from orleans_grain_state
where service_id = @ServiceId and state_name = @GrainTypeString
  and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1 and grain_id_ext = coalesce(@GrainIdExtensionString, '''')
  and @GrainIdHash::int is not null and @GrainTypeHash::int is not null
'),
('WriteToStorageKey', '
with updated as (
  update orleans_grain_state
  set payload = @PayloadBinary, version = version + 1, modified_at = now()
  where @GrainStateVersion::int is not null and version = @GrainStateVersion::int
    and service_id = @ServiceId and state_name = @GrainTypeString
    and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1 and grain_id_ext = coalesce(@GrainIdExtensionString, '''')
  returning version
), inserted as (
  insert into orleans_grain_state
    (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, grain_type_hash, payload, version)
  select @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''''), @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
  where @GrainStateVersion::int is null
  on conflict do nothing
  returning version
)
select (select version from updated union all select version from inserted) as newgrainstateversion
'),
-- Clearing deletes the row (DeleteStateOnClear, so keys such as an address's mail window do not
-- outlive their use), under the same version check; ClearStorageKey, the provider's other way to
-- clear, keeps the row with no state and a new version.
('ClearStorageKey', '
update orleans_grain_state
set payload = null, version = version + 1, modified_at = now()
where version = @GrainStateVersion::int
  and service_id = @ServiceId and state_name = @GrainTypeString
  and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1 and grain_id_ext = coalesce(@GrainIdExtensionString, '''')
  and @GrainIdHash::int is not null and @GrainTypeHash::int is not null
returning version as newgrainstateversion
'),
('DeleteStorageKey', '
delete from orleans_grain_state
where version = @GrainStateVersion::int
  and service_id = @ServiceId and state_name = @GrainTypeString
  and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1 and grain_id_ext = coalesce(@GrainIdExtensionString, '''')
  and @GrainIdHash::int is not null and @GrainTypeHash::int is not null
returning version + 1 as newgrainstateversion
');

-- A grain keyed by a Guid (the preferences grain's key is the user id) is stored by the provider
-- as two numbers, not as text: Guid.ToByteArray() read as two little-endian int64s. This gives them
-- for a uuid, whose bytes PostgreSQL keeps in RFC 4122 order (.NET swaps the first three fields).
create function orleans_guid_key(id uuid, out n0 bigint, out n1 bigint) language sql immutable as $$
  select ('x' || encode(substring(b from 7 for 2) || substring(b from 5 for 2) || substring(b from 1 for 4), 'hex'))::bit(64)::bigint,
         ('x' || encode(substring(b from 16 for 1) || substring(b from 15 for 1) || substring(b from 14 for 1)
                     || substring(b from 13 for 1) || substring(b from 12 for 1) || substring(b from 11 for 1)
                     || substring(b from 10 for 1) || substring(b from 9 for 1), 'hex'))::bit(64)::bigint
  from (select uuid_send(id) as b) bytes
$$;

-- A person's preferences go with their account, in the statement that deletes it (the user grain
-- deletes the users row; nothing there needs to know).
create function orleans_grain_state_delete_user() returns trigger language plpgsql as $$
begin
  delete from orleans_grain_state g
  using orleans_guid_key(old.id) k
  where g.service_id = 'fitfolio' and g.state_name = 'preferences' and g.grain_id_ext = ''
    and g.grain_id_n0 = k.n0 and g.grain_id_n1 = k.n1;
  return old;
end
$$;

create trigger users_delete_grain_state after delete on users
  for each row execute function orleans_grain_state_delete_user();
