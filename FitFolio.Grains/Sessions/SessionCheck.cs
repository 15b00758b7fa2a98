using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Users;

namespace FitFolio.Grains.Sessions;

/// <summary>
/// The answer to "is this cookie a live session?", served from the user grain's memory. A session
/// that ran out of time on this very check says how (<see cref="EndedBy"/>), so the front door can
/// audit the expiry with the request that noticed it. A live session also carries the account's
/// global rate-limit decision (<see cref="AccountLimit"/>): the user grain counts the request in the
/// same call, so a signed-in request costs the front door one grain call, not two.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.sessions.check")]
public sealed record SessionCheck(
    [property: Id(0)] bool Valid,
    [property: Id(1)] UserProfile? User = null,
    [property: Id(2)] Guid SessionId = default,
    [property: Id(3)] bool RotationDue = false,
    [property: Id(4)] DateTimeOffset AuthenticatedAt = default,
    [property: Id(5)] string? AuthenticatedWith = null,
    [property: Id(6)] string? EndedBy = null,
    [property: Id(7)] RateLimitDecision? AccountLimit = null)
{
    public const string Absolute = "absolute";
    public const string Idle = "idle";
    public const string Unrotated = "unrotated";

    public static SessionCheck Invalid { get; } = new(false);

    public static SessionCheck Ended(Guid sessionId, string endedBy) => new(false, SessionId: sessionId, EndedBy: endedBy);
}
