using FitFolio.Silo;

namespace FitFolio.Bench.Grains;

public sealed class ProfileGrain : Grain<ProfileState>, IProfileGrain
{
    public Task<int> Workouts() => Task.FromResult(State.Workouts);
}
