namespace FitFolio.Grains.RateLimiting;

/// <summary>The open audit row of a counter's refusals: its id, when its window closes, and how many it stands for.</summary>
internal sealed class RefusalSummary(long eventId, DateTimeOffset closesAt)
{
    public long EventId { get; } = eventId;

    public DateTimeOffset ClosesAt { get; } = closesAt;

    public long Count { get; set; } = 1;

    public long Written { get; set; } = 1;
}
