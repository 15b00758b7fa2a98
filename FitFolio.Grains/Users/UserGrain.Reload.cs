namespace FitFolio.Grains.Users;

/// <summary>
/// A call whose write began but did not commit drops this activation, so the next call reloads
/// from PostgreSQL: memory must not keep a change the caller was told failed, and the commit may
/// even have reached the database before the connection broke.
/// </summary>
internal sealed partial class UserGrain : IIncomingGrainCallFilter
{
    private bool _writeAbandoned;
    private bool _discarded;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _writeAbandoned = false;
        try
        {
            await context.Invoke();
        }
        catch when (_writeAbandoned)
        {
            // Deactivated once this call ends; OnDeactivateAsync then writes nothing from this memory.
            _discarded = true;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Given to <see cref="UserWrite.BeginAsync"/>: runs when a write ends without committing.</summary>
    private void ReloadIfThisCallFails() => _writeAbandoned = true;
}
