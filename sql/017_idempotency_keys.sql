-- Idempotency keys (issue 20): the first successful answer to a write sent with an Idempotency-Key,
-- stored in the same transaction as the write it answers, so a retry from any silo gets that answer
-- instead of writing again. One key per caller (a person, or one of their API keys): the same key from
-- another caller is another key. Refusals are not stored (they changed nothing; see README). Rows live
-- 24 hours: maintenance deletes older ones (FitFolio.Grains/Maintenance/ClusterMaintenance.cs).
create table idempotency_keys (
  caller       text        not null,       -- 'person:<id>' or 'api-key:<id>'
  key          text        not null,       -- the header's value: 1 to 255 visible ASCII characters
  user_id      uuid        not null references users (id) on delete cascade,
  request_hash text        not null,       -- SHA-256 (hex) of method, path and query, and body
  status       smallint    not null,       -- the HTTP status of the first answer (2xx)
  body         text,                       -- its JSON body as sent, or null for 204; never a credential
  created_at   timestamptz not null default now(),
  primary key (caller, key)
);

create index idempotency_keys_created_at on idempotency_keys (created_at);
