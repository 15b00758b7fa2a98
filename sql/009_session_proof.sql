-- How each session's most recent proof was made, beside authenticated_at: the sign-in method
-- ('magic_link', 'code', 'passkey'), or 'passkey' after a passkey re-check. Admin routes need a
-- passkey here, and storing it keeps that across a grain move. 'unrecorded' marks sessions made
-- before this column (and, during a rolling upgrade, by silos that do not write it yet): they
-- count as no passkey proof, so an admin confirms once more.
alter table sessions add column authenticated_with text not null default 'unrecorded'
  check (authenticated_with in ('magic_link', 'code', 'passkey', 'unrecorded'));
