-- Passkeys (WebAuthn L3 §4 "credential record") and the user handle they are bound to.

-- §14.6.1: the user handle is random and opaque, never the email. Created with the first passkey;
-- unique so a discoverable credential's userHandle names exactly one account.
alter table users add column webauthn_user_handle bytea unique
  check (octet_length(webauthn_user_handle) between 1 and 64);

create table passkeys (
  id                 uuid        primary key,
  user_id            uuid        not null references users (id) on delete cascade,
  -- §5.1 credentialId: at most 1023 bytes. Unique across users: sign-in finds the owner by it.
  credential_id      bytea       not null unique check (octet_length(credential_id) between 1 and 1023),
  public_key_cose    bytea       not null,                -- COSE_Key exactly as the authenticator sent it
  algorithm          int         not null check (algorithm in (-7, -257)),
  sign_count         bigint      not null check (sign_count between 0 and 4294967295),
  transports         text[]      not null default '{}',
  backup_eligible    boolean     not null,                -- BE, fixed for the credential's life (§6.1.3)
  backed_up          boolean     not null,                -- BS, updated on each sign-in
  aaguid             uuid        not null,
  attestation_format text        not null,
  created_at         timestamptz not null,
  last_used_at       timestamptz,
  name               text        not null check (char_length(name) between 1 and 100)
);
create index passkeys_user_idx on passkeys (user_id, created_at);
