namespace FitFolio.Silo.Storage;

/// <summary>A grain's stored state and the version it was read at (0 and default when never stored).</summary>
public readonly record struct StoredState<TState>(TState? State, long Version);
