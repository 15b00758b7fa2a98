namespace FitFolio.Silo.Catalog;

/// <summary>One turn waiting in an activation's mailbox.</summary>
internal abstract class WorkItem
{
    /// <summary>True for a call that may run alongside other calls (reentrant grain or [AlwaysInterleave] method).</summary>
    public virtual bool Interleaves => false;

    public abstract void Run(Activation activation);

    /// <summary>The activation is gone before this ran: send the call wherever it belongs now.</summary>
    public virtual void Reroute(SiloRuntime runtime)
    {
    }

    public virtual void Fail(Exception exception)
    {
    }
}
