using FitFolio.Silo;

namespace FitFolio.Bench.Grains;

/// <summary>A grain whose state is read from <c>grain_state</c> when it activates.</summary>
[GrainType("bench.profile")]
public interface IProfileGrain : IGrainWithStringKey
{
    Task<int> Workouts();
}
