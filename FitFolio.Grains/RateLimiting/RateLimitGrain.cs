using FitFolio.Silo;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// A sliding log: the times of the events still inside the window, in a ring. Exact (no
/// fixed-window burst at the boundary) and bounded by the rule's limit.
/// </summary>
public sealed class RateLimitGrain(TimeProvider clock) : Grain, IRateLimitGrain
{
    private long[] _events = [];
    private int _start;
    private int _count;

    public ValueTask<RateLimitDecision> Acquire(RateLimitRule rule)
    {
        var decision = Evaluate(rule, out var now);
        if (decision.Allowed)
        {
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

    private RateLimitDecision Evaluate(RateLimitRule rule, out long now)
    {
        now = clock.GetUtcNow().UtcTicks;
        if (_events.Length != rule.Limit)
        {
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

    private void Resize(int limit)
    {
        var kept = Math.Min(_count, limit);
        var resized = new long[Math.Max(limit, 1)];
        for (var i = 0; i < kept; i++)
        {
            resized[i] = _events[(_start + _count - kept + i) % _events.Length];
        }

        _events = resized;
        _start = 0;
        _count = kept;
    }
}
