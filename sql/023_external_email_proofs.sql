-- A provider identity that came without a verified address (Discord's verified=false, an OpenID
-- Connect provider without email_verified) waits here while the person proves an address by link.
-- Two secrets, only their SHA-256 stored: the browser's (an HttpOnly cookie set by the callback,
-- so the flow cannot be handed to someone else's browser) and the mailed link's (set when the
-- person names an address; only the newest works). Redeemed once, with both; short-lived.
create table external_email_proofs (
  id                uuid        primary key,
  provider          text        not null,
  subject           text        not null,
  authenticated_at  timestamptz,
  browser_hash      bytea       not null unique,
  email             text,
  token_hash        bytea       unique,
  created_at        timestamptz not null,
  expires_at        timestamptz not null,
  mailed_at         timestamptz,
  requested_ip      inet,
  used_at           timestamptz
);
create index external_email_proofs_expiry on external_email_proofs (expires_at);
