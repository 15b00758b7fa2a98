using FitFolio.Silo.Hosting;
using Orleans.Placement;

namespace FitFolio.Tests.Runtime;

/// <summary>A counter in production's Orleans grain storage (AdoNet on PostgreSQL, sql/014), placed on the silo that calls it first.</summary>
[Alias("test.stored-counter")]
public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<Whereabouts> WhereAmI();
}

/// <summary>The stored document: one number.</summary>
public sealed class StoredCount
{
    public int Value { get; set; }
}

[GrainType("test-stored-counter")]
[PreferLocalPlacement]
public sealed class StoredCounterGrain(
    [PersistentState("count", GrainStorage.Name)] IPersistentState<StoredCount> state,
    ILocalSiloDetails silo) : Grain, IStoredCounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<Whereabouts> WhereAmI() => Task.FromResult(new Whereabouts(GrainContext.ActivationId.ToString(), silo.SiloAddress, state.State.Value));
}
