-- Sign-in with an external provider (Google, Discord, any OpenID Connect provider). An identity is
-- keyed by what the provider says is stable, (provider, subject), never by email: an address at a
-- provider may be someone else's tomorrow. usable_when_passkey_only is true when the owner linked
-- the provider while email sign-in was off, the one case a passkey-only account accepts it.
create table external_identities (
  provider                  text        not null,
  subject                   text        not null,
  user_id                   uuid        not null references users (id) on delete cascade,
  email                     text,
  linked_at                 timestamptz not null,
  usable_when_passkey_only  boolean     not null,
  primary key (provider, subject)
);
create index external_identities_user on external_identities (user_id);

-- Each sign-in flow's state is used once, whichever front door the callback lands on: its id is
-- claimed here before a session starts. Rows older than the flow's lifetime are pruned on insert.
create table external_sign_in_flows (
  flow_id     uuid        primary key,
  used_at     timestamptz not null
);
create index external_sign_in_flows_used on external_sign_in_flows (used_at);

-- ASP.NET Core Data Protection's key ring, shared by every front door: the state and the nonce and
-- correlation cookies a flow starts with are protected by it, and the callback may land anywhere.
create table data_protection_keys (
  name        text        primary key,
  xml         text        not null,
  created_at  timestamptz not null default now()
);

alter table sessions drop constraint sessions_authenticated_with_check;
alter table sessions add constraint sessions_authenticated_with_check
  check (authenticated_with in ('magic_link', 'code', 'passkey', 'recovery_code', 'provider', 'unrecorded'));
