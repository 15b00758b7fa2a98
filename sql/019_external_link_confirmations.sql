-- An unknown provider identity whose provider vouches for the address of an account with an owner
-- is linked only when that owner says so: a single-use link mailed to the address (only its SHA-256
-- is stored), short-lived, only the newest live one works. Following it links the identity and
-- signs in, exactly once.
create table external_link_confirmations (
  id            uuid        primary key,
  user_id       uuid        not null references users (id) on delete cascade,
  provider      text        not null,
  subject       text        not null,
  email         text,
  token_hash    bytea       not null unique,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  requested_ip  inet,
  used_at       timestamptz
);
create index external_link_confirmations_user on external_link_confirmations (user_id, created_at desc);
