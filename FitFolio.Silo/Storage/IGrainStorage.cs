namespace FitFolio.Silo.Storage;

/// <summary>
/// Durable grain state with optimistic concurrency. Version 0 means "never stored". A write or
/// clear naming a version that is no longer current throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState<TState>> ReadAsync<TState>(GrainId grainId, CancellationToken cancellationToken);

    /// <returns>The new version.</returns>
    Task<long> WriteAsync<TState>(GrainId grainId, TState state, long expectedVersion, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, long expectedVersion, CancellationToken cancellationToken);
}
