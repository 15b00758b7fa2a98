using FitFolio.Silo;

namespace FitFolio.Bench.Grains;

public sealed class SmallGrain : Grain, ISmallGrain
{
    private int _touches;

    public Task<int> Touch() => Task.FromResult(++_touches > 0 ? 1 : 0);
}
