using FitFolio.Grains.Audit;
using FitFolio.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// A counter whose window survives every silo restarting: the low-rate security windows (an
/// address's sign-in mail, API-key failures per client) that a crash, a deploy or an attacker able
/// to crash silos must not reset. Its events are in Orleans grain storage, written before the
/// caller hears an allowed decision; a stale duplicate's write fails with
/// <see cref="Orleans.Storage.InconsistentStateException"/> and Orleans drops it for a reload. A
/// grain that deactivates with every event past its window deletes its row.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class DurableRateLimitGrain(
    [PersistentState("ratelimit-window", GrainStorage.Name)] IPersistentState<RateLimitWindow> state,
    TimeProvider clock,
    AuditLog audit,
    ILogger<DurableRateLimitGrain> logger) : CounterGrain(clock, audit, logger)
{
    public const string GrainTypeName = "ratelimit-durable";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Log.Restore(state.State.Events);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await base.OnDeactivateAsync(reason, cancellationToken);
        // A grain idles 15 minutes before it goes and the windows are minutes long, so usually
        // nothing is left to keep, and the row (whose key may hold an address) goes.
        var horizon = Clock.GetUtcNow().UtcTicks - state.State.Window.Ticks;
        if (state.RecordExists && Log.ToArray().All(at => at <= horizon))
        {
            await state.ClearStateAsync();
        }
    }

    protected override async ValueTask SaveAsync(TimeSpan? window)
    {
        state.State = new RateLimitWindow { Events = Log.ToArray(), Window = window ?? state.State.Window };
        await state.WriteStateAsync();
    }
}
