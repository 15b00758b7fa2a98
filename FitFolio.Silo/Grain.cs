using FitFolio.Silo.Catalog;

namespace FitFolio.Silo;

/// <summary>
/// Base class of grain implementations. The runtime creates it through dependency injection on
/// first call, runs <see cref="OnActivateAsync"/>, then delivers calls one at a time (unless the
/// grain or a method opts into interleaving) until it deactivates.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>This grain's key.</summary>
    public string Key => Activation.GrainId.Key;

    /// <summary>For calling other grains.</summary>
    public IGrainFactory GrainFactory => Activation.Runtime;

    private Activation Activation => _activation ?? throw new InvalidOperationException("The grain is not activated yet; use OnActivateAsync rather than the constructor.");

    internal void Attach(Activation activation) => _activation = activation;

    /// <summary>Called once before the first call is delivered. A throw fails the calls waiting for it.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation is dropped, as its last turn; flush state here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this grain once the current call has finished.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>
    /// Drops this activation, without running <see cref="OnDeactivateAsync"/>, as soon as the
    /// current call fails, so the next call reloads from storage. For a write that may or may not
    /// have reached the database: memory must not keep a change the caller was told failed.
    /// </summary>
    protected void ReloadIfThisCallFails() => ReloadOnFailure = true;

    internal bool ReloadOnFailure { get; set; }
}
