using FitFolio.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// What every rate-limit counter does: a <see cref="SlidingLog"/> of its events, and refusals audited
/// as one summary row per window (<see cref="IRateLimitGrain.RecordRefusal"/>); the count beyond the
/// first lives in memory until the window closes, so a crash can lose it, never the row itself.
/// Subclasses decide whether the log outlives the activation (<see cref="SaveAsync"/>).
/// </summary>
internal abstract partial class CounterGrain(TimeProvider clock, AuditLog audit, ILogger logger) : Grain, IRateLimitGrain
{
    private RefusalSummary? _refusals;
    private CancellationTokenSource? _flushTimer;

    protected SlidingLog Log { get; } = new();

    protected TimeProvider Clock => clock;

    public async ValueTask<RateLimitDecision> Acquire(RateLimitRule rule)
    {
        var decision = Log.Acquire(rule, clock.GetUtcNow().UtcTicks);
        if (decision.Allowed)
        {
            await SaveAsync(rule.Window);
        }

        return decision;
    }

    public ValueTask<RateLimitDecision> Check(RateLimitRule rule) => ValueTask.FromResult(Log.Evaluate(rule, clock.GetUtcNow().UtcTicks));

    public async ValueTask Reset()
    {
        if (!Log.IsEmpty)
        {
            Log.Clear();
            await SaveAsync(null);
        }
    }

    public async Task RecordRefusal(RateLimitRefusal refusal)
    {
        var now = clock.GetUtcNow();
        if (_refusals is { } open && now < open.ClosesAt)
        {
            open.Count++;
            return;
        }

        await FlushRefusals();
        var eventId = await audit.WriteSummaryAsync(new AuditEvent(AuditEventType.RateLimited, refusal.UserId, refusal.Origin, new Dictionary<string, object?>
        {
            ["policy"] = refusal.Policy,
            ["retry_after_seconds"] = Math.Ceiling(refusal.RetryAfter.TotalSeconds),
            ["window_seconds"] = refusal.Window.TotalSeconds,
            ["refusals"] = 1,
        }));
        _refusals = new RefusalSummary(eventId, now + refusal.Window);
        CompleteWhenClosed(refusal.Window);
    }

    public async Task FlushRefusals()
    {
        if (_refusals is not { } summary)
        {
            return;
        }

        if (summary.Count > summary.Written)
        {
            var count = summary.Count;
            await audit.UpdateCountAsync(summary.EventId, "refusals", count);
            summary.Written = count;
        }

        if (clock.GetUtcNow() >= summary.ClosesAt)
        {
            _refusals = null;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Cancel();
        _flushTimer?.Dispose();
        await FlushRefusals();
    }

    /// <summary>Called after the log changed, before the caller hears the decision; <paramref name="window"/> is the rule's when it counted an event.</summary>
    protected abstract ValueTask SaveAsync(TimeSpan? window);

    // A delayed call to this grain itself runs the flush as an ordinary turn, so it never races the calls that count.
    private void CompleteWhenClosed(TimeSpan window)
    {
        _flushTimer?.Cancel();
        _flushTimer?.Dispose();
        _flushTimer = new CancellationTokenSource();
        _ = FlushLaterAsync(this.AsReference<IRateLimitGrain>(), window, _flushTimer.Token);
    }

    private async Task FlushLaterAsync(IRateLimitGrain self, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
            await self.FlushRefusals();
        }
        catch (OperationCanceledException)
        {
            // Deactivated first: OnDeactivateAsync flushed.
        }
        catch (Exception exception)
        {
            // The row exists with the count it had; only the rest of this window's count is lost.
            LogFlushFailed(exception.GetType().Name);
        }
    }

    [LoggerMessage(
        EventId = 5100,
        EventName = "RateLimitSummaryNotCompleted",
        Level = LogLevel.Warning,
        Message = "A rate-limit audit summary kept its earlier count: {ErrorType}")]
    private partial void LogFlushFailed(string errorType);
}
