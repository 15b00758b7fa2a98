namespace FitFolio.Silo.Membership;

/// <summary>One row of the membership table as read, with the row version for optimistic updates.</summary>
internal sealed record SiloEntry(SiloAddress Address, SiloStatus Status, long Version, TimeSpan SinceHeartbeat);
