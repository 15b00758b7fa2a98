namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// The times of the events still inside a rule's window, in a ring. Exact (no fixed-window burst at
/// the boundary) and bounded by the rule's limit; the ring grows with use (doubling, up to the
/// limit), so a generous limit costs memory only for the clients that use it.
/// </summary>
internal sealed class SlidingLog
{
    private const int InitialCapacity = 16;

    private long[] _events = [];
    private int _start;
    private int _count;

    public bool IsEmpty => _count == 0;

    /// <summary>Whether one more event would be allowed at <paramref name="now"/> (UTC ticks), forgetting the events that left the window.</summary>
    public RateLimitDecision Evaluate(RateLimitRule rule, long now)
    {
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

    /// <summary>Counts one event at <paramref name="now"/> if <paramref name="rule"/> allows it: what every counter does per request.</summary>
    public RateLimitDecision Acquire(RateLimitRule rule, long now)
    {
        var decision = Evaluate(rule, now);
        if (decision.Allowed)
        {
            Add(now, rule.Limit);
        }

        return decision;
    }

    /// <summary>Counts an event that <see cref="Evaluate"/> allowed.</summary>
    public void Add(long now, int limit)
    {
        if (_count == _events.Length)
        {
            Resize(Math.Min(limit, Math.Max(InitialCapacity, _events.Length * 2)));
        }

        _events[(_start + _count) % _events.Length] = now;
        _count++;
    }

    public void Clear()
    {
        _count = 0;
        _start = 0;
    }

    /// <summary>The counted events, oldest first.</summary>
    public long[] ToArray()
    {
        var events = new long[_count];
        for (var i = 0; i < _count; i++)
        {
            events[i] = _events[(_start + i) % _events.Length];
        }

        return events;
    }

    /// <summary>Starts again from stored events (oldest first); the next <see cref="Evaluate"/> drops those past their window.</summary>
    public void Restore(long[] events)
    {
        _events = events.Length == 0 ? [] : (long[])events.Clone();
        _start = 0;
        _count = events.Length;
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
}
