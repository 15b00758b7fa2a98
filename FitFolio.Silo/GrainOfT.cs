using FitFolio.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Silo;

/// <summary>
/// A grain whose state is one JSON document in PostgreSQL, read before activation and written on
/// demand. Writes carry the version they read: a stale activation's write throws
/// <see cref="InconsistentStateException"/>, and the runtime then drops the activation so the next
/// call reloads it, never overwriting newer state.
/// </summary>
public abstract class Grain<TState> : Grain, IStatefulGrain where TState : new()
{
    private IGrainStorage? _storage;

    protected TState State { get; set; } = new();

    /// <summary>The version of <see cref="State"/> as last read or written; 0 when never stored.</summary>
    protected long StateVersion { get; private set; }

    async Task IStatefulGrain.ReadStateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _storage = services.GetRequiredService<IGrainStorage>();
        await ReadStateAsync(cancellationToken);
    }

    protected async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await Storage.ReadAsync<TState>(GrainId, cancellationToken);
        State = stored.State ?? new TState();
        StateVersion = stored.Version;
    }

    protected async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        // State was changed in memory before this write; if the write fails, that change must not survive.
        ReloadIfThisCallFails();
        StateVersion = await Storage.WriteAsync(GrainId, State, StateVersion, cancellationToken);
    }

    protected async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        ReloadIfThisCallFails();
        await Storage.ClearAsync(GrainId, StateVersion, cancellationToken);
        State = new TState();
        StateVersion = 0;
    }

    private IGrainStorage Storage => _storage ?? throw new InvalidOperationException("Grain state is not loaded yet.");
}
