using FitFolio.Grains.Users;

namespace FitFolio.Grains.Sessions;

/// <summary>
/// The answer to "is this cookie a live session?", served from the user grain's memory. A session
/// that ran out of time on this very check says how (<see cref="EndedBy"/>), so the front door can
/// audit the expiry with the request that noticed it.
/// </summary>
public sealed record SessionCheck(bool Valid, UserProfile? User = null, Guid SessionId = default, bool RotationDue = false, DateTimeOffset AuthenticatedAt = default, string? AuthenticatedWith = null, string? EndedBy = null)
{
    public const string Absolute = "absolute";
    public const string Idle = "idle";
    public const string Unrotated = "unrotated";

    public static SessionCheck Invalid { get; } = new(false);

    public static SessionCheck Ended(Guid sessionId, string endedBy) => new(false, SessionId: sessionId, EndedBy: endedBy);
}
