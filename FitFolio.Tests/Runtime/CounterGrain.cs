using Orleans.Placement;

namespace FitFolio.Tests.Runtime;

/// <summary>Where a call ran and what the activation holds; crosses silos, so it is an Orleans contract.</summary>
[GenerateSerializer, Immutable, Alias("test.whereabouts")]
public sealed record Whereabouts(
    [property: Id(0)] string ActivationId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] int Value);

/// <summary>A per-key counter kept like a user: in memory, written through to a versioned row.</summary>
[Alias("test.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<Whereabouts> WhereAmI();

    Task Deactivate();
}

/// <summary>
/// Activates on the silo that calls it first (<see cref="PreferLocalPlacementAttribute"/>, test
/// grains only), so a test puts a counter on the silo it means to stop or kill by calling from there.
/// </summary>
[GrainType("test-counter")]
[PreferLocalPlacement]
public sealed class CounterGrain(CounterRows rows, ILocalSiloDetails silo) : Grain, ICounterGrain
{
    private int _value;
    private int _version;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => (_value, _version) = await rows.ReadAsync(Key);

    public async Task<int> Increment()
    {
        // Memory changes only once the row has: a failed write leaves this activation as it was.
        _version = await rows.WriteAsync(Key, _value + 1, _version);
        return ++_value;
    }

    public Task<int> Get() => Task.FromResult(_value);

    public Task<Whereabouts> WhereAmI() => Task.FromResult(new Whereabouts(GrainContext.ActivationId.ToString(), silo.SiloAddress, _value));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
