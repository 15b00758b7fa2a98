-- Transactional outbox for mail: a message is inserted in the same transaction as whatever it announces
-- (a sign-in token), so it is sent if and only if that commits. Every silo runs a sender; a sender claims
-- due rows with FOR UPDATE SKIP LOCKED and takes a lease (locked_until) so it can send outside the
-- transaction; a crashed sender's lease runs out and another silo retries. All times are the database's
-- clock, so silos with skewed clocks still agree on leases and retry times.
create table mail_outbox (
  id              uuid        primary key,             -- UUIDv7 from the enqueuer; also the Message-ID's left part
  purpose         text        not null check (purpose ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  to_address      text        not null check (length(to_address) between 3 and 320),
  subject         text        not null,
  -- Bodies hold sign-in links and codes: erased once the row is finished (sent, failed or expired), so the
  -- table keeps a delivery record, not a pile of secrets.
  text_body       text,
  html_body       text,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz,                          -- not delivered after this: an expired sign-in link is noise
  attempts        int         not null default 0 check (attempts >= 0),  -- counted at claim, so a crash counts too
  next_attempt_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  locked_until    timestamptz,                          -- the sending silo's lease
  locked_by       text,                                 -- which sender holds (or last held) the lease
  sent_at         timestamptz,
  failed_at       timestamptz,                          -- given up: attempts exhausted, or expired
  last_error      text        check (length(last_error) <= 2000),  -- exception types and SMTP replies, never bodies
  check (sent_at is null or failed_at is null),
  check ((text_body is not null and html_body is not null) or sent_at is not null or failed_at is not null)
);

-- The claim, the sweep and the next-wake query all read pending rows in due order. Partial, so the index
-- is as small as the backlog however long the delivery history grows.
create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;

-- For pruning and auditing the delivery record.
create index mail_outbox_created_at on mail_outbox (created_at);
