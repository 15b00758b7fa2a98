-- How each session's most recent proof was made, beside authenticated_at: the sign-in method
-- ('magic_link', 'code', 'passkey'), or 'passkey' after a passkey re-check. Admin routes need a
-- passkey here, and storing it keeps that across a grain move. Sessions older than this column
-- never proved anything with a passkey as far as anyone can tell: an admin confirms once more.
alter table sessions add column authenticated_with text not null default 'unrecorded'
  check (authenticated_with in ('magic_link', 'code', 'passkey', 'unrecorded'));
alter table sessions alter column authenticated_with drop default;
