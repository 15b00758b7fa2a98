using FitFolio.Silo;

namespace FitFolio.Bench.Grains;

/// <summary>A grain holding one int: what an idle activation costs beyond the grain itself.</summary>
[GrainType("bench.small")]
public interface ISmallGrain : IGrainWithStringKey
{
    Task<int> Touch();
}
