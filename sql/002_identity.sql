-- People, their sign-in links, sessions and the audit log of every auth event.
-- Only hashes of secrets are stored: a leaked table yields nothing that signs anyone in.

create table users (
  id                    uuid        primary key,
  email                 text        not null,          -- normalised: trimmed, lower-case
  email_verified_at     timestamptz,
  email_sign_in_enabled boolean     not null default true,
  is_admin              boolean     not null default false,
  created_at            timestamptz not null default now(),
  -- Lockout of the email-code path: failures since the last success, the lock, and how many
  -- locks in a row (each doubles the next, up to 24 hours).
  code_failures         int         not null default 0,
  code_locked_until     timestamptz,
  code_lockouts         int         not null default 0,
  -- The same for passkey assertions, kept apart so a locked code path never keeps a passkey out.
  passkey_failures      int         not null default 0,
  passkey_locked_until  timestamptz,
  passkey_lockouts      int         not null default 0,
  admin_locked_until    timestamptz,
  version               bigint      not null default 1  -- the user grain's ETag
);
create unique index users_email_key on users (email);
create index users_unverified_idx on users (created_at) where email_verified_at is null;

create table magic_links (
  id            uuid        primary key,
  user_id       uuid        not null references users (id) on delete cascade,
  purpose       text        not null check (purpose in ('sign_in', 'verify_email')),
  token_hash    bytea       not null unique,           -- SHA-256 of the 256-bit link token
  code_salt     bytea       not null,
  code_hash     bytea       not null,                  -- SHA-256(salt || 8-digit code)
  code_attempts int         not null default 0,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  requested_ip  inet,
  used_at       timestamptz,
  used_ip       inet
);
create index magic_links_user_idx on magic_links (user_id, created_at desc);
create index magic_links_expiry_idx on magic_links (expires_at);

create table sessions (
  id            uuid        primary key,
  user_id       uuid        not null references users (id) on delete cascade,
  secret_hash   bytea       not null unique,           -- SHA-256 of the cookie's 256-bit secret
  created_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  rotated_at    timestamptz not null,
  expires_at    timestamptz not null,                  -- absolute end, never extended
  ip            inet,
  user_agent    text,
  revoked_at    timestamptz,
  revoke_reason text
);
create index sessions_user_live_idx on sessions (user_id) where revoked_at is null;
create index sessions_expiry_idx on sessions (expires_at);

create table login_events (
  id          bigint      generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  user_id     uuid,                                    -- no foreign key: the trail outlives the row it describes
  event_type  text        not null,
  ip          inet,
  user_agent  text,
  request_id  text,
  details     jsonb       not null default '{}'
);
create index login_events_time_idx on login_events (occurred_at desc, id desc);
create index login_events_user_idx on login_events (user_id, occurred_at desc, id desc);
create index login_events_type_idx on login_events (event_type, occurred_at desc, id desc);
