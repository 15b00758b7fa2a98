namespace FitFolio.Silo.Catalog;

/// <summary>Activation or deactivation, run as a turn so no call ever overlaps them.</summary>
internal sealed class LifecycleItem(DeactivationReason? deactivation) : WorkItem
{
    public static LifecycleItem Activate { get; } = new(null);

    public override void Run(Activation activation)
    {
        if (deactivation is { } reason)
        {
            _ = activation.DeactivateAsync(reason);
        }
        else
        {
            _ = activation.ActivateAsync();
        }
    }
}
