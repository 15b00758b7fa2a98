using FitFolio.Grains.Users;

namespace FitFolio.Grains.Sessions;

/// <summary>The answer to "is this cookie a live session?", served from the user grain's memory.</summary>
public sealed record SessionCheck(bool Valid, UserProfile? User = null, Guid SessionId = default, bool RotationDue = false, DateTimeOffset AuthenticatedAt = default, string? AuthenticatedWith = null)
{
    public static SessionCheck Invalid { get; } = new(false);
}
