-- When a key's successful use was last written to the audit log. Use is sampled (at most one
-- api_key_used row per key per ApiKeys:UseAuditInterval), and the key's grain claims each sample
-- with a conditional update of this column, so the bound holds across reactivations and silos.
alter table api_keys add column use_audited_at timestamptz;
