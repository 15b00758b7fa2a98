using Orleans.Placement;

namespace FitFolio.Bench.Grains;

/// <summary>
/// Activated on the silo whose caller touches it first, so a scenario chooses where each grain
/// lives: local calls are made on the silo that activated them, cross-silo calls on the other one.
/// </summary>
[GrainType("bench.ping")]
[PreferLocalPlacement]
public sealed class PingGrain : Grain, IPingGrain
{
    // Task.FromResult caches small integers, so the grain itself allocates nothing per call.
    public Task<int> Ping() => Task.FromResult(1);
}
