namespace FitFolio.Bench.Grains;

/// <summary>A grain holding one int: what an idle activation costs beyond the grain itself.</summary>
[Alias("bench.small")]
public interface ISmallGrain : IGrainWithStringKey
{
    Task<int> Touch();
}
