using FitFolio.Silo;

namespace FitFolio.Bench.Grains;

public sealed class PingGrain : Grain, IPingGrain
{
    // Task.FromResult caches small integers, so the grain itself allocates nothing per call.
    public Task<int> Ping() => Task.FromResult(1);
}
