namespace FitFolio.Bench.Grains;

[GrainType("bench.small")]
public sealed class SmallGrain : Grain, ISmallGrain
{
    private int _touches;

    public Task<int> Touch() => Task.FromResult(++_touches > 0 ? 1 : 0);
}
