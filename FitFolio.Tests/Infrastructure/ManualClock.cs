namespace FitFolio.Tests.Infrastructure;

/// <summary>A clock tests move by hand, so fourteen days pass in no time and nothing sleeps.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
