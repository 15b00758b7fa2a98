-- The home-made runtime's tables, unused since FitFolio runs on Orleans: membership (cluster_silos,
-- cluster_version) is kept by Orleans in Redis (ConnectionStrings:Redis), and grain_state had no
-- production grain (state lives in the relational tables, written through by the grains). Dropped
-- so no tool reads a membership that no silo writes any more (restore's "silos running" check reads
-- Redis now). The move is not a rolling upgrade: silos of the old runtime and Orleans silos cannot
-- form one cluster, so every old silo is stopped before the first Orleans silo applies this.
drop table if exists cluster_silos;
drop table if exists cluster_version;
drop table if exists grain_state;
