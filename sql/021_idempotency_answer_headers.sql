-- Idempotency keys (issue 20): a replayed answer carries the headers that belong to it, so a retried create still
-- says where the resource is (Location) and a retried versioned write its new version (ETag). Only those two, an
-- allow-list kept by the front door (FitFolio.Api/Http/IdempotencyKeyHeaders.cs): never Set-Cookie or anything else
-- a stored answer must not hold. Null when the answer had none of them.
alter table idempotency_keys add column headers jsonb;
