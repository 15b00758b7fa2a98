namespace FitFolio.Silo.Readiness;

/// <summary>One silo incarnation's row: its address, the status the cluster last wrote, and when it last wrote that it was alive.</summary>
public sealed record MembershipRow(SiloAddress Silo, SiloStatus Status, DateTimeOffset IAmAliveTime)
{
    /// <summary>
    /// Active, and wrote that it was alive within <paramref name="window"/> before <paramref name="now"/>: a silo that is running, not one killed before anyone
    /// declared it dead.
    /// </summary>
    public bool IsLive(DateTimeOffset now, TimeSpan window) => Status == SiloStatus.Active && now - IAmAliveTime < window;
}
