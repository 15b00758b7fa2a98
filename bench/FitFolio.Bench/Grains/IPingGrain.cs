namespace FitFolio.Bench.Grains;

/// <summary>The cheapest possible grain call: what the runtime costs when the grain does nothing.</summary>
[Alias("bench.ping")]
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping();
}
