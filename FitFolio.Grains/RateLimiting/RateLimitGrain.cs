using FitFolio.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// A sliding log: the times of the events still inside the window, in a ring. Exact (no
/// fixed-window burst at the boundary) and bounded by the rule's limit; the ring grows with use
/// (doubling, up to the limit), so a generous limit costs memory only for the clients that use it.
/// Refusals are audited as
/// one summary row per window (<see cref="IRateLimitGrain.RecordRefusal"/>); the count beyond the
/// first lives in memory until the window closes, so a crash can lose it, never the row itself.
/// </summary>
[GrainType("ratelimit")]
public sealed partial class RateLimitGrain(TimeProvider clock, AuditLog audit, ILogger<RateLimitGrain> logger) : Grain, IRateLimitGrain
{
    private const int InitialCapacity = 16;

    private long[] _events = [];
    private int _start;
    private int _count;
    private RefusalSummary? _refusals;
    private CancellationTokenSource? _flushTimer;

    public ValueTask<RateLimitDecision> Acquire(RateLimitRule rule)
    {
        var decision = Evaluate(rule, out var now);
        if (decision.Allowed)
        {
            if (_count == _events.Length)
            {
                Resize(Math.Min(rule.Limit, Math.Max(InitialCapacity, _events.Length * 2)));
            }

            _events[(_start + _count) % _events.Length] = now;
            _count++;
        }

        return ValueTask.FromResult(decision);
    }

    public ValueTask<RateLimitDecision> Check(RateLimitRule rule) => ValueTask.FromResult(Evaluate(rule, out _));

    public ValueTask Reset()
    {
        _count = 0;
        _start = 0;
        return ValueTask.CompletedTask;
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

    // The runtime has no grain timers: a delayed call to this grain itself runs the flush as an
    // ordinary turn, so it never races the calls that count.
    private void CompleteWhenClosed(TimeSpan window)
    {
        _flushTimer?.Cancel();
        _flushTimer?.Dispose();
        _flushTimer = new CancellationTokenSource();
        _ = FlushLaterAsync(GrainFactory.GetGrain<IRateLimitGrain>(this.GetPrimaryKeyString()), window, _flushTimer.Token);
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

    private RateLimitDecision Evaluate(RateLimitRule rule, out long now)
    {
        now = clock.GetUtcNow().UtcTicks;
        if (_events.Length > rule.Limit)
        {
            // A lowered limit keeps the newest events.
            Resize(rule.Limit);
        }

        var horizon = now - rule.Window.Ticks;
        while (_count > 0 && _events[_start] <= horizon)
        {
            _start = (_start + 1) % _events.Length;
            _count--;
        }

        return _count < rule.Limit
            ? RateLimitDecision.Allow
            : new RateLimitDecision(false, TimeSpan.FromTicks(_events[_start] - horizon));
    }

    private void Resize(int capacity)
    {
        var kept = Math.Min(_count, capacity);
        var resized = new long[Math.Max(capacity, 1)];
        for (var i = 0; i < kept; i++)
        {
            resized[i] = _events[(_start + _count - kept + i) % _events.Length];
        }

        _events = resized;
        _start = 0;
        _count = kept;
    }

    [LoggerMessage(EventId = 5100, EventName = "RateLimitSummaryNotCompleted", Level = LogLevel.Warning, Message = "A rate-limit audit summary kept its earlier count: {ErrorType}")]
    private partial void LogFlushFailed(string errorType);
}
