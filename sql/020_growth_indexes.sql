-- What keeps the admin's user search flat as people grow (issue 17, "where the cost grows";
-- bench/README.md has the EXPLAIN ANALYZE of each at 200,000 people):
-- * the list with no query (the admin screen's first page) is newest first: without an index on
--   created_at it sorted every user per page (a seq scan, 376 ms at 200,000 people); with this one it
--   reads the page's 21 rows from the index (0.4 ms);
-- * a query is a substring of the address (AdminQueries matches `email like '%q%'`), which no B-tree
--   serves; the trigram index finds the few matching rows (33 ms for one address at 200,000 people,
--   against a scan of them all), and a common fragment is read newest first from the index above.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it, no superuser.
create extension if not exists pg_trgm;
create index users_created_idx on users (created_at desc, id desc);
create index users_email_trgm_idx on users using gin (email gin_trgm_ops);
