-- One-time recovery codes: the way back into an account whose only sign-in is its passkeys.
-- Turning email sign-in off (or asking again, after a recent sign-in) issues a new set and
-- deletes the old one. Only the SHA-256 of each code is stored: a code carries 80 random bits,
-- so no salt or stretching is needed (as for link tokens). A used code keeps its row, with the
-- time, so the count of codes left is exact and the use can be shown.
create table recovery_codes (
  id          uuid        primary key,
  user_id     uuid        not null references users (id) on delete cascade,
  digest      bytea       not null,
  created_at  timestamptz not null,
  used_at     timestamptz
);
create index recovery_codes_user on recovery_codes (user_id);

-- The recovery-code path's lockout, per normalised address as for emailed codes (010), so an
-- address with no account or no codes is counted, answered and locked exactly like one with them.
create table recovery_code_lockouts (
  email         text        primary key,
  failures      int         not null default 0,
  locked_until  timestamptz,
  lockouts      int         not null default 0,
  updated_at    timestamptz not null default now()
);

-- A session made with a recovery code says so: it is no passkey proof for admin routes.
alter table sessions drop constraint sessions_authenticated_with_check;
alter table sessions add constraint sessions_authenticated_with_check
  check (authenticated_with in ('magic_link', 'code', 'passkey', 'recovery_code', 'unrecorded'));
