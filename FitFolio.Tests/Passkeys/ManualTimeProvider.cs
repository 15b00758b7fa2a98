namespace FitFolio.Tests.Passkeys;

/// <summary>A clock tests move by hand, so expiry is tested without sleeping.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
