-- The email-code path's lockout, per normalised address rather than per account, so a wrong code
-- for an address with no account (or a locked or passkey-only one) is counted, answered and
-- written exactly like one for a live account: the answer and its work never tell them apart.
-- Failures since the last success, the lock, and how many locks in a row (each doubles the next,
-- up to Auth:MaxLockoutDuration). The wrong codes tried against the address's live link are
-- counted here too rather than on the link's row, so a wrong code writes the same rows whether or
-- not the address has a link; the link's row is written once, by the attempt that ends it.
create table email_code_lockouts (
  email         text        primary key,            -- normalised, as users.email
  failures      int         not null default 0,
  locked_until  timestamptz,
  lockouts      int         not null default 0,
  link_id       uuid,                               -- the live link the attempts below were made against
  link_attempts int         not null default 0,
  updated_at    timestamptz not null default now()
);

-- Carry over the locks and counts the accounts hold now. users.code_failures, code_locked_until,
-- code_lockouts and magic_links.code_attempts are no longer read or written; they stay for the
-- previous release, which may still serve during a rolling update (expand, then contract:
-- RUNBOOK.md), and go in a later one.
insert into email_code_lockouts (email, failures, locked_until, lockouts)
select email, code_failures, code_locked_until, code_lockouts
from users
where code_failures > 0 or code_lockouts > 0 or code_locked_until is not null;
