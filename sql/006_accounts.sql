-- Account lifecycle: recent sign-in survives a grain reload, API keys, devices seen before,
-- and email changes that wait for the new address to confirm.

-- When the person last proved who they are in this session (sign-in or a passkey re-check).
-- Stored so that a session moved to another silo keeps its "recent sign-in" rather than losing it.
alter table sessions add column authenticated_at timestamptz;
update sessions set authenticated_at = created_at;
alter table sessions alter column authenticated_at set not null;

-- Personal access tokens. The token is "ffk_" + 12-character public id + "_" + 43-character
-- secret; only the id (shown as the prefix) and the SHA-256 of the secret are stored.
create table api_keys (
  id           uuid        primary key,
  user_id      uuid        not null references users (id) on delete cascade,
  public_id    text        not null unique,          -- the visible prefix after "ffk_"
  secret_hash  bytea       not null,
  name         text        not null,
  scopes       text[]      not null,
  created_at   timestamptz not null,
  expires_at   timestamptz,
  last_used_at timestamptz,
  last_used_ip inet,
  revoked_at   timestamptz
);
create index api_keys_user_idx on api_keys (user_id, created_at desc) where revoked_at is null;

-- Devices that have signed in to an account, by the SHA-256 of a long-lived random cookie: a
-- sign-in from a device missing here sends the new-device alert.
create table known_devices (
  user_id       uuid        not null references users (id) on delete cascade,
  device_hash   bytea       not null,
  first_seen_at timestamptz not null,
  last_seen_at  timestamptz not null,
  primary key (user_id, device_hash)
);

-- An email change waits here until the new address follows its link. Kept apart from
-- magic_links: a pending change must neither end nor be ended by a sign-in link, and its token
-- must never sign anyone in.
create table email_changes (
  id           uuid        primary key,
  user_id      uuid        not null references users (id) on delete cascade,
  new_email    text        not null,
  token_hash   bytea       not null unique,           -- SHA-256 of the 256-bit link token
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  requested_ip inet,
  used_at      timestamptz
);
create index email_changes_user_idx on email_changes (user_id, created_at desc);
create index email_changes_expiry_idx on email_changes (expires_at);
